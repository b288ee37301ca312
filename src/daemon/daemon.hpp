#pragma once
// One cvirtd instance: its config, logging, pid file, listeners, the RPC
// server and the drivers it initializes at start; signals (SIGHUP reloads,
// SIGTERM/SIGINT stop) and the idle timeout.

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>
#include <asio/steady_timer.hpp>

#include "cvirt/connection.hpp"
#include "daemon/daemon_config.hpp"
#include "daemon/daemon_options.hpp"
#include "daemon/daemon_paths.hpp"
#include "rpc/server.hpp"
#include "util/files.hpp"

namespace cvirt::daemon {

class RemoteDispatcher;

class Daemon {
public:
    Daemon(DaemonOptions options, DaemonPaths paths);
    ~Daemon();
    Daemon(const Daemon&) = delete;
    Daemon& operator=(const Daemon&) = delete;

    // Reads the config, takes the pid file, listens and starts the drivers;
    // throws Error, leaving nothing behind, when any of it fails.
    void start();
    // Serves until SIGTERM/SIGINT or the idle timeout, then shuts down:
    // clients are disconnected, running guests keep running.
    void run();

private:
    DaemonConfig readConfig() const;
    void applyLogging(const DaemonConfig& config) const;
    rpc::ServerConfig serverConfig() const;
    void listen();
    void startDrivers();
    void reload();
    void waitForSignals();
    void checkIdle();
    bool guestsRunning();
    void shutdown();

    DaemonOptions options_;
    DaemonPaths paths_;
    DaemonConfig config_;
    std::optional<PidFile> pidFile_;
    std::shared_ptr<RemoteDispatcher> dispatcher_;
    std::unique_ptr<rpc::Server> server_;

    asio::io_context io_;  // signals and the idle timer
    asio::signal_set signals_;
    asio::steady_timer idleTimer_;
    std::chrono::steady_clock::time_point idleSince_;

    // The QEMU driver (system, or session in a session daemon), opened at
    // start so that autostart and re-attaching to running guests happen
    // without a client.
    std::thread driversThread_;
    std::mutex driversMutex_;
    std::optional<Connection> qemu_;
};

}  // namespace cvirt::daemon
