#pragma once
// The virtio transport options every virtio device accepts on its
// <driver> element (libvirt's virDomainVirtioOptions): iommu, ats, packed
// and page_per_vq, each on/off. Devices bind it as child("driver", ...)
// at the position libvirt formats <driver>; the element is left out when
// no option is set.

#include "conf/xml/schema.hpp"

namespace cvirt::conf::domain {

struct VirtioOptions {
    TriSwitch iommu{};
    TriSwitch ats{};
    TriSwitch packed{};
    TriSwitch pagePerVq{};

    bool any() const {
        return isSet(iommu) || isSet(ats) || isSet(packed) || isSet(pagePerVq);
    }
};

CVIRT_XML_FIELDS(VirtioOptions,
    attr("iommu", &Self::iommu),
    attr("ats", &Self::ats),
    attr("packed", &Self::packed),
    attr("page_per_vq", &Self::pagePerVq));

// The options of the device element's first <driver> child (all absent
// when there is none); bad values fail with libvirt's attribute messages.
VirtioOptions parseVirtioDriver(const xml::Node& device, xml::ParseContext& ctx);
// Writes <driver .../> as a child of `device` when any option is set.
void formatVirtioDriver(xml::Writer::Element& device, xml::Writer& w, const VirtioOptions& options,
                        xml::FormatContext& ctx);

// libvirt's check for devices whose model is not a virtio one: every option
// must be absent (CONFIG_UNSUPPORTED "<x> driver option is only supported
// for virtio devices").
void requireNoVirtioOptions(const VirtioOptions& options);

}  // namespace cvirt::conf::domain
