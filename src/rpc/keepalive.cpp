#include "rpc/keepalive.hpp"

namespace cvirt::rpc::detail {

Keepalive::Keepalive(asio::io_context& io, std::chrono::milliseconds interval, unsigned count,
                     std::function<void()> sendPing, std::function<void()> onDead)
    : timer_(io), interval_(interval), count_(count), sendPing_(std::move(sendPing)), onDead_(std::move(onDead)),
      lastReceived_(std::chrono::steady_clock::now()) {}

void Keepalive::start() {
    if (running_ || interval_.count() <= 0)
        return;
    running_ = true;
    lastReceived_ = std::chrono::steady_clock::now();
    unanswered_ = 0;
    arm();
}

void Keepalive::stop() {
    running_ = false;
    timer_.cancel();
}

void Keepalive::received() {
    lastReceived_ = std::chrono::steady_clock::now();
    unanswered_ = 0;
}

void Keepalive::arm() {
    timer_.expires_after(interval_);
    timer_.async_wait([weak = weak_from_this()](std::error_code ec) {
        auto self = weak.lock();
        if (ec || !self || !self->running_)
            return;
        auto quiet = std::chrono::steady_clock::now() - self->lastReceived_;
        // A little slack: the timer and the last packet race by a tick.
        if (quiet + std::chrono::milliseconds(5) >= self->interval_) {
            if (self->unanswered_ >= self->count_) {
                self->running_ = false;
                self->onDead_();
                return;
            }
            ++self->unanswered_;
            self->sendPing_();
        }
        self->arm();
    });
}

}  // namespace cvirt::rpc::detail
