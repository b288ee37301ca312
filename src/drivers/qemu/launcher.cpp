#include "drivers/qemu/launcher.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ctime>
#include <fstream>
#include <thread>

#include "drivers/qemu/monitor/monitor_socket.hpp"
#include "util/error.hpp"
#include "util/fd.hpp"
#include "util/files.hpp"
#include "util/log.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

namespace cvirt::qemu {

using namespace std::chrono_literals;

namespace {
constexpr const char* kLog = "qemu.qemu_process";

std::string now() {
    char buf[64];
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S+0000", &tm);
    return buf;
}

void appendLog(const std::string& logFile, const std::string& text) {
    UniqueFd fd(::open(logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600));
    if (!fd)
        failSystem(ErrorDomain::Qemu, fmt::format("failed to create logfile {}", logFile));
    [[maybe_unused]] auto n = ::write(fd.get(), text.data(), text.size());
}

size_t fileSize(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 ? static_cast<size_t>(st.st_size) : 0;
}

}  // namespace

bool processAlive(pid_t pid) {
    if (pid <= 0)
        return false;
    // Reap it if it happens to be our child (ECHILD otherwise: harmless).
    int status;
    if (::waitpid(pid, &status, WNOHANG) == pid)
        return false;
    if (::kill(pid, 0) < 0)
        return false;
    // A zombie still answers kill(0): look at its state.
    try {
        std::string stat = readFile("/proc/" + std::to_string(pid) + "/stat", 4096);
        auto close = stat.rfind(')');
        return close == std::string::npos || close + 2 >= stat.size() || stat[close + 2] != 'Z';
    } catch (const Error&) {
        return false;
    }
}

bool waitForExit(pid_t pid, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    while (processAlive(pid)) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        if (pidfd) {
            pollfd p{pidfd.get(), POLLIN, 0};
            ::poll(&p, 1, static_cast<int>(std::min<long>(left.count(), 100)));
        } else {
            std::this_thread::sleep_for(std::min(left, 10ms));
        }
    }
    return true;
}

bool killProcess(pid_t pid, bool graceful, std::chrono::milliseconds grace) {
    if (!processAlive(pid))
        return true;
    ::kill(pid, SIGTERM);
    if (waitForExit(pid, grace))
        return true;
    if (graceful)
        return false;
    ::kill(pid, SIGKILL);
    return waitForExit(pid, 5s);
}

std::string logTail(const std::string& logFile, size_t maxBytes) {
    std::string text;
    try {
        text = readFile(logFile);
    } catch (const Error&) {
        return {};
    }
    if (text.size() > maxBytes) {
        text = text.substr(text.size() - maxBytes);
        if (auto nl = text.find('\n'); nl != std::string::npos)
            text = text.substr(nl + 1);
    }
    return std::string(trim(text));
}

LaunchedQemu launchQemu(const CommandLine& cmd, const std::string& monitorPath, const std::string& logFile,
                        asio::io_context& io, std::chrono::milliseconds timeout) {
    // The log starts with the command line, as libvirt's does.
    std::string header = now() + ": starting up\n" + cmd.toString();
    appendLog(logFile, header);
    size_t logStart = fileSize(logFile);

    UniqueFd monitorListener = listenMonitorSocket(monitorPath);
    Command c;
    c.argv.push_back(cmd.binary);
    c.argv.insert(c.argv.end(), cmd.args.begin(), cmd.args.end());
    c.env = cmd.env;
    c.in.how = Stdio::Null{};
    c.out.how = Stdio::File{logFile, true};
    c.err.how = Stdio::File{logFile, true};
    c.umask = 007;
    c.passFds.emplace_back(monitorListener.get(), kMonitorFd);
    pid_t pid = Process::spawnDetached(c);
    // QEMU holds the listener now; if it dies, connecting fails at once.
    monitorListener.reset();
    CVIRT_DEBUG(kLog, "started {} pid {}", cmd.binary, pid);

    auto failWithLog = [&](const std::string& what) -> LaunchedQemu {
        killProcess(pid, false, 2s);
        std::string log;
        try {
            std::string all = readFile(logFile);
            log = all.size() > logStart ? std::string(trim(all.substr(logStart))) : std::string();
        } catch (const Error&) {
        }
        if (log.size() > 1024)
            log = log.substr(log.size() - 1024);
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "{}{}{}", what, log.empty() ? "" : ": ", log);
    };

    try {
        return {pid, QmpClient::connect(io, monitorPath, timeout)};
    } catch (const Error& e) {
        // The monitor closing during the handshake is QEMU exiting: let it
        // be gone before the report, which carries the end of its log.
        bool exited = e.code() == ErrorCode::OperationFailed ? waitForExit(pid, 2s) : !processAlive(pid);
        if (exited)
            return failWithLog("process exited while connecting to monitor");
        return failWithLog(e.str2().value_or(e.message()));
    }
}

}  // namespace cvirt::qemu
