#pragma once
// Which host CPUs threads may run on (sched_setaffinity), and which CPUs
// the host has: what pinning falls back to where cgroups are absent, and
// what it always sets on top of them, as libvirt does.

#include <sys/types.h>

#include <vector>

#include "util/bitmap.hpp"

namespace cvirt {

// Throws Error(SYSTEM_ERROR) "cannot get CPU affinity of process N".
Bitmap threadAffinity(pid_t tid);
// Throws Error(SYSTEM_ERROR) "cannot set CPU affinity on process N".
void setThreadAffinity(pid_t tid, const Bitmap& cpus);

// The host's CPU count as libvirt counts it (present CPUs).
unsigned hostCpuCount();
// The online CPUs (/sys/devices/system/cpu/online), else 0..count-1.
Bitmap hostOnlineCpus();

// The thread ids of a process (/proc/PID/task); empty when it is gone.
std::vector<pid_t> processThreads(pid_t pid);

}  // namespace cvirt
