#include "conf/domain/devices/iommu.hpp"

#include "conf/domain/props.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {

void xmlParse(Iommu& iommu, const Node& node, ParseContext& ctx) {
    iommu.model = *propEnum<IommuModel>(node, "model", kPropRequired);
    if (auto driver = node.child("driver")) {
        iommu.intremap = propTriSwitch(driver, "intremap");
        iommu.cachingMode = propTriSwitch(driver, "caching_mode");
        iommu.iotlb = propTriSwitch(driver, "iotlb");
        iommu.eim = propTriSwitch(driver, "eim");
        iommu.awBits = propInt<unsigned>(driver, "aw_bits").value_or(0);
    }
    parseDeviceInfo(iommu.info, node, ctx, 0);
}

void xmlFormat(Writer& w, std::string_view name, const Iommu& iommu, FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("model", toString(iommu.model));
    {
        el.beginChildren();
        Writer::Element driver(w, "driver", false);
        if (isSet(iommu.intremap))
            driver.attr("intremap", toString(iommu.intremap));
        if (isSet(iommu.cachingMode))
            driver.attr("caching_mode", toString(iommu.cachingMode));
        if (isSet(iommu.eim))
            driver.attr("eim", toString(iommu.eim));
        if (isSet(iommu.iotlb))
            driver.attr("iotlb", toString(iommu.iotlb));
        if (iommu.awBits > 0)
            driver.attr("aw_bits", std::to_string(iommu.awBits));
    }
    formatDeviceInfo(el, w, iommu.info, ctx, 0);
}

void validateIommu(const Iommu& iommu) {
    bool tuned = isSet(iommu.intremap) || isSet(iommu.cachingMode) || isSet(iommu.eim) || isSet(iommu.iotlb) ||
                 iommu.awBits != 0;
    if (iommu.model != IommuModel::Intel && tuned)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "iommu model '{}' doesn't support additional attributes",
             toString(iommu.model));
    if (iommu.model != IommuModel::Virtio && !std::holds_alternative<std::monostate>(iommu.info.address))
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "iommu model '{}' can't have address",
             toString(iommu.model));
}

}  // namespace cvirt::conf::domain
