#pragma once
// <video> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Video {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Video, deviceInfoField<Video>());

}  // namespace cvirt::conf::domain
