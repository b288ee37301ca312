// -numa: guest NUMA cells with their memory backends, distances and the
// HMAT latency/bandwidth/cache description.
#include <fmt/format.h>

#include "drivers/qemu/command/families.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

// Machine types from 5.1 on only take cell memory as memory-backend
// objects (query-machines' numa-mem-supported is false for them).
bool numaMemSupported(const Domain& def) {
    if (!def.os.machine)
        return false;
    const std::string& m = *def.os.machine;
    std::string version;
    for (std::string_view prefix : {"pc-i440fx-", "pc-q35-"})
        if (m.starts_with(prefix))
            version = m.substr(prefix.size());
    if (m.starts_with("pc-") && version.empty() && m.size() > 3 && std::isdigit(static_cast<unsigned char>(m[3])))
        version = m.substr(3);  // pc-1.2 and older spellings
    if (version.empty())
        return false;
    auto parts = split(version, ".");
    int major = parseInt<int>(parts[0]).value_or(99);
    int minor = parts.size() > 1 ? parseInt<int>(parts[1]).value_or(0) : 0;
    return major < 5 || (major == 5 && minor < 1);
}

const char* hierarchy(unsigned cache) {
    switch (cache) {
    case 1: return "first-level";
    case 2: return "second-level";
    case 3: return "third-level";
    default: return "memory";
    }
}

void memPath(Build& b) {
    const Domain& def = b.def;
    const auto& hp = def.memory.backing.hugepages;
    std::string path;
    bool prealloc = false;
    if (!hp.empty()) {
        uint64_t size = hp[0].sizeKiB;
        if (!size && !b.ctx.config.hugetlbfs.empty())
            size = b.ctx.config.hugetlbfs.front().first;
        for (const auto& [s, mount] : b.ctx.config.hugetlbfs)
            if (s == size)
                path = fmt::format("{}/libvirt/qemu/{}-{:.20}", mount, b.ctx.id, def.name);
        prealloc = true;
    } else if (def.memory.backing.source == MemorySource::File) {
        path = fmt::format("{}/{}-{:.20}/ram", b.ctx.memoryBackingDir, b.ctx.id, def.name);
    }
    if (def.memory.backing.allocation == MemoryAllocation::Immediate)
        prealloc = true;
    if (prealloc)
        b.arg("-mem-prealloc");
    if (!path.empty())
        b.arg("-mem-path", path);
}

}  // namespace

void buildNuma(Build& b) {
    const Domain& def = b.def;
    const auto& cells = def.numa.cells;
    if (cells.empty())
        return;
    bool hmat = !def.numa.interconnects.empty();
    for (const auto& c : cells)
        hmat = hmat || !c.caches.empty();
    bool needBackend = !numaMemSupported(def) || hmat;
    std::vector<Props> backends(cells.size()), contexts(cells.size());
    for (size_t i = 0; i < cells.size(); ++i) {
        MemoryBackendRequest req;
        req.alias = fmt::format("ram-node{}", i);
        req.sizeKiB = cells[i].memory;
        req.targetNode = static_cast<int>(i);
        if (memoryBackendProps(b, req, backends[i], &contexts[i]))
            needBackend = true;
    }
    if (!needBackend)
        memPath(b);
    int master = -1;
    for (size_t i = 0; i < cells.size() && master < 0; ++i)
        if (cells[i].cpus && cells[i].cpus->count())
            master = static_cast<int>(i);
    if (master < 0)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "At least one NUMA node has to have CPUs");
    for (size_t i = 0; i < cells.size(); ++i) {
        if (needBackend) {
            if (!contexts[i].is_null())
                b.object(contexts[i]);
            b.object(backends[i]);
        }
        std::string n = fmt::format("node,nodeid={}", i);
        if (cells[i].cpus)
            for (const auto& range : split(cells[i].cpus->format(), ","))
                n += ",cpus=" + range;
        if (hmat)
            n += fmt::format(",initiator={}", cells[i].cpus && cells[i].cpus->count() ? static_cast<int>(i) : master);
        if (needBackend)
            n += fmt::format(",memdev=ram-node{}", i);
        else
            n += fmt::format(",mem={}", cells[i].memory / 1024);
        b.arg("-numa", n);
    }
    bool distances = false;
    for (const auto& c : cells)
        distances = distances || !c.distances.empty();
    if (distances) {
        for (size_t i = 0; i < cells.size(); ++i)
            for (size_t j = 0; j < cells.size(); ++j) {
                unsigned d = j < cells[i].distances.size() ? cells[i].distances[j] : 0;
                if (!d)
                    d = i == j ? 10 : 20;
                b.arg("-numa", fmt::format("dist,src={},dst={},val={}", i, j, d));
            }
    }
    if (!hmat)
        return;
    for (const auto& ic : def.numa.interconnects) {
        std::string s = fmt::format("hmat-lb,initiator={},target={},hierarchy={},data-type={}-", ic.initiator,
                                    ic.target, hierarchy(ic.cache), toString(ic.type));
        if (ic.bandwidth)
            s += fmt::format("bandwidth,bandwidth={}K", ic.value);
        else
            s += fmt::format("latency,latency={}", ic.value);
        b.arg("-numa", s);
    }
    for (size_t i = 0; i < cells.size(); ++i)
        for (const auto& c : cells[i].caches) {
            std::string s = fmt::format("hmat-cache,node-id={},size={}K,level={}", i, c.sizeKiB, c.level);
            switch (c.associativity) {
            case NumaCacheAssociativity::None: s += ",associativity=none"; break;
            case NumaCacheAssociativity::Direct: s += ",associativity=direct"; break;
            case NumaCacheAssociativity::Full: s += ",associativity=complex"; break;
            }
            switch (c.policy) {
            case NumaCachePolicy::None: s += ",policy=none"; break;
            case NumaCachePolicy::Writeback: s += ",policy=write-back"; break;
            case NumaCachePolicy::Writethrough: s += ",policy=write-through"; break;
            }
            if (c.line > 0)
                s += fmt::format(",line={}", c.line);
            b.arg("-numa", s);
        }
}

}  // namespace cvirt::qemu
