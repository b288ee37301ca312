#pragma once
// A data stream (libvirt's virStream) as drivers see it. The caller creates
// it unbound; the driver call that opens it (domainOpenConsole) attaches a
// StreamBackend that carries the bytes: a pty in the QEMU driver, STREAM
// packets in the remote driver. Bytes from the backend wait in the stream
// until the user receives them; bytes the user sends go straight to the
// backend.
//
// Thread safety: every method may be called from any thread. A backend
// delivers from its own thread (an event loop); event callbacks run there,
// so they must not block: in particular they must not call finish(), which
// may wait for the far end.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "driver/types.hpp"
#include "util/error.hpp"

namespace cvirt::driver {

// What a driver plugs into a stream: the far end of its bytes.
class StreamBackend {
public:
    virtual ~StreamBackend() = default;
    // Queues `data` for the far end without blocking. Throws Error when the
    // far end is gone.
    virtual void write(std::span<const uint8_t> data) = 0;
    // No more data from our side: the far end sees the end after what was
    // written (virStreamFinish). May wait for the far end's answer.
    virtual void finish() = 0;
    // Drops the stream now, queued data included (virStreamAbort).
    virtual void abort() = 0;
    // The receive buffer drained after deliver() asked the backend to stop
    // reading: it may read again.
    virtual void resume() {}
};

class Stream {
public:
    // recv() in non-blocking mode when nothing is buffered (libvirt's -2).
    static constexpr long kWouldBlock = -2;
    // Bytes buffered before deliver() asks the backend to pause.
    static constexpr size_t kReceiveBufferMax = 1 << 20;

    using EventCallback = std::function<void(int events)>;

    explicit Stream(unsigned flags);
    ~Stream();  // aborts a backend that is still open
    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;

    unsigned flags() const { return flags_; }

    // ---- the driver's side ----
    // Binds the backend of the call that opened the stream. A stream serves
    // one open call: a second attach fails.
    void attach(std::shared_ptr<StreamBackend> backend);
    // Unbinds the backend without closing it (an open call that failed
    // after attaching).
    void detach();
    // Bytes from the far end. False when the buffer is full: the backend
    // stops reading until resume().
    bool deliver(std::span<const uint8_t> data);
    // The far end has no more data; recv() returns 0 once the buffer is read.
    void deliverEnd();
    // The far end failed: recv() and send() throw `error` once the buffer is
    // read.
    void deliverError(const Error& error);

    // ---- the user's side (the public API's Stream) ----
    // Hands all of `data` to the backend; returns its size.
    size_t send(std::span<const uint8_t> data);
    // Up to buffer.size() bytes; 0 at the end of the stream; kWouldBlock
    // when non-blocking and nothing is buffered. Blocking mode waits.
    long recv(std::span<uint8_t> buffer);
    void finish();
    void abort();

    // Calls `callback` with the subset of `events` that became true: READABLE
    // when data, the end or an error arrived (also at once when that is
    // already so), ERROR/HANGUP with an error/the end, WRITABLE once per
    // (re)arming, as sending never blocks.
    void addEventCallback(int events, EventCallback callback);
    void updateEventCallback(int events);
    void removeEventCallback();

private:
    enum class State { Unbound, Open, Closed };
    // What is true now among `events_`; called with mutex_ held.
    int readyLocked() const;
    void notify(int events);
    std::shared_ptr<StreamBackend> backendOrThrow(const char* api);

    const unsigned flags_;
    mutable std::mutex mutex_;  // guards everything below
    std::condition_variable changed_;
    State state_ = State::Unbound;
    std::shared_ptr<StreamBackend> backend_;
    std::deque<std::vector<uint8_t>> received_;
    size_t receivedOffset_ = 0;  // consumed bytes of received_.front()
    size_t receivedBytes_ = 0;
    bool ended_ = false;
    bool paused_ = false;  // deliver() asked the backend to stop reading
    std::optional<Error> error_;
    std::shared_ptr<EventCallback> callback_;
    int events_ = 0;
};

}  // namespace cvirt::driver
