#pragma once
// Guest memory: <maxMemory>, <memory>, <currentMemory>, <memoryBacking>,
// <memtune> and <blkiotune>. Sizes are kept in KiB, as libvirt keeps them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conf/domain/props.hpp"
#include "conf/xml/schema.hpp"
#include "util/bitmap.hpp"

namespace cvirt::conf::domain {

using xml::FormatContext;
using xml::ParseContext;
using xml::Writer;

enum class MemorySource { None, File, Anonymous, Memfd };
CVIRT_ENUM_STRINGS_UNSET(MemorySource, "none", "file", "anonymous", "memfd");
enum class MemoryAccess { Default, Shared, Private };
CVIRT_ENUM_STRINGS_UNSET(MemoryAccess, "default", "shared", "private");
enum class MemoryAllocation { None, Immediate, Ondemand };
CVIRT_ENUM_STRINGS_UNSET(MemoryAllocation, "none", "immediate", "ondemand");

struct Hugepage {
    uint64_t sizeKiB = 0;  // 0: <hugepages/> without pages (the default size)
    std::optional<Bitmap> nodeset;
};

struct MemoryBacking {
    std::vector<Hugepage> hugepages;  // non-empty when <hugepages> is present
    bool nosharepages = false;
    bool locked = false;
    MemorySource source{};
    MemoryAccess access{};
    MemoryAllocation allocation{};
    unsigned allocationThreads = 0;
    bool discard = false;
};

struct Memtune {
    uint64_t hardLimit = kMemoryUnlimited;
    uint64_t softLimit = kMemoryUnlimited;
    uint64_t minGuarantee = 0;
    uint64_t swapHardLimit = kMemoryUnlimited;
};

struct BlkioDevice {
    std::string path;
    unsigned weight = 0;
    unsigned readIops = 0, writeIops = 0;
    uint64_t readBytes = 0, writeBytes = 0;
};

struct Blkiotune {
    unsigned weight = 0;
    std::vector<BlkioDevice> devices;
};

struct MemorySettings {
    uint64_t total = 0;    // <memory>, KiB
    uint64_t current = 0;  // <currentMemory>, KiB (defaults to total)
    uint64_t max = 0;      // <maxMemory>, KiB (0: no memory hotplug)
    unsigned slots = 0;
    TriSwitch dumpCore{};
    MemoryBacking backing;
    Memtune tune;
    Blkiotune blkio;

    bool hotplug() const { return max > 0 || slots > 0; }
};

void parseMemory(MemorySettings& m, const Node& domain);
void parseTunables(MemorySettings& m, const Node& domain);
// Everything from <maxMemory> to <memoryBacking>, in libvirt's order.
void formatMemory(Writer& w, const MemorySettings& m);

// Generic post-parse: memory from NUMA cells when <memory> is missing,
// currentMemory defaulting to memory, maxMemory checks. `numaTotal` is the
// sum of the `numaCells` NUMA cells, `hotplugTotal` that of the <memory>
// devices.
void postParseMemory(MemorySettings& m, size_t numaCells, uint64_t numaTotal, uint64_t hotplugTotal,
                     bool abiUpdate);
// Generic validation of hugepages against the number of NUMA cells.
void validateMemory(const MemorySettings& m, size_t numaCells);

}  // namespace cvirt::conf::domain
