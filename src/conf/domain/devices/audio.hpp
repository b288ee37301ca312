#pragma once
// <audio> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Audio {
};
CVIRT_XML_FIELDS(Audio);

}  // namespace cvirt::conf::domain
