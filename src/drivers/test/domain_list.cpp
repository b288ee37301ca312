#include "drivers/test/domain_list.hpp"

#include <algorithm>

#include "util/error.hpp"

namespace cvirt::drivers::test {

DomainObject* DomainList::findByUuid(const Uuid& uuid) {
    auto it = byUuid_.find(uuid);
    return it == byUuid_.end() ? nullptr : it->second.get();
}

DomainObject* DomainList::findByName(const std::string& name) {
    auto it = byName_.find(name);
    return it == byName_.end() ? nullptr : it->second;
}

DomainObject* DomainList::findById(int id) {
    for (auto& [uuid, obj] : byUuid_)
        if (obj->active() && obj->def->id == id)
            return obj.get();
    return nullptr;
}

void assignDef(DomainObject& obj, std::unique_ptr<conf::domain::Domain> def, bool live,
               std::unique_ptr<conf::domain::Domain>* oldDef) {
    if (obj.active()) {
        if (oldDef)
            *oldDef = std::move(obj.newDef);
        obj.newDef = std::move(def);
    } else if (live) {
        // Keep the persistent definition to return to at shutdown.
        if (!obj.newDef)
            obj.newDef = std::move(obj.def);
        obj.def = std::move(def);
    } else {
        if (oldDef)
            *oldDef = std::move(obj.def);
        obj.def = std::move(def);
    }
}

DomainObject& DomainList::add(std::unique_ptr<conf::domain::Domain> def, bool live, bool checkLive,
                              std::unique_ptr<conf::domain::Domain>* oldDef) {
    if (DomainObject* existing = findByUuid(def->uuid)) {
        if (existing->def->name != def->name)
            fail(ErrorCode::OperationFailed, ErrorDomain::Domain, "domain '{}' is already defined with uuid {}",
                 existing->def->name, existing->def->uuid.format());
        if (checkLive) {
            if (existing->active())
                fail(ErrorCode::OperationInvalid, ErrorDomain::Domain, "domain '{}' is already active",
                     existing->def->name);
            if (!existing->persistent)
                fail(ErrorCode::OperationInvalid, ErrorDomain::Domain, "domain '{}' is already being started",
                     existing->def->name);
        }
        assignDef(*existing, std::move(def), live, oldDef);
        return *existing;
    }
    if (DomainObject* other = findByName(def->name))
        fail(ErrorCode::OperationFailed, ErrorDomain::Domain, "domain '{}' already exists with uuid {}", def->name,
             other->def->uuid.format());
    auto obj = std::make_unique<DomainObject>();
    obj->def = std::move(def);
    obj->sequence = nextSequence_++;
    DomainObject* raw = obj.get();
    byName_[raw->def->name] = raw;
    byUuid_.emplace(raw->def->uuid, std::move(obj));
    return *raw;
}

void DomainList::remove(DomainObject* obj) {
    Uuid uuid = obj->def->uuid;
    byName_.erase(obj->def->name);
    byUuid_.erase(uuid);
}

std::vector<DomainObject*> DomainList::all() {
    std::vector<DomainObject*> out;
    out.reserve(byUuid_.size());
    for (auto& [uuid, obj] : byUuid_)
        out.push_back(obj.get());
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->sequence < b->sequence; });
    return out;
}

}  // namespace cvirt::drivers::test
