#pragma once
// <nvram> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Nvram {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Nvram, deviceInfoField<Nvram>());

}  // namespace cvirt::conf::domain
