#pragma once
// <sound> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Sound {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Sound, deviceInfoField<Sound>());

}  // namespace cvirt::conf::domain
