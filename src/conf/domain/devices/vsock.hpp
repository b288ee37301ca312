#pragma once
// <vsock> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Vsock {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Vsock, deviceInfoField<Vsock>());

}  // namespace cvirt::conf::domain
