#pragma once
// <tpm> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Tpm {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Tpm, deviceInfoField<Tpm>());

}  // namespace cvirt::conf::domain
