#include "conf/domain/devices/nvram.hpp"

namespace cvirt::conf::domain {

void xmlParse(Nvram& nvram, const Node& node, ParseContext& ctx) { parseDeviceInfo(nvram.info, node, ctx, 0); }

void xmlFormat(Writer& w, std::string_view name, const Nvram& nvram, FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.keepOpen();
    formatDeviceInfo(el, w, nvram.info, ctx, 0);
}

}  // namespace cvirt::conf::domain
