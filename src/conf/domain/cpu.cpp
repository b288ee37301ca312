#include "conf/domain/cpu.hpp"

#include <climits>

#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

using xml::Writer;

constexpr unsigned kLocalDistance = 10, kUnreachable = 255;
constexpr size_t kVendorIdLength = 12;

// cpu_conf.c reports from the CPU error domain, numa_conf.c from the
// domain one.
[[noreturn]] void cpuError(ErrorCode code, std::string_view message) { throw Error(code, ErrorDomain::Cpu, message); }
[[noreturn]] void numaError(ErrorCode code, std::string_view message) {
    throw Error(code, ErrorDomain::Domain, message);
}

template <StringEnum E>
E cpuEnum(const std::optional<std::string>& text, E fallback, std::string_view error) {
    if (!text)
        return fallback;
    auto v = fromString<E>(*text);
    if (!v)
        cpuError(ErrorCode::ConfigUnsupported, error);
    return *v;
}

void parseDistances(Numa& numa, const Node& cell, unsigned cur) {
    Node distances = cell.child("distances");
    size_t ncells = numa.cells.size();
    if (!distances || ncells == 0)
        return;
    auto siblings = distances.children("sibling");
    if (siblings.empty())
        numaError(ErrorCode::XmlError, "NUMA distances defined without siblings");
    for (const auto& s : siblings) {
        unsigned id = *propInt<unsigned>(s, "id", kPropRequired);
        if (id >= ncells)
            fail(ErrorCode::XmlError, ErrorDomain::Domain,
                 "'sibling_id {}' does not refer to a valid cell within NUMA 'cell id {}'", id, cur);
        unsigned value = *propInt<unsigned>(s, "value", kPropRequired);
        if (value < kLocalDistance || value > kUnreachable || (id == cur && value != kLocalDistance) ||
            (id != cur && value == kLocalDistance))
            fail(ErrorCode::XmlError, ErrorDomain::Domain,
                 "'value {}' is invalid for 'sibling id {}' under NUMA 'cell id {}'", value, id, cur);
        auto& local = numa.cells[cur].distances;
        if (local.empty()) {
            local.assign(ncells, 0);
            local[cur] = kLocalDistance;
        }
        local[id] = value;
        // Symmetry when the other cell says nothing.
        auto& remote = numa.cells[id].distances;
        if (remote.empty()) {
            remote.assign(ncells, 0);
            remote[id] = kLocalDistance;
        }
        if (!remote[cur])
            remote[cur] = value;
    }
}

NumaCache parseNumaCache(const Node& c) {
    NumaCache cache;
    cache.level = *propInt<unsigned>(c, "level", kPropRequired | kPropNonZero);
    cache.associativity = *propEnum<NumaCacheAssociativity>(c, "associativity", kPropRequired);
    cache.policy = *propEnum<NumaCachePolicy>(c, "policy", kPropRequired);
    // libvirt reads the units from <size><unit/> and <line><unit/> child
    // elements, which never exist: the defaults (KiB, bytes) always apply.
    Node size = c.child("size"), line = c.child("line");
    cache.sizeKiB = *memoryKiB(size ? size.attr("value") : std::nullopt, childText(size, "unit"), "./size/@value", true);
    uint64_t lineBytes = *scaledValue(line ? line.attr("value") : std::nullopt, childText(line, "unit"),
                                      "./line/@value", 1, ULLONG_MAX, true);
    cache.line = static_cast<unsigned>(lineBytes);
    return cache;
}

}  // namespace

uint64_t Numa::memoryTotal() const {
    uint64_t sum = 0;
    for (const auto& c : cells)
        sum += c.memory;
    return sum;
}

unsigned Numa::cpuCount() const {
    unsigned n = 0;
    for (const auto& c : cells)
        if (c.cpus)
            n += static_cast<unsigned>(c.cpus->count());
    return n;
}

unsigned Numa::maxCpuId() const {
    unsigned id = 0;
    for (const auto& c : cells)
        if (c.cpus) {
            auto bits = c.cpus->bits();
            if (!bits.empty() && bits.back() > id)
                id = static_cast<unsigned>(bits.back());
        }
    return id;
}

std::optional<GuestCpu> parseCpu(const Node& domain) {
    Node node = domain.child("cpu");
    if (!node)
        return std::nullopt;
    GuestCpu cpu;
    if (auto mode = node.attr("mode")) {
        auto m = fromString<CpuMode>(*mode);
        if (!m)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Cpu, "Invalid mode attribute '{}'", *mode);
        cpu.mode = *m;
    }
    bool passthroughLike = cpu.mode == CpuMode::HostPassthrough || cpu.mode == CpuMode::Maximum;
    cpu.migratable = propTriSwitch(node, "migratable");
    if (isSet(cpu.migratable) && !passthroughLike)
        cpuError(ErrorCode::ConfigUnsupported,
                 "Attribute migratable is only allowed for 'host-passthrough' / 'maximum' CPU mode");
    cpu.match = propEnum<CpuMatch>(node, "match").value_or(CpuMatch::Exact);
    cpu.check = propEnum<CpuCheck>(node, "check").value_or(CpuCheck::Default);

    cpu.model = childText(node, "model");
    if (!passthroughLike) {
        Node model = node.child("model");
        auto fallback = model ? model.attr("fallback") : std::nullopt;
        if (fallback && !fallback->empty())
            cpu.fallback = cpuEnum<CpuFallback>(fallback, CpuFallback::Allow, "Invalid fallback attribute");
        auto vendorId = model ? model.attr("vendor_id") : std::nullopt;
        if (vendorId && !vendorId->empty()) {
            if (vendorId->size() != kVendorIdLength)
                fail(ErrorCode::XmlError, ErrorDomain::Cpu, "vendor_id must be exactly {} characters long",
                     kVendorIdLength);
            if (vendorId->find(',') != std::string::npos)
                cpuError(ErrorCode::XmlError, "vendor id is invalid");
            cpu.vendorId = vendorId;
        }
    }
    cpu.vendor = childText(node, "vendor");
    if (cpu.vendor && !cpu.model)
        cpuError(ErrorCode::XmlError, "CPU vendor specified without CPU model");

    if (auto t = node.child("topology")) {
        CpuTopology topo;
        topo.sockets = *propInt<unsigned>(t, "sockets", kPropRequired | kPropNonZero);
        topo.dies = propInt<unsigned>(t, "dies", kPropNonZero).value_or(1);
        topo.cores = *propInt<unsigned>(t, "cores", kPropRequired | kPropNonZero);
        topo.threads = *propInt<unsigned>(t, "threads", kPropRequired | kPropNonZero);
        cpu.topology = topo;
    }

    auto features = node.children("feature");
    if (!features.empty() && !cpu.model && cpu.mode == CpuMode::Custom)
        cpuError(ErrorCode::XmlError, "Non-empty feature list specified without CPU model");
    for (const auto& f : features) {
        CpuFeature feature;
        feature.policy = cpuEnum<CpuFeaturePolicy>(f.attr("policy"), CpuFeaturePolicy::Require,
                                                   "Invalid CPU feature policy");
        auto name = f.attr("name");
        if (!name || name->empty())
            cpuError(ErrorCode::XmlError, "Invalid CPU feature name");
        for (const auto& prev : cpu.features)
            if (prev.name == *name)
                fail(ErrorCode::XmlError, ErrorDomain::Cpu, "CPU feature '{}' specified more than once", *name);
        feature.name = *name;
        cpu.features.push_back(std::move(feature));
    }

    auto caches = node.children("cache");
    if (caches.size() > 1)
        cpuError(ErrorCode::XmlError, "at most one CPU cache element may be specified");
    if (!caches.empty()) {
        CpuCache cache;
        auto level = propInt<int>(caches[0], "level", kPropNonNegative);
        if (level && (*level < 1 || *level > 3))
            cpuError(ErrorCode::XmlError, "invalid CPU cache level, must be in range [1,3]");
        cache.level = level.value_or(-1);
        cache.mode = *propEnum<CpuCacheMode>(caches[0], "mode", kPropRequired);
        cpu.cache = cache;
    }

    if (auto addr = node.child("maxphysaddr")) {
        MaxPhysAddr m;
        m.mode = *propEnum<MaxPhysAddrMode>(addr, "mode", kPropRequired);
        m.bits = propInt<int>(addr, "bits", kPropNonNegative).value_or(-1);
        auto limit = propInt<unsigned>(addr, "limit", kPropNonZero);
        if (limit && m.mode != MaxPhysAddrMode::Passthrough)
            cpuError(ErrorCode::ConfigUnsupported,
                     "attribute 'limit' is only supported for maxphysaddr mode 'passthrough'");
        m.limit = limit.value_or(0);
        cpu.maxPhysAddr = m;
    }
    return cpu;
}

Numa parseNuma(const Node& domain) {
    Numa numa;
    Node cpu = domain.child("cpu");
    Node node = cpu ? cpu.child("numa") : Node();
    if (!node)
        return numa;
    auto cells = node.children("cell");
    if (cells.empty())
        numaError(ErrorCode::XmlError, "NUMA topology defined without NUMA cells");
    numa.cells.resize(cells.size());
    for (size_t i = 0; i < cells.size(); ++i) {
        const Node& c = cells[i];
        unsigned cur = propInt<unsigned>(c, "id").value_or(static_cast<unsigned>(i));
        if (cur >= cells.size())
            numaError(ErrorCode::XmlError,
                     "Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges or ranges not "
                     "starting from 0 are not allowed");
        NumaCell& cell = numa.cells[cur];
        if (cell.memory)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Duplicate NUMA cell info for cell id '{}'", cur);
        if (auto cpus = c.attr("cpus")) {
            Bitmap mask = parseBitmap(*cpus);
            if (!mask.empty())
                cell.cpus = std::move(mask);
        }
        for (size_t j = 0; j < numa.cells.size(); ++j) {
            if (j == cur || !numa.cells[j].cpus || !cell.cpus)
                continue;
            for (size_t bit : cell.cpus->bits())
                if (numa.cells[j].cpus->test(bit))
                    fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                         "NUMA cells {} and {} have overlapping vCPU ids", cur, j);
        }
        cell.memory = *memoryKiB(c.attr("memory"), c.attr("unit"), "./@memory", true);
        cell.memAccess = propEnum<MemoryAccess>(c, "memAccess", kPropNonZero).value_or(MemoryAccess::Default);
        cell.discard = propTriBool(c, "discard");
        parseDistances(numa, c, cur);
        for (const auto& cache : c.children("cache"))
            cell.caches.push_back(parseNumaCache(cache));
    }

    if (auto ic = node.child("interconnects")) {
        for (const auto& n : ic.children()) {
            NumaInterconnect link;
            if (n.name() == "latency") {
                link.value = *propInt<unsigned long long>(n, "value", kPropRequired);
            } else if (n.name() == "bandwidth") {
                link.bandwidth = true;
                link.value = *memoryKiB(n.attr("value"), n.attr("unit"), "./@value", true);
            } else {
                continue;
            }
            link.initiator = *propInt<unsigned>(n, "initiator", kPropRequired);
            link.target = *propInt<unsigned>(n, "target", kPropRequired);
            link.cache = propInt<unsigned>(n, "cache").value_or(0);
            link.type = *propEnum<MemoryLatency>(n, "type", kPropRequired | kPropNonZero);
            numa.interconnects.push_back(link);
        }
    }
    return numa;
}

void formatCpu(Writer& w, const std::optional<GuestCpu>& cpu, const Numa& numa) {
    if (!cpu)
        return;
    Writer::Element el(w, "cpu", false);
    if (cpu->mode != CpuMode::Custom || cpu->model) {
        el.attr("mode", toString(cpu->mode));
        if (cpu->mode == CpuMode::Custom)
            el.attr("match", toString(cpu->match));
        if (isSet(cpu->check))
            el.attr("check", toString(cpu->check));
        if ((cpu->mode == CpuMode::HostPassthrough || cpu->mode == CpuMode::Maximum) && isSet(cpu->migratable))
            el.attr("migratable", toString(cpu->migratable));
    }
    bool formatModel = cpu->mode == CpuMode::Custom || cpu->mode == CpuMode::HostModel;
    if (formatModel && (cpu->model || cpu->vendorId)) {
        el.beginChildren();
        Writer::Element m(w, "model", true);
        if (cpu->model)
            m.attr("fallback", toString(cpu->fallback));
        if (cpu->vendorId)
            m.attr("vendor_id", *cpu->vendorId);
        if (cpu->model)
            m.text(*cpu->model);
    }
    if (formatModel && cpu->vendor) {
        el.beginChildren();
        w.textElement("vendor", *cpu->vendor);
    }
    if (cpu->topology) {
        const auto& t = *cpu->topology;
        el.beginChildren();
        Writer::Element e(w, "topology", true);
        e.attr("sockets", std::to_string(t.sockets));
        e.attr("dies", std::to_string(t.dies));
        e.attr("cores", std::to_string(t.cores));
        e.attr("threads", std::to_string(t.threads));
    }
    if (cpu->cache) {
        el.beginChildren();
        Writer::Element e(w, "cache", true);
        if (cpu->cache->level != -1)
            e.attr("level", std::to_string(cpu->cache->level));
        e.attr("mode", toString(cpu->cache->mode));
    }
    if (cpu->maxPhysAddr) {
        el.beginChildren();
        Writer::Element e(w, "maxphysaddr", true);
        e.attr("mode", toString(cpu->maxPhysAddr->mode));
        if (cpu->maxPhysAddr->bits != -1)
            e.attr("bits", std::to_string(cpu->maxPhysAddr->bits));
        if (cpu->maxPhysAddr->limit > 0)
            e.attr("limit", std::to_string(cpu->maxPhysAddr->limit));
    }
    for (const auto& f : cpu->features) {
        el.beginChildren();
        Writer::Element e(w, "feature", true);
        e.attr("policy", toString(f.policy));
        e.attr("name", f.name);
    }
    if (numa.cells.empty())
        return;
    el.beginChildren();
    Writer::Element n(w, "numa", true);
    n.beginChildren();
    for (size_t i = 0; i < numa.cells.size(); ++i) {
        const NumaCell& c = numa.cells[i];
        Writer::Element cell(w, "cell", true);
        cell.attr("id", std::to_string(i));
        if (c.cpus)
            cell.attr("cpus", c.cpus->format());
        cell.attr("memory", std::to_string(c.memory));
        cell.attr("unit", "KiB");
        if (isSet(c.memAccess))
            cell.attr("memAccess", toString(c.memAccess));
        if (isSet(c.discard))
            cell.attr("discard", toString(c.discard));
        bool anyDistance = false;
        for (unsigned d : c.distances)
            anyDistance = anyDistance || d;
        if (anyDistance) {
            cell.beginChildren();
            Writer::Element dist(w, "distances", true);
            dist.beginChildren();
            for (size_t j = 0; j < c.distances.size(); ++j) {
                if (!c.distances[j])
                    continue;
                Writer::Element s(w, "sibling", true);
                s.attr("id", std::to_string(j));
                s.attr("value", std::to_string(c.distances[j]));
            }
        }
        for (const auto& cache : c.caches) {
            cell.beginChildren();
            Writer::Element ce(w, "cache", true);
            ce.attr("level", std::to_string(cache.level));
            ce.attr("associativity", toString(cache.associativity));
            ce.attr("policy", toString(cache.policy));
            ce.beginChildren();
            {
                Writer::Element s(w, "size", true);
                s.attr("value", std::to_string(cache.sizeKiB));
                s.attr("unit", "KiB");
            }
            if (cache.line) {
                Writer::Element l(w, "line", true);
                l.attr("value", std::to_string(cache.line));
                l.attr("unit", "B");
            }
        }
    }
    if (!numa.interconnects.empty()) {
        Writer::Element ic(w, "interconnects", true);
        ic.beginChildren();
        for (const auto& l : numa.interconnects) {
            Writer::Element e(w, l.bandwidth ? "bandwidth" : "latency", true);
            e.attr("initiator", std::to_string(l.initiator));
            e.attr("target", std::to_string(l.target));
            if (l.cache > 0)
                e.attr("cache", std::to_string(l.cache));
            e.attr("type", toString(l.type));
            e.attr("value", std::to_string(l.value));
            if (l.bandwidth)
                e.attr("unit", "KiB");
        }
    }
}

void postParseCpu(const std::optional<GuestCpu>& cpu) {
    if (cpu && cpu->mode == CpuMode::Custom && !cpu->model && cpu->check != CpuCheck::Default)
        numaError(ErrorCode::ConfigUnsupported, "check attribute specified for CPU with no model");
}

void validateNuma(const Numa& numa) {
    for (const auto& cell : numa.cells) {
        std::vector<bool> seen;
        for (const auto& cache : cell.caches) {
            if (cache.level > 3)
                numaError(ErrorCode::XmlError, "Ain't nobody heard of that much cache level");
            if (cache.level < seen.size() && seen[cache.level])
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "Cache level '{}' already defined", cache.level);
            if (seen.size() <= cache.level)
                seen.resize(cache.level + 1);
            seen[cache.level] = true;
        }
    }
    for (size_t i = 0; i < numa.interconnects.size(); ++i) {
        const auto& l = numa.interconnects[i];
        if (l.initiator >= numa.cells.size())
            numaError(ErrorCode::XmlError, "'initiator' refers to a non-existent NUMA node");
        if (l.target >= numa.cells.size())
            numaError(ErrorCode::XmlError, "'target' refers to a non-existent NUMA node");
        if (!numa.cells[l.initiator].cpus)
            numaError(ErrorCode::XmlError, "NUMA nodes without CPUs can't be initiator");
        if (l.cache > 0) {
            bool found = false;
            for (const auto& c : numa.cells[l.target].caches)
                found = found || c.level == l.cache;
            if (!found)
                numaError(ErrorCode::XmlError, "'cache' refers to a non-existent NUMA node cache");
        }
        for (size_t j = 0; j < i; ++j) {
            const auto& o = numa.interconnects[j];
            if (l.bandwidth == o.bandwidth && l.initiator == o.initiator && l.target == o.target &&
                l.cache == o.cache && l.type == o.type)
                numaError(ErrorCode::XmlError, "Duplicate info for NUMA latencies");
            if (l.initiator != l.target && l.initiator == o.target && l.target == o.initiator)
                numaError(ErrorCode::XmlError, "Link already defined");
        }
    }
}

}  // namespace cvirt::conf::domain
