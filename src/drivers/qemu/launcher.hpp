#pragma once
// Starting and stopping QEMU processes. A QEMU is started detached (never
// the daemon's child, so it outlives a daemon restart), with its output in
// the domain's log file and its QMP monitor in the domain's runtime
// directory; the launcher waits for the monitor and hands it back.

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>

#include <asio/io_context.hpp>

#include "drivers/qemu/command/command_line.hpp"
#include "drivers/qemu/monitor/monitor_socket.hpp"
#include "drivers/qemu/monitor/qmp_client.hpp"

namespace cvirt::qemu {

struct LaunchedQemu {
    pid_t pid = -1;
    std::shared_ptr<QmpClient> monitor;
};

// Binds and listens on `monitorPath`, spawns `cmd` (built with
// BuildContext::monitorFd = kMonitorFd) with that socket, logging the command to `logFile` first,
// and connects to the monitor. If QEMU exits or the monitor does not appear within
// `timeout`, the process is killed and an Error carries the end of the log
// ("internal error: process exited while connecting to monitor: ...").
LaunchedQemu launchQemu(const CommandLine& cmd, const std::string& monitorPath, const std::string& logFile,
                        asio::io_context& io, std::chrono::milliseconds timeout);

// True while `pid` is a live process (not a zombie).
bool processAlive(pid_t pid);
// SIGTERM, then (unless `graceful`) SIGKILL after `grace`; waits for the
// exit. Returns false if the process is still there (graceful and stuck).
bool killProcess(pid_t pid, bool graceful, std::chrono::milliseconds grace = std::chrono::seconds(10));
// Waits up to `timeout` for `pid` to be gone.
bool waitForExit(pid_t pid, std::chrono::milliseconds timeout);
// The last `maxBytes` of a log file, trimmed to whole lines.
std::string logTail(const std::string& logFile, size_t maxBytes = 1024);

}  // namespace cvirt::qemu
