#pragma once
// A domain's <vcpu cpuset> and <cputune> put on its QEMU threads, as
// libvirt's qemuProcessSetupEmulator, qemuProcessSetupVcpus and
// qemuProcessSetupGlobalCpuCgroup do: the cpuset and CFS bandwidth of the
// emulator, vcpuN and domain cgroups where there are cgroups, and the
// threads' affinity (sched_setaffinity) always.

#include <sys/types.h>

#include <cstdint>
#include <map>

#include "conf/domain/domain.hpp"
#include "drivers/qemu/qemu_cgroup.hpp"
#include "util/bitmap.hpp"

namespace cvirt::qemu {

class QmpClient;

// vCPU index -> its thread, from query-cpus-fast. Empty when the vCPUs
// cannot be told apart (one TCG thread for all, or QEMU's main thread),
// where libvirt gives up per-vCPU control too.
using VcpuThreads = std::map<unsigned, pid_t>;
VcpuThreads queryVcpuThreads(QmpClient& monitor, pid_t pid);
// IOThread id (the N of <iothread id='N'>, QEMU's "iothreadN") -> its thread.
using IOThreadThreads = std::map<unsigned, pid_t>;
IOThreadThreads queryIOThreads(QmpClient& monitor);

// The host CPUs a vCPU runs on: its <vcpupin>, else <vcpu cpuset>, else
// every online CPU; and those of the emulator threads (<emulatorpin>).
Bitmap vcpuCpus(const conf::domain::Domain& def, unsigned vcpu);
Bitmap emulatorCpus(const conf::domain::Domain& def);

// CFS bandwidth of one group, period first; the old period comes back when
// the quota is refused. Zero leaves a value as it is.
void setBandwidth(const Cgroup& group, uint64_t period, int64_t quota);

// Every thread of `pid` but the vCPUs' onto `cpus`.
void pinEmulatorThreads(pid_t pid, const VcpuThreads& vcpus, const Bitmap& cpus);

// Everything, once QEMU runs paused (-S) and before its vCPUs start.
// `cgroup` is null without cgroups. Throws libvirt's CONFIG_UNSUPPORTED
// errors for tuning the host cannot do.
void applyCpuTuning(const conf::domain::Domain& def, pid_t pid, const VcpuThreads& vcpus,
                    const IOThreadThreads& iothreads, const DomainCgroup* cgroup);

// A running domain's scheduler values read back from its cgroups, as
// libvirt reports them live: shares from the domain group; bandwidth from
// vcpu0, emulator, the domain group and the first IOThread (the domain
// group standing in where a thread group is missing). Bandwidth stays 0
// when the host has no CFS bandwidth control.
conf::domain::CpuTune readLiveScheduler(const conf::domain::Domain& def, const DomainCgroup& cgroup);

}  // namespace cvirt::qemu
