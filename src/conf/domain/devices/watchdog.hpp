#pragma once
// <watchdog model='i6300esb' action='reset'/>: a hardware watchdog and
// what the hypervisor does when it fires (libvirt's virDomainWatchdogDef).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

enum class WatchdogModel { I6300esb, Ib700, Diag288, Itco };
CVIRT_ENUM_STRINGS(WatchdogModel, "i6300esb", "ib700", "diag288", "itco");

// 'reset' is the default and, as in libvirt, always written out.
enum class WatchdogAction { Reset, Shutdown, Poweroff, Pause, Dump, None, InjectNmi };
CVIRT_ENUM_STRINGS(WatchdogAction, "reset", "shutdown", "poweroff", "pause", "dump", "none", "inject-nmi");

struct Watchdog {
    WatchdogModel model{};
    WatchdogAction action{};
    DeviceInfo info;
};

// libvirt 9.6 still reads the watchdog with its own messages ("unknown
// watchdog model 'x'") rather than the generic attribute ones.
void xmlParse(Watchdog& watchdog, const Node& node, ParseContext& ctx);
void xmlFormat(Writer& w, std::string_view name, const Watchdog& watchdog, FormatContext& ctx);

}  // namespace cvirt::conf::domain
