#include "conf/domain/devices/redirfilter.hpp"

#include <fmt/format.h>

#include "conf/domain/props.hpp"
#include "conf/xml/c_number.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

using xml::Node;
using xml::Writer;

// "JJ.MN" to BCD 0xJJMN; a single digit after the dot counts as tens
// (JJ.M is JJ.M0).
int parseVersion(const std::string& text) {
    auto bad = [&]() -> int {
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Cannot parse USB device version {}", text);
    };
    auto dot = text.find('.');
    if (dot == std::string::npos)
        return bad();
    auto major = xml::cParseUInt(text.substr(0, dot));
    std::string rest = text.substr(dot + 1);
    auto minor = xml::cParseUInt(rest);
    if (!major || !minor || *major >= 100 || *minor >= 100)
        return bad();
    unsigned mi = rest.size() == 1 ? *minor * 10 : *minor;
    unsigned ma = *major;
    return static_cast<int>((ma / 10) << 12 | (ma % 10) << 8 | (mi / 10) << 4 | (mi % 10));
}

RedirFilterUsbDev parseUsbDev(const Node& n) {
    RedirFilterUsbDev d;
    d.usbClass = propInt<int>(n, "class", kPropAnyBase).value_or(-1);
    if (d.usbClass != -1 && (d.usbClass & ~0xFF))
        fail(ErrorCode::InternalError, ErrorDomain::Domain, "Invalid USB Class code 0x{:x}",
             static_cast<unsigned>(d.usbClass));
    d.vendor = propInt<int>(n, "vendor", kPropAnyBase).value_or(-1);
    d.product = propInt<int>(n, "product", kPropAnyBase).value_or(-1);
    if (auto v = n.attr("version"))
        d.version = *v == "-1" ? -1 : parseVersion(*v);
    d.allow = propTriBool(n, "allow", kPropRequired) == TriBool::Yes;
    return d;
}

}  // namespace

void xmlParse(RedirFilter& f, const Node& node, xml::ParseContext&) {
    for (const auto& n : node.children("usbdev"))
        f.usbdevs.push_back(parseUsbDev(n));
}

void xmlFormat(Writer& w, std::string_view name, const RedirFilter& f, xml::FormatContext&) {
    if (f.usbdevs.empty())
        return;
    Writer::Element el(w, name, true);
    el.beginChildren();
    for (const auto& d : f.usbdevs) {
        Writer::Element u(w, "usbdev", true);
        if (d.usbClass >= 0)
            u.attr("class", fmt::format("0x{:02X}", d.usbClass));
        if (d.vendor >= 0)
            u.attr("vendor", fmt::format("0x{:04X}", d.vendor));
        if (d.product >= 0)
            u.attr("product", fmt::format("0x{:04X}", d.product));
        if (d.version >= 0)
            u.attr("version", fmt::format("{}.{:02}", ((d.version & 0xf000) >> 12) * 10 + ((d.version & 0x0f00) >> 8),
                                          ((d.version & 0x00f0) >> 4) * 10 + (d.version & 0x000f)));
        u.attr("allow", d.allow ? "yes" : "no");
    }
}

}  // namespace cvirt::conf::domain
