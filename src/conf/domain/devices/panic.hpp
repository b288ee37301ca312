#pragma once
// <panic model='isa'/>: the guest's panic notifier (libvirt's
// virDomainPanicDef). A panic without model or address is formatted as
// nothing at all, as libvirt's element writer drops empty elements.

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

enum class PanicModel { Default, Isa, Pseries, Hyperv, S390, Pvpanic };
CVIRT_ENUM_STRINGS_UNSET(PanicModel, "default", "isa", "pseries", "hyperv", "s390", "pvpanic");

struct Panic {
    PanicModel model{};
    DeviceInfo info;
};

// libvirt reads the device info before the model and reports a bad model
// with its own message ("unknown panic model 'x'").
void xmlParse(Panic& panic, const Node& node, ParseContext& ctx);
void xmlFormat(Writer& w, std::string_view name, const Panic& panic, FormatContext& ctx);

}  // namespace cvirt::conf::domain
