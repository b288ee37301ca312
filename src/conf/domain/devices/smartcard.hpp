#pragma once
// <smartcard> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Smartcard {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Smartcard, deviceInfoField<Smartcard>());

}  // namespace cvirt::conf::domain
