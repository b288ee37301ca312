#include "drivers/qemu/cpu_tuning.hpp"

#include <cerrno>
#include <set>

#include "drivers/qemu/monitor/qmp_client.hpp"
#include "util/affinity.hpp"
#include "util/error.hpp"
#include "util/log.hpp"
#include "util/strings.hpp"

namespace cvirt::qemu {
namespace {

constexpr std::string_view kLog = "qemu.cpu_tuning";
using conf::domain::Domain;

[[noreturn]] void cpuControllerRequired() {
    fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "{}", "cgroup cpu is required for scheduler tuning");
}

// One thread into its group (libvirt's qemuProcessSetupPid): the group's
// cpuset and bandwidth first, so the thread never runs outside them, then
// the move, then the affinity on top. The emulator (`wholeProcess`) takes
// every thread QEMU has; the vCPUs and IOThreads are moved out after it.
void setupThread(const DomainCgroup* cgroup, const std::optional<Cgroup>& group, pid_t tid, bool wholeProcess,
                 const Bitmap& cpus, uint64_t period, int64_t quota) {
    bool cpu = cgroup && cgroup->has(CgroupController::Cpu);
    if ((period || quota) && !cpu)
        cpuControllerRequired();
    if (group) {
        if (group->has(CgroupController::Cpuset))
            group->setCpusetCpus(cpus.format());
        if (cpu)
            setBandwidth(*group, period, quota);
        if (wholeProcess)
            group->addProcess(tid);
        else
            group->addThread(tid);
    }
    if (wholeProcess)
        pinEmulatorThreads(tid, {}, cpus);
    else
        setThreadAffinity(tid, cpus);
}

// A thread's own group, made when the domain has a CPU controller to put
// in it.
template <typename Make>
std::optional<Cgroup> threadGroup(const DomainCgroup* cgroup, Make make) {
    if (!cgroup || (!cgroup->has(CgroupController::Cpu) && !cgroup->has(CgroupController::Cpuset)))
        return std::nullopt;
    return make(*cgroup);
}

}  // namespace

IOThreadThreads queryIOThreads(QmpClient& monitor) {
    IOThreadThreads out;
    for (const auto& t : monitor.execute("query-iothreads")) {
        std::string id = t.value("id", "");
        auto number = id.rfind("iothread", 0) == 0 ? parseInt<unsigned>(std::string_view(id).substr(8)) : std::nullopt;
        if (number)
            out[*number] = t.value("thread-id", 0);
    }
    return out;
}

VcpuThreads queryVcpuThreads(QmpClient& monitor, pid_t pid) {
    VcpuThreads out;
    std::set<pid_t> seen;
    for (const auto& c : monitor.execute("query-cpus-fast")) {
        pid_t tid = c.value("thread-id", 0);
        // libvirt's validity test: a vCPU on QEMU's main thread or sharing
        // a thread with another vCPU cannot be pinned on its own.
        if (tid <= 0 || tid == pid || !seen.insert(tid).second) {
            CVIRT_DEBUG(kLog, "vCPU threads of pid {} cannot be told apart", pid);
            return {};
        }
        out[c.value("cpu-index", 0u)] = tid;
    }
    return out;
}

Bitmap vcpuCpus(const Domain& def, unsigned vcpu) {
    if (vcpu < def.vcpu.vcpus.size() && def.vcpu.vcpus[vcpu].pin)
        return *def.vcpu.vcpus[vcpu].pin;
    if (def.vcpu.cpuset)
        return *def.vcpu.cpuset;
    return hostOnlineCpus();
}

Bitmap emulatorCpus(const Domain& def) {
    if (def.vcpu.tune.emulatorPin)
        return *def.vcpu.tune.emulatorPin;
    if (def.vcpu.cpuset)
        return *def.vcpu.cpuset;
    return hostOnlineCpus();
}

void setBandwidth(const Cgroup& group, uint64_t period, int64_t quota) {
    if (period == 0 && quota == 0)
        return;
    uint64_t oldPeriod = 0;
    if (period) {
        oldPeriod = group.cfsPeriod();
        group.setCfsPeriod(period);
    }
    if (quota) {
        try {
            group.setCfsQuota(quota);
        } catch (...) {
            if (period) {
                try {
                    group.setCfsPeriod(oldPeriod);
                } catch (const Error& e) {
                    CVIRT_WARN(kLog, "cannot restore cfs period of {}: {}", group.path(), e.message());
                }
            }
            throw;
        }
    }
}

void pinEmulatorThreads(pid_t pid, const VcpuThreads& vcpus, const Bitmap& cpus) {
    std::set<pid_t> skip;
    for (const auto& [id, tid] : vcpus)
        skip.insert(tid);
    setThreadAffinity(pid, cpus);
    for (pid_t tid : processThreads(pid)) {
        if (tid == pid || skip.count(tid))
            continue;
        try {
            setThreadAffinity(tid, cpus);
        } catch (const Error& e) {
            // A worker thread may end between listing and pinning.
            if (e.int1() != ESRCH)
                throw;
        }
    }
}

void applyCpuTuning(const Domain& def, pid_t pid, const VcpuThreads& vcpus, const IOThreadThreads& iothreads,
                    const DomainCgroup* cgroup) {
    const auto& tune = def.vcpu.tune;
    bool cpu = cgroup && cgroup->has(CgroupController::Cpu);
    // qemuSetupCpuCgroup: shares on the domain's group.
    if (cgroup && tune.sharesSpecified) {
        if (!cpu)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "{}", "CPU tuning is not available on this host");
        cgroup->group().setCpuShares(tune.shares);
    }

    setupThread(cgroup, threadGroup(cgroup, [](const DomainCgroup& g) { return g.emulator(true); }), pid, true,
                emulatorCpus(def), tune.emulatorPeriod, tune.emulatorQuota);

    if (vcpus.empty()) {
        // Without the vCPUs' threads only the domain-wide placement can hold.
        for (const auto& v : def.vcpu.vcpus)
            if (v.pin && !(def.vcpu.cpuset && *def.vcpu.cpuset == *v.pin))
                fail(ErrorCode::OperationInvalid, ErrorDomain::Qemu, "{}", "cpu affinity is not supported");
    }
    for (const auto& [id, tid] : vcpus)
        setupThread(cgroup, threadGroup(cgroup, [id = id](const DomainCgroup& g) { return g.vcpu(id, true); }), tid,
                    false, vcpuCpus(def, id), tune.period, tune.quota);

    // qemuProcessSetupIOThreads
    for (const auto& t : def.vcpu.iothreads) {
        auto it = iothreads.find(t.id);
        if (it == iothreads.end())
            continue;
        Bitmap cpus = t.pin ? *t.pin : def.vcpu.cpuset ? *def.vcpu.cpuset : hostOnlineCpus();
        setupThread(cgroup, threadGroup(cgroup, [&](const DomainCgroup& g) { return g.iothread(t.id, true); }),
                    it->second, false, cpus, tune.iothreadPeriod, tune.iothreadQuota);
    }

    // qemuProcessSetupGlobalCpuCgroup: nothing without the cpu controller.
    if (cpu && (tune.globalPeriod || tune.globalQuota))
        setBandwidth(cgroup->group(), tune.globalPeriod, tune.globalQuota);
}

conf::domain::CpuTune readLiveScheduler(const Domain& def, const DomainCgroup& cgroup) {
    conf::domain::CpuTune v;
    const Cgroup& domain = cgroup.group();
    v.shares = domain.cpuShares();
    v.sharesSpecified = true;
    if (!domain.supportsCpuBandwidth())
        return v;
    // Per-vCPU groups exist when the vCPU threads were told apart; else the
    // domain's bandwidth, shared by its vCPUs (qemuGetVcpusBWLive).
    Cgroup vcpu0 = cgroup.vcpu(0, false);
    if (vcpu0.exists()) {
        v.period = vcpu0.cfsPeriod();
        v.quota = vcpu0.cfsQuota();
    } else {
        v.period = domain.cfsPeriod();
        v.quota = domain.cfsQuota();
        if (v.quota > 0 && def.vcpu.current() > 0)
            v.quota /= def.vcpu.current();
    }
    Cgroup emulator = cgroup.emulator(false);
    const Cgroup& emulatorOrDomain = emulator.exists() ? emulator : domain;
    v.emulatorPeriod = emulatorOrDomain.cfsPeriod();
    v.emulatorQuota = emulatorOrDomain.cfsQuota();
    v.globalPeriod = domain.cfsPeriod();
    v.globalQuota = domain.cfsQuota();
    std::optional<Cgroup> iothread;
    if (!def.vcpu.iothreads.empty())
        iothread = cgroup.iothread(def.vcpu.iothreads.front().id, false);
    const Cgroup& iothreadOrDomain = iothread && iothread->exists() ? *iothread : domain;
    v.iothreadPeriod = iothreadOrDomain.cfsPeriod();
    v.iothreadQuota = iothreadOrDomain.cfsQuota();
    return v;
}

}  // namespace cvirt::qemu
