// Starting and stopping guests, and reacting to what their QEMU reports.
#include <signal.h>

#include "drivers/qemu/command/command_line.hpp"
#include "drivers/qemu/command/host_resources.hpp"
#include "drivers/qemu/console.hpp"
#include "drivers/qemu/def_info.hpp"
#include "drivers/qemu/launcher.hpp"
#include "drivers/qemu/qemu_driver.hpp"
#include "drivers/qemu/status_file.hpp"
#include "drivers/qemu/storage_access.hpp"
#include "util/error.hpp"
#include "util/files.hpp"
#include "util/log.hpp"

namespace cvirt::qemu {

using namespace std::chrono_literals;
namespace ev = cvirt::event;

namespace {
constexpr const char* kLog = "qemu.qemu_process";

[[noreturn]] void notRunning() { fail(ErrorCode::OperationInvalid, ErrorDomain::Qemu, "domain is not running"); }

void checkFlags(unsigned flags, unsigned allowed, const char* function) {
    if (flags & ~allowed)
        fail(ErrorCode::InvalidArg, ErrorDomain::Qemu, "unsupported flags (0x{:x}) in function {}", flags & ~allowed,
             function);
}

}  // namespace

void QemuDriver::emit(const DomainObjPtr& obj, int type, int detail) {
    DomainRef ref;
    {
        std::lock_guard lock(obj->mutex);
        ref = obj->ref();
    }
    events_.emitLifecycle(ref, type, detail);
}

std::shared_ptr<QmpClient> QemuDriver::monitorOf(const DomainObjPtr& obj) const {
    std::lock_guard lock(obj->mutex);
    if (!obj->active() || !obj->monitor)
        notRunning();
    return obj->monitor;
}

void QemuDriver::resumeCpus(const DomainObjPtr& obj, const std::shared_ptr<QmpClient>& mon) {
    {
        std::lock_guard lock(obj->mutex);
        ++obj->expectedResumes;
    }
    try {
        mon->execute("cont");
    } catch (...) {
        std::lock_guard lock(obj->mutex);
        --obj->expectedResumes;
        throw;
    }
}

void QemuDriver::writeStatus(const DomainObjPtr& obj, bool autostarted) {
    DomainStatus s;
    std::shared_ptr<const Domain> live;
    {
        std::lock_guard lock(obj->mutex);
        s.id = obj->id;
        s.pid = obj->pid;
        s.state = obj->state;
        s.reason = obj->reason;
        s.monitorPath = obj->monitorPath;
        s.runtimeDir = obj->runtimeDir;
        live = obj->liveDef;
    }
    s.binary = emulatorOf(*live);
    s.autostarted = autostarted;
    conf::domain::DomainFormatOptions options;
    options.secure = true;
    auto copy = *live;
    copy.id = s.id;
    s.domainXml = conf::domain::formatDomainXml(copy, options);
    // Live state sits under run/ (tmpfs on a host) and is meaningless after
    // a power loss, when every guest is gone: surviving a daemon crash is
    // all it needs, and an fsync here sat on the path of every start.
    writeFileAtomic(paths_.statusFile(obj->name), formatStatus(s), 0600, Durability::ProcessCrash);
}

void QemuDriver::start(const DomainRef& ref, unsigned flags) {
    using namespace cvirt::flags;
    checkFlags(flags, kStartPaused | kStartAutodestroy | kStartBypassCache | kStartForceBoot | kStartResetNvram,
               "qemuDomainCreateWithFlags");
    auto obj = find(ref);
    auto job = obj->beginJob("start");
    {
        std::lock_guard lock(obj->mutex);
        if (obj->active())
            fail(ErrorCode::OperationInvalid, ErrorDomain::Qemu, "domain is already running");
        obj->liveDef = obj->persistentDef;
    }
    startLocked(obj, flags, false);
}

void QemuDriver::startLocked(const DomainObjPtr& obj, unsigned flags, bool autostarted) {
    std::shared_ptr<const Domain> def;
    {
        std::lock_guard lock(obj->mutex);
        def = obj->liveDef ? obj->liveDef : obj->persistentDef;
    }
    std::string binary = emulatorOf(*def);
    auto caps = caps_.get(binary);
    if (wantsKvm(*def) && !caps->kvm)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
             "Domain requires KVM, but it is not available. Check that virtualization is enabled in the host BIOS, "
             "and host configuration is setup to load the kvm modules.");
    int id = nextId_++;
    std::string runtimeDir = paths_.runtimeDir(id, def->name);
    removeTree(runtimeDir);
    makeDirectories(runtimeDir, 0700);
    BuildContext ctx;
    ctx.caps = caps.get();
    ctx.id = id;
    ctx.runtimeDir = runtimeDir;
    ctx.monitorPath = runtimeDir + "/monitor.sock";
    ctx.monitorFd = kMonitorFd;
    ctx.libDir = paths_.libDir;
    ctx.kvm = caps->kvm;
    LaunchedQemu qemu;
    std::shared_ptr<HostResources> resources;
    try {
        // The live definition records what was picked for this run (display
        // ports, tap names), as libvirt's live XML does.
        auto live = std::make_shared<Domain>(*def);
        checkDiskSources(*live);
        resources = std::make_shared<HostResources>(prepareHostResources(*live, ctx));
        def = live;
        checkTuningAllowed(*def);
        CommandLine cmd = buildCommandLine(*def, ctx);
        qemu = launchQemu(cmd, ctx.monitorPath, paths_.logFile(def->name), io_, 30s);
        recordPtyPaths(*live, *qemu.monitor);
    } catch (...) {
        removeTree(runtimeDir);
        std::lock_guard lock(obj->mutex);
        obj->liveDef.reset();
        // As libvirt: a start that failed leaves "shut off (failed)".
        obj->state = DomainState::Shutoff;
        obj->reason = reason::kFailed;
        throw;
    }
    {
        std::lock_guard lock(obj->mutex);
        obj->liveDef = def;
        obj->hostResources = std::move(resources);
        obj->id = id;
        obj->pid = qemu.pid;
        obj->monitor = qemu.monitor;
        obj->monitorPath = ctx.monitorPath;
        obj->runtimeDir = runtimeDir;
        obj->state = DomainState::Paused;
        obj->reason = reason::kStartingUp;
        obj->shutdownRequested = false;
        obj->fakeReboot = false;
        obj->startedAt = std::chrono::steady_clock::now();
    }
    watchMonitor(obj, qemu.monitor);
    try {
        setupTuning(obj, qemu.monitor);
        writeStatus(obj, autostarted);
        bool paused = flags & cvirt::flags::kStartPaused;
        if (!paused)
            resumeCpus(obj, qemu.monitor);
        {
            std::lock_guard lock(obj->mutex);
            obj->state = paused ? DomainState::Paused : DomainState::Running;
            obj->reason = paused ? static_cast<int>(reason::kUser) : static_cast<int>(reason::kBooted);
        }
        writeStatus(obj, autostarted);
    } catch (...) {
        stopLocked(obj, reason::kFailed, ev::kStoppedFailed);
        throw;
    }
    // libvirt reports the first "cont" as a resume before the start.
    if (!(flags & cvirt::flags::kStartPaused))
        emit(obj, ev::kResumed, ev::kResumedUnpaused);
    emit(obj, ev::kStarted, ev::kStartedBooted);
    if (flags & cvirt::flags::kStartPaused)
        emit(obj, ev::kSuspended, ev::kSuspendedPaused);
}

void QemuDriver::stopLocked(const DomainObjPtr& obj, int shutoffReason, int stoppedDetail) {
    pid_t pid;
    std::shared_ptr<QmpClient> monitor;
    std::string runtimeDir;
    {
        std::lock_guard lock(obj->mutex);
        if (!obj->active())
            return;
        pid = obj->pid;
        monitor = std::move(obj->monitor);
        runtimeDir = obj->runtimeDir;
    }
    if (monitor) {
        monitor->setCloseHandler(nullptr);
        monitor->setEventHandler(nullptr);
        monitor->close();
    }
    killProcess(pid, false, 10s);
    releaseTuning(obj);
    removeFile(paths_.statusFile(obj->name));
    removeTree(runtimeDir);
    DomainRef ref;
    bool transient;
    {
        std::lock_guard lock(obj->mutex);
        ref = obj->ref();
        obj->id = -1;
        obj->pid = -1;
        obj->state = DomainState::Shutoff;
        obj->reason = shutoffReason;
        obj->liveDef.reset();
        obj->hostResources.reset();
        obj->beingDestroyed = false;
        obj->runtimeDir.clear();
        obj->monitorPath.clear();
        transient = obj->persistentDef == nullptr;
    }
    ref.id = -1;
    events_.emitLifecycle(ref, ev::kStopped, stoppedDetail);
    if (transient)
        domains_.remove(obj->uuid);
}

void QemuDriver::destroy(const DomainRef& ref, unsigned flags) {
    checkFlags(flags, cvirt::flags::kDestroyGraceful | cvirt::flags::kDestroyRemoveLogs, "qemuDomainDestroyFlags");
    auto obj = find(ref);
    pid_t pid;
    {
        std::lock_guard lock(obj->mutex);
        if (!obj->active())
            notRunning();
        pid = obj->pid;
        obj->beingDestroyed = true;
    }
    // Signal first, then take the job: a job stuck on a hung QEMU must not
    // stop destroy, which is how users get out of that.
    ::kill(pid, SIGTERM);
    auto job = obj->beginJob("destroy");
    // QEMU answers SIGTERM with a host-requested shutdown, which libvirt
    // reports before the stop; a QEMU that ignores it is killed below.
    bool exited = waitForExit(pid, 10s);
    if (!exited && (flags & cvirt::flags::kDestroyGraceful))
        fail(ErrorCode::OperationFailed, ErrorDomain::Qemu, "failed to kill qemu process with SIGTERM");
    if (exited)
        emit(obj, ev::kShutdown, ev::kShutdownHost);
    stopLocked(obj, reason::kDestroyed, ev::kStoppedDestroyed);
    if (flags & cvirt::flags::kDestroyRemoveLogs)
        removeFile(paths_.logFile(obj->name));
}

void QemuDriver::shutdown(const DomainRef& ref, unsigned flags) {
    using namespace cvirt::flags;
    checkFlags(flags, kPowerAcpi | kPowerGuestAgent, "qemuDomainShutdownFlags");
    if (flags & kPowerGuestAgent && !(flags & kPowerAcpi))
        fail(ErrorCode::ArgumentUnsupported, ErrorDomain::Qemu, "QEMU guest agent is not configured");
    auto obj = find(ref);
    auto job = obj->beginJob("shutdown");
    auto mon = monitorOf(obj);
    {
        std::lock_guard lock(obj->mutex);
        obj->fakeReboot = false;
    }
    mon->execute("system_powerdown");
}

void QemuDriver::reboot(const DomainRef& ref, unsigned flags) {
    using namespace cvirt::flags;
    checkFlags(flags, kPowerAcpi | kPowerGuestAgent, "qemuDomainReboot");
    auto obj = find(ref);
    auto job = obj->beginJob("reboot");
    auto mon = monitorOf(obj);
    // The guest powers off on the ACPI button; the SHUTDOWN that follows is
    // turned into a reset instead of a stop.
    {
        std::lock_guard lock(obj->mutex);
        obj->fakeReboot = true;
    }
    mon->execute("system_powerdown");
}

void QemuDriver::reset(const DomainRef& ref, unsigned flags) {
    checkFlags(flags, 0, "qemuDomainReset");
    auto obj = find(ref);
    auto job = obj->beginJob("reset");
    monitorOf(obj)->execute("system_reset");
}

void QemuDriver::suspend(const DomainRef& ref) {
    auto obj = find(ref);
    auto job = obj->beginJob("suspend");
    auto mon = monitorOf(obj);
    {
        std::lock_guard lock(obj->mutex);
        if (obj->state == DomainState::Paused)
            return;
    }
    {
        std::lock_guard lock(obj->mutex);
        ++obj->expectedStops;
    }
    mon->execute("stop");
    {
        std::lock_guard lock(obj->mutex);
        obj->state = DomainState::Paused;
        obj->reason = reason::kUser;
    }
    writeStatus(obj);
    emit(obj, ev::kSuspended, ev::kSuspendedPaused);
}

void QemuDriver::resume(const DomainRef& ref) {
    auto obj = find(ref);
    auto job = obj->beginJob("resume");
    auto mon = monitorOf(obj);
    {
        std::lock_guard lock(obj->mutex);
        if (obj->state == DomainState::Running)
            return;
    }
    resumeCpus(obj, mon);
    {
        std::lock_guard lock(obj->mutex);
        obj->state = DomainState::Running;
        obj->reason = reason::kUnpaused;
    }
    writeStatus(obj);
    emit(obj, ev::kResumed, ev::kResumedUnpaused);
}

void QemuDriver::watchMonitor(const DomainObjPtr& obj, const std::shared_ptr<QmpClient>& monitor) {
    std::weak_ptr<DomainObj> weak = obj;
    std::weak_ptr<QemuDriver> self = weak_from_this();
    // Handlers run on the io thread: hand the work to the task queue.
    monitor->setEventHandler([self, weak](const QmpEvent& e) {
        if (auto d = self.lock())
            d->tasks_.post([d, weak, e] { d->onMonitorEvent(weak, e); });
    });
    monitor->setCloseHandler([self, weak] {
        if (auto d = self.lock())
            d->tasks_.post([d, weak] { d->onMonitorClosed(weak); });
    });
}

void QemuDriver::onMonitorEvent(const std::weak_ptr<DomainObj>& weak, const QmpEvent& e) {
    auto obj = weak.lock();
    if (!obj)
        return;
    CVIRT_DEBUG(kLog, "domain '{}': monitor event {}", obj->name, e.name);
    if (e.name == "SHUTDOWN") {
        bool reboot;
        {
            std::lock_guard lock(obj->mutex);
            if (obj->beingDestroyed)
                return;
            obj->shutdownRequested = true;
            reboot = obj->fakeReboot;
            if (!reboot) {
                obj->state = DomainState::Shutdown;
                obj->reason = reason::kShutdownUnknown;
            }
        }
        if (reboot) {
            // Finish the reboot: reset and run again.
            try {
                auto mon = monitorOf(obj);
                mon->execute("system_reset");
                resumeCpus(obj, mon);
                std::lock_guard lock(obj->mutex);
                obj->fakeReboot = false;
                obj->shutdownRequested = false;
            } catch (const Error& err) {
                CVIRT_WARN(kLog, "domain '{}': reboot failed: {}", obj->name, err.message());
            }
            events_.emit(DomainEvent{ev::kReboot, obj->ref(), 0, 0});
            return;
        }
        bool guest = e.data.is_object() && e.data.value("guest", false);
        emit(obj, ev::kShutdown, guest ? ev::kShutdownGuest : ev::kShutdownFinished);
        applyOnPoweroff(obj);
    } else if (e.name == "STOP") {
        bool changed = false;
        {
            std::lock_guard lock(obj->mutex);
            if (obj->expectedStops > 0) {
                --obj->expectedStops;
            } else if (obj->state == DomainState::Running) {
                obj->state = DomainState::Paused;
                obj->reason = reason::kPausedUnknown;
                changed = true;
            }
        }
        if (changed) {
            writeStatus(obj);
            emit(obj, ev::kSuspended, ev::kSuspendedPaused);
        }
    } else if (e.name == "RESUME") {
        bool changed = false;
        {
            std::lock_guard lock(obj->mutex);
            if (obj->expectedResumes > 0) {
                --obj->expectedResumes;
            } else if (obj->state == DomainState::Paused && obj->reason != reason::kStartingUp) {
                obj->state = DomainState::Running;
                obj->reason = reason::kUnpaused;
                changed = true;
            }
        }
        if (changed) {
            writeStatus(obj);
            emit(obj, ev::kResumed, ev::kResumedUnpaused);
        }
    } else if (e.name == "BALLOON_CHANGE") {
        onBalloonChange(obj, e);
    } else if (e.name == "RESET") {
        events_.emit(DomainEvent{ev::kReboot, obj->ref(), 0, 0});
    }
}

void QemuDriver::applyOnPoweroff(const DomainObjPtr& obj) {
    std::shared_ptr<const Domain> def;
    {
        std::lock_guard lock(obj->mutex);
        def = obj->liveDef;
    }
    if (!def)
        return;
    auto action = onPoweroff(*def);
    try {
        auto job = obj->beginJob("shutdown");
        if (action == LifecycleAction::Restart || action == LifecycleAction::RenameRestart) {
            auto mon = monitorOf(obj);
            mon->execute("system_reset");
            resumeCpus(obj, mon);
            std::lock_guard lock(obj->mutex);
            obj->state = DomainState::Running;
            obj->reason = reason::kBooted;
            obj->shutdownRequested = false;
            return;
        }
        if (action == LifecycleAction::Preserve)
            return;
        stopLocked(obj, reason::kShutdown, ev::kStoppedShutdown);
    } catch (const Error& err) {
        CVIRT_WARN(kLog, "domain '{}': on_poweroff failed: {}", obj->name, err.message());
    }
}

void QemuDriver::onMonitorClosed(const std::weak_ptr<DomainObj>& weak) {
    auto obj = weak.lock();
    if (!obj)
        return;
    bool guestShutdown;
    {
        std::lock_guard lock(obj->mutex);
        if (!obj->active())
            return;
        guestShutdown = obj->shutdownRequested;
    }
    // QEMU went away on its own (or was killed behind our back).
    try {
        auto job = obj->beginJob("monitor EOF");
        stopLocked(obj, guestShutdown ? reason::kShutdown : reason::kShutoffCrashed,
                   guestShutdown ? ev::kStoppedShutdown : ev::kStoppedFailed);
    } catch (const Error& err) {
        CVIRT_WARN(kLog, "domain '{}': cleanup after QEMU exit failed: {}", obj->name, err.message());
    }
}

int QemuDriver::vcpusFlags(const DomainRef& ref, unsigned flags) const {
    auto obj = find(ref);
    std::lock_guard lock(obj->mutex);
    auto def = obj->currentDef();
    return (flags & cvirt::flags::kVcpuMaximum) ? static_cast<int>(maxVcpus(*def)) : static_cast<int>(currentVcpus(*def));
}

void QemuDriver::setVcpus(const DomainRef&, unsigned, unsigned) {
    fail(ErrorCode::OperationUnsupported, ErrorDomain::Qemu, "changing vcpus is not supported yet");
}

std::string QemuDriver::nativeCommandLine(const std::string& xml) {
    auto def = parse(xml, false, false);
    auto caps = caps_.get(emulatorOf(*def));
    BuildContext ctx;
    ctx.caps = caps.get();
    ctx.id = -1;
    ctx.runtimeDir = paths_.runtimeDir(-1, def->name);
    ctx.monitorPath = ctx.runtimeDir + "/monitor.sock";
    ctx.libDir = paths_.libDir;
    ctx.kvm = caps->kvm;
    return buildCommandLine(*def, ctx).toString(false);
}

std::string QemuDriver::capabilitiesXml() {
    auto caps = defaultCaps();
    std::string out = "<capabilities>\n\n  <host>\n    <cpu>\n      <arch>" + caps->arch + "</arch>\n    </cpu>\n  </host>\n\n";
    out += "  <guest>\n    <os_type>hvm</os_type>\n    <arch name='" + caps->arch + "'>\n";
    out += "      <wordsize>64</wordsize>\n      <emulator>" + caps->binary + "</emulator>\n";
    for (const auto& m : caps->machines) {
        if (!m.alias.empty())
            out += fmt::format("      <machine canonical='{}' maxCpus='{}'>{}</machine>\n", m.name, m.maxCpus, m.alias);
        out += fmt::format("      <machine maxCpus='{}'>{}</machine>\n", m.maxCpus, m.name);
    }
    out += "      <domain type='qemu'/>\n";
    if (caps->kvm)
        out += "      <domain type='kvm'/>\n";
    out += "    </arch>\n  </guest>\n\n</capabilities>\n";
    return out;
}

}  // namespace cvirt::qemu
