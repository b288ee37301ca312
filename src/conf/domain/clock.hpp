#pragma once
// The guest clock: <clock> (offset, adjustment, basis, timezone, start)
// and its <timer> elements.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conf/domain/props.hpp"
#include "conf/xml/writer.hpp"

namespace cvirt::conf::domain {

enum class ClockOffset { Utc, Localtime, Variable, Timezone, Absolute };
CVIRT_ENUM_STRINGS(ClockOffset, "utc", "localtime", "variable", "timezone", "absolute");
enum class ClockBasis { Utc, Localtime };
CVIRT_ENUM_STRINGS(ClockBasis, "utc", "localtime");
enum class TimerName { Platform, Pit, Rtc, Hpet, Tsc, Kvmclock, Hypervclock, Armvtimer };
CVIRT_ENUM_STRINGS(TimerName, "platform", "pit", "rtc", "hpet", "tsc", "kvmclock", "hypervclock", "armvtimer");
enum class TimerTrack { None, Boot, Guest, Wall, Realtime };
CVIRT_ENUM_STRINGS_UNSET(TimerTrack, "none", "boot", "guest", "wall", "realtime");
enum class TimerTickpolicy { None, Delay, Catchup, Merge, Discard };
CVIRT_ENUM_STRINGS_UNSET(TimerTickpolicy, "none", "delay", "catchup", "merge", "discard");
enum class TimerMode { None, Auto, Native, Emulate, Paravirt, Smpsafe };
CVIRT_ENUM_STRINGS_UNSET(TimerMode, "none", "auto", "native", "emulate", "paravirt", "smpsafe");

struct Timer {
    TimerName name{};
    TriBool present{};
    TimerTickpolicy tickpolicy{};
    TimerTrack track{};
    uint64_t frequency = 0;  // tsc only
    TimerMode mode{};        // tsc only
    uint64_t catchupThreshold = 0, catchupSlew = 0, catchupLimit = 0;
};

struct Clock {
    ClockOffset offset{};
    bool utcReset = false;        // utc/localtime with adjustment='reset'
    int64_t adjustment = 0;       // variable
    int64_t adjustment0 = 0;      // variable, the live base (status XML only)
    ClockBasis basis{};           // variable
    std::optional<std::string> timezone;
    uint64_t start = 0;           // absolute
    std::vector<Timer> timers;
};

void parseClock(Clock& c, const Node& domain);
// `adjust0`: include the live adjustment0 (libvirt's status XML).
void formatClock(xml::Writer& w, const Clock& c, bool adjust0 = false);
// Generic post-parse checks on timers.
void postParseClock(const Clock& c);

}  // namespace cvirt::conf::domain
