#include "rpc/connection.hpp"

#include <asio/error.hpp>
#include <fmt/format.h>

#include "util/error.hpp"
#include "util/log.hpp"

namespace cvirt::rpc::detail {

namespace {
constexpr size_t kReadChunk = 64 * 1024;
}

Connection::Connection(std::unique_ptr<Stream> stream, size_t maxOutputBytes)
    : stream_(std::move(stream)), maxOutputBytes_(maxOutputBytes), readBuffer_(kReadChunk) {}

Connection::~Connection() {
    if (!closed_)
        stream_->close();
}

void Connection::start(PacketHandler onPacket, CloseHandler onClose) {
    onPacket_ = std::move(onPacket);
    onClose_ = std::move(onClose);
    readMore();
}

void Connection::readMore() {
    if (closed_ || paused_ || reading_)
        return;
    reading_ = true;
    stream_->asyncReadSome(readBuffer_, [self = shared_from_this()](std::error_code ec, size_t n) {
        self->reading_ = false;
        if (self->closed_)
            return;
        if (ec) {
            self->close(ec == asio::error::eof ? "end of file" : ec.message());
            return;
        }
        self->splitter_.feed(std::span<const uint8_t>(self->readBuffer_.data(), n));
        self->deliver();
        self->readMore();
    });
}

void Connection::deliver() {
    // A handler may pause, resume or close us; resume() calls back in here,
    // so guard against delivering out of order.
    if (delivering_)
        return;
    delivering_ = true;
    while (!closed_ && !paused_) {
        std::optional<Packet> packet;
        try {
            packet = splitter_.next();
        } catch (const Error& e) {
            delivering_ = false;
            close(e.message());
            return;
        }
        if (!packet)
            break;
        onPacket_(std::move(*packet));
    }
    delivering_ = false;
}

void Connection::send(std::vector<uint8_t> packet, std::function<void()> written) {
    if (closed_)
        return;
    // One packet is always accepted into an empty queue, so a large reply
    // gets out; beyond that the peer has to keep reading.
    if (queuedBytes_ > 0 && queuedBytes_ + packet.size() > maxOutputBytes_) {
        close(fmt::format("peer is not reading: {} bytes queued", queuedBytes_));
        return;
    }
    queuedBytes_ += packet.size();
    writeQueue_.push_back(std::move(packet));
    writtenCallbacks_.push_back(std::move(written));
    writeNext();
}

void Connection::writeNext() {
    if (closed_ || writing_ || writeQueue_.empty())
        return;
    writing_ = true;
    const auto& front = writeQueue_.front();
    stream_->asyncWrite(front, [self = shared_from_this()](std::error_code ec, size_t) {
        self->writing_ = false;
        if (self->closed_)
            return;
        if (ec) {
            self->close(ec.message());
            return;
        }
        self->queuedBytes_ -= self->writeQueue_.front().size();
        self->writeQueue_.pop_front();
        auto written = std::move(self->writtenCallbacks_.front());
        self->writtenCallbacks_.pop_front();
        self->writeNext();
        if (written)
            written();
    });
}

void Connection::pause() { paused_ = true; }

void Connection::resume() {
    if (!paused_ || closed_)
        return;
    paused_ = false;
    deliver();
    readMore();
}

void Connection::close(const std::string& reason) {
    if (closed_)
        return;
    closed_ = true;
    CVIRT_DEBUG("rpc.connection", "closing {}: {}", stream_->info().description, reason);
    stream_->close();
    // Queued writes are abandoned; their buffers stay alive until the
    // aborted handlers ran (they hold a reference to us).
    if (auto onClose = std::move(onClose_))
        onClose(reason);
}

}  // namespace cvirt::rpc::detail
