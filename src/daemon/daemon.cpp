#include "daemon/daemon.hpp"

#include <grp.h>
#include <unistd.h>

#include <csignal>

#include <fmt/format.h>

#include "api/drivers.hpp"
#include "daemon/remote_dispatcher.hpp"
#include "drivers/remote/remote_target.hpp"
#include "util/log.hpp"
#include "util/strings.hpp"

namespace cvirt::daemon {

using namespace std::chrono_literals;

namespace {

constexpr std::string_view kLog = "daemon";

[[noreturn]] void unsupportedAuth(std::string_view key, std::string_view value) {
    fail(ErrorCode::ConfigUnsupported, ErrorDomain::Conf,
         "{} = \"{}\" is not available in cvirtd yet: use \"none\"", key, value);
}

gid_t lookupGroup(const std::string& name) {
    if (auto gid = parseInt<gid_t>(name))
        return *gid;
    std::vector<char> buf(16384);
    struct group grp {};
    struct group* found = nullptr;
    if (::getgrnam_r(name.c_str(), &grp, buf.data(), buf.size(), &found) != 0 || !found)
        fail(ErrorCode::ConfSyntax, ErrorDomain::Conf, "Failed to look up group '{}'", name);
    return found->gr_gid;
}

uint16_t tcpPort(const std::string& text) {
    auto port = parseInt<int>(text);
    if (!port || *port < 0 || *port > 65535)
        fail(ErrorCode::ConfSyntax, ErrorDomain::Conf, "invalid tcp_port '{}'", text);
    return static_cast<uint16_t>(*port);
}

}  // namespace

Daemon::Daemon(DaemonOptions options, DaemonPaths paths)
    : options_(std::move(options)), paths_(std::move(paths)), signals_(io_), idleTimer_(io_) {}

Daemon::~Daemon() { shutdown(); }

DaemonConfig Daemon::readConfig() const {
    // A missing default file means the defaults; a file named with -f must exist.
    if (!paths_.configExplicit && !fileExists(paths_.configFile))
        return DaemonConfig{};
    return DaemonConfig::load(paths_.configFile);
}

void Daemon::applyLogging(const DaemonConfig& config) const {
    auto& logger = log::logger();
    log::Level level = config.logLevel ? static_cast<log::Level>(config.logLevel) : log::Level::Warning;
    if (options_.verbose && level > log::Level::Info)
        level = log::Level::Info;
    logger.setLevel(level);
    logger.setFilters(config.logFilters.empty() ? std::vector<log::Filter>{} : log::parseFilters(config.logFilters));
    if (!config.logOutputs.empty()) {
        logger.setOutputs(log::parseOutputs(config.logOutputs));
    } else if (options_.daemonize) {
        // Detached, stderr is /dev/null.
        logger.setOutputs({{log::Level::Debug, log::Output::Kind::File, paths_.logDir + "/cvirtd.log"}});
    } else {
        logger.setOutputs({{log::Level::Debug, log::Output::Kind::Stderr, {}}});
    }
    // The environment wins over the file, as with libvirtd.
    logger.configureFromEnvironment();
}

rpc::ServerConfig Daemon::serverConfig() const {
    rpc::ServerConfig s;
    s.workers.minWorkers = config_.minWorkers;
    s.workers.maxWorkers = std::max(config_.maxWorkers, 1u);
    s.workers.priorityWorkers = config_.prioWorkers;
    s.maxClients = config_.maxClients;
    s.maxClientRequests = std::max(config_.maxClientRequests, 1u);
    s.keepaliveInterval = std::chrono::seconds(std::max(config_.keepaliveInterval, 1));
    s.keepaliveCount = config_.keepaliveCount;
    return s;
}

void Daemon::start() {
    config_ = readConfig();
    for (const auto& dir : {paths_.runDir, paths_.libDir, paths_.logDir})
        makeDirectories(dir, 0755);
    applyLogging(config_);
    if (config_.authUnixRw != "none")
        unsupportedAuth("auth_unix_rw", config_.authUnixRw);
    if (config_.authUnixRo != "none")
        unsupportedAuth("auth_unix_ro", config_.authUnixRo);

    pidFile_ = PidFile::acquire(paths_.pidFile);
    api::setDaemonRoot(paths_.root);

    DispatchOptions dispatch;
    dispatch.defaultUri = paths_.defaultUri;
    dispatch.keepalive = config_.keepaliveInterval >= 0;
    dispatcher_ = std::make_shared<RemoteDispatcher>(dispatch);
    server_ = std::make_unique<rpc::Server>(serverConfig(), dispatcher_);
    listen();
    startDrivers();
    waitForSignals();
    CVIRT_INFO(kLog, "cvirtd {} ready, sockets in {}", CVIRT_VERSION,
               config_.unixSockDir.empty() ? paths_.socketDir : config_.unixSockDir);
}

void Daemon::listen() {
    std::string dir = config_.unixSockDir.empty() ? paths_.socketDir : config_.unixSockDir;
    makeDirectories(dir, 0755);
    std::string rw = dir + "/" + drivers::remote::kSocketName;
    std::string ro = dir + "/" + drivers::remote::kReadOnlySocketName;
    server_->listenUnix(rw, config_.unixSockRwPerms);
    server_->listenUnix(ro, config_.unixSockRoPerms, {.readOnly = true});
    if (!config_.unixSockGroup.empty()) {
        gid_t gid = lookupGroup(config_.unixSockGroup);
        for (const auto& path : {rw, ro})
            if (::chown(path.c_str(), static_cast<uid_t>(-1), gid) < 0)
                failSystem(ErrorDomain::Conf, fmt::format("Failed to change group of '{}'", path));
    }
    if (!options_.listen)
        return;
    if (config_.listenTls)
        CVIRT_WARN(kLog, "{}", "no TLS listener: cvirtd has no TLS yet (set listen_tls = 0 to silence this)");
    if (config_.listenTcp) {
        if (config_.authTcp != "none")
            unsupportedAuth("auth_tcp", config_.authTcp);
        uint16_t port = tcpPort(config_.tcpPort);
        uint16_t bound = 0;
        if (!config_.listenAddr.empty()) {
            bound = server_->listenTcp(config_.listenAddr, port);
        } else {
            try {
                bound = server_->listenTcp("::", port);  // dual-stack where IPv6 is on
            } catch (const Error&) {
                bound = server_->listenTcp("0.0.0.0", port);
            }
        }
        CVIRT_INFO(kLog, "listening on TCP port {}", bound);
    }
}

// The QEMU driver starts with the daemon, as libvirtd's drivers do: it
// finds running guests again, autostarts, and keeps the idle timeout away
// while guests run.
void Daemon::startDrivers() {
    driversThread_ = std::thread([this] {
        std::lock_guard lock(driversMutex_);
        try {
            qemu_ = Connection::openInDaemon(paths_.system ? "qemu:///system" : "qemu:///session", 0);
        } catch (const Error& e) {
            CVIRT_WARN(kLog, "the QEMU driver is not available: {}", e.message());
        }
    });
}

void Daemon::waitForSignals() {
    signals_.add(SIGHUP);
    signals_.add(SIGTERM);
    signals_.add(SIGINT);
    signals_.async_wait([this](std::error_code ec, int sig) {
        if (ec)
            return;
        if (sig == SIGHUP) {
            reload();
            waitForSignals();
            return;
        }
        CVIRT_INFO(kLog, "stopping on signal {}", sig);
        io_.stop();
    });
    if (options_.timeout) {
        idleSince_ = std::chrono::steady_clock::now();
        checkIdle();
    }
}

void Daemon::reload() {
    try {
        DaemonConfig fresh = readConfig();
        applyLogging(fresh);
        config_.logLevel = fresh.logLevel;
        config_.logFilters = fresh.logFilters;
        config_.logOutputs = fresh.logOutputs;
        config_.maxClients = fresh.maxClients;
        config_.maxClientRequests = fresh.maxClientRequests;
        config_.keepaliveInterval = fresh.keepaliveInterval;
        config_.keepaliveCount = fresh.keepaliveCount;
        auto limits = serverConfig();
        server_->setLimits(limits.maxClients, limits.maxClientRequests, limits.keepaliveInterval,
                           limits.keepaliveCount);
        CVIRT_INFO(kLog, "reloaded {}", paths_.configFile);
    } catch (const Error& e) {
        CVIRT_ERROR(kLog, "reload failed, keeping the running configuration: {}", e.message());
    }
}

// The idle clock runs while nobody is connected and no guest runs; it
// restarts whenever either is seen.
void Daemon::checkIdle() {
    auto now = std::chrono::steady_clock::now();
    if (server_->clientCount() > 0 || guestsRunning())
        idleSince_ = now;
    else if (now - idleSince_ >= std::chrono::seconds(*options_.timeout)) {
        CVIRT_INFO(kLog, "idle for {} s: stopping", *options_.timeout);
        io_.stop();
        return;
    }
    idleTimer_.expires_after(std::min<std::chrono::milliseconds>(1s, std::chrono::seconds(*options_.timeout)));
    idleTimer_.async_wait([this](std::error_code ec) {
        if (!ec)
            checkIdle();
    });
}

bool Daemon::guestsRunning() {
    std::unique_lock lock(driversMutex_, std::try_to_lock);
    if (!lock)
        return true;  // the drivers are still starting: not idle yet
    if (!qemu_)
        return false;
    try {
        return !qemu_->listAllDomains(flags::kListActive).empty();
    } catch (const Error& e) {
        CVIRT_WARN(kLog, "cannot list running guests: {}", e.message());
        return true;
    }
}

void Daemon::run() {
    io_.run();
    shutdown();
}

void Daemon::shutdown() {
    if (server_) {
        server_->stop();
        server_.reset();
    }
    if (driversThread_.joinable())
        driversThread_.join();
    {
        // Closing the connection leaves the guests running; the QEMU driver
        // finds them again on the next start.
        std::lock_guard lock(driversMutex_);
        qemu_.reset();
    }
    dispatcher_.reset();
    pidFile_.reset();
}

}  // namespace cvirt::daemon
