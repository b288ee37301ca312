#include "drivers/qemu/caps/qemu_caps.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "drivers/qemu/monitor/monitor_socket.hpp"
#include "drivers/qemu/monitor/qmp_client.hpp"
#include "util/error.hpp"
#include "util/files.hpp"
#include "util/log.hpp"
#include "util/process.hpp"

namespace cvirt::qemu {

using namespace std::chrono_literals;

namespace {
constexpr const char* kLog = "qemu.qemu_capabilities";
// Bumped whenever the probe or the cache format changes.
constexpr int kCacheFormat = 1;

std::string cacheKey(const std::string& binary) {
    struct stat st {};
    if (::stat(binary.c_str(), &st) < 0)
        return {};
    return fmt::format("{}:{}:{}.{}:kvm={}:v{}", binary, st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                       kvmUsable() ? 1 : 0, kCacheFormat);
}

std::string cacheFileName(const std::string& binary) {
    std::string name;
    for (char c : binary)
        name += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
    return name + ".json";
}

}  // namespace

bool kvmUsable() {
    const char* force = std::getenv("CVIRT_QEMU_FORCE_TCG");
    if (force && *force && std::string(force) != "0")
        return false;
    int fd = ::open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
}

std::string QemuCaps::defaultMachine() const {
    for (const auto& m : machines)
        if (m.isDefault)
            return m.name;
    return machines.empty() ? std::string() : machines.front().name;
}

const MachineType* QemuCaps::machine(const std::string& name) const {
    for (const auto& m : machines)
        if (m.name == name)
            return &m;
    return nullptr;
}

std::optional<std::string> QemuCaps::canonicalMachine(const std::string& name) const {
    for (const auto& m : machines) {
        if (m.alias == name)
            return m.name;
        if (m.name == name)
            return m.name;
    }
    return std::nullopt;
}

std::string QemuCaps::toJson() const {
    nlohmann::json j;
    j["binary"] = binary;
    j["version"] = version;
    j["arch"] = arch;
    j["kvm"] = kvm;
    for (const auto& m : machines)
        j["machines"].push_back({{"name", m.name}, {"alias", m.alias}, {"default", m.isDefault},
                                 {"maxCpus", m.maxCpus}, {"hotplugCpus", m.hotplugCpus},
                                 {"deprecated", m.deprecated}, {"defaultRamId", m.defaultRamId},
                                 {"defaultCpuType", m.defaultCpuType}});
    for (const auto& c : cpuModels)
        j["cpuModels"].push_back({{"name", c.name}, {"usable", c.usable}, {"deprecated", c.deprecated}});
    j["commands"] = commands;
    j["deviceTypes"] = deviceTypes;
    return j.dump(1);
}

QemuCaps QemuCaps::fromJson(const std::string& text) {
    auto j = nlohmann::json::parse(text);
    QemuCaps c;
    c.binary = j.at("binary").get<std::string>();
    c.version = j.at("version").get<uint64_t>();
    c.arch = j.at("arch").get<std::string>();
    c.kvm = j.at("kvm").get<bool>();
    for (const auto& m : j.value("machines", nlohmann::json::array()))
        c.machines.push_back({m.at("name"), m.at("alias"), m.at("default"), m.at("maxCpus"), m.at("hotplugCpus"),
                              m.at("deprecated"), m.at("defaultRamId"), m.at("defaultCpuType")});
    for (const auto& m : j.value("cpuModels", nlohmann::json::array()))
        c.cpuModels.push_back({m.at("name"), m.at("usable"), m.at("deprecated")});
    c.commands = j.at("commands").get<std::set<std::string>>();
    c.deviceTypes = j.at("deviceTypes").get<std::set<std::string>>();
    return c;
}

QemuCaps probeQemu(const std::string& binary, const std::string& scratchDir) {
    struct stat st {};
    if (::stat(binary.c_str(), &st) < 0)
        throw Error::system(ErrorDomain::Qemu, errno, fmt::format("Cannot check QEMU binary {}", binary));
    if (!(st.st_mode & S_IXUSR))
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "QEMU binary {} is not executable", binary);
    makeDirectories(scratchDir, 0700);
    std::string socket = fmt::format("{}/probe-{}.sock", scratchDir, ::getpid());
    UniqueFd listener = listenMonitorSocket(socket);
    bool kvm = kvmUsable();
    Command cmd{.argv = {binary, "-S", "-no-user-config", "-nodefaults", "-nographic", "-machine",
                         kvm ? "none,accel=kvm:tcg" : "none,accel=tcg", "-chardev",
                         fmt::format("socket,id=qmp,fd={},server=on,wait=off", kMonitorFd), "-mon",
                         "chardev=qmp,mode=control"}};
    cmd.out.how = Stdio::Null{};
    cmd.err.how = Stdio::Pipe{};
    cmd.passFds.emplace_back(listener.get(), kMonitorFd);
    Process qemu = Process::spawn(cmd);
    listener.reset();
    // QEMU quitting before its monitor answers: report what it said.
    auto failIfExited = [&] {
        auto status = qemu.waitFor(2s);
        if (!status)
            return;
        std::string err;
        char buf[4096];
        ssize_t n;
        while ((n = ::read(qemu.stderrPipe().get(), buf, sizeof buf)) > 0)
            err.append(buf, static_cast<size_t>(n));
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "Failed to probe capabilities for {}: {}", binary,
             err.empty() ? status->describe() : err);
    };
    asio::io_context io;
    auto guard = asio::make_work_guard(io);
    std::thread ioThread([&] { io.run(); });
    struct Stop {
        asio::io_context& io;
        decltype(guard)& g;
        std::thread& t;
        ~Stop() {
            g.reset();
            io.stop();
            t.join();
        }
    } stop{io, guard, ioThread};

    QemuCaps caps;
    caps.binary = binary;
    {
        std::shared_ptr<QmpClient> mon;
        try {
            mon = QmpClient::connect(io, socket, 10s);
        } catch (const Error&) {
            failIfExited();
            throw;
        }
        caps.version = mon->version();
        caps.arch = mon->execute("query-target").value("arch", "");
        auto kvmState = mon->execute("query-kvm");
        caps.kvm = kvm && kvmState.value("enabled", false);
        for (const auto& m : mon->execute("query-machines")) {
            MachineType t;
            t.name = m.value("name", "");
            t.alias = m.value("alias", "");
            t.isDefault = m.value("is-default", false);
            t.maxCpus = m.value("cpu-max", 0);
            t.hotplugCpus = m.value("hotpluggable-cpus", false);
            t.deprecated = m.value("deprecated", false);
            t.defaultRamId = m.value("default-ram-id", "");
            t.defaultCpuType = m.value("default-cpu-type", "");
            caps.machines.push_back(std::move(t));
        }
        for (const auto& c : mon->execute("query-cpu-definitions")) {
            CpuModel m;
            m.name = c.value("name", "");
            m.usable = !c.contains("unavailable-features") || c["unavailable-features"].empty();
            m.deprecated = c.value("deprecated", false);
            caps.cpuModels.push_back(std::move(m));
        }
        for (const auto& c : mon->execute("query-commands"))
            caps.commands.insert(c.value("name", ""));
        for (const auto& t : mon->execute("qom-list-types", {{"abstract", false}}))
            caps.deviceTypes.insert(t.value("name", ""));
        mon->executeAsync("quit", nullptr, [](const Json*, const std::string*) {});
    }
    if (!qemu.waitFor(5s))
        qemu.terminate(1s);
    removeFile(socket);
    CVIRT_INFO(kLog, "probed {}: version {}, {} machines, kvm {}", binary, caps.version, caps.machines.size(),
               caps.kvm);
    return caps;
}

std::shared_ptr<const QemuCaps> QemuCapsCache::get(const std::string& binary) {
    std::string key = cacheKey(binary);
    std::lock_guard lock(mutex_);
    if (auto it = memory_.find(binary); it != memory_.end() && it->second.first == key && !key.empty())
        return it->second.second;
    std::string file = dir_ + "/capabilities/" + cacheFileName(binary);
    if (!key.empty() && fileExists(file)) {
        try {
            auto j = nlohmann::json::parse(readFile(file));
            if (j.value("key", "") == key) {
                auto caps = std::make_shared<const QemuCaps>(QemuCaps::fromJson(j.at("caps").get<std::string>()));
                memory_[binary] = {key, caps};
                return caps;
            }
        } catch (const std::exception& e) {
            CVIRT_WARN(kLog, "ignoring unreadable capabilities cache {}: {}", file, e.what());
        }
    }
    auto caps = std::make_shared<const QemuCaps>(probeQemu(binary, dir_ + "/probe"));
    ++probes_;
    memory_[binary] = {key, caps};
    makeDirectories(dir_ + "/capabilities", 0700);
    nlohmann::json j{{"key", key}, {"caps", caps->toJson()}};
    writeFileAtomic(file, j.dump());
    return caps;
}

}  // namespace cvirt::qemu
