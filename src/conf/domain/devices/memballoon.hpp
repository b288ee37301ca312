#pragma once
// <memballoon model='virtio'>: the memory balloon (libvirt's
// virDomainMemballoonDef) with its statistics period and virtio options.

#include "conf/domain/device_info.hpp"
#include "conf/domain/virtio_options.hpp"

namespace cvirt::conf::domain {

enum class MemballoonModel { Virtio, Xen, None, VirtioTransitional, VirtioNonTransitional };
CVIRT_ENUM_STRINGS(MemballoonModel, "virtio", "xen", "none", "virtio-transitional", "virtio-non-transitional");

struct Memballoon {
    MemballoonModel model{};
    TriSwitch autodeflate{};
    TriSwitch freePageReporting{};
    int statsPeriod = 0;  // seconds, <stats period=.../>; 0: not written
    DeviceInfo info;      // never read for model 'none'
    VirtioOptions virtio;
};

void xmlParse(Memballoon& balloon, const Node& node, ParseContext& ctx);
void xmlFormat(Writer& w, std::string_view name, const Memballoon& balloon, FormatContext& ctx);

}  // namespace cvirt::conf::domain
