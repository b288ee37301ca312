#pragma once
// <memballoon> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Memballoon {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Memballoon, deviceInfoField<Memballoon>());

}  // namespace cvirt::conf::domain
