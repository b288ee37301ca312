#include "driver/stream.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "util/log.hpp"

namespace cvirt::driver {

namespace {

constexpr std::string_view kLog = "driver.stream";

[[noreturn]] void notOpen() { throw Error(ErrorCode::InternalError, ErrorDomain::Streams, "stream is not open"); }

}  // namespace

Stream::Stream(unsigned flags) : flags_(flags) {}

Stream::~Stream() {
    if (state_ == State::Open && backend_) {
        try {
            backend_->abort();
        } catch (const std::exception& e) {
            CVIRT_DEBUG(kLog, "aborting a dropped stream: {}", e.what());
        }
    }
}

void Stream::attach(std::shared_ptr<StreamBackend> backend) {
    std::lock_guard lock(mutex_);
    if (state_ != State::Unbound)
        throw Error(ErrorCode::InternalError, ErrorDomain::Streams, "stream is already in use");
    backend_ = std::move(backend);
    state_ = State::Open;
}

void Stream::detach() {
    std::lock_guard lock(mutex_);
    backend_.reset();
    state_ = State::Unbound;
}

int Stream::readyLocked() const {
    int ready = 0;
    if (receivedBytes_ > 0 || ended_ || error_)
        ready |= stream_event::kReadable;
    if (error_)
        ready |= stream_event::kError;
    if (ended_)
        ready |= stream_event::kHangup;
    return ready & events_;
}

void Stream::notify(int events) {
    std::shared_ptr<EventCallback> callback;
    {
        std::lock_guard lock(mutex_);
        events &= events_;
        callback = callback_;
    }
    // Outside the lock: the callback reads from this stream.
    if (callback && events)
        (*callback)(events);
}

bool Stream::deliver(std::span<const uint8_t> data) {
    if (data.empty())
        return true;
    bool more;
    {
        std::lock_guard lock(mutex_);
        if (state_ == State::Closed)
            return false;
        received_.emplace_back(data.begin(), data.end());
        receivedBytes_ += data.size();
        more = receivedBytes_ < kReceiveBufferMax;
        paused_ = !more;
    }
    changed_.notify_all();
    notify(stream_event::kReadable);
    return more;
}

void Stream::deliverEnd() {
    {
        std::lock_guard lock(mutex_);
        if (ended_ || error_)
            return;
        ended_ = true;
    }
    changed_.notify_all();
    notify(stream_event::kReadable | stream_event::kHangup);
}

void Stream::deliverError(const Error& error) {
    {
        std::lock_guard lock(mutex_);
        if (ended_ || error_)
            return;
        error_ = error;
    }
    changed_.notify_all();
    notify(stream_event::kReadable | stream_event::kError);
}

std::shared_ptr<StreamBackend> Stream::backendOrThrow(const char* api) {
    std::lock_guard lock(mutex_);
    if (error_)
        throw *error_;
    if (state_ == State::Unbound && !backend_)
        throw Error(ErrorCode::NoSupport, ErrorDomain::Streams, api);
    if (state_ != State::Open)
        notOpen();
    return backend_;
}

size_t Stream::send(std::span<const uint8_t> data) {
    auto backend = backendOrThrow("virStreamSend");
    if (!data.empty())
        backend->write(data);
    return data.size();
}

long Stream::recv(std::span<uint8_t> buffer) {
    std::shared_ptr<StreamBackend> resume;
    long got = 0;
    {
        std::unique_lock lock(mutex_);
        if (state_ == State::Unbound)
            throw Error(ErrorCode::NoSupport, ErrorDomain::Streams, "virStreamRecv");
        changed_.wait(lock, [&] {
            return receivedBytes_ > 0 || ended_ || error_ || state_ == State::Closed ||
                   (flags_ & flags::kStreamNonBlock);
        });
        if (receivedBytes_ == 0) {
            if (error_)
                throw *error_;
            if (ended_)
                return 0;
            if (state_ == State::Closed)
                notOpen();
            return kWouldBlock;
        }
        size_t want = std::min(buffer.size(), static_cast<size_t>(std::numeric_limits<long>::max()));
        while (want > 0 && !received_.empty()) {
            auto& front = received_.front();
            size_t n = std::min(want, front.size() - receivedOffset_);
            std::memcpy(buffer.data() + got, front.data() + receivedOffset_, n);
            got += static_cast<long>(n);
            want -= n;
            receivedOffset_ += n;
            receivedBytes_ -= n;
            if (receivedOffset_ == front.size()) {
                received_.pop_front();
                receivedOffset_ = 0;
            }
        }
        if (paused_ && receivedBytes_ < kReceiveBufferMax / 2) {
            paused_ = false;
            resume = backend_;
        }
    }
    if (resume)
        resume->resume();
    return got;
}

void Stream::finish() {
    std::shared_ptr<StreamBackend> backend;
    std::optional<Error> failed;
    {
        std::lock_guard lock(mutex_);
        if (state_ == State::Unbound)
            throw Error(ErrorCode::NoSupport, ErrorDomain::Streams, "virStreamFinish");
        if (state_ == State::Closed)
            notOpen();
        state_ = State::Closed;
        backend = std::move(backend_);
        failed = error_;
    }
    changed_.notify_all();
    if (failed) {
        backend->abort();
        throw *failed;
    }
    backend->finish();
}

void Stream::abort() {
    std::shared_ptr<StreamBackend> backend;
    {
        std::lock_guard lock(mutex_);
        // As libvirt: aborting a stream no call opened, or one already
        // closed, does nothing.
        if (state_ != State::Open)
            return;
        state_ = State::Closed;
        backend = std::move(backend_);
    }
    changed_.notify_all();
    backend->abort();
}

void Stream::addEventCallback(int events, EventCallback callback) {
    int ready;
    {
        std::lock_guard lock(mutex_);
        if (callback_)
            throw Error(ErrorCode::InternalError, ErrorDomain::Streams, "stream already has a callback registered");
        callback_ = std::make_shared<EventCallback>(std::move(callback));
        events_ = events;
        ready = readyLocked() | (events & stream_event::kWritable);
    }
    if (ready)
        notify(ready);
}

void Stream::updateEventCallback(int events) {
    int ready;
    {
        std::lock_guard lock(mutex_);
        if (!callback_)
            throw Error(ErrorCode::InternalError, ErrorDomain::Streams, "stream does not have a callback registered");
        events_ = events;
        ready = readyLocked() | (events & stream_event::kWritable);
    }
    if (ready)
        notify(ready);
}

void Stream::removeEventCallback() {
    std::lock_guard lock(mutex_);
    if (!callback_)
        throw Error(ErrorCode::InternalError, ErrorDomain::Streams, "stream does not have a callback registered");
    callback_.reset();
    events_ = 0;
}

}  // namespace cvirt::driver
