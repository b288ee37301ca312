#pragma once
// <controller> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Controller {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Controller, deviceInfoField<Controller>());

}  // namespace cvirt::conf::domain
