#include "drivers/qemu/qemu_driver.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <thread>

#include "drivers/qemu/command/command_line.hpp"
#include "drivers/qemu/def_info.hpp"
#include "drivers/qemu/domain_defaults/qemu_hooks.hpp"
#include "drivers/qemu/launcher.hpp"
#include "drivers/qemu/status_file.hpp"
#include "util/error.hpp"
#include "util/files.hpp"
#include "util/log.hpp"

namespace cvirt::qemu {

using namespace std::chrono_literals;
namespace ev = cvirt::event;

namespace {
constexpr const char* kLog = "qemu.qemu_driver";

[[noreturn]] void noDomainUuid(const DomainRef& ref) {
    fail(ErrorCode::NoDomain, ErrorDomain::Qemu, "no domain with matching uuid '{}' ({})", ref.uuid.format(), ref.name);
}

void checkFlags(unsigned flags, unsigned allowed, const char* function) {
    if (flags & ~allowed)
        fail(ErrorCode::InvalidArg, ErrorDomain::Qemu, "unsupported flags (0x{:x}) in function {}", flags & ~allowed,
             function);
}

}  // namespace

// ---- lifetime ------------------------------------------------------------

std::shared_ptr<QemuDriver> QemuDriver::get(Mode mode, const std::string& root) {
    static std::mutex mutex;
    // System and session drivers live as long as the process; embed drivers
    // as long as a connection uses them.
    static std::map<std::string, std::shared_ptr<QemuDriver>> pinned;
    static std::map<std::string, std::weak_ptr<QemuDriver>> shared;
    std::string key = std::to_string(static_cast<int>(mode)) + ":" + root;
    std::lock_guard lock(mutex);
    if (auto it = shared.find(key); it != shared.end())
        if (auto d = it->second.lock())
            return d;
    QemuPaths paths = mode == Mode::Session ? QemuPaths::session()
                      : mode == Mode::Embed ? QemuPaths::embed(root)
                                            : QemuPaths::system(root);
    auto d = std::make_shared<QemuDriver>(mode, root, paths);
    d->initialize();
    shared[key] = d;
    if (mode != Mode::Embed)
        pinned[key] = d;
    return d;
}

QemuDriver::QemuDriver(Mode mode, std::string root, QemuPaths paths)
    : mode_(mode), root_(std::move(root)), paths_(std::move(paths)), caps_(paths_.cacheDir),
      ioGuard_(asio::make_work_guard(io_)), ioThread_([this] { io_.run(); }) {
    switch (mode_) {
    case Mode::System: uri_ = "qemu:///system"; break;
    case Mode::Session: uri_ = "qemu:///session"; break;
    case Mode::Embed: uri_ = "qemu:///embed?root=" + root_; break;
    }
}

QemuDriver::~QemuDriver() {
    // Guests keep running: the monitors are closed, the processes are not
    // touched, and the status files stay for the next driver.
    for (const auto& obj : domains_.all()) {
        std::lock_guard lock(obj->mutex);
        if (obj->monitor) {
            obj->monitor->setEventHandler(nullptr);
            obj->monitor->setCloseHandler(nullptr);
        }
        obj->monitor.reset();
    }
    ioGuard_.reset();
    io_.stop();
    ioThread_.join();
}

void QemuDriver::initialize() {
    paths_.create();
    loadDefinitions();
    reattach();
    runAutostart();
}

std::shared_ptr<const QemuCaps> QemuDriver::defaultCaps() {
    return caps_.get("/usr/bin/qemu-system-x86_64");
}

std::shared_ptr<const Domain> QemuDriver::parse(const std::string& xml, bool inactive, bool validate) {
    conf::domain::DomainParseOptions options;
    options.inactive = inactive;
    options.validateSchema = validate;
    // Definitions that are complete (loaded, re-attached) keep what they
    // have; new ones get the defaults and addresses libvirt's define and
    // create give them.
    options.abiUpdate = true;
    QemuXmlConfig config;
    if (const char* v = std::getenv("QEMU_AUDIO_DRV"))
        config.audioDriverEnv = v;
    if (const char* v = std::getenv("SDL_AUDIODRIVER"))
        config.sdlAudioDriverEnv = v;
    CapsLookup lookup = [this](const std::string& emulator) { return caps_.get(emulator); };
    return std::make_shared<const Domain>(parseQemuDomainXml(xml, options, lookup, config));
}

void QemuDriver::loadDefinitions() {
    for (const auto& file : listDirectory(paths_.configDir, ".xml")) {
        std::string path = paths_.configDir + "/" + file;
        try {
            auto def = parse(readFile(path), true, false);
            auto obj = std::make_shared<DomainObj>(def->name, def->uuid);
            obj->persistentDef = def;
            obj->autostart = fileExists(paths_.autostartLink(def->name));
            obj->hasManagedSave = fileExists(paths_.managedSaveFile(def->name));
            obj->reason = reason::kShutoffUnknown;
            domains_.add(obj);
        } catch (const Error& e) {
            // One bad file must not hide the others; libvirt logs and goes on.
            CVIRT_ERROR(kLog, "failed to load config {}: {}", path, e.message());
        }
    }
}

void QemuDriver::reattach() {
    int maxId = 0;
    std::vector<DomainObjPtr> shutDownWhileAway;
    for (const auto& file : listDirectory(paths_.stateDir, ".xml")) {
        std::string path = paths_.stateDir + "/" + file;
        DomainStatus status;
        std::shared_ptr<const Domain> live;
        try {
            status = parseStatus(readFile(path), path);
            live = parse(status.domainXml, false, false);
        } catch (const Error& e) {
            CVIRT_ERROR(kLog, "ignoring unreadable status file {}: {}", path, e.message());
            continue;
        }
        auto obj = domains_.findByUuid(live->uuid);
        bool transient = !obj;
        if (!obj) {
            obj = std::make_shared<DomainObj>(live->name, live->uuid);
            domains_.add(obj);
        }
        maxId = std::max(maxId, status.id);
        std::shared_ptr<QmpClient> monitor;
        if (processAlive(status.pid)) {
            try {
                monitor = QmpClient::connect(io_, status.monitorPath, 10s);
            } catch (const Error& e) {
                CVIRT_WARN(kLog, "cannot reconnect to monitor of '{}': {}", live->name, e.message());
            }
        }
        if (!monitor) {
            // The guest died while we were away: clean up, report it shut off.
            CVIRT_INFO(kLog, "domain '{}' (pid {}) is gone; cleaning up", live->name, status.pid);
            if (processAlive(status.pid))
                killProcess(status.pid, false, 2s);
            removeFile(path);
            removeTree(status.runtimeDir);
            removeLeftoverCgroup(*live, status.id);
            if (transient) {
                domains_.remove(live->uuid);
            } else {
                std::lock_guard lock(obj->mutex);
                obj->state = DomainState::Shutoff;
                obj->reason = reason::kShutoffUnknown;
            }
            continue;
        }
        DomainState state = status.state;
        int why = status.reason;
        bool guestShutDown = false;
        try {
            auto st = monitor->execute("query-status", nullptr, 5s);
            bool running = st.value("running", false);
            // The guest powered off while nobody watched: QEMU waits (-no-shutdown).
            guestShutDown = st.value("status", "") == "shutdown";
            if (guestShutDown) {
                state = DomainState::Shutdown;
                why = reason::kShutdownUnknown;
            } else if (running && state != DomainState::Running) {
                state = DomainState::Running;
                why = reason::kUnpaused;
            } else if (!running && state == DomainState::Running) {
                state = DomainState::Paused;
                why = reason::kPausedUnknown;
            }
        } catch (const Error&) {
        }
        {
            std::lock_guard lock(obj->mutex);
            obj->liveDef = live;
            obj->id = status.id;
            obj->pid = status.pid;
            obj->state = state;
            obj->reason = why;
            obj->monitor = monitor;
            obj->monitorPath = status.monitorPath;
            obj->runtimeDir = status.runtimeDir;
            obj->shutdownRequested = guestShutDown;
        }
        attachTuning(obj);
        watchMonitor(obj, monitor);
        if (guestShutDown)
            shutDownWhileAway.push_back(obj);
        CVIRT_INFO(kLog, "re-attached to domain '{}' id {} pid {}", live->name, status.id, status.pid);
    }
    nextId_ = maxId + 1;
    // As libvirt does on reconnecting: finish the shutdown with on_poweroff.
    for (const auto& obj : shutDownWhileAway)
        applyOnPoweroff(obj);
}

void QemuDriver::runAutostart() {
    for (const auto& obj : domains_.all()) {
        bool wanted;
        {
            std::lock_guard lock(obj->mutex);
            wanted = obj->autostart && !obj->active() && obj->persistentDef;
        }
        if (!wanted)
            continue;
        try {
            auto job = obj->beginJob("start");
            startLocked(obj, 0, true);
        } catch (const Error& e) {
            CVIRT_ERROR(kLog, "failed to autostart domain '{}': {}", obj->name, e.message());
        }
    }
}

// ---- lookups ---------------------------------------------------------------

DomainObjPtr QemuDriver::find(const DomainRef& ref) const {
    auto obj = domains_.findByUuid(ref.uuid);
    if (!obj)
        noDomainUuid(ref);
    return obj;
}

DomainRef QemuDriver::lookupByName(const std::string& name) const {
    auto obj = domains_.findByName(name);
    if (!obj)
        fail(ErrorCode::NoDomain, ErrorDomain::Qemu, "no domain with matching name '{}'", name);
    std::lock_guard lock(obj->mutex);
    return obj->ref();
}

DomainRef QemuDriver::lookupByUuid(const Uuid& uuid) const {
    auto obj = domains_.findByUuid(uuid);
    if (!obj)
        fail(ErrorCode::NoDomain, ErrorDomain::Qemu, "no domain with matching uuid '{}'", uuid.format());
    std::lock_guard lock(obj->mutex);
    return obj->ref();
}

DomainRef QemuDriver::lookupById(int id) const {
    auto obj = id >= 0 ? domains_.findById(id) : nullptr;
    if (!obj)
        fail(ErrorCode::NoDomain, ErrorDomain::Qemu, "no domain with matching id {}", id);
    std::lock_guard lock(obj->mutex);
    return obj->ref();
}

std::vector<DomainRef> QemuDriver::listAll(unsigned flags) const {
    using namespace cvirt::flags;
    checkFlags(flags, (1u << 16) - 1, "qemuConnectListAllDomains");
    std::vector<DomainRef> out;
    for (const auto& obj : domains_.all()) {
        std::lock_guard lock(obj->mutex);
        bool active = obj->active();
        bool persistent = obj->persistentDef != nullptr;
        if ((flags & (kListActive | kListInactive)) && !((flags & kListActive && active) || (flags & kListInactive && !active)))
            continue;
        if ((flags & (kListPersistent | kListTransient)) &&
            !((flags & kListPersistent && persistent) || (flags & kListTransient && !persistent)))
            continue;
        if (flags & (kListRunning | kListPaused | kListShutoff | kListOther)) {
            auto s = obj->state;
            bool match = (flags & kListRunning && s == DomainState::Running) ||
                         (flags & kListPaused && s == DomainState::Paused) ||
                         (flags & kListShutoff && s == DomainState::Shutoff) ||
                         (flags & kListOther && s != DomainState::Running && s != DomainState::Paused &&
                          s != DomainState::Shutoff);
            if (!match)
                continue;
        }
        if ((flags & (kListManagedSave | kListNoManagedSave)) &&
            !((flags & kListManagedSave && obj->hasManagedSave) || (flags & kListNoManagedSave && !obj->hasManagedSave)))
            continue;
        if ((flags & (kListAutostart | kListNoAutostart)) &&
            !((flags & kListAutostart && obj->autostart) || (flags & kListNoAutostart && !obj->autostart)))
            continue;
        // No snapshots or checkpoints yet: "has" filters match nothing.
        if ((flags & (kListHasSnapshot | kListNoSnapshot)) && !(flags & kListNoSnapshot))
            continue;
        if ((flags & (kListHasCheckpoint | kListNoCheckpoint)) && !(flags & kListNoCheckpoint))
            continue;
        out.push_back(obj->ref());
    }
    // Running domains by id first, then inactive ones by name, as libvirt's
    // clients print them.
    std::stable_sort(out.begin(), out.end(), [](const DomainRef& a, const DomainRef& b) {
        if ((a.id >= 0) != (b.id >= 0))
            return a.id >= 0;
        return a.id >= 0 ? a.id < b.id : a.name < b.name;
    });
    return out;
}

// ---- definitions -------------------------------------------------------

void QemuDriver::saveDefinition(const Domain& def) {
    conf::domain::DomainFormatOptions options;
    options.inactive = true;
    options.secure = true;
    writeFileAtomic(paths_.definitionFile(def.name), conf::domain::formatDomainXml(def, options), 0600);
}

DomainRef QemuDriver::define(const std::string& xml, unsigned flags) {
    checkFlags(flags, cvirt::flags::kDefineValidate, "qemuDomainDefineXMLFlags");
    auto def = parse(xml, true, flags & cvirt::flags::kDefineValidate);
    auto existing = domains_.findByName(def->name);
    if (existing && existing->uuid != def->uuid)
        fail(ErrorCode::OperationFailed, ErrorDomain::Qemu, "domain '{}' is already defined with uuid {}", def->name,
             existing->uuid.format());
    if (!existing) {
        if (auto other = domains_.findByUuid(def->uuid))
            fail(ErrorCode::OperationFailed, ErrorDomain::Qemu, "domain '{}' already exists with uuid {}", other->name,
                 def->uuid.format());
    }
    saveDefinition(*def);
    DomainObjPtr obj = existing;
    bool updated = obj != nullptr;
    if (!obj) {
        obj = std::make_shared<DomainObj>(def->name, def->uuid);
        domains_.add(obj);
    }
    DomainRef ref;
    {
        std::lock_guard lock(obj->mutex);
        updated = updated && obj->persistentDef != nullptr;
        obj->persistentDef = def;
        ref = obj->ref();
    }
    events_.emitLifecycle(ref, ev::kDefined, updated ? ev::kDefinedUpdated : ev::kDefinedAdded);
    return ref;
}

void QemuDriver::undefine(const DomainRef& ref, unsigned flags) {
    using namespace cvirt::flags;
    checkFlags(flags, kUndefineManagedSave | kUndefineSnapshotsMetadata | kUndefineNvram | kUndefineKeepNvram |
                          kUndefineCheckpointsMetadata | kUndefineTpm | kUndefineKeepTpm,
               "qemuDomainUndefineFlags");
    auto obj = find(ref);
    auto job = obj->beginJob("undefine");
    DomainRef current;
    {
        std::lock_guard lock(obj->mutex);
        if (!obj->persistentDef)
            fail(ErrorCode::OperationInvalid, ErrorDomain::Qemu, "cannot undefine transient domain");
        if (obj->hasManagedSave && !(flags & kUndefineManagedSave))
            fail(ErrorCode::OperationInvalid, ErrorDomain::Qemu,
                 "Refusing to undefine while domain managed save image exists");
        current = obj->ref();
    }
    removeFile(paths_.autostartLink(obj->name));
    removeFile(paths_.definitionFile(obj->name));
    if (flags & kUndefineManagedSave)
        removeFile(paths_.managedSaveFile(obj->name));
    {
        std::lock_guard lock(obj->mutex);
        obj->persistentDef.reset();
        obj->autostart = false;
        obj->hasManagedSave = false;
    }
    events_.emitLifecycle(current, ev::kUndefined, ev::kUndefinedRemoved);
    // A running domain stays, transient, until it stops.
    if (current.id < 0)
        domains_.remove(obj->uuid);
}

DomainRef QemuDriver::createXml(const std::string& xml, unsigned flags) {
    using namespace cvirt::flags;
    checkFlags(flags, kStartPaused | kStartAutodestroy | kStartValidate, "qemuDomainCreateXML");
    auto def = parse(xml, false, flags & kStartValidate);
    if (auto other = domains_.findByUuid(def->uuid); other || domains_.findByName(def->name)) {
        auto clash = other ? other : domains_.findByName(def->name);
        std::lock_guard lock(clash->mutex);
        if (clash->active())
            fail(ErrorCode::OperationInvalid, ErrorDomain::Qemu, "domain '{}' is already active", clash->name);
        fail(ErrorCode::OperationFailed, ErrorDomain::Qemu, "domain '{}' already exists with uuid {}", clash->name,
             clash->uuid.format());
    }
    auto obj = std::make_shared<DomainObj>(def->name, def->uuid);
    {
        std::lock_guard lock(obj->mutex);
        obj->liveDef = def;  // picked up by startLocked for a transient domain
    }
    domains_.add(obj);
    try {
        auto job = obj->beginJob("start");
        startLocked(obj, flags, false);
    } catch (...) {
        domains_.remove(obj->uuid);
        throw;
    }
    std::lock_guard lock(obj->mutex);
    return obj->ref();
}

// ---- queries ----------------------------------------------------------

DomainInfo QemuDriver::info(const DomainRef& ref) const {
    auto obj = find(ref);
    std::lock_guard lock(obj->mutex);
    auto def = obj->currentDef();
    DomainInfo i;
    i.state = obj->state;
    i.maxMem = maxMemoryKiB(*def);
    i.memory = obj->active() ? currentMemoryKiB(*def) : currentMemoryKiB(*def);
    i.nrVirtCpu = currentVcpus(*def);
    if (obj->active() && obj->pid > 0) {
        // utime + stime of the QEMU process, in ns (libvirt reads the cgroup
        // or /proc the same way).
        try {
            std::string stat = readFile("/proc/" + std::to_string(obj->pid) + "/stat", 4096);
            auto fields = split(stat.substr(stat.rfind(')') + 2), " ");
            if (fields.size() > 12) {
                uint64_t ticks = std::stoull(fields[11]) + std::stoull(fields[12]);
                i.cpuTime = ticks * (1000000000ull / static_cast<uint64_t>(::sysconf(_SC_CLK_TCK)));
            }
        } catch (const std::exception&) {
        }
    }
    return i;
}

driver::DomainStateReason QemuDriver::state(const DomainRef& ref) const {
    auto obj = find(ref);
    std::lock_guard lock(obj->mutex);
    return {obj->state, obj->reason};
}

std::string QemuDriver::xmlDesc(const DomainRef& ref, unsigned flags) const {
    using namespace cvirt::flags;
    checkFlags(flags, kXmlSecure | kXmlInactive | kXmlUpdateCpu | kXmlMigratable, "qemuDomainGetXMLDesc");
    auto obj = find(ref);
    std::shared_ptr<const Domain> def;
    int id;
    {
        std::lock_guard lock(obj->mutex);
        def = (flags & kXmlInactive) && obj->persistentDef ? obj->persistentDef : obj->currentDef();
        id = obj->id;
    }
    conf::domain::DomainFormatOptions options;
    options.inactive = flags & (kXmlInactive | kXmlMigratable);
    options.secure = flags & kXmlSecure;
    options.migratable = flags & kXmlMigratable;
    if (!options.inactive && id >= 0 && def->id != id) {
        auto copy = std::make_shared<Domain>(*def);
        copy->id = id;
        return conf::domain::formatDomainXml(*copy, options);
    }
    return conf::domain::formatDomainXml(*def, options);
}

std::string QemuDriver::osType(const DomainRef& ref) const {
    auto obj = find(ref);
    std::lock_guard lock(obj->mutex);
    return osTypeOf(*obj->currentDef());
}

uint64_t QemuDriver::maxMemory(const DomainRef& ref) const {
    auto obj = find(ref);
    std::lock_guard lock(obj->mutex);
    return maxMemoryKiB(*obj->currentDef());
}

bool QemuDriver::isPersistent(const DomainRef& ref) const {
    auto obj = find(ref);
    std::lock_guard lock(obj->mutex);
    return obj->persistentDef != nullptr;
}

bool QemuDriver::autostart(const DomainRef& ref) const {
    auto obj = find(ref);
    std::lock_guard lock(obj->mutex);
    return obj->autostart;
}

void QemuDriver::setAutostart(const DomainRef& ref, bool autostart) {
    auto obj = find(ref);
    {
        std::lock_guard lock(obj->mutex);
        if (!obj->persistentDef)
            fail(ErrorCode::OperationInvalid, ErrorDomain::Qemu, "cannot set autostart for transient domain");
        if (obj->autostart == autostart)
            return;
    }
    std::string link = paths_.autostartLink(obj->name);
    if (autostart) {
        makeDirectories(paths_.autostartDir, 0700);
        removeFile(link);
        if (::symlink(paths_.definitionFile(obj->name).c_str(), link.c_str()) < 0)
            failSystem(ErrorDomain::Qemu, fmt::format("Failed to create symlink '{}' to '{}'", link,
                                                      paths_.definitionFile(obj->name)));
    } else {
        removeFile(link);
    }
    std::lock_guard lock(obj->mutex);
    obj->autostart = autostart;
}

NodeInfo QemuDriver::nodeInfo() const {
    NodeInfo n;
    struct utsname u {};
    ::uname(&u);
    n.model = u.machine;
    n.cpus = static_cast<unsigned>(::sysconf(_SC_NPROCESSORS_ONLN));
    n.memory = static_cast<uint64_t>(::sysconf(_SC_PHYS_PAGES)) * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE)) / 1024;
    n.nodes = 1;
    n.sockets = 1;
    n.cores = n.cpus;
    n.threads = 1;
    try {
        for (const auto& line : split(readFile("/proc/cpuinfo", 1u << 22), "\n"))
            if (line.starts_with("cpu MHz")) {
                n.mhz = static_cast<unsigned>(std::stod(line.substr(line.find(':') + 1)));
                break;
            }
    } catch (const std::exception&) {
    }
    return n;
}

uint64_t QemuDriver::version() { return defaultCaps()->version; }

}  // namespace cvirt::qemu
