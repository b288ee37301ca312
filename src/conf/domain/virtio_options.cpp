#include "conf/domain/virtio_options.hpp"

#include "util/error.hpp"

namespace cvirt::conf::domain {

VirtioOptions parseVirtioDriver(const xml::Node& device, xml::ParseContext& ctx) {
    VirtioOptions options;
    if (auto driver = device.child("driver"))
        xml::parseInto(options, driver, ctx);
    return options;
}

void formatVirtioDriver(xml::Writer::Element& device, xml::Writer& w, const VirtioOptions& options,
                        xml::FormatContext& ctx) {
    if (!options.any())
        return;
    device.beginChildren();
    xml::formatElement(w, "driver", options, ctx);
}

void requireNoVirtioOptions(const VirtioOptions& options) {
    auto reject = [](const char* what) {
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "{} is only supported for virtio devices", what);
    };
    if (isSet(options.iommu))
        reject("iommu driver option");
    if (isSet(options.ats))
        reject("ats driver option");
    if (isSet(options.packed))
        reject("packed driver option");
    if (isSet(options.pagePerVq))
        reject("page_per_vq option");
}

}  // namespace cvirt::conf::domain
