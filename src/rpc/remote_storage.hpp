#pragma once
// REMOTE procedure payloads: storage pools and volumes.

#include "rpc/remote_types.hpp"

namespace cvirt::rpc::remote {

struct PoolArgs {
    StoragePoolRef pool;
    CVIRT_XDR_STRUCT(PoolArgs, pool);
};

struct PoolFlagsArgs {
    StoragePoolRef pool;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(PoolFlagsArgs, pool, flags);
};

struct PoolRet {
    StoragePoolRef pool;
    CVIRT_XDR_STRUCT(PoolRet, pool);
};

struct PoolSetAutostartArgs {
    StoragePoolRef pool;
    int32_t autostart = 0;
    CVIRT_XDR_STRUCT(PoolSetAutostartArgs, pool, autostart);
};

struct StoragePoolGetInfoRet {
    uint8_t state = 0;
    uint64_t capacity = 0;
    uint64_t allocation = 0;
    uint64_t available = 0;
    CVIRT_XDR_STRUCT(StoragePoolGetInfoRet, state, capacity, allocation, available);
};

struct StoragePoolListVolumesArgs {
    StoragePoolRef pool;
    int32_t maxnames = 0;
    CVIRT_XDR_STRUCT(StoragePoolListVolumesArgs, pool, maxnames);
};

using StoragePoolListVolumesRet = NamesRet<kStorageVolListMax>;

struct StoragePoolListAllVolumesArgs {
    StoragePoolRef pool;
    int32_t need_results = 1;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(StoragePoolListAllVolumesArgs, pool, need_results, flags);
};

struct StoragePoolListAllVolumesRet {
    Array<StorageVolRef, kStorageVolListMax> vols;
    uint32_t ret = 0;
    CVIRT_XDR_STRUCT(StoragePoolListAllVolumesRet, vols, ret);
};

struct ConnectFindStoragePoolSourcesArgs {
    std::string type;
    std::optional<std::string> srcSpec;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(ConnectFindStoragePoolSourcesArgs, type, srcSpec, flags);
};

struct StoragePoolLookupByTargetPathArgs {
    std::string path;
    CVIRT_XDR_STRUCT(StoragePoolLookupByTargetPathArgs, path);
};

// ---- volumes ----

struct VolArgs {
    StorageVolRef vol;
    CVIRT_XDR_STRUCT(VolArgs, vol);
};

struct VolFlagsArgs {
    StorageVolRef vol;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(VolFlagsArgs, vol, flags);
};

struct VolRet {
    StorageVolRef vol;
    CVIRT_XDR_STRUCT(VolRet, vol);
};

struct StorageVolCreateXmlArgs {
    StoragePoolRef pool;
    std::string xml;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(StorageVolCreateXmlArgs, pool, xml, flags);
};

struct StorageVolCreateXmlFromArgs {
    StoragePoolRef pool;
    std::string xml;
    StorageVolRef clonevol;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(StorageVolCreateXmlFromArgs, pool, xml, clonevol, flags);
};

struct StorageVolLookupByNameArgs {
    StoragePoolRef pool;
    std::string name;
    CVIRT_XDR_STRUCT(StorageVolLookupByNameArgs, pool, name);
};

struct StorageVolLookupByKeyArgs {
    std::string key;
    CVIRT_XDR_STRUCT(StorageVolLookupByKeyArgs, key);
};

struct StorageVolLookupByPathArgs {
    std::string path;
    CVIRT_XDR_STRUCT(StorageVolLookupByPathArgs, path);
};

// GET_INFO and GET_INFO_FLAGS; type is a char widened to 4 bytes.
struct StorageVolGetInfoRet {
    int8_t type = 0;
    uint64_t capacity = 0;
    uint64_t allocation = 0;
    CVIRT_XDR_STRUCT(StorageVolGetInfoRet, type, capacity, allocation);
};

struct StorageVolGetPathRet {
    std::string name;
    CVIRT_XDR_STRUCT(StorageVolGetPathRet, name);
};

struct StorageVolWipePatternArgs {
    StorageVolRef vol;
    uint32_t algorithm = 0;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(StorageVolWipePatternArgs, vol, algorithm, flags);
};

struct StorageVolResizeArgs {
    StorageVolRef vol;
    uint64_t capacity = 0;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(StorageVolResizeArgs, vol, capacity, flags);
};

}  // namespace cvirt::rpc::remote
