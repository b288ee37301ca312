#pragma once
// <hostdev> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Hostdev {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Hostdev, deviceInfoField<Hostdev>());

}  // namespace cvirt::conf::domain
