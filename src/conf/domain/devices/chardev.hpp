#pragma once
// <serial/parallel/console/channel> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Chardev {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Chardev, deviceInfoField<Chardev>());

}  // namespace cvirt::conf::domain
