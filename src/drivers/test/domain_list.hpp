#pragma once
// The domains of one test driver state (libvirt's virDomainObjList): unique
// by UUID and by name, listed in the order they were added.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "drivers/test/domain_object.hpp"

namespace cvirt::drivers::test {

class DomainList {
public:
    DomainObject* findByUuid(const Uuid& uuid);
    DomainObject* findByName(const std::string& name);
    // Only running domains have ids.
    DomainObject* findById(int id);

    // virDomainObjListAdd. A definition whose UUID is known replaces that
    // domain's definition (the live one when `live`, see assignDef); one
    // whose name belongs to another UUID is refused (OPERATION_FAILED).
    // With `checkLive` a running or starting domain is refused
    // (OPERATION_INVALID). `oldDef` receives the replaced persistent
    // definition, if any.
    DomainObject& add(std::unique_ptr<conf::domain::Domain> def, bool live, bool checkLive,
                      std::unique_ptr<conf::domain::Domain>* oldDef = nullptr);
    void remove(DomainObject* obj);
    std::vector<DomainObject*> all();
    size_t size() const { return byUuid_.size(); }

private:
    std::map<Uuid, std::unique_ptr<DomainObject>> byUuid_;
    std::map<std::string, DomainObject*> byName_;
    uint64_t nextSequence_ = 0;
};

// virDomainObjAssignDef: a new definition for an existing domain.
void assignDef(DomainObject& obj, std::unique_ptr<conf::domain::Domain> def, bool live,
               std::unique_ptr<conf::domain::Domain>* oldDef);

}  // namespace cvirt::drivers::test
