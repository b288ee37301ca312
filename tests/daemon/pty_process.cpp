#include "daemon/pty_process.hpp"

#include <poll.h>
#include <pty.h>

#include <cerrno>
#include <stdexcept>

namespace cvirt::test {

PtyProcess::PtyProcess(const std::vector<std::string>& argv) {
    int master = -1, slave = -1;
    winsize size{};
    size.ws_row = 24;
    size.ws_col = 80;
    if (::openpty(&master, &slave, nullptr, nullptr, &size) < 0)
        throw std::runtime_error("openpty failed");
    master_.reset(master);
    UniqueFd slaveFd(slave);
    Command c;
    c.argv = argv;
    c.in = Stdio{Stdio::Fd{slaveFd.get()}};
    c.out = Stdio{Stdio::Fd{slaveFd.get()}};
    c.err = Stdio{Stdio::Fd{slaveFd.get()}};
    process_ = Process::spawn(c);
}

void PtyProcess::readSome(std::chrono::milliseconds timeout) {
    pollfd fd{master_.get(), POLLIN, 0};
    if (::poll(&fd, 1, static_cast<int>(timeout.count())) <= 0)
        return;
    char buffer[4096];
    for (;;) {
        ssize_t n = ::read(master_.get(), buffer, sizeof buffer);
        if (n <= 0)
            return;  // EIO: every holder of the slave is gone
        output_.append(buffer, static_cast<size_t>(n));
        pollfd more{master_.get(), POLLIN, 0};
        if (::poll(&more, 1, 0) <= 0)
            return;
    }
}

bool PtyProcess::waitFor(const std::string& text, std::chrono::milliseconds timeout, size_t from) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (output_.find(text, std::min(from, output_.size())) == std::string::npos) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        readSome(std::min(left, std::chrono::milliseconds(200)));
    }
    return true;
}

void PtyProcess::send(std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::write(master_.get(), bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            throw std::runtime_error("cannot type into the pty");
        bytes.remove_prefix(static_cast<size_t>(n));
    }
}

std::optional<ExitStatus> PtyProcess::waitExit(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        readSome(std::chrono::milliseconds(100));
        if (auto status = process_.tryWait()) {
            readSome(std::chrono::milliseconds(0));
            return status;
        }
        if (std::chrono::steady_clock::now() > deadline)
            return std::nullopt;
    }
}

}  // namespace cvirt::test
