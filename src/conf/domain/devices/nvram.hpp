#pragma once
// <nvram>: the spapr-vio NVRAM of pSeries guests. libvirt always writes
// it open and closed, "<nvram>" and "</nvram>" on two lines, even with
// no address inside.

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

struct Nvram {
    DeviceInfo info;
};

void xmlParse(Nvram& nvram, const Node& node, ParseContext& ctx);
void xmlFormat(Writer& w, std::string_view name, const Nvram& nvram, FormatContext& ctx);

}  // namespace cvirt::conf::domain
