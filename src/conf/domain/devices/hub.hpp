#pragma once
// <hub type='usb'>: an emulated USB hub (libvirt's virDomainHubDef).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

enum class HubType { Usb };
CVIRT_ENUM_STRINGS(HubType, "usb");

struct Hub {
    HubType type = HubType::Usb;
    DeviceInfo info;
};

void xmlParse(Hub& hub, const Node& node, ParseContext& ctx);
void xmlFormat(Writer& w, std::string_view name, const Hub& hub, FormatContext& ctx);

}  // namespace cvirt::conf::domain
