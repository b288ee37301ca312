#include "util/process.hpp"

#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <tuple>

#include "util/error.hpp"
#include "util/strings.hpp"

extern char** environ;

namespace cvirt {
namespace {

UniqueFd openOrFail(const char* path, int flags, mode_t mode = 0) {
    UniqueFd fd(::open(path, flags | O_CLOEXEC, mode));
    if (!fd)
        failSystem(ErrorDomain::None, fmt::format("cannot open '{}'", path));
    return fd;
}

std::pair<UniqueFd, UniqueFd> makePipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) < 0)
        failSystem(ErrorDomain::None, "cannot create pipe");
    return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

// What the child dups onto 0/1/2: an fd the parent prepared before fork.
struct ChildStdio {
    UniqueFd owned;     // opened for the child; closed in the parent after fork
    int fd = -1;        // fd to dup2 in the child, -1 = inherit
    UniqueFd parentEnd; // pipe end kept by the parent
};

ChildStdio prepare(const Stdio& stdio, bool isInput) {
    ChildStdio c;
    std::visit(
        [&](const auto& how) {
            using T = std::decay_t<decltype(how)>;
            if constexpr (std::is_same_v<T, Stdio::Inherit>) {
            } else if constexpr (std::is_same_v<T, Stdio::Null>) {
                c.owned = openOrFail("/dev/null", isInput ? O_RDONLY : O_WRONLY);
                c.fd = c.owned.get();
            } else if constexpr (std::is_same_v<T, Stdio::Pipe>) {
                auto [r, w] = makePipe();
                c.owned = isInput ? std::move(r) : std::move(w);
                c.parentEnd = isInput ? std::move(w) : std::move(r);
                c.fd = c.owned.get();
            } else if constexpr (std::is_same_v<T, Stdio::File>) {
                int flags = isInput ? O_RDONLY : O_WRONLY | O_CREAT | (how.append ? O_APPEND : O_TRUNC);
                c.owned = openOrFail(how.path.c_str(), flags, 0600);
                c.fd = c.owned.get();
            } else if constexpr (std::is_same_v<T, Stdio::Fd>) {
                c.fd = how.fd;
            }
        },
        stdio.how);
    return c;
}

// In the child: only async-signal-safe calls from here to exec.
[[noreturn]] void childFail(int reportFd, int err) {
    [[maybe_unused]] auto n = ::write(reportFd, &err, sizeof err);
    ::_exit(127);
}

}  // namespace

std::string Command::toString() const {
    std::string out;
    for (const auto& a : argv) {
        if (!out.empty())
            out += ' ';
        bool plain = !a.empty() && a.find_first_of(" \t\n'\"\\$`") == std::string::npos;
        out += plain ? a : "'" + a + "'";
    }
    return out;
}

bool ExitStatus::exited() const { return WIFEXITED(raw); }
bool ExitStatus::signaled() const { return WIFSIGNALED(raw); }
int ExitStatus::signal() const { return signaled() ? WTERMSIG(raw) : 0; }
int ExitStatus::code() const { return exited() ? WEXITSTATUS(raw) : 128 + signal(); }
std::string ExitStatus::describe() const {
    if (exited())
        return fmt::format("exit status {}", WEXITSTATUS(raw));
    if (signaled())
        return fmt::format("fatal signal {}", WTERMSIG(raw));
    return fmt::format("status {}", raw);
}

std::optional<std::string> findProgram(const std::string& name) {
    if (name.find('/') != std::string::npos)
        return ::access(name.c_str(), X_OK) == 0 ? std::optional(name) : std::nullopt;
    const char* path = std::getenv("PATH");
    for (const auto& dir : split(path ? path : "/usr/local/bin:/usr/bin:/bin", ":")) {
        std::string candidate = dir + "/" + name;
        struct stat st;
        if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    return std::nullopt;
}

Process Process::spawn(const Command& command) {
    if (command.argv.empty())
        fail(ErrorCode::InternalError, ErrorDomain::None, "no program to run");
    auto program = findProgram(command.argv[0]);
    if (!program)
        fail(ErrorCode::SystemError, ErrorDomain::None, "Cannot find '{}' in path: {}",
             command.argv[0], std::strerror(ENOENT));

    // Everything the child needs is built before fork: after it, no malloc.
    std::vector<char*> argv;
    for (const auto& a : command.argv)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    if (command.env) {
        for (const auto& e : *command.env)
            envp.push_back(const_cast<char*>(e.c_str()));
        envp.push_back(nullptr);
    }
    ChildStdio in = prepare(command.in, true);
    ChildStdio out = prepare(command.out, false);
    ChildStdio err = prepare(command.err, false);
    auto [reportRead, reportWrite] = makePipe();
    UniqueFd pidRead, pidWrite;
    if (command.daemonize)
        std::tie(pidRead, pidWrite) = makePipe();

    // Move every fd the child must keep to a number above all targets, so
    // dup2 into place never clobbers one not yet moved.
    int highest = 2;
    for (auto [from, to] : command.passFds)
        highest = std::max({highest, from, to});
    struct Move { int from, to; };
    std::vector<Move> moves;
    for (auto [from, to] : command.passFds)
        moves.push_back({from, to});
    long openMax = ::sysconf(_SC_OPEN_MAX);

    pid_t pid = ::fork();
    if (pid < 0)
        failSystem(ErrorDomain::None, "cannot fork");
    if (pid == 0) {
        int report = reportWrite.get();
        if (command.daemonize) {
            if (::setsid() < 0)
                childFail(report, errno);
            pid_t daemon = ::fork();
            if (daemon < 0)
                childFail(report, errno);
            if (daemon > 0) {
                [[maybe_unused]] auto n = ::write(pidWrite.get(), &daemon, sizeof daemon);
                ::_exit(0);
            }
        }
        // Restore default signal handling and an empty mask for the child.
        sigset_t all;
        sigemptyset(&all);
        ::sigprocmask(SIG_SETMASK, &all, nullptr);
        for (int s = 1; s < NSIG; ++s)
            if (s != SIGKILL && s != SIGSTOP)
                ::signal(s, SIG_DFL);
        if (command.newSession && ::setsid() < 0)
            childFail(report, errno);
        // Lift stdio and passed fds above `highest` first.
        int stdioFds[3] = {in.fd, out.fd, err.fd};
        for (int& fd : stdioFds)
            if (fd >= 0 && (fd = ::fcntl(fd, F_DUPFD_CLOEXEC, highest + 1)) < 0)
                childFail(report, errno);
        for (auto& m : moves)
            if ((m.from = ::fcntl(m.from, F_DUPFD_CLOEXEC, highest + 1)) < 0)
                childFail(report, errno);
        int reportHigh = ::fcntl(report, F_DUPFD_CLOEXEC, highest + 1);
        if (reportHigh < 0)
            childFail(report, errno);
        report = reportHigh;
        for (int i = 0; i < 3; ++i)
            if (stdioFds[i] >= 0 && ::dup2(stdioFds[i], i) < 0)
                childFail(report, errno);
        for (auto& m : moves)
            if (::dup2(m.from, m.to) < 0)
                childFail(report, errno);
        // Close everything else: 3.. except the passed targets and `report`
        // (which is close-on-exec itself).
        auto keep = [&](int fd) {
            if (fd == report)
                return true;
            for (auto& m : moves)
                if (m.to == fd)
                    return true;
            return false;
        };
        int start = 3;
        for (int fd = 3; fd <= highest + 1; ++fd) {
            if (keep(fd)) {
                if (fd > start)
                    ::syscall(SYS_close_range, start, fd - 1, 0);
                start = fd + 1;
            }
        }
        // Above `highest` only copies and `report` remain: mark them
        // close-on-exec rather than closing `report`.
        if (::syscall(SYS_close_range, start, ~0U, CLOSE_RANGE_CLOEXEC) < 0) {
            for (long fd = start; fd < openMax; ++fd)
                if (fd != report)
                    ::fcntl(static_cast<int>(fd), F_SETFD, FD_CLOEXEC);
        }
        if (!command.cwd.empty() && ::chdir(command.cwd.c_str()) < 0)
            childFail(report, errno);
        if (command.umask)
            ::umask(*command.umask);
        if (command.env)
            ::execve(program->c_str(), argv.data(), envp.data());
        else
            ::execv(program->c_str(), argv.data());
        childFail(report, errno);
    }

    reportWrite.reset();
    if (command.daemonize) {
        // The intermediate child exits at once; the daemon's pid comes back
        // through the pipe.
        pidWrite.reset();
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        pid_t daemon = -1;
        ssize_t got;
        do {
            got = ::read(pidRead.get(), &daemon, sizeof daemon);
        } while (got < 0 && errno == EINTR);
        if (got != sizeof daemon) {
            int childErrno = 0;
            if (::read(reportRead.get(), &childErrno, sizeof childErrno) == sizeof childErrno)
                throw Error::system(ErrorDomain::None, childErrno,
                                    fmt::format("cannot execute '{}'", command.argv[0]));
            fail(ErrorCode::SystemError, ErrorDomain::None, "cannot start '{}' as a daemon", command.argv[0]);
        }
        pid = daemon;
    }
    Process p;
    p.pid_ = pid;
    p.in_ = std::move(in.parentEnd);
    p.out_ = std::move(out.parentEnd);
    p.err_ = std::move(err.parentEnd);
    int childErrno = 0;
    ssize_t n;
    do {
        n = ::read(reportRead.get(), &childErrno, sizeof childErrno);
    } while (n < 0 && errno == EINTR);
    if (n == sizeof childErrno) {
        if (command.daemonize)
            p.detach();  // it is gone already, and not ours to reap
        else
            p.wait();
        throw Error::system(ErrorDomain::None, childErrno,
                            fmt::format("cannot execute '{}'", command.argv[0]));
    }
    return p;
}

pid_t Process::spawnDetached(Command command) {
    command.daemonize = true;
    return spawn(command).detach();
}

Process::Process(Process&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), status_(other.status_), in_(std::move(other.in_)),
      out_(std::move(other.out_)), err_(std::move(other.err_)) {}

Process& Process::operator=(Process&& other) noexcept {
    if (this != &other) {
        if (running()) {
            ::kill(pid_, SIGKILL);
            wait();
        }
        pid_ = std::exchange(other.pid_, -1);
        status_ = other.status_;
        in_ = std::move(other.in_);
        out_ = std::move(other.out_);
        err_ = std::move(other.err_);
    }
    return *this;
}

Process::~Process() {
    if (running()) {
        ::kill(pid_, SIGKILL);
        wait();
    }
}

std::optional<ExitStatus> Process::tryWait() {
    if (status_ || pid_ <= 0)
        return status_;
    int raw = 0;
    pid_t r;
    do {
        r = ::waitpid(pid_, &raw, WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == pid_)
        status_ = ExitStatus{raw};
    else if (r < 0)
        status_ = ExitStatus{0};  // not our child any more (reaped elsewhere)
    return status_;
}

ExitStatus Process::wait() {
    if (status_ || pid_ <= 0)
        return status_.value_or(ExitStatus{});
    int raw = 0;
    pid_t r;
    do {
        r = ::waitpid(pid_, &raw, 0);
    } while (r < 0 && errno == EINTR);
    status_ = ExitStatus{r == pid_ ? raw : 0};
    return *status_;
}

std::optional<ExitStatus> Process::waitFor(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0)));
    for (;;) {
        if (auto s = tryWait())
            return s;
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return std::nullopt;
        if (pidfd) {
            pollfd p{pidfd.get(), POLLIN, 0};
            ::poll(&p, 1, static_cast<int>(left.count()));
        } else {
            std::this_thread::sleep_for(std::min(left, std::chrono::milliseconds(10)));
        }
    }
}

void Process::signal(int sig) {
    if (running())
        ::kill(pid_, sig);
}

ExitStatus Process::terminate(std::chrono::milliseconds grace) {
    signal(SIGTERM);
    if (auto s = waitFor(grace))
        return *s;
    signal(SIGKILL);
    return wait();
}

pid_t Process::detach() {
    status_ = ExitStatus{};
    return std::exchange(pid_, -1);
}

RunResult run(Command command, std::string_view input) {
    command.in.how = Stdio::Pipe{};
    command.out.how = Stdio::Pipe{};
    command.err.how = Stdio::Pipe{};
    Process p = Process::spawn(command);
    RunResult result;
    pollfd fds[3] = {{p.stdinPipe().get(), POLLOUT, 0},
                     {p.stdoutPipe().get(), POLLIN, 0},
                     {p.stderrPipe().get(), POLLIN, 0}};
    if (input.empty()) {
        p.stdinPipe().reset();
        fds[0].fd = -1;
    } else {
        ::fcntl(fds[0].fd, F_SETFL, O_NONBLOCK);
    }
    std::string* sinks[3] = {nullptr, &result.out, &result.err};
    while (fds[0].fd >= 0 || fds[1].fd >= 0 || fds[2].fd >= 0) {
        if (::poll(fds, 3, -1) < 0) {
            if (errno == EINTR)
                continue;
            failSystem(ErrorDomain::None, "poll");
        }
        if (fds[0].fd >= 0 && fds[0].revents) {
            ssize_t n = ::write(fds[0].fd, input.data(), input.size());
            if (n > 0)
                input.remove_prefix(static_cast<size_t>(n));
            if (n < 0 && errno != EAGAIN && errno != EINTR)
                input = {};
            if (input.empty()) {
                p.stdinPipe().reset();
                fds[0].fd = -1;
            }
        }
        for (int i = 1; i < 3; ++i) {
            if (fds[i].fd < 0 || !fds[i].revents)
                continue;
            char buf[65536];
            ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n > 0)
                sinks[i]->append(buf, static_cast<size_t>(n));
            else if (n == 0 || (errno != EINTR && errno != EAGAIN))
                fds[i].fd = -1;
        }
    }
    result.status = p.wait();
    return result;
}

Daemonizer Daemonizer::start() {
    auto [statusRead, statusWrite] = makePipe();
    pid_t pid = ::fork();
    if (pid < 0)
        failSystem(ErrorDomain::None, "cannot fork");
    if (pid > 0) {
        // The original process: wait for the daemon's verdict.
        statusWrite.reset();
        std::string message;
        char buf[512];
        ssize_t n;
        while ((n = ::read(statusRead.get(), buf, sizeof buf)) != 0) {
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                break;
            }
            message.append(buf, static_cast<size_t>(n));
        }
        int status = 0;
        ::waitpid(pid, &status, 0);  // the intermediate child exits at once
        if (message == "ok")
            ::_exit(0);
        fmt::print(stderr, "{}\n", message.empty() ? "daemon failed to start" : message);
        ::_exit(1);
    }
    statusRead.reset();
    if (::setsid() < 0)
        ::_exit(1);
    pid = ::fork();
    if (pid < 0)
        ::_exit(1);
    if (pid > 0)
        ::_exit(0);
    UniqueFd null(::open("/dev/null", O_RDWR | O_CLOEXEC));
    for (int fd = 0; fd < 3; ++fd)
        ::dup2(null.get(), fd);
    Daemonizer d;
    d.status_ = std::move(statusWrite);
    return d;
}

void Daemonizer::ready() {
    if (status_) {
        [[maybe_unused]] auto n = ::write(status_.get(), "ok", 2);
        status_.reset();
    }
}

void Daemonizer::failed(const std::string& message) {
    if (status_) {
        [[maybe_unused]] auto n = ::write(status_.get(), message.data(), message.size());
        status_.reset();
    }
}

std::string envOr(const char* name, std::string fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : std::move(fallback);
}

}  // namespace cvirt
