#pragma once
// The virtual networks of one test driver state (libvirt's
// virNetworkObjList): unique by UUID and by name, in the order added.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "conf/network/network.hpp"
#include "driver/types.hpp"

namespace cvirt::drivers::test {

struct NetworkObject {
    std::unique_ptr<conf::network::Network> def;
    // The persistent definition waiting while a live one runs.
    std::unique_ptr<conf::network::Network> newDef;
    bool active = false;
    bool persistent = false;
    bool autostart = false;
    uint64_t sequence = 0;

    NetworkRef ref() const { return NetworkRef{def->name, def->uuid}; }
};

class NetworkList {
public:
    NetworkObject* findByUuid(const Uuid& uuid);
    NetworkObject* findByName(const std::string& name);
    // virNetworkObjAssignDef: `live` adds a running (transient unless
    // already persistent) definition; `checkLive` refuses an active one.
    // OPERATION_FAILED / OPERATION_INVALID (VIR_FROM_NETWORK) as libvirt.
    NetworkObject& assignDef(std::unique_ptr<conf::network::Network> def, bool live, bool checkLive);
    void remove(NetworkObject* obj);
    std::vector<NetworkObject*> all();

private:
    std::map<Uuid, std::unique_ptr<NetworkObject>> byUuid_;
    std::map<std::string, NetworkObject*> byName_;
    uint64_t nextSequence_ = 0;
};

}  // namespace cvirt::drivers::test
