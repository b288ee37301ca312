#include "drivers/test/pool_list.hpp"

#include <algorithm>

#include "util/error.hpp"

namespace cvirt::drivers::test {
namespace {

using conf::storage::PoolType;
using conf::storage::StoragePool;

bool sameHosts(const StoragePool& a, const StoragePool& b) {
    if (a.source.hosts.empty() || b.source.hosts.empty())
        return false;
    return a.source.hosts[0].name == b.source.hosts[0].name;
}

bool sameFirstDevice(const StoragePool& a, const StoragePool& b) {
    return !a.source.devices.empty() && !b.source.devices.empty() &&
           a.source.devices[0].path == b.source.devices[0].path;
}

// virStoragePoolObjSourceFindDuplicate: would `def` use what `other`
// already uses (the same directory, device, export or volume group)?
bool sameSource(const StoragePool& other, const StoragePool& def) {
    if (other.type != def.type)
        return false;
    switch (def.type) {
    case PoolType::Dir:
        return other.targetPath == def.targetPath;
    case PoolType::Gluster:
        return other.source.name == def.source.name && other.source.dir == def.source.dir && sameHosts(other, def);
    case PoolType::Netfs:
        return other.source.dir == def.source.dir && sameHosts(other, def);
    case PoolType::Fs:
    case PoolType::Disk:
        return sameFirstDevice(other, def);
    case PoolType::Logical:
    case PoolType::Zfs:
        return (!def.source.name.empty() && other.source.name == def.source.name) || sameFirstDevice(other, def);
    case PoolType::Iscsi:
        return sameHosts(other, def) && sameFirstDevice(other, def) &&
               other.source.initiatorIqn == def.source.initiatorIqn;
    case PoolType::Rbd:
    case PoolType::Sheepdog:
    case PoolType::IscsiDirect:
        return sameHosts(other, def) && other.source.name == def.source.name;
    case PoolType::Scsi:
    case PoolType::Mpath:
    case PoolType::Vstorage:
        return false;
    }
    return false;
}

}  // namespace

conf::storage::StorageVolume* PoolObject::volume(const std::string& name) {
    for (auto& v : volumes)
        if (v->name == name)
            return v.get();
    return nullptr;
}

void PoolObject::removeVolume(const conf::storage::StorageVolume* vol) {
    volumes.erase(std::remove_if(volumes.begin(), volumes.end(), [&](const auto& v) { return v.get() == vol; }),
                  volumes.end());
}

PoolObject* PoolList::findByUuid(const Uuid& uuid) {
    auto it = byUuid_.find(uuid);
    return it == byUuid_.end() ? nullptr : it->second.get();
}

PoolObject* PoolList::findByName(const std::string& name) {
    auto it = byName_.find(name);
    return it == byName_.end() ? nullptr : it->second;
}

PoolObject& PoolList::add(std::unique_ptr<StoragePool> def, bool checkLive) {
    if (PoolObject* obj = findByUuid(def->uuid)) {
        if (obj->def->name != def->name)
            fail(ErrorCode::OperationFailed, ErrorDomain::Storage, "pool '{}' is already defined with uuid {}",
                 obj->def->name, obj->def->uuid.format());
        if (checkLive && obj->active)
            fail(ErrorCode::OperationInvalid, ErrorDomain::Storage, "pool is already active as '{}'", obj->def->name);
        if (obj->active)
            obj->newDef = std::move(def);
        else
            obj->def = std::move(def);
        return *obj;
    }
    if (PoolObject* other = findByName(def->name))
        fail(ErrorCode::OperationFailed, ErrorDomain::Storage, "pool '{}' already exists with uuid {}", def->name,
             other->def->uuid.format());
    for (auto& [uuid, other] : byUuid_)
        if (sameSource(*other->def, *def))
            fail(ErrorCode::OperationFailed, ErrorDomain::Storage, "Storage source conflict with pool: '{}'",
                 other->def->name);
    auto obj = std::make_unique<PoolObject>();
    obj->def = std::move(def);
    obj->sequence = nextSequence_++;
    PoolObject* raw = obj.get();
    byName_[raw->def->name] = raw;
    byUuid_.emplace(raw->def->uuid, std::move(obj));
    return *raw;
}

void PoolList::remove(PoolObject* obj) {
    Uuid uuid = obj->def->uuid;
    byName_.erase(obj->def->name);
    byUuid_.erase(uuid);
}

std::vector<PoolObject*> PoolList::all() {
    std::vector<PoolObject*> out;
    for (auto& [uuid, obj] : byUuid_)
        out.push_back(obj.get());
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->sequence < b->sequence; });
    return out;
}

}  // namespace cvirt::drivers::test
