#include "util/affinity.hpp"

#include <sched.h>
#include <unistd.h>

#include <cerrno>

#include "util/error.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace cvirt {

Bitmap threadAffinity(pid_t tid) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(tid, sizeof set, &set) < 0)
        failSystem(ErrorDomain::None, fmt::format("cannot get CPU affinity of process {}", tid));
    Bitmap cpus;
    for (size_t cpu = 0; cpu < CPU_SETSIZE; ++cpu)
        if (CPU_ISSET(cpu, &set))
            cpus.set(cpu);
    return cpus;
}

void setThreadAffinity(pid_t tid, const Bitmap& cpus) {
    cpu_set_t set;
    CPU_ZERO(&set);
    for (size_t cpu : cpus.bits())
        if (cpu < CPU_SETSIZE)
            CPU_SET(cpu, &set);
    if (::sched_setaffinity(tid, sizeof set, &set) < 0)
        failSystem(ErrorDomain::None, fmt::format("cannot set CPU affinity on process {}", tid));
}

unsigned hostCpuCount() {
    try {
        // "0-N": the highest present CPU + 1, as virHostCPUGetCount.
        auto present = Bitmap::parse(trim(readFile("/sys/devices/system/cpu/present", 4096)), 1u << 16);
        if (!present.empty())
            return static_cast<unsigned>(present.bits().back() + 1);
    } catch (const Error&) {
    }
    long n = ::sysconf(_SC_NPROCESSORS_CONF);
    return n > 0 ? static_cast<unsigned>(n) : 1;
}

Bitmap hostOnlineCpus() {
    try {
        auto online = Bitmap::parse(trim(readFile("/sys/devices/system/cpu/online", 4096)), 1u << 16);
        if (!online.empty())
            return online;
    } catch (const Error&) {
    }
    Bitmap all;
    for (unsigned cpu = 0, n = hostCpuCount(); cpu < n; ++cpu)
        all.set(cpu);
    return all;
}

std::vector<pid_t> processThreads(pid_t pid) {
    std::vector<pid_t> out;
    for (const auto& entry : listDirectory("/proc/" + std::to_string(pid) + "/task"))
        if (auto tid = parseInt<pid_t>(entry))
            out.push_back(*tid);
    return out;
}

}  // namespace cvirt
