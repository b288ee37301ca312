#pragma once
// <graphics> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Graphics {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Graphics, deviceInfoField<Graphics>());

}  // namespace cvirt::conf::domain
