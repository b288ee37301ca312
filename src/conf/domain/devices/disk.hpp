#pragma once
// <disk> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Disk {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Disk, deviceInfoField<Disk>());

}  // namespace cvirt::conf::domain
