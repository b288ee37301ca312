// Storage pools and volumes as libvirt's test driver keeps them: 100 GiB
// pools whose volumes are only bookkeeping.

#include "drivers/test/flags.hpp"
#include "drivers/test/test_connection.hpp"

namespace cvirt::drivers::test {
namespace {

using conf::storage::PoolType;
using conf::storage::StoragePool;
using conf::storage::StorageVolume;

constexpr uint64_t kPoolCapacity = 100ull * 1024 * 1024 * 1024;
constexpr unsigned kPoolDefineValidate = 1;
constexpr unsigned kPoolListAll = 0xfffff;

// VIR_CONNECT_LIST_STORAGE_POOLS_<TYPE>: one bit per pool type.
unsigned typeFilterBit(PoolType type) {
    switch (type) {
    case PoolType::Dir: return 1u << 6;
    case PoolType::Fs: return 1u << 7;
    case PoolType::Netfs: return 1u << 8;
    case PoolType::Logical: return 1u << 9;
    case PoolType::Disk: return 1u << 10;
    case PoolType::Iscsi: return 1u << 11;
    case PoolType::Scsi: return 1u << 12;
    case PoolType::Mpath: return 1u << 13;
    case PoolType::Rbd: return 1u << 14;
    case PoolType::Sheepdog: return 1u << 15;
    case PoolType::Gluster: return 1u << 16;
    case PoolType::Zfs: return 1u << 17;
    case PoolType::Vstorage: return 1u << 18;
    case PoolType::IscsiDirect: return 1u << 19;
    }
    return 0;
}

bool matches(const PoolObject& obj, unsigned f) {
    using namespace flags;
    auto has = [f](unsigned bits) { return (f & bits) != 0; };
    if (has(kPoolListActive | kPoolListInactive) &&
        !((has(kPoolListActive) && obj.active) || (has(kPoolListInactive) && !obj.active)))
        return false;
    if (has(kPoolListPersistent | kPoolListTransient) &&
        !((has(kPoolListPersistent) && obj.persistent) || (has(kPoolListTransient) && !obj.persistent)))
        return false;
    bool autostart = obj.persistent && obj.autostart;
    if (has(kPoolListAutostart | kPoolListNoAutostart) &&
        !((has(kPoolListAutostart) && autostart) || (has(kPoolListNoAutostart) && !autostart)))
        return false;
    unsigned typeBits = f & ~0x3fu;
    if (typeBits && !(typeBits & typeFilterBit(obj.def->type)))
        return false;
    return true;
}

// testStorageVolumeTypeForPool
int volumeTypeFor(PoolType type) {
    switch (type) {
    case PoolType::Dir:
    case PoolType::Fs:
    case PoolType::Netfs:
    case PoolType::Vstorage:
        return 0;  // file
    case PoolType::Sheepdog:
    case PoolType::IscsiDirect:
    case PoolType::Gluster:
    case PoolType::Rbd:
        return 3;  // network
    case PoolType::Logical:
    case PoolType::Disk:
    case PoolType::Mpath:
    case PoolType::Iscsi:
    case PoolType::Scsi:
    case PoolType::Zfs:
        return 1;  // block
    }
    return 0;
}

std::unique_ptr<StoragePool> parsePool(const std::string& xml, bool validate) {
    conf::storage::StoragePoolParseOptions options;
    options.validateSchema = validate;
    return std::make_unique<StoragePool>(conf::storage::parseStoragePoolXml(xml, options));
}

// testStoragePoolObjSetDefaults: every test pool is 100 GiB and empty.
void setDefaults(StoragePool& def) {
    def.capacity = kPoolCapacity;
    def.allocation = 0;
    def.available = kPoolCapacity;
}

StorageVolRef volRef(const PoolObject& pool, const StorageVolume& vol) {
    return StorageVolRef{pool.def->name, vol.name, vol.key};
}

// Adds a parsed volume to an active pool the way testStorageVolCreateXML
// does: its path and key under the pool's target, its allocation taken
// from the pool's free space.
StorageVolume& addVolume(PoolObject& pool, std::unique_ptr<StorageVolume> vol) {
    StoragePool& def = *pool.def;
    if (pool.volume(vol->name))
        throw Error(ErrorCode::OperationFailed, ErrorDomain::Test, "storage vol already exists");
    if (def.allocation + vol->allocation > def.capacity)
        fail(ErrorCode::InternalError, ErrorDomain::Test, "Not enough free space in pool for volume '{}'", vol->name);
    vol->target.path = def.targetPath + "/" + vol->name;
    vol->key = vol->target.path;
    def.allocation += vol->allocation;
    def.available = def.capacity - def.allocation;
    pool.volumes.push_back(std::move(vol));
    return *pool.volumes.back();
}

}  // namespace

PoolObject& TestConnection::poolByName(const std::string& name) {
    if (PoolObject* obj = state_->pools.findByName(name))
        return *obj;
    fail(ErrorCode::NoStoragePool, ErrorDomain::Test, "no storage pool with matching name '{}'", name);
}

PoolObject& TestConnection::poolByUuid(const Uuid& uuid) {
    if (PoolObject* obj = state_->pools.findByUuid(uuid))
        return *obj;
    fail(ErrorCode::NoStoragePool, ErrorDomain::Test, "no storage pool with matching uuid '{}'", uuid.format());
}

PoolObject& TestConnection::activePool(const std::string& name) {
    PoolObject& obj = poolByName(name);
    if (!obj.active)
        fail(ErrorCode::OperationInvalid, ErrorDomain::Test, "storage pool '{}' is not active", name);
    return obj;
}

PoolObject& TestConnection::inactivePool(const std::string& name) {
    PoolObject& obj = poolByName(name);
    if (obj.active)
        fail(ErrorCode::OperationInvalid, ErrorDomain::Test, "storage pool '{}' is active", name);
    return obj;
}

StoragePoolRef TestConnection::poolLookupByName(const std::string& name) {
    StateLock lock(*state_);
    return poolByName(name).ref();
}

StoragePoolRef TestConnection::poolLookupByUuid(const Uuid& uuid) {
    StateLock lock(*state_);
    return poolByUuid(uuid).ref();
}

StoragePoolRef TestConnection::poolLookupByVolume(const StorageVolRef& vol) { return poolLookupByName(vol.pool); }

std::vector<StoragePoolRef> TestConnection::listAllPools(unsigned flags) {
    checkFlags(flags, kPoolListAll, "testConnectListAllStoragePools");
    StateLock lock(*state_);
    std::vector<StoragePoolRef> out;
    for (PoolObject* obj : state_->pools.all())
        if (matches(*obj, flags))
            out.push_back(obj->ref());
    return out;
}

StoragePoolRef TestConnection::poolDefineXml(const std::string& xml, unsigned flags) {
    checkFlags(flags, kPoolDefineValidate, "testStoragePoolDefineXML");
    StateLock lock(*state_);
    auto def = parsePool(xml, flags & kPoolDefineValidate);
    setDefaults(*def);
    PoolObject& obj = state_->pools.add(std::move(def), false);
    obj.persistent = true;
    return obj.ref();
}

StoragePoolRef TestConnection::poolCreateXml(const std::string& xml, unsigned flags) {
    checkFlags(flags, 0, "testStoragePoolCreateXML");
    StateLock lock(*state_);
    PoolObject& obj = state_->pools.add(parsePool(xml, false), true);
    setDefaults(*obj.def);
    // A created pool has no configuration file: it is transient.
    obj.persistent = false;
    obj.active = true;
    return obj.ref();
}

void TestConnection::poolUndefine(const StoragePoolRef& pool) {
    StateLock lock(*state_);
    state_->pools.remove(&inactivePool(pool.name));
}

void TestConnection::poolCreate(const StoragePoolRef& pool, unsigned flags) {
    checkFlags(flags, 0, "testStoragePoolCreate");
    StateLock lock(*state_);
    inactivePool(pool.name).active = true;
}

void TestConnection::poolBuild(const StoragePoolRef& pool, unsigned flags) {
    checkFlags(flags, 0, "testStoragePoolBuild");
    StateLock lock(*state_);
    inactivePool(pool.name);
}

void TestConnection::poolDestroy(const StoragePoolRef& pool) {
    StateLock lock(*state_);
    PoolObject& obj = activePool(pool.name);
    obj.active = false;
    if (!obj.persistent)
        state_->pools.remove(&obj);
}

void TestConnection::poolDelete(const StoragePoolRef& pool, unsigned flags) {
    checkFlags(flags, 0, "testStoragePoolDelete");
    StateLock lock(*state_);
    inactivePool(pool.name);
}

void TestConnection::poolRefresh(const StoragePoolRef& pool, unsigned flags) {
    checkFlags(flags, 0, "testStoragePoolRefresh");
    StateLock lock(*state_);
    activePool(pool.name);
}

StoragePoolInfo TestConnection::poolGetInfo(const StoragePoolRef& pool) {
    StateLock lock(*state_);
    PoolObject& obj = poolByName(pool.name);
    StoragePoolInfo info;
    info.state = obj.active ? 2 : 0;  // VIR_STORAGE_POOL_RUNNING / INACTIVE
    info.capacity = obj.def->capacity;
    info.allocation = obj.def->allocation;
    info.available = obj.def->available;
    return info;
}

std::string TestConnection::poolGetXmlDesc(const StoragePoolRef& pool, unsigned flags) {
    checkFlags(flags, 0, "testStoragePoolGetXMLDesc");
    StateLock lock(*state_);
    return conf::storage::formatStoragePoolXml(*poolByName(pool.name).def);
}

bool TestConnection::poolGetAutostart(const StoragePoolRef& pool) {
    StateLock lock(*state_);
    PoolObject& obj = poolByName(pool.name);
    return obj.persistent && obj.autostart;
}

void TestConnection::poolSetAutostart(const StoragePoolRef& pool, bool autostart) {
    StateLock lock(*state_);
    PoolObject& obj = poolByName(pool.name);
    if (!obj.persistent)
        throw Error(ErrorCode::InvalidArg, ErrorDomain::Test, "pool has no config file");
    obj.autostart = autostart;
}

bool TestConnection::poolIsActive(const StoragePoolRef& pool) {
    StateLock lock(*state_);
    return poolByUuid(pool.uuid).active;
}

bool TestConnection::poolIsPersistent(const StoragePoolRef& pool) {
    StateLock lock(*state_);
    return poolByUuid(pool.uuid).persistent;
}

std::vector<StorageVolRef> TestConnection::poolListAllVolumes(const StoragePoolRef& pool, unsigned flags) {
    checkFlags(flags, 0, "testStoragePoolListAllVolumes");
    StateLock lock(*state_);
    PoolObject& obj = poolByUuid(pool.uuid);
    if (!obj.active)
        throw Error(ErrorCode::OperationInvalid, ErrorDomain::Test, "storage pool is not active");
    std::vector<StorageVolRef> out;
    for (const auto& v : obj.volumes)
        out.push_back(volRef(obj, *v));
    return out;
}

int TestConnection::poolNumOfVolumes(const StoragePoolRef& pool) {
    StateLock lock(*state_);
    return static_cast<int>(activePool(pool.name).volumes.size());
}

StorageVolRef TestConnection::volLookupByName(const StoragePoolRef& pool, const std::string& name) {
    StateLock lock(*state_);
    PoolObject& obj = activePool(pool.name);
    if (StorageVolume* vol = obj.volume(name))
        return volRef(obj, *vol);
    fail(ErrorCode::NoStorageVol, ErrorDomain::Test, "no storage vol with matching name '{}'", name);
}

StorageVolRef TestConnection::volLookupByKey(const std::string& key) {
    StateLock lock(*state_);
    for (PoolObject* pool : state_->pools.all())
        if (pool->active)
            for (const auto& v : pool->volumes)
                if (v->key == key)
                    return volRef(*pool, *v);
    fail(ErrorCode::NoStorageVol, ErrorDomain::Test, "no storage vol with matching key '{}'", key);
}

StorageVolRef TestConnection::volLookupByPath(const std::string& path) {
    StateLock lock(*state_);
    for (PoolObject* pool : state_->pools.all())
        if (pool->active)
            for (const auto& v : pool->volumes)
                if (v->target.path == path)
                    return volRef(*pool, *v);
    fail(ErrorCode::NoStorageVol, ErrorDomain::Test, "no storage vol with matching path '{}'", path);
}

StorageVolRef TestConnection::volCreateXml(const StoragePoolRef& pool, const std::string& xml, unsigned flags) {
    checkFlags(flags, 0, "testStorageVolCreateXML");
    StateLock lock(*state_);
    PoolObject& obj = activePool(pool.name);
    auto vol = std::make_unique<StorageVolume>(conf::storage::parseStorageVolumeXml(*obj.def, xml));
    return volRef(obj, addVolume(obj, std::move(vol)));
}

StorageVolRef TestConnection::volCreateXmlFrom(const StoragePoolRef& pool, const std::string& xml,
                                               const StorageVolRef& clone, unsigned flags) {
    checkFlags(flags, 0, "testStorageVolCreateXMLFrom");
    StateLock lock(*state_);
    PoolObject& obj = activePool(pool.name);
    auto vol = std::make_unique<StorageVolume>(conf::storage::parseStorageVolumeXml(*obj.def, xml));
    if (obj.volume(vol->name))
        throw Error(ErrorCode::OperationFailed, ErrorDomain::Test, "storage vol already exists");
    if (!obj.volume(clone.name))
        fail(ErrorCode::NoStorageVol, ErrorDomain::Test, "no storage vol with matching name '{}'", clone.name);
    return volRef(obj, addVolume(obj, std::move(vol)));
}

void TestConnection::volDelete(const StorageVolRef& vol, unsigned flags) {
    checkFlags(flags, 0, "testStorageVolDelete");
    StateLock lock(*state_);
    PoolObject& obj = activePool(vol.pool);
    StorageVolume* v = obj.volume(vol.name);
    if (!v)
        fail(ErrorCode::NoStorageVol, ErrorDomain::Test, "no storage vol with matching name '{}'", vol.name);
    obj.def->allocation -= v->allocation;
    obj.def->available = obj.def->capacity - obj.def->allocation;
    obj.removeVolume(v);
}

StorageVolInfo TestConnection::volGetInfo(const StorageVolRef& vol) {
    StateLock lock(*state_);
    PoolObject& obj = activePool(vol.pool);
    StorageVolume* v = obj.volume(vol.name);
    if (!v)
        fail(ErrorCode::NoStorageVol, ErrorDomain::Test, "no storage vol with matching name '{}'", vol.name);
    return StorageVolInfo{volumeTypeFor(obj.def->type), v->capacity, v->allocation};
}

std::string TestConnection::volGetXmlDesc(const StorageVolRef& vol, unsigned flags) {
    checkFlags(flags, 0, "testStorageVolGetXMLDesc");
    StateLock lock(*state_);
    PoolObject& obj = activePool(vol.pool);
    StorageVolume* v = obj.volume(vol.name);
    if (!v)
        fail(ErrorCode::NoStorageVol, ErrorDomain::Test, "no storage vol with matching name '{}'", vol.name);
    return conf::storage::formatStorageVolumeXml(*obj.def, *v);
}

std::string TestConnection::volGetPath(const StorageVolRef& vol) {
    StateLock lock(*state_);
    PoolObject& obj = activePool(vol.pool);
    StorageVolume* v = obj.volume(vol.name);
    if (!v)
        fail(ErrorCode::NoStorageVol, ErrorDomain::Test, "no storage vol with matching name '{}'", vol.name);
    return v->target.path;
}

}  // namespace cvirt::drivers::test
