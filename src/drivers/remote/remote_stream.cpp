// Streams over the remote driver: the daemon's STREAM packets of one open
// call feed a driver::Stream, and what the user sends goes out as packets
// (libvirt's virnetclientstream.c).

#include <future>
#include <mutex>

#include "drivers/remote/remote_connection.hpp"
#include "drivers/remote/wire_convert.hpp"
#include "util/log.hpp"

namespace cvirt::drivers::remote {

namespace {

using namespace std::chrono_literals;

constexpr std::string_view kLog = "remote.stream";
// How long finish() waits for the daemon to confirm the end; keepalive
// notices a dead daemon sooner.
constexpr auto kFinishTimeout = 30s;

class RemoteStreamBackend : public driver::StreamBackend, public std::enable_shared_from_this<RemoteStreamBackend> {
public:
    RemoteStreamBackend(rpc::Client& client, std::weak_ptr<driver::Stream> stream)
        : client_(client), stream_(std::move(stream)) {}

    // Where the daemon's packets go; registered before the opening call.
    rpc::Client::StreamHandler handler() {
        return [weak = weak_from_this()](rpc::StreamEvent&& event) {
            if (auto self = weak.lock())
                self->onEvent(std::move(event));
        };
    }

    void opened(const rpc::StreamKey& key) {
        std::lock_guard lock(mutex_);
        key_ = key;
    }

    void write(std::span<const uint8_t> data) override {
        rpc::StreamKey key;
        {
            std::lock_guard lock(mutex_);
            if (closed_)
                throw Error(ErrorCode::InternalError, ErrorDomain::Streams, "stream is not open");
            key = key_;
        }
        for (auto& packet : rpc::streamChunks(key, data))
            client_.sendStreamPacket(std::move(packet));
    }

    void finish() override {
        std::future<void> confirmed;
        rpc::StreamKey key;
        {
            std::lock_guard lock(mutex_);
            if (closed_)
                return;
            closed_ = true;
            finishing_.emplace();
            confirmed = finishing_->get_future();
            key = key_;
        }
        client_.sendStreamPacket(rpc::encodeStreamFinish(key));
        bool answered = confirmed.wait_for(kFinishTimeout) == std::future_status::ready;
        client_.closeStream(key);
        if (!answered)
            fail(ErrorCode::OperationTimeout, ErrorDomain::Streams, "no answer to the end of the stream within {} s",
                 kFinishTimeout.count());
        confirmed.get();
    }

    void abort() override {
        rpc::StreamKey key;
        {
            std::lock_guard lock(mutex_);
            if (closed_)
                return;
            closed_ = true;
            key = key_;
        }
        // The daemon confirms with an empty OK, which nobody needs to wait
        // for: routing stops here and later packets of the stream are dropped.
        client_.closeStream(key);
        client_.sendStreamPacket(rpc::encodeStreamAbort(key));
    }

private:
    // On the client's socket loop.
    void onEvent(rpc::StreamEvent&& event) {
        {
            std::lock_guard lock(mutex_);
            if (finishing_) {
                // Data still on its way when we finished is dropped.
                if (event.kind == rpc::StreamEvent::Kind::Data || event.kind == rpc::StreamEvent::Kind::Eof)
                    return;
                if (event.kind == rpc::StreamEvent::Kind::Finish)
                    finishing_->set_value();
                else
                    finishing_->set_exception(std::make_exception_ptr(errorOf(event)));
                finishing_.reset();
                return;
            }
        }
        auto stream = stream_.lock();
        if (!stream)
            return;
        switch (event.kind) {
        case rpc::StreamEvent::Kind::Data:
            // The daemon sends one chunk at a time; there is no reading to
            // pause here, so a full buffer just grows.
            stream->deliver(event.data);
            return;
        case rpc::StreamEvent::Kind::Eof:
        case rpc::StreamEvent::Kind::Finish:  // unasked: libvirt's client takes it as the end too
            stream->deliverEnd();
            return;
        case rpc::StreamEvent::Kind::Error:
        case rpc::StreamEvent::Kind::Abort:
            stream->deliverError(errorOf(event));
            return;
        }
    }

    static Error errorOf(const rpc::StreamEvent& event) {
        if (event.error)
            return *event.error;
        return Error(ErrorCode::Rpc, ErrorDomain::Streams, "stream aborted by the daemon");
    }

    rpc::Client& client_;
    std::weak_ptr<driver::Stream> stream_;
    std::mutex mutex_;  // guards what follows
    rpc::StreamKey key_;
    bool closed_ = false;
    std::optional<std::promise<void>> finishing_;
};

}  // namespace

void RemoteConnection::domainOpenConsole(const DomainRef& dom, const std::optional<std::string>& devname,
                                         const std::shared_ptr<driver::Stream>& stream, unsigned flags) {
    auto backend = std::make_shared<RemoteStreamBackend>(client(), stream);
    stream->attach(backend);
    try {
        wire::DomainOpenConsoleArgs args{toWire<wire::DomainRef>(dom), devname, flags};
        backend->opened(client().callOpeningStream<wire::DOMAIN_OPEN_CONSOLE>(args, backend->handler()));
    } catch (...) {
        stream->detach();
        throw;
    }
    CVIRT_DEBUG(kLog, "console of '{}' open", dom.name);
}

}  // namespace cvirt::drivers::remote
