#include "conf/network/pci_address.hpp"

#include "conf/xml/prop.hpp"
#include "util/error.hpp"

namespace cvirt::conf::network {

PciAddress parsePciAddress(const xml::Node& node) {
    PciAddress a;
    a.domain = xml::propUInt(node, "domain", 0).value_or(0);
    a.bus = xml::propUInt(node, "bus", 0).value_or(0);
    a.slot = xml::propUInt(node, "slot", 0).value_or(0);
    a.function = xml::propUInt(node, "function", 0).value_or(0);
    if (a == PciAddress{})
        return a;
    auto bad = [](const std::string& message) {
        throw Error(ErrorCode::XmlError, ErrorDomain::None, message);
    };
    if (a.domain > 0xFFFF)
        bad(fmt::format("Invalid PCI address domain='0x{:x}', must be <= 0xFFFF", a.domain));
    if (a.bus > 0xFF)
        bad(fmt::format("Invalid PCI address bus='0x{:x}', must be <= 0xFF", a.bus));
    if (a.slot > 0x1F)
        bad(fmt::format("Invalid PCI address slot='0x{:x}', must be <= 0x1F", a.slot));
    if (a.function > 7)
        bad(fmt::format("Invalid PCI address function=0x{:x}, must be <= 7", a.function));
    if (!(a.domain || a.bus || a.slot))
        bad("Invalid PCI address 0000:00:00, at least one of domain, bus, or slot must be > 0");
    return a;
}

void formatPciAddress(xml::Writer& w, const PciAddress& a, bool withType) {
    xml::Writer::Element el(w, "address", true);
    if (withType)
        el.attr("type", "pci");
    el.attr("domain", fmt::format("0x{:04x}", a.domain));
    el.attr("bus", fmt::format("0x{:02x}", a.bus));
    el.attr("slot", fmt::format("0x{:02x}", a.slot));
    el.attr("function", fmt::format("0x{}", a.function));
}

}  // namespace cvirt::conf::network
