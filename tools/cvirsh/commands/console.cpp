// The interactive console: raw terminal, two pumps, virsh's escape and
// messages.
#include "cvirsh/commands/console.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "cvirsh/commands/common.hpp"
#include "cvirsh/commands/domain_util.hpp"
#include "util/fd.hpp"

namespace cvirt::shell {
namespace {

// The escape character of virsh's -e: "^]" is Ctrl + ].
char escapeByte(const std::string& escape) {
    if (escape.size() >= 2 && escape[0] == '^')
        return static_cast<char>(std::toupper(static_cast<unsigned char>(escape[1])) ^ 0x40);
    return escape.empty() ? '\x1d' : escape[0];
}

// stdin in raw mode for the scope, as virsh sets it: keys go to the guest
// unechoed, Ctrl-C included; restored (with the pending input dropped) on
// the way out, before any error is printed.
class RawTerminal {
public:
    explicit RawTerminal(Shell& shell) {
        if (::tcgetattr(STDIN_FILENO, &saved_) < 0)
            failCommand(shell, fmt::format("unable to get tty attributes: {}", std::strerror(errno)));
        termios raw = saved_;
        ::cfmakeraw(&raw);
        if (::tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) < 0)
            failCommand(shell, fmt::format("unable to set tty attributes: {}", std::strerror(errno)));
    }
    ~RawTerminal() { ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_); }
    RawTerminal(const RawTerminal&) = delete;
    RawTerminal& operator=(const RawTerminal&) = delete;

private:
    termios saved_{};
};

// A pipe the console's loop polls besides stdin: written by the signals
// virsh traps (so the terminal is restored before the process goes) and
// by the thread that receives from the stream.
std::atomic<int> wakeFd{-1};

void onSignal(int) {
    int fd = wakeFd.load();
    if (fd >= 0) {
        char byte = 's';
        [[maybe_unused]] ssize_t ignored = ::write(fd, &byte, 1);
    }
}

class Wakeup {
public:
    Wakeup() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) < 0)
            throw Error::system(ErrorDomain::None, errno, "cannot create a pipe");
        read_.reset(fds[0]);
        write_.reset(fds[1]);
        wakeFd = write_.get();
        struct sigaction action {};
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        for (size_t i = 0; i < kSignals.size(); ++i)
            ::sigaction(kSignals[i], &action, &saved_[i]);
    }
    ~Wakeup() {
        for (size_t i = 0; i < kSignals.size(); ++i)
            ::sigaction(kSignals[i], &saved_[i], nullptr);
        wakeFd = -1;
    }
    Wakeup(const Wakeup&) = delete;
    Wakeup& operator=(const Wakeup&) = delete;

    int fd() const { return read_.get(); }
    void wake() { onSignal(0); }

private:
    static constexpr std::array<int, 5> kSignals = {SIGQUIT, SIGTERM, SIGINT, SIGHUP, SIGPIPE};
    UniqueFd read_, write_;
    std::array<struct sigaction, kSignals.size()> saved_{};
};

bool writeAll(int fd, const uint8_t* data, size_t size) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

// Copies the guest's bytes to stdout on its own thread until the stream
// ends or fails; joined (after the stream was closed) when it goes.
class GuestToTerminal {
public:
    GuestToTerminal(Stream& stream, Wakeup& wakeup) : stream_(stream), thread_([this, &wakeup] {
        run();
        wakeup.wake();
    }) {}
    ~GuestToTerminal() {
        stream_.abort();  // harmless when finished: only unblocks recv()
        thread_.join();
    }
    GuestToTerminal(const GuestToTerminal&) = delete;
    GuestToTerminal& operator=(const GuestToTerminal&) = delete;

    bool done() const { return done_; }
    // The stream's failure, if that is how it ended.
    std::optional<Error> error() const {
        std::lock_guard lock(mutex_);
        return error_;
    }

private:
    void run() {
        std::array<uint8_t, 4096> buffer;
        try {
            for (;;) {
                long n = stream_.recv(buffer);
                if (n <= 0 || !writeAll(STDOUT_FILENO, buffer.data(), static_cast<size_t>(n)))
                    break;
            }
        } catch (const Error& e) {
            std::lock_guard lock(mutex_);
            error_ = e;
        }
        done_ = true;
    }

    Stream& stream_;
    mutable std::mutex mutex_;
    std::optional<Error> error_;
    std::atomic<bool> done_{false};
    std::thread thread_;
};

enum class Ended { Escape, StreamDone, Input, Signal };

// Sends the keyboard to the guest until the escape character, the end of
// input, a signal, or the stream's end.
Ended terminalToGuest(Stream& stream, Wakeup& wakeup, GuestToTerminal& guest, char escape) {
    std::array<uint8_t, 1024> buffer;
    for (;;) {
        if (guest.done())
            return Ended::StreamDone;
        pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {wakeup.fd(), POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return Ended::Input;
        }
        if (fds[1].revents) {
            char drain[64];
            while (::read(wakeup.fd(), drain, sizeof drain) > 0) {
            }
            if (!guest.done())
                return Ended::Signal;
            return Ended::StreamDone;
        }
        if (!fds[0].revents)
            continue;
        ssize_t n = ::read(STDIN_FILENO, buffer.data(), buffer.size());
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            return Ended::Input;
        // As virsh: the escape counts when a read starts with it.
        if (static_cast<char>(buffer[0]) == escape)
            return Ended::Escape;
        stream.send(std::span<const uint8_t>(buffer.data(), static_cast<size_t>(n)));
    }
}

}  // namespace

bool runConsole(Shell& shell, Domain& dom, const std::optional<std::string>& device, unsigned flags) {
    DomainState state;
    try {
        state = domainState(dom).first;
    } catch (const Error&) {
        failCommand(shell, "Unable to get domain status");
    }
    if (state == DomainState::Shutoff)
        failCommand(shell, "The domain is not running");
    if (!isatty(STDIN_FILENO))
        failCommand(shell, "Cannot run interactive console without a controlling TTY");
    const std::string& escape = shell.settings().escapeChar;
    Printer& p = shell.printer();
    p.printExtra(fmt::format("Connected to domain '{}'\n", dom.name()));
    p.printExtra(fmt::format("Escape character is {}", escape));
    if (escape.size() == 2 && escape[0] == '^')
        p.printExtra(fmt::format(" (Ctrl + {})", escape[1]));
    p.printExtra("\n");
    p.flush();

    RawTerminal raw(shell);
    Wakeup wakeup;
    Stream stream = dom.connection().newStream();
    dom.openConsole(device, stream, flags);
    Ended how;
    std::optional<Error> failure;
    {
        GuestToTerminal guest(stream, wakeup);
        how = terminalToGuest(stream, wakeup, guest, escapeByte(escape));
        if (how == Ended::StreamDone)
            failure = guest.error();
        if (failure) {
            stream.abort();
        } else if (how == Ended::Escape || how == Ended::StreamDone) {
            // In good order, as virsh leaves a console.
            try {
                stream.finish();
            } catch (const Error& e) {
                failure = e;
            }
        } else {
            stream.abort();
        }
    }
    if (failure)
        throw *failure;
    return true;
}

}  // namespace cvirt::shell
