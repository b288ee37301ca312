#pragma once
// <panic> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Panic {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Panic, deviceInfoField<Panic>());

}  // namespace cvirt::conf::domain
