#include "drivers/remote/session_daemon.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <climits>
#include <thread>

#include "util/error.hpp"
#include "util/files.hpp"
#include "util/log.hpp"

namespace cvirt::drivers::remote {
namespace {

using namespace std::chrono_literals;
constexpr std::string_view kLog = "remote.session_daemon";

bool autostartDisabled() {
    for (const char* name : {"CVIRT_AUTOSTART", "LIBVIRT_AUTOSTART"})
        if (const char* v = std::getenv(name); v && std::string_view(v) == "0")
            return true;
    return false;
}

std::string ownDirectory() {
    char buf[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return {};
    std::string path(buf, static_cast<size_t>(n));
    return path.substr(0, path.rfind('/'));
}

bool executable(const std::string& path) { return !path.empty() && ::access(path.c_str(), X_OK) == 0; }

std::optional<std::string> daemonBinary() {
    if (const char* v = std::getenv("CVIRTD_PATH"); v && *v)
        return std::string(v);
    std::string here = ownDirectory();
    for (const auto& candidate : {here + "/cvirtd", here + "/../sbin/cvirtd"})
        if (!here.empty() && executable(candidate))
            return candidate;
    return findProgram("cvirtd");
}

// Connection refused or no socket: nobody is serving it.
bool nobodyListens(const Error& e) {
    return e.code() == ErrorCode::SystemError && (e.int1() == ENOENT || e.int1() == ECONNREFUSED);
}

}  // namespace

std::optional<Command> sessionDaemonCommand() {
    if (autostartDisabled())
        return std::nullopt;
    auto binary = daemonBinary();
    if (!binary)
        return std::nullopt;
    Command c;
    // --session: the user's daemon even when the user is root.
    c.argv = {*binary, "--timeout=" + std::to_string(kSessionDaemonTimeout), "--session"};
    c.in = Stdio{Stdio::Null{}};
    c.out = Stdio{Stdio::Null{}};
    c.err = Stdio{Stdio::Null{}};
    c.daemonize = true;
    return c;
}

std::unique_ptr<rpc::Client> connectOrSpawn(const std::string& socket, const Command& daemon) {
    makeDirectories(socket.substr(0, socket.rfind('/')), 0700);
    // Held while we start the daemon and wait for it: a second client
    // waits here, then finds the socket answering.
    std::string lockPath = socket + ".lock";
    UniqueFd lock(::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
    if (!lock)
        failSystem(ErrorDomain::Rpc, fmt::format("Unable to open lock file '{}'", lockPath));
    while (::flock(lock.get(), LOCK_EX) < 0) {
        if (errno != EINTR)
            failSystem(ErrorDomain::Rpc, fmt::format("Unable to lock '{}'", lockPath));
    }
    pid_t daemonPid = -1;
    auto deadline = std::chrono::steady_clock::now() + 30s;
    for (;;) {
        try {
            return rpc::Client::connectUnix(socket);
        } catch (const Error& e) {
            // Given up once the daemon we started is gone or too slow.
            bool waiting = daemonPid < 0 || (::kill(daemonPid, 0) == 0 && std::chrono::steady_clock::now() < deadline);
            if (!nobodyListens(e) || !waiting)
                throw;
        }
        if (daemonPid < 0) {
            CVIRT_DEBUG(kLog, "starting the session daemon: {}", daemon.toString());
            daemonPid = Process::spawnDetached(daemon);
        }
        std::this_thread::sleep_for(50ms);
    }
}

}  // namespace cvirt::drivers::remote
