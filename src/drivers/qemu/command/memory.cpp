// Guest RAM: -m, the memory-backend object of the machine's RAM or of a
// NUMA cell, memory devices (DIMMs, NVDIMMs, virtio-mem/pmem) and
// -overcommit.
#include <unistd.h>

#include <fmt/format.h>

#include "drivers/qemu/command/families.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

const char* policyName(NumatuneMode mode) {
    switch (mode) {
    case NumatuneMode::Strict: return "bind";
    case NumatuneMode::Preferred: return "preferred";
    case NumatuneMode::Interleave: return "interleave";
    case NumatuneMode::Restrictive: return "restrictive";
    }
    return "bind";
}

std::vector<size_t> bits(const Bitmap& b) {
    std::vector<size_t> out;
    for (size_t i = 0; i < b.size(); ++i)
        if (b.test(i))
            out.push_back(i);
    return out;
}

// "-1-QEMUGuest1": libvirt's short name of a domain in host paths.
std::string shortName(const Build& b) { return fmt::format("{}-{:.20}", b.ctx.id, b.def.name); }

uint64_t systemPageKiB() { return static_cast<uint64_t>(::sysconf(_SC_PAGESIZE)) / 1024; }

std::string hugepagePath(const Build& b, uint64_t pagesizeKiB) {
    for (const auto& [size, mount] : b.ctx.config.hugetlbfs)
        if (size == pagesizeKiB)
            return mount + "/libvirt/qemu/" + shortName(b);
    fail(ErrorCode::InternalError, ErrorDomain::Qemu, "Unable to find any usable hugetlbfs mount for {} KiB",
         pagesizeKiB);
}

struct Pagesize {
    uint64_t size = 0;
    bool need = false, use = false, prealloc = false;
};

// qemuBuildMemoryGetPagesize
Pagesize pagesizeFor(const Build& b, const MemoryBackendRequest& req) {
    const Domain& def = b.def;
    Pagesize p;
    std::string nvdimmPath;
    bool nvdimm = false, pmem = false;
    if (req.device) {
        if (auto* d = std::get_if<DimmMemory>(&req.device->kind))
            p.size = d->pagesizeKiB;
        else if (auto* vmem = std::get_if<VirtioMemMemory>(&req.device->kind))
            p.size = vmem->pagesizeKiB;
        else if (auto* n = std::get_if<NvdimmMemory>(&req.device->kind)) {
            nvdimmPath = n->path;
            nvdimm = true;
            pmem = n->pmem;
        } else if (auto* vpmem = std::get_if<VirtioPmemMemory>(&req.device->kind))
            nvdimmPath = vpmem->path;
    }
    p.need = p.use = p.size != 0;
    if (p.size == 0) {
        const Hugepage* master = nullptr;
        const Hugepage* found = nullptr;
        for (const auto& hp : def.memory.backing.hugepages) {
            if (!hp.nodeset) {
                master = &hp;
                continue;
            }
            if (req.targetNode >= 0 && hp.nodeset->test(static_cast<size_t>(req.targetNode))) {
                found = &hp;
                p.need = true;
                break;
            }
        }
        const Hugepage* hp = found ? found : master;
        if (hp) {
            p.size = hp->sizeKiB;
            p.use = true;
        }
    }
    if (p.size == systemPageKiB()) {
        p.size = 0;
        p.need = p.use = false;
    } else if (p.use && p.size == 0) {
        if (b.ctx.config.hugetlbfs.empty())
            fail(ErrorCode::InternalError, ErrorDomain::Qemu,
                 "hugetlbfs filesystem is not mounted or disabled by administrator config");
        p.size = b.ctx.config.hugetlbfs.front().first;
    }
    if (def.memory.backing.allocation == MemoryAllocation::Immediate)
        p.prealloc = true;
    if (!nvdimmPath.empty()) {
        if (nvdimm && !pmem)
            p.prealloc = true;
    } else if (p.use) {
        p.prealloc = true;
    }
    return p;
}

// The host nodes the memory of `targetNode` (or of the whole guest) must
// come from, and with what policy.
const Bitmap* nodesetFor(const Domain& def, int targetNode, NumatuneMode& mode, bool& nodeSpecified) {
    mode = NumatuneMode::Strict;
    nodeSpecified = false;
    if (targetNode >= 0) {
        auto it = def.numatune.memnodes.find(static_cast<unsigned>(targetNode));
        if (it != def.numatune.memnodes.end()) {
            nodeSpecified = true;
            mode = it->second.mode;
            return &it->second.nodeset;
        }
    }
    if (def.numatune.memory) {
        mode = def.numatune.memory->mode;
        if (def.numatune.memory->nodeset)
            return &*def.numatune.memory->nodeset;
    }
    return nullptr;
}

}  // namespace

bool memoryBackendProps(Build& b, const MemoryBackendRequest& req, Props& out, Props* threadContext) {
    const Domain& def = b.def;
    const auto& backing = def.memory.backing;
    MemoryAccess access = req.device ? req.device->access : MemoryAccess::Default;
    conf::TriBool discard = req.device ? req.device->discard : conf::TriBool::Absent;
    if (req.targetNode >= 0 && static_cast<size_t>(req.targetNode) < def.numa.cells.size()) {
        const auto& cell = def.numa.cells[static_cast<size_t>(req.targetNode)];
        if (access == MemoryAccess::Default)
            access = cell.memAccess;
        if (discard == conf::TriBool::Absent)
            discard = cell.discard;
    }
    if (access == MemoryAccess::Default)
        access = backing.access;
    if (discard == conf::TriBool::Absent && backing.discard)
        discard = conf::TriBool::Yes;

    NumatuneMode mode;
    bool nodeSpecified;
    const Bitmap* nodemask = nodesetFor(def, req.targetNode, mode, nodeSpecified);
    Pagesize pg = pagesizeFor(b, req);

    std::string nvdimmPath;
    const Bitmap* sourceNodes = nullptr;
    if (req.device) {
        if (auto* d = std::get_if<DimmMemory>(&req.device->kind); d && d->nodemask)
            sourceNodes = &*d->nodemask;
        else if (auto* vmem = std::get_if<VirtioMemMemory>(&req.device->kind); vmem && vmem->nodemask)
            sourceNodes = &*vmem->nodemask;
        else if (auto* sgx = std::get_if<SgxEpcMemory>(&req.device->kind); sgx && sgx->nodemask)
            sourceNodes = &*sgx->nodemask;
        else if (auto* nv = std::get_if<NvdimmMemory>(&req.device->kind))
            nvdimmPath = nv->path;
        else if (auto* pm = std::get_if<VirtioPmemMemory>(&req.device->kind))
            nvdimmPath = pm->path;
    }

    Props p;
    std::string type = "memory-backend-file";
    bool noCanonicalPath = false;
    auto share = [&] {
        if (access == MemoryAccess::Shared)
            p["share"] = true;
        else if (access == MemoryAccess::Private)
            p["share"] = false;
    };
    bool sgx = req.device && req.device->model() == MemoryModel::SgxEpc;
    if (sgx) {
        type = "memory-backend-epc";
        pg.prealloc = true;
    } else if (nvdimmPath.empty() && backing.source == MemorySource::Memfd) {
        type = "memory-backend-memfd";
        if (pg.use) {
            p["hugetlb"] = true;
            p["hugetlbsize"] = pg.size << 10;
        }
        share();
        noCanonicalPath = req.systemMemory;
    } else if (pg.use || !nvdimmPath.empty() || access != MemoryAccess::Default ||
               backing.source == MemorySource::File) {
        if (!nvdimmPath.empty())
            p["mem-path"] = nvdimmPath;
        else if (pg.use)
            p["mem-path"] = hugepagePath(b, pg.size);
        else
            p["mem-path"] = b.ctx.memoryBackingDir + "/" + shortName(b) + "/" + req.alias;
        if (nvdimmPath.empty())
            putBool(p, "discard-data", discard);
        share();
        noCanonicalPath = req.systemMemory;
    } else {
        type = "memory-backend-ram";
    }
    // QEMU names the RAM of -m by its canonical path; a backend standing in
    // for it must keep the old RAM block name for migration.
    if (noCanonicalPath)
        p["x-use-canonical-path-for-ramblock-id"] = false;
    if (req.device && req.device->model() == MemoryModel::VirtioMem) {
        p["reserve"] = false;
    } else {
        if (pg.prealloc)
            p["prealloc"] = true;
        putPositive(p, "prealloc-threads", backing.allocationThreads);
    }
    p["size"] = req.sizeKiB * 1024;
    if (req.device)
        if (auto* n = std::get_if<NvdimmMemory>(&req.device->kind)) {
            putPositive(p, "align", n->alignsizeKiB * 1024);
            if (n->pmem)
                p["pmem"] = true;
        }
    const Bitmap* nodes = sourceNodes ? sourceNodes : nodemask;
    if (nodes && mode != NumatuneMode::Restrictive) {
        p["host-nodes"] = bits(*nodes);
        p["policy"] = policyName(mode);
    }
    bool needed = pg.need || sourceNodes || nodeSpecified || !nvdimmPath.empty() ||
                  access != MemoryAccess::Default || backing.source == MemorySource::File ||
                  backing.source == MemorySource::Memfd || req.force;

    out = Props();
    out["qom-type"] = type;
    out["id"] = req.alias;
    for (auto& [k, v] : p.items())
        out[k] = v;

    // Preallocation runs in threads bound to the memory's host nodes.
    if (threadContext && nodes && out.value("prealloc", false)) {
        std::string tc = "tc-" + req.alias;
        *threadContext = Props{{"qom-type", "thread-context"}, {"id", tc}, {"node-affinity", bits(*nodes)}};
        out["prealloc-context"] = tc;
    }
    return needed;
}

void buildMemory(Build& b) {
    const Domain& def = b.def;
    uint64_t initial = def.memory.total;
    for (const auto& m : def.devices.memories)
        initial -= std::min(initial, m.sizeKiB);
    if (!def.numa.cells.empty())
        initial = def.numa.memoryTotal();
    uint64_t size = initial;
    bool hotplug = def.memory.hotplug();
    // Without hotplug QEMU historically got MiB; the rounding stays.
    if (!hotplug)
        size &= ~uint64_t{0x1ff};
    std::string m = fmt::format("size={}k", size);
    if (hotplug) {
        if (def.memory.slots > 0)
            m += fmt::format(",slots={}", def.memory.slots);
        if (def.memory.max > 0)
            m += fmt::format(",maxmem={}k", def.memory.max);
    }
    b.arg("-m", m);

    std::string ramId;
    if (b.ctx.caps && def.os.machine) {
        for (const auto& mt : b.ctx.caps->machines)
            if (mt.name == *def.os.machine || mt.alias == *def.os.machine)
                ramId = mt.defaultRamId;
    }
    if (!ramId.empty() && def.numa.cells.empty()) {
        MemoryBackendRequest req;
        req.alias = ramId;
        req.sizeKiB = initial;
        req.systemMemory = true;
        Props props, tc;
        memoryBackendProps(b, req, props, &tc);
        if (!tc.is_null())
            b.object(tc);
        b.object(props);
    }
    b.arg("-overcommit", fmt::format("mem-lock={}", def.memory.backing.locked ? "on" : "off"));
}

void buildMemoryDevices(Build& b) {
    for (const auto& mem : b.def.devices.memories) {
        MemoryBackendRequest req;
        req.alias = "mem" + mem.info.alias;
        req.sizeKiB = mem.sizeKiB;
        req.targetNode = mem.targetNode;
        req.device = &mem;
        req.force = true;
        Props props, tc;
        memoryBackendProps(b, req, props, &tc);
        if (!tc.is_null())
            b.object(tc);
        b.object(props);

        Props d;
        uint64_t labelKiB = 0, blockKiB = 0, requestedKiB = 0, address = 0;
        std::optional<std::string> uuid;
        conf::TriBool unarmed = conf::TriBool::Absent;
        bool prealloc = false;
        switch (mem.model()) {
        case MemoryModel::Dimm: d["driver"] = "pc-dimm"; break;
        case MemoryModel::Nvdimm: {
            d["driver"] = "nvdimm";
            const auto& n = std::get<NvdimmMemory>(mem.kind);
            if (n.readonly)
                unarmed = conf::TriBool::Yes;
            if (n.uuid)
                uuid = n.uuid->format();
            labelKiB = n.labelSizeKiB;
            break;
        }
        case MemoryModel::VirtioPmem:
            d["driver"] = "virtio-pmem-pci";
            address = std::get<VirtioPmemMemory>(mem.kind).address;
            break;
        case MemoryModel::VirtioMem: {
            d["driver"] = "virtio-mem-pci";
            const auto& v = std::get<VirtioMemMemory>(mem.kind);
            blockKiB = v.blockKiB;
            requestedKiB = v.requestedKiB;
            address = v.address;
            prealloc = pagesizeFor(b, req).prealloc;
            break;
        }
        default: continue;  // SGX EPC memory is a -machine option
        }
        putNonNegative(d, "node", mem.targetNode);
        putPositive(d, "label-size", labelKiB * 1024);
        putPositive(d, "block-size", blockKiB * 1024);
        putPositive(d, "requested-size", requestedKiB * 1024);
        putString(d, "uuid", uuid);
        putBool(d, "unarmed", unarmed);
        d["memdev"] = req.alias;
        if (prealloc)
            d["prealloc"] = true;
        putPositive(d, "memaddr", address);
        d["id"] = mem.info.alias;
        b.address(d, mem.info);
        b.device(d);
    }
}

}  // namespace cvirt::qemu
