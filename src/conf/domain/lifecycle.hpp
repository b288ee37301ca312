#pragma once
// What happens on guest events and how the guest is watched: the
// lifecycle actions (<on_poweroff>, <on_reboot>, <on_crash>,
// <on_lockfailure>), power management <pm> and <perf> events.

#include <array>

#include "conf/domain/props.hpp"
#include "conf/xml/writer.hpp"

namespace cvirt::conf::domain {

enum class LifecycleAction { Destroy, Restart, RenameRestart, Preserve, CoredumpDestroy, CoredumpRestart };
CVIRT_ENUM_STRINGS(LifecycleAction, "destroy", "restart", "rename-restart", "preserve", "coredump-destroy",
                   "coredump-restart");
enum class LockFailureAction { Default, Poweroff, Restart, Pause, Ignore };
CVIRT_ENUM_STRINGS_UNSET(LockFailureAction, "default", "poweroff", "restart", "pause", "ignore");

enum class PerfEvent {
    Cmt, Mbmt, Mbml, CpuCycles, Instructions, CacheReferences, CacheMisses, BranchInstructions, BranchMisses,
    BusCycles, StalledCyclesFrontend, StalledCyclesBackend, RefCpuCycles, CpuClock, TaskClock, PageFaults,
    ContextSwitches, CpuMigrations, PageFaultsMin, PageFaultsMaj, AlignmentFaults, EmulationFaults, Count_
};
CVIRT_ENUM_STRINGS(PerfEvent, "cmt", "mbmt", "mbml", "cpu_cycles", "instructions", "cache_references", "cache_misses",
                   "branch_instructions", "branch_misses", "bus_cycles", "stalled_cycles_frontend",
                   "stalled_cycles_backend", "ref_cpu_cycles", "cpu_clock", "task_clock", "page_faults",
                   "context_switches", "cpu_migrations", "page_faults_min", "page_faults_maj", "alignment_faults",
                   "emulation_faults");

struct Lifecycle {
    LifecycleAction onPoweroff = LifecycleAction::Destroy;
    LifecycleAction onReboot = LifecycleAction::Restart;
    LifecycleAction onCrash = LifecycleAction::Destroy;
    LockFailureAction onLockFailure{};
    TriBool suspendToMem{}, suspendToDisk{};  // <pm>
    std::array<TriBool, static_cast<size_t>(PerfEvent::Count_)> perf{};
};

void parseLifecycle(Lifecycle& l, const Node& domain);
void parsePerf(Lifecycle& l, const Node& domain);
// The actions and <pm>.
void formatLifecycle(xml::Writer& w, const Lifecycle& l);
void formatPerf(xml::Writer& w, const Lifecycle& l);
// Power-off and reboot accept neither coredump action.
void validateLifecycle(const Lifecycle& l);

}  // namespace cvirt::conf::domain
