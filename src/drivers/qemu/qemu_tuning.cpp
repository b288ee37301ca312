// A guest's CPUs and memory, at start and live: pinning of vCPUs and
// emulator threads, scheduler parameters (cgroup CPU shares and
// bandwidth), the balloon. libvirt's qemuDomain{Pin,Get}*,
// qemuDomain{Get,Set}SchedulerParameters and qemuDomainSetMemoryFlags.

#include <unistd.h>

#include <iterator>
#include <set>

#include "drivers/qemu/cpu_tuning.hpp"
#include "drivers/qemu/def_info.hpp"
#include "drivers/qemu/qemu_cgroup.hpp"
#include "drivers/qemu/qemu_driver.hpp"
#include "util/affinity.hpp"
#include "util/error.hpp"
#include "util/files.hpp"
#include "util/log.hpp"
#include "util/strings.hpp"

namespace cvirt::qemu {

namespace {

constexpr const char* kLog = "qemu.tuning";
constexpr auto kQemu = ErrorDomain::Qemu;

using conf::domain::CpuTune;

// VIR_DOMAIN_SCHEDULER_* parameters, the <cputune> value each stands for
// (ULLONG or LLONG), in libvirt's order.
struct SchedulerField {
    const char* name;
    uint64_t CpuTune::*unsignedValue;
    int64_t CpuTune::*signedValue;
};
constexpr SchedulerField kSchedulerFields[] = {
    {"cpu_shares", &CpuTune::shares, nullptr},
    {"vcpu_period", &CpuTune::period, nullptr},
    {"vcpu_quota", nullptr, &CpuTune::quota},
    {"emulator_period", &CpuTune::emulatorPeriod, nullptr},
    {"emulator_quota", nullptr, &CpuTune::emulatorQuota},
    {"global_period", &CpuTune::globalPeriod, nullptr},
    {"global_quota", nullptr, &CpuTune::globalQuota},
    {"iothread_period", &CpuTune::iothreadPeriod, nullptr},
    {"iothread_quota", nullptr, &CpuTune::iothreadQuota},
};
constexpr int kSchedulerParamCount = static_cast<int>(std::size(kSchedulerFields));

void checkFlags(unsigned flags, unsigned allowed, const char* function) {
    if (flags & ~allowed)
        fail(ErrorCode::InvalidArg, kQemu, "unsupported flags (0x{:x}) in function {}", flags & ~allowed, function);
}

[[noreturn]] void sessionMode(ErrorCode code) {
    fail(code, kQemu, "{}", "CPU tuning is not available in session mode");
}

// Which definitions a call with `flags` reaches (virDomainObjGetDefs):
// none of LIVE/CONFIG means the current one.
struct Targets {
    bool live = false;
    bool config = false;
};

Targets targetsOf(bool active, bool persistent, unsigned flags) {
    using namespace cvirt::flags;
    Targets t{(flags & kAffectLive) != 0, (flags & kAffectConfig) != 0};
    if (!t.live && !t.config)
        (active ? t.live : t.config) = true;
    if (t.live && !active)
        fail(ErrorCode::OperationInvalid, kQemu, "{}", "domain is not running");
    if (t.config && !persistent)
        fail(ErrorCode::OperationInvalid, kQemu, "{}", "transient domains do not have any persistent config");
    return t;
}

// Exactly one definition (virDomainObjGetOneDef); obj->mutex held.
std::shared_ptr<const Domain> oneDefOf(const DomainObj& obj, unsigned flags) {
    using namespace cvirt::flags;
    if ((flags & kAffectLive) && (flags & kAffectConfig))
        fail(ErrorCode::InvalidArg, kQemu, "{}",
             "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
    auto t = targetsOf(obj.active(), obj.persistentDef != nullptr, flags);
    return t.live ? obj.liveDef : obj.persistentDef;
}

Bitmap bitmapOf(const std::vector<uint8_t>& cpumap) {
    Bitmap bits;
    for (size_t i = 0; i < cpumap.size() * 8; ++i)
        if ((cpumap[i / 8] >> (i % 8)) & 1)
            bits.set(i);
    return bits;
}

// <resource><partition>, libvirt's /machine when none is given.
std::string partitionOf(const Domain& def) {
    if (def.resource && def.resource->partition)
        return *def.resource->partition;
    return DomainCgroup::kDefaultPartition;
}

std::vector<uint8_t> cpumapOf(const Bitmap& bits, int maplen) {
    std::vector<uint8_t> map(static_cast<size_t>(std::max(maplen, 0)), 0);
    for (size_t bit : bits.bits())
        if (bit / 8 < map.size())
            map[bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
    return map;
}

Bitmap allHostCpus() {
    Bitmap all;
    for (unsigned cpu = 0, n = hostCpuCount(); cpu < n; ++cpu)
        all.set(cpu);
    return all;
}

const SchedulerField* schedulerField(const std::string& name) {
    for (const auto& f : kSchedulerFields)
        if (name == f.name)
            return &f;
    return nullptr;
}

// virTypedParamsValidate for the scheduler's fields.
void validateSchedulerParams(const std::vector<TypedParameter>& params) {
    static constexpr const char* kTypeNames[] = {"int", "uint", "llong", "ullong", "double", "boolean", "string"};
    std::set<std::string> seen;
    for (const auto& p : params) {
        const SchedulerField* field = schedulerField(p.field);
        if (!field)
            fail(ErrorCode::ArgumentUnsupported, kQemu, "parameter '{}' not supported", p.field);
        if (!seen.insert(p.field).second)
            fail(ErrorCode::InvalidArg, kQemu, "parameter '{}' occurs multiple times", p.field);
        bool isSigned = field->signedValue != nullptr;
        bool ok = isSigned ? std::holds_alternative<int64_t>(p.value) : std::holds_alternative<uint64_t>(p.value);
        if (!ok)
            fail(ErrorCode::InvalidArg, kQemu, "invalid type '{}' for parameter '{}', expected '{}'",
                 kTypeNames[p.value.index()], p.field, isSigned ? "llong" : "ullong");
    }
}

// SCHED_RANGE_CHECK: 0 and negative quotas mean "leave" / "unlimited".
template <typename T>
void checkRange(T value, const char* name, long long min, long long max) {
    if ((value > 0 && static_cast<long long>(value) < min) ||
        (value > 0 && static_cast<unsigned long long>(value) > static_cast<unsigned long long>(max)))
        fail(ErrorCode::InvalidArg, kQemu, "value of '{}' is out of range [{}, {}]", name, min, max);
}

void requireCpuController(const std::shared_ptr<DomainCgroup>& cgroup) {
    if (!cgroup || !cgroup->has(CgroupController::Cpu))
        fail(ErrorCode::OperationInvalid, kQemu, "{}", "cgroup CPU controller is not mounted");
}

uint64_t procCpuTime(pid_t pid, pid_t tid, int* cpu) {
    std::string stat = readFile(fmt::format("/proc/{}/task/{}/stat", pid, tid), 4096);
    auto fields = split(stat.substr(stat.rfind(')') + 2), " ");
    if (fields.size() <= 36)
        return 0;
    if (cpu)
        *cpu = std::stoi(fields[36]);
    uint64_t ticks = std::stoull(fields[11]) + std::stoull(fields[12]);
    return ticks * (1000000000ull / static_cast<uint64_t>(::sysconf(_SC_CLK_TCK)));
}

}  // namespace

// ---- over a guest's life -------------------------------------------------

bool QemuDriver::privileged() const { return mode_ != Mode::Session && ::geteuid() == 0; }

void QemuDriver::checkTuningAllowed(const Domain& def) const {
    const auto& t = def.vcpu.tune;
    if (!privileged() && (t.sharesSpecified || t.period || t.quota || t.globalPeriod || t.globalQuota ||
                          t.emulatorPeriod || t.emulatorQuota || t.iothreadPeriod || t.iothreadQuota))
        sessionMode(ErrorCode::ConfigUnsupported);
}

void QemuDriver::setupTuning(const DomainObjPtr& obj, const std::shared_ptr<QmpClient>& monitor) {
    std::shared_ptr<const Domain> def;
    pid_t pid;
    int id;
    {
        std::lock_guard lock(obj->mutex);
        def = obj->liveDef;
        pid = obj->pid;
        id = obj->id;
    }
    auto vcpus = queryVcpuThreads(*monitor, pid);
    IOThreadThreads iothreads;
    if (!def->vcpu.iothreads.empty())
        iothreads = queryIOThreads(*monitor);
    std::shared_ptr<DomainCgroup> cgroup;
    if (privileged())
        cgroup = DomainCgroup::create(CgroupMounts::host(), partitionOf(*def), machineName(root_, id, def->name), pid);
    {
        // From here on stopLocked removes it, whatever fails next.
        std::lock_guard lock(obj->mutex);
        obj->cgroup = cgroup;
    }
    // As libvirt's live XML shows where the domain's group is.
    if (cgroup && !(def->resource && def->resource->partition))
        changeLiveDef(obj, [](Domain& d) {
            if (!d.resource)
                d.resource.emplace();
            d.resource->partition = DomainCgroup::kDefaultPartition;
        });
    applyCpuTuning(*def, pid, vcpus, iothreads, cgroup.get());
}

void QemuDriver::attachTuning(const DomainObjPtr& obj) {
    if (!privileged())
        return;
    std::lock_guard lock(obj->mutex);
    obj->cgroup = DomainCgroup::find(CgroupMounts::host(), partitionOf(*obj->liveDef),
                                     machineName(root_, obj->id, obj->name));
}

void QemuDriver::releaseTuning(const DomainObjPtr& obj) {
    std::shared_ptr<DomainCgroup> cgroup;
    {
        std::lock_guard lock(obj->mutex);
        cgroup = std::move(obj->cgroup);
    }
    if (cgroup && !cgroup->remove())
        CVIRT_WARN(kLog, "domain '{}': its cgroup {} could not be removed", obj->name, cgroup->group().path());
}

void QemuDriver::removeLeftoverCgroup(const Domain& live, int id) {
    if (privileged())
        DomainCgroup::removeLeftover(CgroupMounts::host(), partitionOf(live), machineName(root_, id, live.name));
}

void QemuDriver::changeLiveDef(const DomainObjPtr& obj, const std::function<void(Domain&)>& change) {
    {
        std::lock_guard lock(obj->mutex);
        if (!obj->liveDef)
            return;
        auto copy = std::make_shared<Domain>(*obj->liveDef);
        change(*copy);
        obj->liveDef = std::move(copy);
    }
    writeStatus(obj);
}

void QemuDriver::changePersistentDef(const DomainObjPtr& obj, const std::function<void(Domain&)>& change) {
    std::shared_ptr<Domain> copy;
    {
        std::lock_guard lock(obj->mutex);
        if (!obj->persistentDef)
            return;
        copy = std::make_shared<Domain>(*obj->persistentDef);
    }
    change(*copy);
    saveDefinition(*copy);
    std::lock_guard lock(obj->mutex);
    obj->persistentDef = std::move(copy);
}

// QEMU reports the size the guest's balloon driver reached.
void QemuDriver::onBalloonChange(const DomainObjPtr& obj, const QmpEvent& event) {
    if (!event.data.is_object() || !event.data.contains("actual"))
        return;
    uint64_t kib = event.data.value("actual", uint64_t{0}) / 1024;
    try {
        auto job = obj->beginJob("balloon change");
        changeLiveDef(obj, [&](Domain& d) { d.memory.current = kib; });
    } catch (const Error& e) {
        CVIRT_WARN(kLog, "domain '{}': balloon change not recorded: {}", obj->name, e.message());
    }
}

// ---- memory ------------------------------------------------------------

void QemuDriver::setMemory(const DomainRef& ref, uint64_t kib, unsigned flags) {
    using namespace cvirt::flags;
    checkFlags(flags, kAffectLive | kAffectConfig | kMemMaximum, "qemuDomainSetMemoryFlags");
    auto obj = find(ref);
    auto job = obj->beginJob("setmem");
    Targets t;
    std::shared_ptr<const Domain> live, persistent;
    {
        std::lock_guard lock(obj->mutex);
        t = targetsOf(obj->active(), obj->persistentDef != nullptr, flags);
        live = obj->liveDef;
        persistent = obj->persistentDef;
    }
    if (flags & kMemMaximum) {
        if (t.live)
            fail(ErrorCode::OperationInvalid, kQemu, "{}", "cannot resize the maximum memory on an active domain");
        if (!persistent->numa.cells.empty())
            fail(ErrorCode::OperationInvalid, kQemu, "{}",
                 "initial memory size of a domain with NUMA nodes cannot be modified with this API");
        if (persistent->memory.max && persistent->memory.max < kib)
            fail(ErrorCode::InvalidArg, kQemu, "{}",
                 "cannot set initial memory size greater than the maximum memory size");
        changePersistentDef(obj, [&](Domain& d) {
            d.memory.total = kib;
            if (d.memory.current > kib)
                d.memory.current = kib;
        });
        return;
    }
    uint64_t oldMax = t.live ? maxMemoryKiB(*live) : 0;
    if (t.config && (!oldMax || oldMax > maxMemoryKiB(*persistent)))
        oldMax = maxMemoryKiB(*persistent);
    if (kib > oldMax)
        fail(ErrorCode::InvalidArg, kQemu, "{}", "cannot set memory higher than max memory");
    if (t.live) {
        const auto& balloon = live->devices.memballoon;
        if (!balloon || balloon->model == conf::domain::MemballoonModel::None)
            fail(ErrorCode::OperationInvalid, kQemu, "{}",
                 "Unable to change memory of active domain without the balloon device and guest OS balloon driver");
        monitorOf(obj)->execute("balloon", {{"value", kib * 1024}});
        // The target from now on; BALLOON_CHANGE brings what the guest reached.
        changeLiveDef(obj, [&](Domain& d) { d.memory.current = kib; });
    }
    if (t.config)
        changePersistentDef(obj, [&](Domain& d) { d.memory.current = kib; });
}

// ---- vCPUs ---------------------------------------------------------------

VcpuPinning QemuDriver::vcpus(const DomainRef& ref, int maxinfo, int maplen) const {
    auto obj = find(ref);
    pid_t pid;
    {
        std::lock_guard lock(obj->mutex);
        if (!obj->active())
            fail(ErrorCode::OperationInvalid, kQemu, "{}", "cannot retrieve vcpu information for inactive domain");
        pid = obj->pid;
    }
    VcpuPinning out;
    for (const auto& c : monitorOf(obj)->execute("query-cpus-fast")) {
        if (static_cast<int>(out.info.size()) >= maxinfo)
            break;
        VcpuInfo v;
        v.number = c.value("cpu-index", 0u);
        v.state = 1;  // VIR_VCPU_RUNNING
        pid_t tid = c.value("thread-id", 0);
        try {
            v.cpuTime = procCpuTime(pid, tid, &v.cpu);
        } catch (const std::exception&) {
        }
        std::vector<uint8_t> map(static_cast<size_t>(std::max(maplen, 0)), 0);
        try {
            map = cpumapOf(threadAffinity(tid), maplen);
        } catch (const Error&) {
        }
        out.info.push_back(v);
        out.cpumaps.push_back(std::move(map));
    }
    return out;
}

void QemuDriver::pinVcpu(const DomainRef& ref, unsigned vcpu, const std::vector<uint8_t>& cpumap, unsigned flags) {
    using namespace cvirt::flags;
    checkFlags(flags, kAffectLive | kAffectConfig, "qemuDomainPinVcpuFlags");
    auto obj = find(ref);
    auto job = obj->beginJob("vcpupin");
    Targets t;
    std::shared_ptr<const Domain> live, persistent;
    std::shared_ptr<DomainCgroup> cgroup;
    pid_t pid;
    {
        std::lock_guard lock(obj->mutex);
        t = targetsOf(obj->active(), obj->persistentDef != nullptr, flags);
        live = obj->liveDef;
        persistent = obj->persistentDef;
        cgroup = obj->cgroup;
        pid = obj->pid;
    }
    if (t.config && vcpu >= persistent->vcpu.max())
        fail(ErrorCode::InvalidArg, kQemu, "vcpu {} is out of range of persistent cpu count {}", vcpu,
             persistent->vcpu.current());
    Bitmap cpus = bitmapOf(cpumap);
    if (cpus.empty())
        fail(ErrorCode::InvalidArg, kQemu, "{}", "Empty cpu list for pinning");
    if (t.live) {
        auto threads = queryVcpuThreads(*monitorOf(obj), pid);
        if (threads.empty())
            fail(ErrorCode::OperationInvalid, kQemu, "{}", "cpu affinity is not supported");
        if (vcpu >= live->vcpu.max())
            fail(ErrorCode::InvalidArg, kQemu, "vcpu {} is out of range of live cpu count {}", vcpu, live->vcpu.max());
        if (auto it = threads.find(vcpu); it != threads.end()) {
            // The cgroup's cpuset first: the affinity must lie inside it.
            if (cgroup && cgroup->has(CgroupController::Cpuset))
                cgroup->vcpu(vcpu, false).setCpusetCpus(cpus.format());
            setThreadAffinity(it->second, cpus);
        }
        changeLiveDef(obj, [&](Domain& d) { d.vcpu.vcpus[vcpu].pin = cpus; });
    }
    if (t.config)
        changePersistentDef(obj, [&](Domain& d) { d.vcpu.vcpus[vcpu].pin = cpus; });
}

// From the definition, as libvirt answers (virDomainDefGetVcpuPinInfoHelper).
std::vector<std::vector<uint8_t>> QemuDriver::vcpuPinInfo(const DomainRef& ref, int ncpumaps, int maplen,
                                                          unsigned flags) const {
    checkFlags(flags, cvirt::flags::kAffectLive | cvirt::flags::kAffectConfig, "qemuDomainGetVcpuPinInfo");
    auto obj = find(ref);
    std::shared_ptr<const Domain> def;
    {
        std::lock_guard lock(obj->mutex);
        def = oneDefOf(*obj, flags);
    }
    Bitmap all = allHostCpus();
    std::vector<std::vector<uint8_t>> maps;
    for (unsigned i = 0; i < def->vcpu.max() && static_cast<int>(i) < ncpumaps; ++i) {
        const auto& pin = def->vcpu.vcpus[i].pin;
        maps.push_back(cpumapOf(pin ? *pin : def->vcpu.cpuset ? *def->vcpu.cpuset : all, maplen));
    }
    return maps;
}

// ---- the emulator --------------------------------------------------------

void QemuDriver::pinEmulator(const DomainRef& ref, const std::vector<uint8_t>& cpumap, unsigned flags) {
    using namespace cvirt::flags;
    checkFlags(flags, kAffectLive | kAffectConfig, "qemuDomainPinEmulator");
    auto obj = find(ref);
    auto job = obj->beginJob("emulatorpin");
    Targets t;
    std::shared_ptr<DomainCgroup> cgroup;
    pid_t pid;
    {
        std::lock_guard lock(obj->mutex);
        t = targetsOf(obj->active(), obj->persistentDef != nullptr, flags);
        cgroup = obj->cgroup;
        pid = obj->pid;
    }
    Bitmap cpus = bitmapOf(cpumap);
    if (cpus.empty())
        fail(ErrorCode::InvalidArg, kQemu, "{}", "Empty cpu list for pinning");
    if (t.live) {
        if (cgroup && cgroup->has(CgroupController::Cpuset)) {
            try {
                cgroup->emulator(false).setCpusetCpus(cpus.format());
            } catch (const Error& e) {
                CVIRT_DEBUG(kLog, "emulator cpuset: {}", e.message());
                fail(ErrorCode::OperationInvalid, kQemu, "{}",
                     "failed to set cpuset.cpus in cgroup for emulator threads");
            }
        }
        pinEmulatorThreads(pid, queryVcpuThreads(*monitorOf(obj), pid), cpus);
        changeLiveDef(obj, [&](Domain& d) { d.vcpu.tune.emulatorPin = cpus; });
    }
    if (t.config)
        changePersistentDef(obj, [&](Domain& d) { d.vcpu.tune.emulatorPin = cpus; });
}

std::vector<uint8_t> QemuDriver::emulatorPinInfo(const DomainRef& ref, int maplen, unsigned flags) const {
    checkFlags(flags, cvirt::flags::kAffectLive | cvirt::flags::kAffectConfig, "qemuDomainGetEmulatorPinInfo");
    auto obj = find(ref);
    std::shared_ptr<const Domain> def;
    {
        std::lock_guard lock(obj->mutex);
        def = oneDefOf(*obj, flags);
    }
    return cpumapOf(emulatorCpus(*def), maplen);
}

// ---- scheduler parameters ------------------------------------------------

SchedulerType QemuDriver::schedulerType(const DomainRef& ref) const {
    auto obj = find(ref);
    if (!privileged())
        sessionMode(ErrorCode::OperationUnsupported);
    std::shared_ptr<DomainCgroup> cgroup;
    {
        std::lock_guard lock(obj->mutex);
        // Not running, no cgroups: what a running one would have.
        if (!obj->active())
            return {"posix", kSchedulerParamCount};
        cgroup = obj->cgroup;
    }
    requireCpuController(cgroup);
    return {"posix", cgroup->group().supportsCpuBandwidth() ? kSchedulerParamCount : 1};
}

std::vector<TypedParameter> QemuDriver::schedulerParameters(const DomainRef& ref, int nparams, unsigned flags) const {
    using namespace cvirt::flags;
    checkFlags(flags, kAffectLive | kAffectConfig | kTypedParamStringOkay, "qemuDomainGetSchedulerParametersFlags");
    auto obj = find(ref);
    if (!privileged())
        sessionMode(ErrorCode::OperationUnsupported);
    Targets t;
    std::shared_ptr<const Domain> def;
    std::shared_ptr<DomainCgroup> cgroup;
    {
        std::lock_guard lock(obj->mutex);
        t = targetsOf(obj->active(), obj->persistentDef != nullptr, flags & (kAffectLive | kAffectConfig));
        def = t.config ? obj->persistentDef : obj->liveDef;
        cgroup = obj->cgroup;
    }
    CpuTune values;
    bool bandwidth = true;
    if (t.config) {
        values = def->vcpu.tune;
    } else {
        requireCpuController(cgroup);
        values = readLiveScheduler(*def, *cgroup);
        bandwidth = cgroup->group().supportsCpuBandwidth();
    }
    std::vector<TypedParameter> out;
    for (const auto& f : kSchedulerFields) {
        if (!bandwidth && f.unsignedValue != &CpuTune::shares)
            break;
        if (f.unsignedValue)
            out.push_back({f.name, values.*f.unsignedValue});
        else
            out.push_back({f.name, values.*f.signedValue});
    }
    if (out.size() > static_cast<size_t>(std::max(nparams, 0)))
        out.resize(static_cast<size_t>(std::max(nparams, 0)));
    return out;
}

void QemuDriver::setSchedulerParameters(const DomainRef& ref, const std::vector<TypedParameter>& params,
                                        unsigned flags) {
    using namespace cvirt::flags;
    checkFlags(flags, kAffectLive | kAffectConfig, "qemuDomainSetSchedulerParametersFlags");
    validateSchedulerParams(params);
    auto obj = find(ref);
    if (!privileged())
        sessionMode(ErrorCode::ConfigUnsupported);
    auto job = obj->beginJob("schedinfo");
    Targets t;
    std::shared_ptr<DomainCgroup> cgroup;
    std::optional<Domain> live, config;
    {
        std::lock_guard lock(obj->mutex);
        t = targetsOf(obj->active(), obj->persistentDef != nullptr, flags);
        cgroup = obj->cgroup;
        if (t.live)
            live = *obj->liveDef;
        if (t.config)
            config = *obj->persistentDef;
    }
    if (t.live)
        requireCpuController(cgroup);

    // What reached the running domain stays recorded, even when a later
    // parameter fails, as libvirt's in-place changes do.
    auto commitLive = [&] {
        if (!live)
            return;
        {
            std::lock_guard lock(obj->mutex);
            obj->liveDef = std::make_shared<const Domain>(*live);
        }
        writeStatus(obj);
    };
    try {
        for (const auto& p : params) {
            const SchedulerField& field = *schedulerField(p.field);
            std::string_view f = field.name;
            if (field.unsignedValue == &CpuTune::shares) {
                uint64_t shares = std::get<uint64_t>(p.value);
                if (live) {
                    // What the kernel kept, as libvirt records it.
                    cgroup->group().setCpuShares(shares);
                    live->vcpu.tune.shares = cgroup->group().cpuShares();
                    live->vcpu.tune.sharesSpecified = true;
                }
                if (config) {
                    config->vcpu.tune.shares = shares;
                    config->vcpu.tune.sharesSpecified = true;
                }
                continue;
            }
            uint64_t period = field.unsignedValue ? std::get<uint64_t>(p.value) : 0;
            int64_t quota = field.signedValue ? std::get<int64_t>(p.value) : 0;
            if (field.unsignedValue)
                checkRange(period, field.name, static_cast<long long>(kCgroupCpuPeriodMin),
                           static_cast<long long>(kCgroupCpuPeriodMax));
            else
                checkRange(quota, field.name, kCgroupCpuQuotaMin, kCgroupCpuQuotaMax);
            auto store = [&](CpuTune& tune) {
                if (field.unsignedValue)
                    tune.*field.unsignedValue = period;
                else
                    tune.*field.signedValue = quota;
            };
            // 0 changes nothing on the running domain.
            if (live && (period || quota)) {
                auto apply = [&](const Cgroup& g) { setBandwidth(g, period, quota); };
                if (f.starts_with("vcpu_")) {
                    // Only where the vCPU threads have groups of their own.
                    for (unsigned i = 0; i < live->vcpu.max(); ++i)
                        if (Cgroup g = cgroup->vcpu(i, false); live->vcpu.vcpus[i].online && g.exists())
                            apply(g);
                } else if (f.starts_with("emulator_")) {
                    apply(cgroup->emulator(false));
                } else if (f.starts_with("global_")) {
                    apply(cgroup->group());
                } else {
                    for (const auto& io : live->vcpu.iothreads)
                        if (Cgroup g = cgroup->iothread(io.id, false); g.exists())
                            apply(g);
                }
                store(live->vcpu.tune);
            }
            if (config)
                store(config->vcpu.tune);
        }
    } catch (...) {
        try {
            commitLive();
        } catch (const Error& e) {
            CVIRT_WARN(kLog, "domain '{}': status not saved: {}", obj->name, e.message());
        }
        throw;
    }
    commitLive();
    if (config)
        changePersistentDef(obj, [&](Domain& d) { d.vcpu.tune = config->vcpu.tune; });
}

}  // namespace cvirt::qemu
