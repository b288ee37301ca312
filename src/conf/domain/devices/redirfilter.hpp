#pragma once
// <redirfilter>: which USB devices a client may redirect (libvirt's
// virDomainRedirFilterDef), a list of <usbdev> rules.

#include <vector>

#include "conf/xml/schema.hpp"

namespace cvirt::conf::domain {

// One rule; -1 in a field means "any".
struct RedirFilterUsbDev {
    int usbClass = -1;
    int vendor = -1;
    int product = -1;
    int version = -1;  // BCD, 0xJJMN for version JJ.MN
    bool allow = false;
};

struct RedirFilter {
    std::vector<RedirFilterUsbDev> usbdevs;
};

void xmlParse(RedirFilter& filter, const xml::Node& node, xml::ParseContext& ctx);
void xmlFormat(xml::Writer& w, std::string_view name, const RedirFilter& filter, xml::FormatContext& ctx);

}  // namespace cvirt::conf::domain
