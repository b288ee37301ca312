// -smp (vCPU count and topology) and the I/O thread objects.
#include <fmt/format.h>

#include "drivers/qemu/command/families.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

void buildSmp(Build& b) {
    const Domain& def = b.def;
    unsigned max = def.vcpu.max();
    // Hotpluggable vCPUs are added over QMP once QEMU runs.
    unsigned boot = 0;
    for (const auto& v : def.vcpu.vcpus)
        if (v.online && v.hotpluggable != conf::TriBool::Yes)
            ++boot;
    std::string s = std::to_string(boot);
    if (boot != max)
        s += fmt::format(",maxcpus={}", max);
    if (def.cpu && def.cpu->topology && def.cpu->topology->sockets) {
        const auto& t = *def.cpu->topology;
        s += fmt::format(",sockets={},dies={},cores={},threads={}", t.sockets, t.dies, t.cores, t.threads);
    } else {
        s += fmt::format(",sockets={},cores=1,threads=1", max);
    }
    b.arg("-smp", s);
}

void buildIOThreads(Build& b) {
    for (const auto& t : b.def.vcpu.iothreads) {
        Props p{{"qom-type", "iothread"}, {"id", fmt::format("iothread{}", t.id)}};
        putNonNegative(p, "thread-pool-min", t.poolMin);
        putNonNegative(p, "thread-pool-max", t.poolMax);
        if (t.pollMax)
            p["poll-max-ns"] = *t.pollMax;
        if (t.pollGrow)
            p["poll-grow"] = *t.pollGrow;
        if (t.pollShrink)
            p["poll-shrink"] = *t.pollShrink;
        b.object(p);
    }
    if (const auto& d = b.def.vcpu.defaultIOThread) {
        Props p{{"qom-type", "main-loop"}, {"id", "main-loop"}};
        putNonNegative(p, "thread-pool-min", d->poolMin);
        putNonNegative(p, "thread-pool-max", d->poolMax);
        b.object(p);
    }
}

}  // namespace cvirt::qemu
