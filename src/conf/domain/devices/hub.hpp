#pragma once
// <hub> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Hub {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Hub, deviceInfoField<Hub>());

}  // namespace cvirt::conf::domain
