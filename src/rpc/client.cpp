#include "rpc/client.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "rpc/asio_stream.hpp"
#include "rpc/connection.hpp"
#include "rpc/keepalive.hpp"
#include "rpc/keepalive_protocol.hpp"
#include "rpc/remote_protocol.hpp"
#include "rpc/wire_error.hpp"
#include "util/log.hpp"

namespace cvirt::rpc {

namespace {

constexpr std::string_view kLog = "rpc.client";

std::string procedureLabel(uint32_t program, int32_t procedure) {
    if (program == kRemoteProgram)
        return remote::procedureName(procedure);
    return fmt::format("{} procedure {}", programName(program), procedure);
}

std::vector<uint8_t> keepalivePacket(int32_t procedure) {
    return encodePacket(Header{kKeepaliveProgram, kProtocolVersion, procedure, MessageType::Message, 0,
                               MessageStatus::Ok},
                        {});
}

// Runs event handlers one at a time, off the socket loop, so a handler may
// block or call back into the client.
class SerialExecutor {
public:
    SerialExecutor() : thread_([this] { run(); }) {}
    ~SerialExecutor() { stop(); }

    void post(std::function<void()> job) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_)
                return;
            jobs_.push_back(std::move(job));
        }
        wake_.notify_one();
    }

    void stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_one();
        if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id())
            thread_.join();
        else if (thread_.joinable())
            thread_.detach();
    }

private:
    void run() {
        std::unique_lock lock(mutex_);
        for (;;) {
            wake_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty())
                return;
            auto job = std::move(jobs_.front());
            jobs_.pop_front();
            lock.unlock();
            try {
                job();
            } catch (const std::exception& e) {
                CVIRT_WARN(kLog, "event handler failed: {}", e.what());
            }
            lock.lock();
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace

struct Client::Impl : std::enable_shared_from_this<Client::Impl> {
    struct Pending {
        std::promise<std::vector<uint8_t>> promise;
        uint32_t program;
        int32_t procedure;
    };

    explicit Impl(ClientOptions opts) : options(std::move(opts)), work(asio::make_work_guard(io)) {
        loop = std::thread([this] { io.run(); });
    }

    ~Impl() { shutdown(); }

    void start(std::unique_ptr<Stream> stream) {
        if (options.wrap)
            stream = options.wrap(std::move(stream));
        info = stream->info();
        connection = std::make_shared<detail::Connection>(std::move(stream), options.maxOutputBytes);
        std::weak_ptr<Impl> weak = shared_from_this();
        asio::post(io, [weak] {
            auto self = weak.lock();
            if (!self)
                return;
            self->connection->start(
                [weak](Packet&& packet) {
                    if (auto s = weak.lock())
                        s->onPacket(std::move(packet));
                },
                [weak](const std::string& reason) {
                    if (auto s = weak.lock())
                        s->onClosed(reason);
                });
        });
    }

    // Queues a packet from any thread. Handlers hold the Impl weakly, so a
    // handler left in a stopped loop does not keep it alive.
    void post(std::vector<uint8_t> bytes) {
        asio::post(io, [weak = weak_from_this(), bytes = std::move(bytes)]() mutable {
            if (auto self = weak.lock())
                self->connection->send(std::move(bytes));
        });
    }

    // Runs `fn` on the loop and waits for it (inline when already there).
    template <typename Fn>
    void onLoopAndWait(Fn fn) {
        if (io.get_executor().running_in_this_thread() || io.stopped()) {
            fn();
            return;
        }
        std::promise<void> done;
        asio::post(io, [&] {
            fn();
            done.set_value();
        });
        done.get_future().wait();
    }

    void shutdown() {
        if (shutDown.exchange(true))
            return;
        onLoopAndWait([this] {
            if (keepalive)
                keepalive->stop();
            if (connection)
                connection->close("closed by the client");
        });
        events.stop();
        work.reset();
        io.stop();
        if (loop.joinable()) {
            if (loop.get_id() == std::this_thread::get_id())
                loop.detach();
            else
                loop.join();
        }
    }

    void onPacket(Packet&& packet) {
        if (keepalive)
            keepalive->received();
        const Header& h = packet.header;
        switch (h.type) {
        case MessageType::Reply:
        case MessageType::ReplyWithFds:
            onReply(std::move(packet));
            return;
        case MessageType::Message:
            if (h.program == kKeepaliveProgram) {
                if (h.procedure == keepalive::PING::kNumber)
                    connection->send(keepalivePacket(keepalive::PONG::kNumber));
                return;
            }
            onEvent(std::move(packet));
            return;
        case MessageType::Stream:
        case MessageType::StreamHole:
            onStream(std::move(packet));
            return;
        default:
            CVIRT_DEBUG(kLog, "ignoring {}", describe(h));
            return;
        }
    }

    // Runs on the loop, so a stream's packets reach its handler in order.
    void onStream(Packet&& packet) {
        StreamKey key = StreamKey::of(packet.header);
        StreamHandler handler;
        {
            std::lock_guard lock(mutex);
            auto it = streams.find(key);
            if (it == streams.end()) {
                // A stream we closed may still have packets on the way.
                CVIRT_DEBUG(kLog, "no stream for {}", describe(packet.header));
                return;
            }
            handler = it->second;
        }
        StreamEvent event;
        try {
            event = decodeStreamPacket(std::move(packet));
        } catch (const Error& e) {
            event = StreamEvent{StreamEvent::Kind::Error, {}, e};
        }
        if (event.kind == StreamEvent::Kind::Error || event.kind == StreamEvent::Kind::Abort) {
            // Nothing follows a failure on the same stream.
            std::lock_guard lock(mutex);
            streams.erase(key);
        }
        handler(std::move(event));
    }

    void onReply(Packet&& packet) {
        std::shared_ptr<Pending> pending;
        {
            std::lock_guard lock(mutex);
            auto it = this->pending.find(packet.header.serial);
            if (it == this->pending.end()) {
                CVIRT_DEBUG(kLog, "reply to a call nobody waits for: {}", describe(packet.header));
                return;
            }
            pending = std::move(it->second);
            this->pending.erase(it);
        }
        std::span<const uint8_t> payload = packet.payload;
        try {
            if (packet.header.type == MessageType::ReplyWithFds) {
                // We pass no fds, so a daemon sends none: skip the count.
                if (payload.size() < 4)
                    failDecode("reply without its fd count");
                payload = payload.subspan(4);
            }
            switch (packet.header.status) {
            case MessageStatus::Ok:
                pending->promise.set_value(std::vector<uint8_t>(payload.begin(), payload.end()));
                return;
            case MessageStatus::Error:
                throw fromWireError(decode<WireError>(payload));
            default:
                throw rpcError(fmt::format("unexpected reply status {}", messageStatusName(packet.header.status)));
            }
        } catch (const Error& e) {
            pending->promise.set_exception(std::make_exception_ptr(e));
        }
    }

    void onEvent(Packet&& packet) {
        MessageHandler handler;
        {
            std::lock_guard lock(mutex);
            auto it = handlers.find({packet.header.program, packet.header.procedure});
            if (it != handlers.end())
                handler = it->second;
        }
        if (!handler) {
            CVIRT_DEBUG(kLog, "no handler for {}", describe(packet.header));
            return;
        }
        events.post([handler = std::move(handler), packet = std::move(packet)] {
            try {
                handler(packet.header, packet.payload);
            } catch (const Error& e) {
                CVIRT_WARN(kLog, "dropping {}: {}", describe(packet.header), e.message());
            }
        });
    }

    void onClosed(const std::string& reason) {
        std::map<uint32_t, std::shared_ptr<Pending>> waiting;
        std::map<StreamKey, StreamHandler> open;
        std::function<void(const std::string&)> handler;
        {
            std::lock_guard lock(mutex);
            closed = true;
            waiting.swap(pending);
            open.swap(streams);
            handler = closeHandler;
        }
        if (keepalive)
            keepalive->stop();
        std::string text = reason == "end of file" ? "End of file while reading data: Input/output error"
                                                   : "Connection closed: " + reason;
        for (auto& [serial, p] : waiting)
            p->promise.set_exception(
                std::make_exception_ptr(Error::raw(ErrorCode::SystemError, ErrorDomain::Rpc, text)));
        for (auto& [key, stream] : open)
            stream(StreamEvent{StreamEvent::Kind::Error, {}, Error::raw(ErrorCode::SystemError, ErrorDomain::Rpc, text)});
        if (handler)
            events.post([handler, reason] { handler(reason); });
    }

    ClientOptions options;
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work;
    std::thread loop;
    std::shared_ptr<detail::Connection> connection;
    std::shared_ptr<detail::Keepalive> keepalive;  // loop thread only
    StreamInfo info;
    std::optional<Process> child;
    SerialExecutor events;
    std::atomic<bool> shutDown{false};

    std::mutex mutex;  // guards what follows
    std::map<uint32_t, std::shared_ptr<Pending>> pending;
    std::map<std::pair<uint32_t, int32_t>, MessageHandler> handlers;
    std::map<StreamKey, StreamHandler> streams;
    std::function<void(const std::string&)> closeHandler;
    uint32_t nextSerial = 0;
    bool closed = false;
};

Client::Client(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

Client::~Client() { impl_->shutdown(); }

std::unique_ptr<Client> Client::connectUnix(const std::string& path, ClientOptions options) {
    using Protocol = asio::local::stream_protocol;
    auto impl = std::make_shared<Impl>(std::move(options));
    Protocol::socket socket(impl->io);
    std::error_code ec;
    try {
        socket.connect(Protocol::endpoint(path), ec);
    } catch (const std::system_error& e) {  // a path too long for sockaddr_un
        ec = e.code();
    }
    if (ec)
        throw Error::system(ErrorDomain::Rpc, ec.value(), fmt::format("Failed to connect socket to '{}'", path));
    StreamInfo info;
    info.description = "unix:" + path;
    info.secure = true;
    impl->start(std::make_unique<detail::SocketStream<Protocol::socket>>(std::move(socket), std::move(info)));
    return std::unique_ptr<Client>(new Client(std::move(impl)));
}

std::unique_ptr<Client> Client::connectTcp(const std::string& host, uint16_t port, ClientOptions options) {
    using asio::ip::tcp;
    auto impl = std::make_shared<Impl>(std::move(options));
    tcp::resolver resolver(impl->io);
    std::error_code ec;
    auto endpoints = resolver.resolve(host, std::to_string(port), tcp::resolver::numeric_service, ec);
    if (ec)
        throw Error(ErrorCode::UnknownHost, ErrorDomain::Rpc, fmt::format("{}: {}", host, ec.message()));
    tcp::socket socket(impl->io);
    asio::connect(socket, endpoints, ec);
    if (ec)
        throw Error::system(ErrorDomain::Rpc, ec.value(), fmt::format("unable to connect to server at '{}:{}'", host, port));
    socket.set_option(tcp::no_delay(true), ec);
    auto info = detail::tcpStreamInfo(socket);
    impl->start(std::make_unique<detail::SocketStream<tcp::socket>>(std::move(socket), std::move(info)));
    return std::unique_ptr<Client>(new Client(std::move(impl)));
}

std::unique_ptr<Client> Client::connectCommand(Command command, ClientOptions options) {
    auto impl = std::make_shared<Impl>(std::move(options));
    command.in = Stdio{Stdio::Pipe{}};
    command.out = Stdio{Stdio::Pipe{}};
    std::string description = "pipe:" + command.toString();
    impl->child = Process::spawn(command);
    asio::posix::stream_descriptor in(impl->io, impl->child->stdoutPipe().release());
    asio::posix::stream_descriptor out(impl->io, impl->child->stdinPipe().release());
    StreamInfo info;
    info.description = std::move(description);
    info.secure = true;  // the command (ssh) owns the link's security
    info.encrypted = true;
    impl->start(std::make_unique<detail::PipeStream>(std::move(in), std::move(out), std::move(info)));
    return std::unique_ptr<Client>(new Client(std::move(impl)));
}

std::vector<uint8_t> Client::callRaw(uint32_t program, uint32_t version, int32_t procedure,
                                     std::span<const uint8_t> payload,
                                     std::optional<std::chrono::milliseconds> timeout) {
    return callRegistering(program, version, procedure, payload, timeout, nullptr);
}

std::vector<uint8_t> Client::callRegistering(uint32_t program, uint32_t version, int32_t procedure,
                                             std::span<const uint8_t> payload,
                                             std::optional<std::chrono::milliseconds> timeout,
                                             const std::function<void(uint32_t serial)>& registered) {
    auto pending = std::make_shared<Impl::Pending>();
    pending->program = program;
    pending->procedure = procedure;
    auto future = pending->promise.get_future();
    uint32_t serial;
    std::vector<uint8_t> bytes;
    {
        std::lock_guard lock(impl_->mutex);
        if (impl_->closed)
            throw Error(ErrorCode::InternalError, ErrorDomain::Rpc, "client socket is closed");
        serial = impl_->nextSerial;
        bytes = encodePacket(Header{program, version, procedure, MessageType::Call, serial, MessageStatus::Ok}, payload);
        ++impl_->nextSerial;
        impl_->pending.emplace(serial, pending);
        if (registered)
            registered(serial);
    }
    impl_->post(std::move(bytes));

    auto wait = timeout.value_or(impl_->options.timeout);
    if (wait.count() > 0 && future.wait_for(wait) == std::future_status::timeout) {
        {
            std::lock_guard lock(impl_->mutex);
            impl_->pending.erase(serial);
        }
        // The reply may have landed between the wait and the erase.
        if (future.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
            throw Error(ErrorCode::OperationTimeout, ErrorDomain::Rpc,
                        fmt::format("no reply to {} within {} ms", procedureLabel(program, procedure), wait.count()));
    }
    return future.get();
}

StreamKey Client::callOpeningStream(uint32_t program, uint32_t version, int32_t procedure,
                                    std::span<const uint8_t> payload, StreamHandler handler,
                                    std::optional<std::chrono::milliseconds> timeout) {
    StreamKey key{program, version, procedure, 0};
    bool registered = false;
    try {
        // Under the client's mutex: the handler is in place before the call
        // leaves, and so before any packet of the stream can arrive.
        callRegistering(program, version, procedure, payload, timeout, [&](uint32_t serial) {
            key.serial = serial;
            impl_->streams.emplace(key, std::move(handler));
            registered = true;
        });
    } catch (...) {
        if (registered)
            closeStream(key);
        throw;
    }
    return key;
}

void Client::sendStreamPacket(std::vector<uint8_t> packet) { impl_->post(std::move(packet)); }

void Client::closeStream(const StreamKey& key) {
    std::lock_guard lock(impl_->mutex);
    impl_->streams.erase(key);
}

void Client::onMessage(uint32_t program, int32_t procedure, MessageHandler handler) {
    std::lock_guard lock(impl_->mutex);
    impl_->handlers[{program, procedure}] = std::move(handler);
}

void Client::onClose(std::function<void(const std::string& reason)> handler) {
    std::lock_guard lock(impl_->mutex);
    impl_->closeHandler = std::move(handler);
}

void Client::sendMessage(uint32_t program, uint32_t version, int32_t procedure, std::span<const uint8_t> payload) {
    auto bytes = encodePacket(Header{program, version, procedure, MessageType::Message, 0, MessageStatus::Ok}, payload);
    impl_->post(std::move(bytes));
}

void Client::startKeepalive(std::chrono::milliseconds interval, unsigned count) {
    asio::post(impl_->io, [weak = std::weak_ptr<Impl>(impl_), interval, count] {
        auto impl = weak.lock();
        if (!impl || impl->keepalive || impl->connection->isClosed())
            return;
        impl->keepalive = std::make_shared<detail::Keepalive>(
            impl->io, interval, count,
            [weak] {
                if (auto i = weak.lock())
                    i->connection->send(keepalivePacket(keepalive::PING::kNumber));
            },
            [weak] {
                if (auto i = weak.lock())
                    i->connection->close("keepalive timeout: the server does not answer");
            });
        impl->keepalive->start();
    });
}

void Client::close() {
    impl_->onLoopAndWait([impl = impl_.get()] {
        if (impl->connection)
            impl->connection->close("closed by the client");
    });
}

bool Client::isOpen() const {
    std::lock_guard lock(impl_->mutex);
    return !impl_->closed;
}

const StreamInfo& Client::transport() const { return impl_->info; }

}  // namespace cvirt::rpc
