#pragma once
// <rng> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Rng {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Rng, deviceInfoField<Rng>());

}  // namespace cvirt::conf::domain
