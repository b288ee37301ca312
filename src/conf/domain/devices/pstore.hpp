#pragma once
// <pstore> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Pstore {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Pstore, deviceInfoField<Pstore>());

}  // namespace cvirt::conf::domain
