#pragma once
// <memory> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct MemoryDevice {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(MemoryDevice, deviceInfoField<MemoryDevice>());

}  // namespace cvirt::conf::domain
