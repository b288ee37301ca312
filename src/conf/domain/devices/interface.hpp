#pragma once
// <interface> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct NetInterface {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(NetInterface, deviceInfoField<NetInterface>());

}  // namespace cvirt::conf::domain
