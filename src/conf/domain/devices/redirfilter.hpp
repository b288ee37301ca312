#pragma once
// <redirfilter> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct RedirFilter {
};
CVIRT_XML_FIELDS(RedirFilter);

}  // namespace cvirt::conf::domain
