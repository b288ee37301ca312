#pragma once
// <crypto> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Crypto {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Crypto, deviceInfoField<Crypto>());

}  // namespace cvirt::conf::domain
