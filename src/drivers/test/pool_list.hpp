#pragma once
// The storage pools of one test driver state (libvirt's
// virStoragePoolObjList) and their volumes.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "conf/storage/pool.hpp"
#include "conf/storage/volume.hpp"
#include "driver/types.hpp"

namespace cvirt::drivers::test {

struct PoolObject {
    std::unique_ptr<conf::storage::StoragePool> def;
    std::unique_ptr<conf::storage::StoragePool> newDef;
    bool active = false;
    // libvirt's test driver calls a pool persistent when it has a config
    // file (an empty name for defined pools, none for created ones).
    bool persistent = false;
    bool autostart = false;
    std::vector<std::unique_ptr<conf::storage::StorageVolume>> volumes;
    uint64_t sequence = 0;

    StoragePoolRef ref() const { return StoragePoolRef{def->name, def->uuid}; }
    conf::storage::StorageVolume* volume(const std::string& name);
    void removeVolume(const conf::storage::StorageVolume* vol);
};

class PoolList {
public:
    PoolObject* findByUuid(const Uuid& uuid);
    PoolObject* findByName(const std::string& name);
    // virStoragePoolObjListAdd: a known UUID gets the new definition (kept
    // aside while it runs); a name or source another pool has is refused
    // (OPERATION_FAILED, VIR_FROM_STORAGE); `checkLive` refuses an active one.
    PoolObject& add(std::unique_ptr<conf::storage::StoragePool> def, bool checkLive);
    void remove(PoolObject* obj);
    std::vector<PoolObject*> all();

private:
    std::map<Uuid, std::unique_ptr<PoolObject>> byUuid_;
    std::map<std::string, PoolObject*> byName_;
    uint64_t nextSequence_ = 0;
};

}  // namespace cvirt::drivers::test
