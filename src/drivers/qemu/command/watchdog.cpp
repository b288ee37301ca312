// Watchdogs and the action QEMU takes when one fires.
#include "drivers/qemu/command/families.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

void buildWatchdogs(Build& b) {
    const auto& list = b.def.devices.watchdogs;
    if (list.empty())
        return;
    bool itco = false;
    for (const auto& w : list) {
        // iTCO is part of the q35 chipset; it is only switched on.
        if (w.model == WatchdogModel::Itco) {
            itco = true;
            continue;
        }
        Props p{{"driver", std::string(toString(w.model))}, {"id", w.info.alias}};
        b.address(p, w.info);
        b.device(p);
    }
    if (itco)
        b.arg("-global", "ICH9-LPC.noreboot=off");
    // QEMU has no 'dump': it pauses and the driver dumps on the event.
    WatchdogAction action = list.back().action;
    if (action == WatchdogAction::Dump)
        action = WatchdogAction::Pause;
    b.arg("-watchdog-action", std::string(toString(action)));
}

}  // namespace cvirt::qemu
