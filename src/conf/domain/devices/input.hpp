#pragma once
// <input> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Input {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Input, deviceInfoField<Input>());

}  // namespace cvirt::conf::domain
