#pragma once
// A storage volume definition (libvirt's <volume> XML) as a typed model
// with its parser and formatter. A volume is always read in the context of
// its pool, whose type decides which formats the volume takes.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "conf/storage/encryption.hpp"
#include "conf/storage/file_format.hpp"
#include "conf/storage/permissions.hpp"
#include "conf/storage/pool.hpp"

namespace cvirt::conf::storage {

enum class VolumeType { File, Block, Dir, Network, Netdir, Ploop };
CVIRT_ENUM_STRINGS(VolumeType, "file", "block", "dir", "network", "netdir", "ploop");

struct Timestamp {
    long long sec = 0;
    long nsec = 0;
};

struct VolumeTimestamps {
    std::optional<Timestamp> atime, mtime, ctime, btime;
};

// <target> or <backingStore> of a volume.
struct VolumeTarget {
    std::string path;
    // Index into the pool type's volume format table (see poolTypeInfo()).
    int format = 0;
    Permissions permissions;
    std::optional<VolumeTimestamps> timestamps;  // runtime only
    std::optional<Encryption> encryption;
    std::string compat;  // qcow2 compatibility level, "1.1"
    uint64_t clusterSize = 0;
    bool nocow = false;                             // read, never printed
    std::optional<std::set<FileFeature>> features;  // <features> (may be empty)
};

struct VolumeExtent {
    std::string path;
    uint64_t start = 0, end = 0;
};

struct StorageVolume {
    VolumeType type{};
    std::string name;
    std::string key;
    std::vector<VolumeExtent> extents;  // runtime: found by the backend
    uint64_t capacity = 0;              // bytes
    uint64_t allocation = 0;
    bool hasAllocation = false;
    uint64_t physical = 0;  // runtime only
    VolumeTarget target;
    std::optional<VolumeTarget> backingStore;
};

struct StorageVolumeParseOptions {
    bool noCapacity = false;   // VIR_VOL_XML_PARSE_NO_CAPACITY
    bool optCapacity = false;  // VIR_VOL_XML_PARSE_OPT_CAPACITY: optional with a backing store
    bool validateSchema = false;
    std::string schemaPath = "/usr/share/libvirt/schemas/storagevol.rng";
};

StorageVolume parseStorageVolumeXml(const StoragePool& pool, std::string_view xml,
                                    const StorageVolumeParseOptions& options = {});
std::string formatStorageVolumeXml(const StoragePool& pool, const StorageVolume& volume);

}  // namespace cvirt::conf::storage
