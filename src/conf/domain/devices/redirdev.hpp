#pragma once
// <redirdev> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Redirdev {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Redirdev, deviceInfoField<Redirdev>());

}  // namespace cvirt::conf::domain
