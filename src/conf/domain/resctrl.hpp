#pragma once
// Cache and memory-bandwidth allocations of <cputune>: <cachetune> and
// <memorytune> (libvirt's virDomainResctrlDef). A cachetune and a
// memorytune for the same vcpus share one allocation group.

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "conf/domain/props.hpp"
#include "conf/xml/writer.hpp"
#include "util/bitmap.hpp"

namespace cvirt::conf::domain {

enum class CacheType { Both, Code, Data };
CVIRT_ENUM_STRINGS(CacheType, "both", "code", "data");

struct ResctrlMonitor {
    bool cache = true;  // a cachetune monitor (else a memorytune one)
    Bitmap vcpus;
    std::string id;
};

struct Resctrl {
    Bitmap vcpus;
    std::string id;  // "vcpus_0-1" unless given (live XML only)
    // (level, type, cache id) -> bytes, iterated in libvirt's order.
    std::map<std::tuple<unsigned, CacheType, unsigned>, uint64_t> caches;
    std::map<unsigned, unsigned> bandwidth;  // memory node id -> percent
    std::vector<ResctrlMonitor> monitors;
};

// Adds what one <cachetune>/<memorytune> element holds to `groups`, with
// libvirt's collision checks. Vcpus beyond `maxVcpus` are ignored.
void parseCachetune(std::vector<Resctrl>& groups, const Node& node, unsigned maxVcpus, bool inactive);
void parseMemorytune(std::vector<Resctrl>& groups, const Node& node, unsigned maxVcpus, bool inactive);

// All <cachetune> elements, then all <memorytune> elements, as children of
// <cputune>; `el` is opened for children only when something is written.
void formatResctrls(xml::Writer::Element& el, xml::Writer& w, const std::vector<Resctrl>& groups, bool inactive);

}  // namespace cvirt::conf::domain
