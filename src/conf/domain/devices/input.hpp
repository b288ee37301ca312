#pragma once
// <input>: mice, tablets, keyboards and host input passthrough (libvirt's
// virDomainInputDef), with bus, model, <source> (evdev passthrough) and the
// virtio <driver> options.

#include <optional>
#include <string>
#include <vector>

#include "conf/domain/device_info.hpp"
#include "conf/domain/virtio_options.hpp"

namespace cvirt::conf::domain {

enum class InputType { Mouse, Tablet, Keyboard, Passthrough, Evdev };
CVIRT_ENUM_STRINGS(InputType, "mouse", "tablet", "keyboard", "passthrough", "evdev");
// "default" is never accepted on input; the post-parse picks the bus.
enum class InputBus { Default, Ps2, Usb, Xen, Parallels, Virtio, None };
CVIRT_ENUM_STRINGS(InputBus, "default", "ps2", "usb", "xen", "parallels", "virtio", "none");
enum class InputModel { Default, Virtio, VirtioTransitional, VirtioNonTransitional };
CVIRT_ENUM_STRINGS_UNSET(InputModel, "default", "virtio", "virtio-transitional", "virtio-non-transitional");
enum class InputGrab { Default, All };
CVIRT_ENUM_STRINGS_UNSET(InputGrab, "default", "all");
enum class InputGrabToggle { Default, CtrlCtrl, AltAlt, ShiftShift, MetaMeta, Scrolllock, CtrlScrolllock };
CVIRT_ENUM_STRINGS_UNSET(InputGrabToggle, "default", "ctrl-ctrl", "alt-alt", "shift-shift", "meta-meta",
                         "scrolllock", "ctrl-scrolllock");

struct Input {
    InputType type = InputType::Mouse;
    InputBus bus = InputBus::Default;
    InputModel model{};
    std::optional<std::string> evdev;  // <source evdev=...> (passthrough) or <source dev=...> (evdev)
    InputGrab grab{};
    InputGrabToggle grabToggle{};
    TriSwitch repeat{};
    VirtioOptions virtio;
    DeviceInfo info;
};

void xmlParse(Input& input, const xml::Node& node, xml::ParseContext& ctx);
void xmlFormat(xml::Writer& w, std::string_view name, const Input& input, xml::FormatContext& ctx);

// What the bus default and the checks depend on.
struct InputDomainInfo {
    enum class Os { Hvm, Xen, Other } os = Os::Hvm;  // xen covers xenpvh
    bool x86 = true;                                 // x86 or no architecture
    bool s390 = false;
    bool parallels = false;                          // <domain type='vz'> or 'parallels'
};

// virDomainInputDefPostParse: the default bus for the guest.
void postParseInput(Input& input, const InputDomainInfo& dom);
// virDomainInputDefValidate
void validateInput(const Input& input, const InputDomainInfo& dom);

}  // namespace cvirt::conf::domain
