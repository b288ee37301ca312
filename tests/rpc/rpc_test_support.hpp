#pragma once
// Helpers for the RPC socket tests: a raw socket that speaks bytes, not
// RPC, to send malformed packets and watch exactly what comes back.

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "rpc/message.hpp"
#include "rpc/xdr.hpp"

namespace cvirt::rpc::rpctest {

class RawSocket {
public:
    explicit RawSocket(const std::string& path) {
        fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) < 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }
    ~RawSocket() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    RawSocket(const RawSocket&) = delete;
    RawSocket& operator=(const RawSocket&) = delete;

    bool connected() const { return fd_ >= 0; }

    bool send(const std::vector<uint8_t>& bytes) {
        size_t done = 0;
        while (done < bytes.size()) {
            ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            done += static_cast<size_t>(n);
        }
        return true;
    }

    void shutdownWrite() { ::shutdown(fd_, SHUT_WR); }

    // The next whole packet, or nullopt on timeout or when the peer closed.
    std::optional<Packet> readPacket(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            if (auto p = splitter_.next())
                return p;
            if (!readSome(deadline))
                return std::nullopt;
        }
    }

    // True when the peer closed the connection before `timeout`; packets
    // that arrive meanwhile are discarded.
    bool waitClosed(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (readSome(deadline)) {
        }
        return eof_;
    }

    bool eof() const { return eof_; }

private:
    bool readSome(std::chrono::steady_clock::time_point deadline) {
        if (eof_)
            return false;
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0)
            return false;
        uint8_t buffer[65536];
        ssize_t n = ::recv(fd_, buffer, sizeof(buffer), 0);
        if (n <= 0) {
            eof_ = true;
            return false;
        }
        splitter_.feed(std::span<const uint8_t>(buffer, static_cast<size_t>(n)));
        return true;
    }

    int fd_ = -1;
    bool eof_ = false;
    PacketSplitter splitter_;
};

inline std::vector<uint8_t> rawPacket(uint32_t program, int32_t procedure, MessageType type, uint32_t serial,
                                      std::span<const uint8_t> payload = {}) {
    return encodePacket(Header{program, 1, procedure, type, serial, MessageStatus::Ok}, payload);
}

// Polls `condition` until it holds or `timeout` passes.
template <typename Fn>
bool eventually(Fn condition, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return condition();
}

}  // namespace cvirt::rpc::rpctest
