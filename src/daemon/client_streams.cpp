#include "daemon/client_streams.hpp"

#include "daemon/client_session.hpp"
#include "driver/stream.hpp"
#include "util/log.hpp"

namespace cvirt::daemon {

namespace {
constexpr std::string_view kLog = "daemon.stream";
}

StreamChannel::StreamChannel(rpc::ServerClient& client, rpc::StreamKey key, Stream stream)
    : client_(client.shared()), key_(key), stream_(std::move(stream)), buffer_(rpc::kStreamChunkMax) {}

void StreamChannel::start() {
    {
        std::lock_guard lock(mutex_);
        if (closed_ || started_)
            return;
        started_ = true;
    }
    std::weak_ptr<StreamChannel> weak = shared_from_this();
    // The callback runs on the stream's I/O thread; pump() only queues.
    stream_.addEventCallback(stream_event::kReadable, [weak](int) {
        if (auto self = weak.lock())
            self->pump();
    });
}

void StreamChannel::pump() {
    std::unique_lock lock(mutex_);
    if (closed_ || !started_ || inFlight_ || ended_)
        return;
    auto client = client_.lock();
    if (!client)
        return;
    long n;
    try {
        n = stream_.recv(buffer_);
    } catch (const Error& e) {
        CVIRT_DEBUG(kLog, "stream serial={} failed: {}", key_.serial, e.message());
        closed_ = true;
        lock.unlock();
        client->sendStreamPacket(rpc::encodeStreamError(key_, e));
        drop();
        return;
    }
    if (n == Stream::kWouldBlock)
        return;
    if (n == 0) {
        // The client still finishes (or aborts) the stream: keep it until then.
        ended_ = true;
        client->sendStreamPacket(rpc::encodeStreamEof(key_));
        return;
    }
    inFlight_ = true;
    std::weak_ptr<StreamChannel> weak = shared_from_this();
    client->sendStreamPacket(rpc::encodeStreamData(key_, std::span(buffer_.data(), static_cast<size_t>(n))), [weak] {
        auto self = weak.lock();
        if (!self)
            return;
        {
            std::lock_guard relock(self->mutex_);
            self->inFlight_ = false;
        }
        self->pump();
    });
}

void StreamChannel::onPacket(rpc::Packet&& packet) {
    auto client = client_.lock();
    if (!client)
        return;
    rpc::StreamEvent event;
    try {
        event = rpc::decodeStreamPacket(std::move(packet));
    } catch (const Error& e) {
        // libvirtd drops a client that breaks the stream protocol.
        CVIRT_WARN(kLog, "client {}: {}", client->id(), e.message());
        close();
        drop();
        client->close();
        return;
    }
    {
        std::lock_guard lock(mutex_);
        if (closed_)
            return;
        if (event.kind != rpc::StreamEvent::Kind::Data && event.kind != rpc::StreamEvent::Kind::Eof)
            closed_ = true;
    }
    try {
        switch (event.kind) {
        case rpc::StreamEvent::Kind::Data:
            stream_.send(event.data);
            return;
        case rpc::StreamEvent::Kind::Eof:
            // libvirtd writes the no bytes it got: nothing happens.
            return;
        case rpc::StreamEvent::Kind::Finish:
            stream_.finish();
            break;
        case rpc::StreamEvent::Kind::Error:
        case rpc::StreamEvent::Kind::Abort:
            stream_.abort();
            break;
        }
        client->sendStreamPacket(rpc::encodeStreamFinish(key_));
    } catch (const Error& e) {
        CVIRT_DEBUG(kLog, "stream serial={} failed: {}", key_.serial, e.message());
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
        }
        stream_.abort();
        client->sendStreamPacket(rpc::encodeStreamError(key_, e));
    }
    drop();
}

void StreamChannel::close() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    stream_.abort();
}

void StreamChannel::drop() {
    try {
        stream_.removeEventCallback();
    } catch (const Error&) {
        // Never started.
    }
    auto client = client_.lock();
    if (!client)
        return;
    if (auto session = client->userDataAs<ClientSession>())
        session->streams().remove(key_);
}

void ClientStreams::add(std::shared_ptr<StreamChannel> channel) {
    std::lock_guard lock(mutex_);
    channels_[channel->key()] = std::move(channel);
}

void ClientStreams::remove(const rpc::StreamKey& key) {
    std::shared_ptr<StreamChannel> gone;
    std::lock_guard lock(mutex_);
    auto it = channels_.find(key);
    if (it == channels_.end())
        return;
    // Destroyed after the lock is released (gone is declared first).
    gone = std::move(it->second);
    channels_.erase(it);
}

void ClientStreams::route(rpc::Packet&& packet) {
    std::shared_ptr<StreamChannel> channel;
    {
        std::lock_guard lock(mutex_);
        auto it = channels_.find(rpc::StreamKey::of(packet.header));
        if (it != channels_.end())
            channel = it->second;
    }
    if (!channel) {
        CVIRT_DEBUG(kLog, "ignoring {} of no open stream", rpc::describe(packet.header));
        return;
    }
    channel->onPacket(std::move(packet));
}

void ClientStreams::closeAll() {
    std::map<rpc::StreamKey, std::shared_ptr<StreamChannel>> all;
    {
        std::lock_guard lock(mutex_);
        all.swap(channels_);
    }
    for (auto& [key, channel] : all)
        channel->close();
}

size_t ClientStreams::size() const {
    std::lock_guard lock(mutex_);
    return channels_.size();
}

}  // namespace cvirt::daemon
