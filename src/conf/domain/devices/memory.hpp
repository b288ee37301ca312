#pragma once
// <memory model='dimm|nvdimm|virtio-pmem|virtio-mem|sgx-epc'>: a memory
// device (libvirt's virDomainMemoryDef). What <source> and <target> may
// hold depends on the model, so each model has its own struct; sizes are
// kept in KiB and addresses in bytes, as libvirt keeps them.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "conf/domain/device_info.hpp"
#include "conf/domain/memory.hpp"
#include "util/bitmap.hpp"
#include "util/uuid.hpp"

namespace cvirt::conf::domain {

enum class MemoryModel { None, Dimm, Nvdimm, VirtioPmem, VirtioMem, SgxEpc };
CVIRT_ENUM_STRINGS(MemoryModel, "", "dimm", "nvdimm", "virtio-pmem", "virtio-mem", "sgx-epc");

struct DimmMemory {
    uint64_t pagesizeKiB = 0;  // <source><pagesize>
    std::optional<Bitmap> nodemask;
};

struct NvdimmMemory {
    std::optional<Uuid> uuid;
    std::string path;  // <source><path>; required (validation)
    uint64_t alignsizeKiB = 0;
    bool pmem = false;
    uint64_t labelSizeKiB = 0;  // <target><label><size>
    bool readonly = false;
};

struct VirtioPmemMemory {
    std::string path;       // required (validation)
    uint64_t address = 0;   // <target><address base=.../>, bytes
};

struct VirtioMemMemory {
    uint64_t pagesizeKiB = 0;
    std::optional<Bitmap> nodemask;
    uint64_t blockKiB = 0;
    uint64_t requestedKiB = 0;
    uint64_t currentKiB = 0;  // live only: what the guest has plugged
    uint64_t address = 0;
};

struct SgxEpcMemory {
    std::optional<Bitmap> nodemask;
};

using MemoryDeviceKind = std::variant<DimmMemory, NvdimmMemory, VirtioPmemMemory, VirtioMemMemory, SgxEpcMemory>;

struct MemoryDevice {
    MemoryDeviceKind kind;
    MemoryAccess access{};
    TriBool discard{};
    uint64_t sizeKiB = 0;
    int targetNode = -1;  // -1: no guest NUMA node given
    DeviceInfo info;

    MemoryModel model() const { return static_cast<MemoryModel>(kind.index() + 1); }
};

void xmlParse(MemoryDevice& mem, const Node& node, ParseContext& ctx);
void xmlFormat(Writer& w, std::string_view name, const MemoryDevice& mem, FormatContext& ctx);

// Generic post-parse: virtio-pmem is always shared; an nvdimm of a ppc64
// guest gets a generated UUID when it has none.
void postParseMemoryDevice(MemoryDevice& mem, bool ppc64Guest);

// Generic validation. `numaNodes` is the number of guest NUMA cells.
// virtio-mem's block size must be at least the host's transparent huge
// page size, which libvirt reads from the host; 2 MiB (libvirt's fallback
// and the x86 value) stands in for it here.
void validateMemoryDevice(const MemoryDevice& mem, size_t numaNodes, bool ppc64Guest);

}  // namespace cvirt::conf::domain
