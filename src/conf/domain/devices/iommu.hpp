#pragma once
// <iommu model='intel'>: the guest's IOMMU (libvirt's virDomainIOMMUDef)
// and its <driver> tunables.

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

enum class IommuModel { Intel, Smmuv3, Virtio };
CVIRT_ENUM_STRINGS(IommuModel, "intel", "smmuv3", "virtio");

struct Iommu {
    IommuModel model{};
    TriSwitch intremap{};
    TriSwitch cachingMode{};
    TriSwitch eim{};
    TriSwitch iotlb{};
    unsigned awBits = 0;  // 0: not set
    DeviceInfo info;
};

void xmlParse(Iommu& iommu, const Node& node, ParseContext& ctx);
void xmlFormat(Writer& w, std::string_view name, const Iommu& iommu, FormatContext& ctx);

// libvirt's generic validation: only model 'intel' takes <driver>
// attributes, and only model 'virtio' an address (XML_ERROR).
void validateIommu(const Iommu& iommu);

}  // namespace cvirt::conf::domain
