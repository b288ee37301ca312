#pragma once
// <redirdev>: a USB device redirected from a client over a character
// device (libvirt's virDomainRedirdevDef), usually SPICE's usbredir channel.

#include "conf/domain/device_info.hpp"
#include "conf/domain/devices/chardev_source.hpp"

namespace cvirt::conf::domain {

enum class RedirdevBus { Usb };
CVIRT_ENUM_STRINGS(RedirdevBus, "usb");

struct Redirdev {
    RedirdevBus bus = RedirdevBus::Usb;
    ChardevSource source;
    DeviceInfo info;
};

void xmlParse(Redirdev& dev, const xml::Node& node, xml::ParseContext& ctx);
void xmlFormat(xml::Writer& w, std::string_view name, const Redirdev& dev, xml::FormatContext& ctx);

// virDomainRedirdevDefValidate; `domainHasUsb`: the guest has a USB
// controller whose model is not "none".
void validateRedirdev(const Redirdev& dev, bool domainHasUsb);

}  // namespace cvirt::conf::domain
