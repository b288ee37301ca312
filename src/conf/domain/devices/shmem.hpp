#pragma once
// <shmem> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Shmem {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Shmem, deviceInfoField<Shmem>());

}  // namespace cvirt::conf::domain
