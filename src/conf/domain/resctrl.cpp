#include "conf/domain/resctrl.hpp"

#include <climits>

#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

constexpr unsigned kMonitorCacheLevel = 3;

bool overlaps(const Bitmap& a, const Bitmap& b) {
    for (size_t bit : a.bits())
        if (b.test(bit))
            return true;
    return false;
}

// virDomainResctrlParseVcpus: the vcpus attribute limited to the vcpus
// the domain has.
Bitmap parseVcpus(const Node& node, unsigned maxVcpus) {
    auto text = node.attr("vcpus");
    if (!text)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Missing {} attribute 'vcpus'", node.name());
    Bitmap parsed;
    try {
        parsed = parseBitmap(*text);
    } catch (const Error&) {
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Invalid {} attribute 'vcpus' value '{}'", node.name(), *text);
    }
    Bitmap out;
    for (size_t bit : parsed.bits())
        if (bit < maxVcpus)
            out.set(bit);
    return out;
}

// virDomainResctrlVcpuMatch: the group with exactly these vcpus, or
// nullptr; an overlapping group is an error.
Resctrl* findGroup(std::vector<Resctrl>& groups, const Bitmap& vcpus) {
    for (auto& g : groups) {
        if (g.vcpus == vcpus)
            return &g;
        if (overlaps(g.vcpus, vcpus))
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Overlapping vcpus in resctrls");
    }
    return nullptr;
}

Resctrl newGroup(const Node& node, const Bitmap& vcpus, bool inactive) {
    Resctrl g;
    g.vcpus = vcpus;
    std::optional<std::string> id;
    if (!inactive)
        id = node.attr("id");
    g.id = id ? *id : "vcpus_" + vcpus.format();
    return g;
}

bool allocEmpty(const Resctrl& g) { return g.caches.empty() && g.bandwidth.empty(); }

// virDomainResctrlValidateMonitor; returns true when the monitor shares
// the group's allocation (same vcpus, non-default allocation).
bool validateMonitor(const Resctrl& g, const ResctrlMonitor& m) {
    if (m.vcpus.empty())
        fail(ErrorCode::InvalidArg, ErrorDomain::Domain, "vcpus is empty");
    for (size_t bit : m.vcpus.bits())
        if (!g.vcpus.test(bit))
            fail(ErrorCode::InvalidArg, ErrorDomain::Domain, "Monitor vcpus conflicts with allocation");
    bool defaultAlloc = allocEmpty(g);
    bool equalToGroup = m.vcpus == g.vcpus;
    bool overlapAny = false, overlapNoGroup = false;
    for (const auto& other : g.monitors) {
        if (m.vcpus == other.vcpus) {
            if (m.cache != other.cache)
                continue;
            fail(ErrorCode::InvalidArg, ErrorDomain::Domain, "Identical vcpus found in same type monitors");
        }
        if (overlaps(m.vcpus, other.vcpus))
            overlapAny = true;
        if (equalToGroup || other.vcpus == g.vcpus)
            continue;
        if (overlaps(m.vcpus, other.vcpus))
            overlapNoGroup = true;
    }
    if (overlapNoGroup || (defaultAlloc && overlapAny))
        fail(ErrorCode::InvalidArg, ErrorDomain::Domain, "vcpus overlaps in resctrl groups");
    return equalToGroup && !defaultAlloc;
}

void parseMonitors(Resctrl& g, const Node& node, bool cache, unsigned maxVcpus) {
    for (const auto& mon : node.children("monitor")) {
        ResctrlMonitor m;
        m.cache = cache;
        if (cache) {
            unsigned level = *propInt<unsigned>(mon, "level", kPropRequired);
            if (level != kMonitorCacheLevel)
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "Invalid monitor cache level '{}'", level);
        }
        m.vcpus = parseVcpus(mon, maxVcpus);
        m.id = validateMonitor(g, m) ? g.id : "vcpus_" + m.vcpus.format();
        g.monitors.push_back(std::move(m));
    }
}

bool cacheCollides(const Resctrl& g, unsigned level, CacheType type, unsigned id) {
    auto has = [&](CacheType t) { return g.caches.count({level, t, id}) > 0; };
    if (has(CacheType::Both))
        return true;
    if (type == CacheType::Both)
        return has(CacheType::Code) || has(CacheType::Data);
    return has(type);
}

}  // namespace

void parseCachetune(std::vector<Resctrl>& groups, const Node& node, unsigned maxVcpus, bool inactive) {
    Bitmap vcpus = parseVcpus(node, maxVcpus);
    if (vcpus.empty())
        return;
    auto caches = node.children("cache");
    if (findGroup(groups, vcpus))
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Identical vcpus in cachetunes found");
    Resctrl g = newGroup(node, vcpus, inactive);
    for (const auto& c : caches) {
        unsigned id = *propInt<unsigned>(c, "id", kPropRequired);
        unsigned level = *propInt<unsigned>(c, "level", kPropRequired);
        CacheType type = *propEnum<CacheType>(c, "type", kPropRequired);
        uint64_t size = *scaledValue(c.attr("size"), c.attr("unit"), "./@size", 1024, ULLONG_MAX, true);
        if (cacheCollides(g, level, type, id))
            fail(ErrorCode::XmlError, ErrorDomain::Domain,
                 "Colliding cache allocations for cache level '{}' id '{}', type '{}'", level, id, toString(type));
        g.caches[{level, type, id}] = size;
    }
    parseMonitors(g, node, true, maxVcpus);
    if (g.monitors.empty() && caches.empty())
        return;
    groups.push_back(std::move(g));
}

void parseMemorytune(std::vector<Resctrl>& groups, const Node& node, unsigned maxVcpus, bool inactive) {
    Bitmap vcpus = parseVcpus(node, maxVcpus);
    if (vcpus.empty())
        return;
    auto nodes = node.children("node");
    Resctrl* existing = findGroup(groups, vcpus);
    Resctrl fresh;
    if (!existing)
        fresh = newGroup(node, vcpus, inactive);
    Resctrl& g = existing ? *existing : fresh;
    for (const auto& n : nodes) {
        unsigned id = *propInt<unsigned>(n, "id", kPropRequired);
        unsigned bandwidth = *propInt<unsigned>(n, "bandwidth", kPropRequired);
        if (bandwidth > 100)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Memory Bandwidth value exceeding 100 is invalid.");
        if (g.bandwidth.count(id))
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Memory Bandwidth already defined for node {}", id);
        g.bandwidth[id] = bandwidth;
    }
    size_t before = g.monitors.size();
    parseMonitors(g, node, false, maxVcpus);
    if (!existing && (g.monitors.size() > before || !nodes.empty()))
        groups.push_back(std::move(fresh));
}

void formatResctrls(xml::Writer::Element& el, xml::Writer& w, const std::vector<Resctrl>& groups, bool inactive) {
    using xml::Writer;
    for (const auto& g : groups) {
        bool any = !g.caches.empty();
        for (const auto& m : g.monitors)
            any = any || m.cache;
        if (!any)
            continue;
        el.beginChildren();
        Writer::Element tune(w, "cachetune", true);
        tune.attr("vcpus", g.vcpus.format());
        if (!inactive)
            tune.attr("id", g.id);
        tune.beginChildren();
        for (const auto& [key, size] : g.caches) {
            const auto& [level, type, id] = key;
            const char* unit = nullptr;
            uint64_t shortSize = prettyUnit(size, unit);
            Writer::Element c(w, "cache", true);
            c.attr("id", std::to_string(id));
            c.attr("level", std::to_string(level));
            c.attr("type", toString(type));
            c.attr("size", std::to_string(shortSize));
            c.attr("unit", unit);
        }
        for (const auto& m : g.monitors) {
            if (!m.cache)
                continue;
            Writer::Element mon(w, "monitor", true);
            mon.attr("level", std::to_string(kMonitorCacheLevel));
            mon.attr("vcpus", m.vcpus.format());
        }
    }
    for (const auto& g : groups) {
        bool any = !g.bandwidth.empty();
        for (const auto& m : g.monitors)
            any = any || !m.cache;
        if (!any)
            continue;
        el.beginChildren();
        Writer::Element tune(w, "memorytune", true);
        tune.attr("vcpus", g.vcpus.format());
        if (!inactive)
            tune.attr("id", g.id);
        tune.beginChildren();
        for (const auto& [id, bw] : g.bandwidth) {
            Writer::Element n(w, "node", true);
            n.attr("id", std::to_string(id));
            n.attr("bandwidth", std::to_string(bw));
        }
        for (const auto& m : g.monitors) {
            if (m.cache)
                continue;
            Writer::Element mon(w, "monitor", true);
            mon.attr("vcpus", m.vcpus.format());
        }
    }
}

}  // namespace cvirt::conf::domain
