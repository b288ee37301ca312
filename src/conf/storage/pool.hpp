#pragma once
// A storage pool definition (libvirt's <pool> XML, storage_conf.c of libvirt
// 9.6) as a typed model with its parser and formatter. The fs and rbd
// backend XML namespaces (<fs:mount_opts>, <rbd:config_opts>) are always
// understood, as in a libvirt built with those backends.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "conf/storage/adapter.hpp"
#include "conf/storage/auth.hpp"
#include "conf/storage/permissions.hpp"
#include "conf/storage/pool_type.hpp"
#include "util/uuid.hpp"

namespace cvirt::conf::storage {

struct PoolSourceHost {
    std::string name;
    int port = 0;  // 0: the protocol's default
};

struct FreeExtent {
    uint64_t start = 0, end = 0;
};

struct PoolSourceDevice {
    std::string path;
    TriBool partSeparator{};
    std::vector<FreeExtent> freeExtents;  // runtime: found by the disk backend
};

struct PoolSource {
    std::vector<PoolSourceHost> hosts;
    std::vector<PoolSourceDevice> devices;
    std::string dir;
    Adapter adapter;
    std::string name;
    std::string initiatorIqn;
    // Index into the pool type's format table (poolTypeInfo().poolFormats).
    int format = 0;
    std::optional<StorageAuth> auth;
    std::string protocolVer;
    std::string vendor, product;
};

enum class VolumeAllocationRefresh { Default, Capacity };
CVIRT_ENUM_STRINGS(VolumeAllocationRefresh, "default", "capacity");

struct StoragePool {
    PoolType type{};
    std::string name;
    Uuid uuid;
    // Runtime sizes in bytes, filled in by the driver.
    uint64_t capacity = 0, allocation = 0, available = 0;
    TriBool cow{};  // <features><cow state=/>
    PoolSource source;
    std::string targetPath;
    Permissions targetPermissions;
    std::optional<VolumeAllocationRefresh> refreshAllocation;           // <refresh><volume allocation=/>
    std::vector<std::string> fsMountOptions;                            // <fs:mount_opts>
    std::vector<std::pair<std::string, std::string>> rbdConfigOptions;  // <rbd:config_opts>
};

struct StoragePoolParseOptions {
    bool validateSchema = false;  // VIR_STORAGE_POOL_DEFINE_VALIDATE
    std::string schemaPath = "/usr/share/libvirt/schemas/storagepool.rng";
};

// Parses a <pool> document with libvirt's checks and defaults (source name
// from the pool name, logical/zfs target paths, sanitised paths). Throws
// cvirt::Error with libvirt's codes and messages.
StoragePool parseStoragePoolXml(std::string_view xml, const StoragePoolParseOptions& options = {});
std::string formatStoragePoolXml(const StoragePool& pool);

// libvirt's virFileSanitizePath: repeated and trailing slashes removed
// (a leading "//" kept), URIs untouched.
std::string sanitizePath(std::string_view path);

}  // namespace cvirt::conf::storage
