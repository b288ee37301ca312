#pragma once
// Internal: the keepalive timer of one connection, either side.
//
// Every `interval` it looks at when a packet last arrived; after a quiet
// interval it sends a PING, and when `count` PINGs in a row went unanswered
// (nothing at all arrived) the peer is declared dead. Any received packet,
// not just a PONG, proves the peer alive, as libvirt counts it.

#include <chrono>
#include <functional>
#include <memory>

#include <asio.hpp>

namespace cvirt::rpc::detail {

class Keepalive : public std::enable_shared_from_this<Keepalive> {
public:
    Keepalive(asio::io_context& io, std::chrono::milliseconds interval, unsigned count,
              std::function<void()> sendPing, std::function<void()> onDead);
    void start();
    void stop();
    // Call for every packet received.
    void received();
    unsigned unanswered() const { return unanswered_; }

private:
    void arm();
    asio::steady_timer timer_;
    std::chrono::milliseconds interval_;
    unsigned count_;
    std::function<void()> sendPing_;
    std::function<void()> onDead_;
    std::chrono::steady_clock::time_point lastReceived_;
    unsigned unanswered_ = 0;
    bool running_ = false;
};

}  // namespace cvirt::rpc::detail
