#pragma once
// A QMP (QEMU Machine Protocol) client: JSON commands with ids over a unix
// socket, replies matched to their command, events delivered as they come.
//
// Threading: all socket I/O runs on the asio io_context given at connect
// (one thread can serve thousands of monitors). execute() blocks the calling
// thread until the reply or the timeout and must not be called from that
// io_context's thread; executeAsync() may be called from anywhere.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <asio/io_context.hpp>
#include <nlohmann/json.hpp>

namespace cvirt::qemu {

using Json = nlohmann::json;

struct QmpEvent {
    std::string name;      // "SHUTDOWN", "STOP", "RESUME", ...
    Json data;             // the event's "data" (may be null)
    int64_t seconds = 0;   // QEMU's timestamp
    int64_t microseconds = 0;
};

class QmpClient {
public:
    using EventHandler = std::function<void(const QmpEvent&)>;
    using CloseHandler = std::function<void()>;
    using ReplyHandler = std::function<void(const Json* result, const std::string* error)>;

    // Connects to QEMU's monitor socket, reads the greeting and negotiates
    // capabilities. Throws Error(OPERATION_FAILED) with the reason when QEMU
    // is not there or does not answer within `timeout`.
    static std::shared_ptr<QmpClient> connect(asio::io_context& io, const std::string& socketPath,
                                              std::chrono::milliseconds timeout);
    ~QmpClient();

    // Runs `command` and returns its "return" value. Throws
    // Error(INTERNAL_ERROR, "unable to execute QEMU command 'x': desc") when
    // QEMU answers with an error, Error(OPERATION_TIMEOUT) on timeout, and
    // Error(OPERATION_FAILED) when the monitor is closed.
    Json execute(const std::string& command, const Json& arguments = nullptr,
                 std::chrono::milliseconds timeout = std::chrono::seconds(30));
    void executeAsync(const std::string& command, const Json& arguments, ReplyHandler handler);

    // Handlers run on the io thread; keep them short and non-blocking.
    void setEventHandler(EventHandler handler);
    void setCloseHandler(CloseHandler handler);

    // The version QEMU announced in its greeting, e.g. 7002022 for 7.2.22.
    uint64_t version() const;
    bool closed() const;
    void close();

private:
    struct Impl;
    explicit QmpClient(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
    std::shared_ptr<Impl> impl_;
};

}  // namespace cvirt::qemu
