#include "drivers/qemu/monitor/qmp_client.hpp"

#include <poll.h>

#include <condition_variable>
#include <deque>
#include <future>
#include <map>
#include <mutex>

#include <asio/local/stream_protocol.hpp>
#include <asio/read_until.hpp>
#include <asio/steady_timer.hpp>
#include <asio/streambuf.hpp>
#include <asio/write.hpp>

#include "util/error.hpp"
#include "util/log.hpp"

namespace cvirt::qemu {

namespace {
constexpr const char* kLog = "qemu.qemu_monitor";
// A monitor line larger than this is hostile or broken; drop the monitor.
constexpr size_t kMaxLine = 64u << 20;
}  // namespace

struct QmpClient::Impl : std::enable_shared_from_this<Impl> {
    explicit Impl(asio::io_context& io) : io(io), socket(io) {}

    asio::io_context& io;
    asio::local::stream_protocol::socket socket;
    asio::streambuf input{kMaxLine};
    std::deque<std::string> output;

    std::mutex mutex;  // guards everything below
    uint64_t nextId = 1;
    std::map<uint64_t, ReplyHandler> pending;
    EventHandler onEvent;
    CloseHandler onClose;
    bool isClosed = false;
    uint64_t qemuVersion = 0;

    void send(std::string line) {
        asio::post(io, [self = shared_from_this(), line = std::move(line)]() mutable {
            bool idle = self->output.empty();
            self->output.push_back(std::move(line));
            if (idle)
                self->writeNext();
        });
    }

    void writeNext() {
        asio::async_write(socket, asio::buffer(output.front()),
                          [self = shared_from_this()](std::error_code ec, size_t) {
                              if (ec) {
                                  self->shutdown();
                                  return;
                              }
                              self->output.pop_front();
                              if (!self->output.empty())
                                  self->writeNext();
                          });
    }

    void readNext() {
        asio::async_read_until(socket, input, '\n', [self = shared_from_this()](std::error_code ec, size_t n) {
            if (ec) {
                self->shutdown();
                return;
            }
            std::string line(asio::buffers_begin(self->input.data()), asio::buffers_begin(self->input.data()) + n);
            self->input.consume(n);
            self->dispatch(line);
            self->readNext();
        });
    }

    void dispatch(const std::string& line) {
        Json msg = Json::parse(line, nullptr, false);
        if (msg.is_discarded() || !msg.is_object()) {
            CVIRT_WARN(kLog, "ignoring malformed monitor line: {}", line.substr(0, 200));
            return;
        }
        if (msg.contains("event")) {
            QmpEvent ev;
            ev.name = msg.value("event", "");
            ev.data = msg.contains("data") ? msg["data"] : Json();
            if (auto ts = msg.find("timestamp"); ts != msg.end() && ts->is_object()) {
                ev.seconds = ts->value("seconds", int64_t{0});
                ev.microseconds = ts->value("microseconds", int64_t{0});
            }
            EventHandler handler;
            {
                std::lock_guard lock(mutex);
                handler = onEvent;
            }
            if (handler)
                handler(ev);
            return;
        }
        auto idIt = msg.find("id");
        if (idIt == msg.end() || !idIt->is_number_unsigned())
            return;  // replies we did not ask for
        ReplyHandler handler;
        {
            std::lock_guard lock(mutex);
            auto it = pending.find(idIt->get<uint64_t>());
            if (it == pending.end())
                return;
            handler = std::move(it->second);
            pending.erase(it);
        }
        if (auto err = msg.find("error"); err != msg.end()) {
            std::string desc = err->is_object() ? err->value("desc", "unknown error") : "unknown error";
            handler(nullptr, &desc);
        } else {
            Json result = msg.contains("return") ? msg["return"] : Json::object();
            handler(&result, nullptr);
        }
    }

    void shutdown() {
        std::map<uint64_t, ReplyHandler> orphans;
        CloseHandler closeHandler;
        {
            std::lock_guard lock(mutex);
            if (isClosed)
                return;
            isClosed = true;
            orphans.swap(pending);
            closeHandler = onClose;
        }
        std::error_code ignored;
        socket.close(ignored);
        for (auto& [id, handler] : orphans)
            handler(nullptr, nullptr);
        if (closeHandler)
            closeHandler();
    }
};

std::shared_ptr<QmpClient> QmpClient::connect(asio::io_context& io, const std::string& socketPath,
                                              std::chrono::milliseconds timeout) {
    auto impl = std::make_shared<Impl>(io);
    std::error_code ec;
    impl->socket.connect(asio::local::stream_protocol::endpoint(socketPath), ec);
    if (ec)
        fail(ErrorCode::OperationFailed, ErrorDomain::Qemu, "failed to connect to monitor socket '{}': {}",
             socketPath, ec.message());
    // The greeting and the capabilities negotiation run synchronously on the
    // caller's thread before the socket is handed to the io_context.
    auto readLine = [&](std::string& line) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        impl->socket.non_blocking(true);
        for (;;) {
            std::error_code rec;
            size_t n = asio::read_until(impl->socket, impl->input, '\n', rec);
            if (!rec) {
                line.assign(asio::buffers_begin(impl->input.data()), asio::buffers_begin(impl->input.data()) + n);
                impl->input.consume(n);
                return;
            }
            if (rec != asio::error::would_block)
                fail(ErrorCode::OperationFailed, ErrorDomain::Qemu, "monitor closed during handshake: {}",
                     rec.message());
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0)
                fail(ErrorCode::OperationTimeout, ErrorDomain::Qemu, "no greeting from the QEMU monitor");
            pollfd p{impl->socket.native_handle(), POLLIN, 0};
            ::poll(&p, 1, static_cast<int>(left.count()));
        }
    };
    std::string line;
    readLine(line);
    Json greeting = Json::parse(line, nullptr, false);
    if (greeting.is_discarded() || !greeting.contains("QMP"))
        fail(ErrorCode::OperationFailed, ErrorDomain::Qemu, "unexpected QEMU monitor greeting");
    try {
        const auto& v = greeting["QMP"]["version"]["qemu"];
        impl->qemuVersion = v.value("major", 0ull) * 1000000 + v.value("minor", 0ull) * 1000 + v.value("micro", 0ull);
    } catch (const Json::exception&) {
    }
    std::string negotiate = R"({"execute":"qmp_capabilities","id":0})"
                            "\n";
    asio::write(impl->socket, asio::buffer(negotiate), ec);
    for (;;) {
        readLine(line);
        Json reply = Json::parse(line, nullptr, false);
        if (reply.is_object() && reply.contains("event"))
            continue;
        if (reply.is_discarded() || !reply.contains("return"))
            fail(ErrorCode::OperationFailed, ErrorDomain::Qemu, "QEMU refused qmp_capabilities");
        break;
    }
    impl->socket.non_blocking(false);
    asio::post(io, [impl] { impl->readNext(); });
    return std::shared_ptr<QmpClient>(new QmpClient(impl));
}

QmpClient::~QmpClient() { close(); }

void QmpClient::executeAsync(const std::string& command, const Json& arguments, ReplyHandler handler) {
    uint64_t id;
    {
        std::lock_guard lock(impl_->mutex);
        if (impl_->isClosed) {
            handler(nullptr, nullptr);
            return;
        }
        id = impl_->nextId++;
        impl_->pending.emplace(id, std::move(handler));
    }
    Json msg = {{"execute", command}, {"id", id}};
    if (!arguments.is_null())
        msg["arguments"] = arguments;
    CVIRT_DEBUG(kLog, "send {}", msg.dump());
    impl_->send(msg.dump() + "\n");
}

Json QmpClient::execute(const std::string& command, const Json& arguments, std::chrono::milliseconds timeout) {
    struct Outcome {
        std::mutex mutex;
        std::condition_variable cv;
        bool done = false;
        bool closed = false;
        Json result;
        std::string error;
        bool failed = false;
    };
    auto outcome = std::make_shared<Outcome>();
    executeAsync(command, arguments, [outcome](const Json* result, const std::string* error) {
        std::lock_guard lock(outcome->mutex);
        if (result)
            outcome->result = *result;
        else if (error) {
            outcome->error = *error;
            outcome->failed = true;
        } else
            outcome->closed = true;
        outcome->done = true;
        outcome->cv.notify_all();
    });
    std::unique_lock lock(outcome->mutex);
    if (!outcome->cv.wait_for(lock, timeout, [&] { return outcome->done; }))
        fail(ErrorCode::OperationTimeout, ErrorDomain::Qemu, "QEMU command '{}' did not answer", command);
    if (outcome->closed)
        fail(ErrorCode::OperationFailed, ErrorDomain::Qemu, "QEMU monitor closed while running '{}'", command);
    if (outcome->failed)
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "unable to execute QEMU command '{}': {}", command,
             outcome->error);
    return std::move(outcome->result);
}

void QmpClient::setEventHandler(EventHandler handler) {
    std::lock_guard lock(impl_->mutex);
    impl_->onEvent = std::move(handler);
}

void QmpClient::setCloseHandler(CloseHandler handler) {
    bool already;
    {
        std::lock_guard lock(impl_->mutex);
        impl_->onClose = handler;
        already = impl_->isClosed;
    }
    if (already && handler)
        handler();
}

uint64_t QmpClient::version() const { return impl_->qemuVersion; }

bool QmpClient::closed() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->isClosed;
}

void QmpClient::close() {
    asio::post(impl_->io, [impl = impl_] { impl->shutdown(); });
}

}  // namespace cvirt::qemu
