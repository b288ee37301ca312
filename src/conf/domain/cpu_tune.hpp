#pragma once
// Virtual CPUs and threads: <vcpu>, <vcpus>, <iothreads>, <iothreadids>,
// <defaultiothread> and <cputune> (shares, periods, quotas, pinning,
// schedulers, and the cache/memory-bandwidth allocations of resctrl.hpp).

#include <cstdint>
#include <optional>
#include <vector>

#include "conf/domain/props.hpp"
#include "conf/domain/resctrl.hpp"
#include "conf/xml/schema.hpp"
#include "util/bitmap.hpp"

namespace cvirt::conf::domain {

using xml::FormatContext;
using xml::ParseContext;
using xml::Writer;

enum class CpuPlacement { Static, Auto };
CVIRT_ENUM_STRINGS(CpuPlacement, "static", "auto");

// virProcessSchedPolicy
enum class SchedPolicy { None, Batch, Idle, Fifo, Rr };
CVIRT_ENUM_STRINGS_UNSET(SchedPolicy, "none", "batch", "idle", "fifo", "rr");

struct ThreadSched {
    SchedPolicy policy{};
    int priority = 0;  // fifo and rr only
};

// One guest CPU, indexed by its id in VcpuSettings::vcpus.
struct Vcpu {
    bool online = true;
    TriBool hotpluggable{};
    unsigned order = 0;
    std::optional<Bitmap> pin;  // <vcpupin>
    ThreadSched sched;          // <vcpusched>
};

struct IOThread {
    unsigned id = 0;
    bool autofill = false;  // added to reach <iothreads>, not written by the user
    int poolMin = -1, poolMax = -1;
    std::optional<uint64_t> pollMax, pollGrow, pollShrink;
    std::optional<Bitmap> pin;  // <iothreadpin>
    ThreadSched sched;          // <iothreadsched>
};

struct DefaultIOThread {
    int poolMin = -1, poolMax = -1;
};

struct CpuTune {
    bool sharesSpecified = false;
    uint64_t shares = 0;
    uint64_t period = 0, globalPeriod = 0, emulatorPeriod = 0, iothreadPeriod = 0;
    int64_t quota = 0, globalQuota = 0, emulatorQuota = 0, iothreadQuota = 0;
    std::optional<Bitmap> emulatorPin;
    std::optional<ThreadSched> emulatorSched;
    std::vector<Resctrl> resctrls;  // <cachetune>/<memorytune>
};

struct VcpuSettings {
    CpuPlacement placement{};
    std::optional<Bitmap> cpuset;
    std::vector<Vcpu> vcpus = std::vector<Vcpu>(1);  // max count = size()
    bool individual = false;                         // <vcpus> given
    std::vector<IOThread> iothreads;
    std::optional<DefaultIOThread> defaultIOThread;
    CpuTune tune;

    unsigned max() const { return static_cast<unsigned>(vcpus.size()); }
    unsigned current() const;
    bool hasPin() const;
    const IOThread* iothread(unsigned id) const;
};

// <vcpu>, <vcpus>, <iothreads>, <iothreadids>, <defaultiothread>.
void parseVcpus(VcpuSettings& v, const Node& domain);
// <cputune> (needs the vcpus and iothreads parsed first).
void parseCputune(VcpuSettings& v, const Node& domain, const ParseContext& ctx);

void formatVcpus(Writer& w, const VcpuSettings& v);      // <vcpu> and <vcpus>
void formatIOThreads(Writer& w, const VcpuSettings& v);  // <iothreads> .. <defaultiothread>
void formatCputune(Writer& w, const VcpuSettings& v, const FormatContext& ctx);

// Generic post-parse: hotpluggable defaults for individual vcpus.
void postParseVcpus(VcpuSettings& v);
// Generic validation: periods/quotas ranges, thread pools.
void validateVcpus(const VcpuSettings& v);

}  // namespace cvirt::conf::domain
