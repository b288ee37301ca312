// Input devices: USB and virtio mice, tablets and keyboards, host input
// passthrough; PS/2 devices are part of the machine.
#include "drivers/qemu/command/families.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

void buildInputs(Build& b) {
    for (const auto& in : b.def.devices.inputs) {
        if (in.type == InputType::Evdev) {
            Props p{{"qom-type", "input-linux"}, {"id", in.info.alias}, {"evdev", in.evdev.value_or("")}};
            putSwitch(p, "repeat", in.repeat);
            if (in.grab == InputGrab::All)
                p["grab_all"] = true;
            if (in.grabToggle != InputGrabToggle::Default)
                p["grab-toggle"] = toString(in.grabToggle);
            b.object(p);
            continue;
        }
        if (in.bus == InputBus::Usb) {
            const char* driver = in.type == InputType::Mouse    ? "usb-mouse"
                                 : in.type == InputType::Tablet ? "usb-tablet"
                                                                : "usb-kbd";
            Props p{{"driver", driver}, {"id", in.info.alias}};
            b.address(p, in.info);
            b.device(p);
        } else if (in.bus == InputBus::Virtio) {
            const char* base = in.type == InputType::Mouse       ? "virtio-mouse"
                               : in.type == InputType::Tablet    ? "virtio-tablet"
                               : in.type == InputType::Keyboard  ? "virtio-keyboard"
                                                                 : "virtio-input-host";
            Props p = b.virtioProps(base, in.info, in.model == InputModel::VirtioTransitional,
                                    in.model == InputModel::VirtioNonTransitional, &in.virtio);
            p["id"] = in.info.alias;
            if (in.type == InputType::Passthrough)
                putString(p, "evdev", in.evdev);
            b.address(p, in.info);
            b.device(p);
        }
    }
}

}  // namespace cvirt::qemu
