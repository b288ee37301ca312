#pragma once
// <iommu> (placeholder: the device family is filled in by its owner).

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Iommu {
    DeviceInfo info;
};
CVIRT_XML_FIELDS(Iommu, deviceInfoField<Iommu>());

}  // namespace cvirt::conf::domain
