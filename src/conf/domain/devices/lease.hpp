#pragma once
// <lease>: a lock manager lease the domain holds (libvirt's virDomainLeaseDef).

#include <string>

#include "conf/xml/schema.hpp"

namespace cvirt::conf::domain {

struct Lease {
    std::string lockspace;
    std::string key;
    std::string path;  // <target path=>
    unsigned long long offset = 0;
};

void xmlParse(Lease& lease, const xml::Node& node, xml::ParseContext& ctx);
void xmlFormat(xml::Writer& w, std::string_view name, const Lease& lease, xml::FormatContext& ctx);

}  // namespace cvirt::conf::domain
