#include "conf/domain/devices.hpp"

#include "conf/domain/devices/guest_io_rules.hpp"
#include "conf/domain/domain.hpp"

namespace cvirt::conf::domain {

void parseConsoles(Devices& d, const Node& devices, ParseContext& ctx) {
    for (const auto& c : devices.children("console"))
        d.consoles.push_back(xml::parseElement<Chardev>(c, ctx));
}

void formatConsolesOf(Writer::Element& el, Writer& w, const Devices& d, FormatContext& ctx) {
    if (const auto* domain = static_cast<const Domain*>(ctx.user); domain && &domain->devices == &d) {
        formatConsoles(el, w, *domain, ctx);
        return;
    }
    for (const auto& c : d.consoles) {
        el.beginChildren();
        xml::formatElement(w, "console", c, ctx);
    }
}

}  // namespace cvirt::conf::domain
