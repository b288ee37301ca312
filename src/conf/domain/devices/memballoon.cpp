#include "conf/domain/devices/memballoon.hpp"

#include "conf/domain/props.hpp"

namespace cvirt::conf::domain {

void xmlParse(Memballoon& balloon, const Node& node, ParseContext& ctx) {
    balloon.model = *propEnum<MemballoonModel>(node, "model", kPropRequired);
    balloon.autodeflate = propTriSwitch(node, "autodeflate");
    balloon.freePageReporting = propTriSwitch(node, "freePageReporting");
    if (auto stats = node.child("stats")) {
        // Any base, as libvirt reads it; a negative period means none.
        balloon.statsPeriod = propInt<int>(stats, "period", kPropAnyBase).value_or(0);
        if (balloon.statsPeriod < 0)
            balloon.statsPeriod = 0;
    }
    // libvirt ignores the address of a balloon that is not there.
    if (balloon.model != MemballoonModel::None)
        parseDeviceInfo(balloon.info, node, ctx, 0);
    balloon.virtio = parseVirtioDriver(node, ctx);
}

void xmlFormat(Writer& w, std::string_view name, const Memballoon& balloon, FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("model", toString(balloon.model));
    if (isSet(balloon.autodeflate))
        el.attr("autodeflate", toString(balloon.autodeflate));
    if (isSet(balloon.freePageReporting))
        el.attr("freePageReporting", toString(balloon.freePageReporting));
    if (balloon.statsPeriod) {
        el.beginChildren();
        Writer::Element stats(w, "stats", true);
        stats.attr("period", std::to_string(balloon.statsPeriod));
    }
    formatDeviceInfo(el, w, balloon.info, ctx, 0);
    formatVirtioDriver(el, w, balloon.virtio, ctx);
}

}  // namespace cvirt::conf::domain
