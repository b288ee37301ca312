#pragma once
// <watchdog> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Watchdog {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Watchdog, deviceInfoField<Watchdog>());

}  // namespace cvirt::conf::domain
