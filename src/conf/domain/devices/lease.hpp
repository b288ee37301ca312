#pragma once
// <lease> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Lease {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Lease, deviceInfoField<Lease>());

}  // namespace cvirt::conf::domain
