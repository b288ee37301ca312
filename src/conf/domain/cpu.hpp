#pragma once
// The guest CPU: <cpu> (mode, model, vendor, topology, cache, maxphysaddr,
// feature policies) and its guest NUMA topology <cpu><numa> (cells with
// distances and caches, interconnects).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conf/domain/memory.hpp"
#include "conf/domain/props.hpp"
#include "conf/xml/writer.hpp"
#include "util/bitmap.hpp"

namespace cvirt::conf::domain {

enum class CpuMode { Custom, HostModel, HostPassthrough, Maximum };
CVIRT_ENUM_STRINGS(CpuMode, "custom", "host-model", "host-passthrough", "maximum");
enum class CpuMatch { Exact, Minimum, Strict };
CVIRT_ENUM_STRINGS(CpuMatch, "exact", "minimum", "strict");
enum class CpuCheck { Default, None, Partial, Full };
CVIRT_ENUM_STRINGS_UNSET(CpuCheck, "default", "none", "partial", "full");
enum class CpuFallback { Allow, Forbid };
CVIRT_ENUM_STRINGS(CpuFallback, "allow", "forbid");
enum class CpuFeaturePolicy { Force, Require, Optional, Disable, Forbid };
CVIRT_ENUM_STRINGS(CpuFeaturePolicy, "force", "require", "optional", "disable", "forbid");
enum class CpuCacheMode { Emulate, Passthrough, Disable };
CVIRT_ENUM_STRINGS(CpuCacheMode, "emulate", "passthrough", "disable");
enum class MaxPhysAddrMode { Emulate, Passthrough };
CVIRT_ENUM_STRINGS(MaxPhysAddrMode, "emulate", "passthrough");

struct CpuFeature {
    std::string name;
    CpuFeaturePolicy policy = CpuFeaturePolicy::Require;
};

struct CpuTopology {
    unsigned sockets = 0, dies = 1, cores = 0, threads = 0;
};

struct CpuCache {
    int level = -1;
    CpuCacheMode mode{};
};

struct MaxPhysAddr {
    MaxPhysAddrMode mode{};
    int bits = -1;
    unsigned limit = 0;
};

struct GuestCpu {
    CpuMode mode{};
    CpuMatch match{};
    CpuCheck check{};
    TriSwitch migratable{};
    std::optional<std::string> model;
    CpuFallback fallback{};
    std::optional<std::string> vendorId;  // <model vendor_id=..>
    std::optional<std::string> vendor;
    std::optional<CpuTopology> topology;
    std::optional<CpuCache> cache;
    std::optional<MaxPhysAddr> maxPhysAddr;
    std::vector<CpuFeature> features;
};

enum class NumaCacheAssociativity { None, Direct, Full };
CVIRT_ENUM_STRINGS(NumaCacheAssociativity, "none", "direct", "full");
enum class NumaCachePolicy { None, Writeback, Writethrough };
CVIRT_ENUM_STRINGS(NumaCachePolicy, "none", "writeback", "writethrough");
enum class MemoryLatency { None, Access, Read, Write };
CVIRT_ENUM_STRINGS_UNSET(MemoryLatency, "none", "access", "read", "write");

struct NumaCache {
    unsigned level = 0;
    NumaCacheAssociativity associativity{};
    NumaCachePolicy policy{};
    uint64_t sizeKiB = 0;
    unsigned line = 0;  // bytes
};

struct NumaCell {
    std::optional<Bitmap> cpus;
    uint64_t memory = 0;  // KiB
    MemoryAccess memAccess{};
    TriBool discard{};
    // Distance to each cell by id (0: not given); empty without <distances>.
    std::vector<unsigned> distances;
    std::vector<NumaCache> caches;
};

struct NumaInterconnect {
    bool bandwidth = false;  // else latency
    unsigned initiator = 0, target = 0, cache = 0;
    MemoryLatency type{};
    uint64_t value = 0;  // latency, or bandwidth in KiB
};

struct Numa {
    std::vector<NumaCell> cells;
    std::vector<NumaInterconnect> interconnects;

    uint64_t memoryTotal() const;
    unsigned cpuCount() const;
    unsigned maxCpuId() const;
};

std::optional<GuestCpu> parseCpu(const Node& domain);
Numa parseNuma(const Node& domain);
// <cpu> with its <numa>; nothing without a <cpu>.
void formatCpu(xml::Writer& w, const std::optional<GuestCpu>& cpu, const Numa& numa);

// Generic post-parse: "check" needs a model in custom mode.
void postParseCpu(const std::optional<GuestCpu>& cpu);
// Generic validation of caches and interconnects.
void validateNuma(const Numa& numa);

}  // namespace cvirt::conf::domain
