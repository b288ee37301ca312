#include "drivers/test/network_list.hpp"

#include <algorithm>

#include "util/error.hpp"

namespace cvirt::drivers::test {

NetworkObject* NetworkList::findByUuid(const Uuid& uuid) {
    auto it = byUuid_.find(uuid);
    return it == byUuid_.end() ? nullptr : it->second.get();
}

NetworkObject* NetworkList::findByName(const std::string& name) {
    auto it = byName_.find(name);
    return it == byName_.end() ? nullptr : it->second;
}

NetworkObject& NetworkList::assignDef(std::unique_ptr<conf::network::Network> def, bool live, bool checkLive) {
    if (NetworkObject* obj = findByUuid(def->uuid)) {
        if (obj->def->name != def->name)
            fail(ErrorCode::OperationFailed, ErrorDomain::Network, "network '{}' is already defined with uuid {}",
                 obj->def->name, obj->def->uuid.format());
        if (checkLive && obj->active)
            fail(ErrorCode::OperationInvalid, ErrorDomain::Network, "network is already active as '{}'",
                 obj->def->name);
        // virNetworkObjUpdateAssignDef
        if (live) {
            if (obj->persistent && !obj->newDef)
                obj->newDef = std::move(obj->def);
            obj->def = std::move(def);
        } else {
            if (obj->active) {
                obj->newDef = std::move(def);
            } else {
                obj->def = std::move(def);
                obj->newDef.reset();
            }
            obj->persistent = true;
        }
        return *obj;
    }
    if (NetworkObject* other = findByName(def->name))
        fail(ErrorCode::OperationFailed, ErrorDomain::Network, "network '{}' already exists with uuid {}", def->name,
             other->def->uuid.format());
    auto obj = std::make_unique<NetworkObject>();
    obj->def = std::move(def);
    obj->persistent = !live;
    obj->sequence = nextSequence_++;
    NetworkObject* raw = obj.get();
    byName_[raw->def->name] = raw;
    byUuid_.emplace(raw->def->uuid, std::move(obj));
    return *raw;
}

void NetworkList::remove(NetworkObject* obj) {
    Uuid uuid = obj->def->uuid;
    byName_.erase(obj->def->name);
    byUuid_.erase(uuid);
}

std::vector<NetworkObject*> NetworkList::all() {
    std::vector<NetworkObject*> out;
    for (auto& [uuid, obj] : byUuid_)
        out.push_back(obj.get());
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->sequence < b->sequence; });
    return out;
}

}  // namespace cvirt::drivers::test
