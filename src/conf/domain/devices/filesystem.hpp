#pragma once
// <filesystem> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Filesystem {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Filesystem, deviceInfoField<Filesystem>());

}  // namespace cvirt::conf::domain
