#pragma once
// One domain of the test driver (libvirt's virDomainObj): its definition,
// the persistent one waiting while it runs, its run state and the flags
// the test driver keeps (persistent, autostart, managed save), plus its
// snapshots. Guarded by the driver state's mutex.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "conf/domain/domain.hpp"
#include "conf/snapshot/snapshot_list.hpp"
#include "driver/types.hpp"

namespace cvirt::drivers::test {

struct DomainObject {
    // The running definition, or the persistent one while shut off.
    std::unique_ptr<conf::domain::Domain> def;
    // While running: the persistent definition to return to at shutdown
    // (libvirt's newDef); null for transient domains.
    std::unique_ptr<conf::domain::Domain> newDef;
    bool persistent = false;
    bool autostart = false;
    bool hasManagedSave = false;
    DomainState state = DomainState::Shutoff;
    int reason = 0;
    conf::snapshot::SnapshotList snapshots;
    // virDomainObjGetMessages: taint flags (virDomainTaintFlags bits) and
    // deprecation notes.
    unsigned taint = 0;
    std::vector<std::string> deprecations;
    // The guest time of virDomainGetTime (the test driver's private data).
    long long seconds = 627319920;
    unsigned nseconds = 0;
    uint64_t sequence = 0;  // listing order

    bool active() const { return def->id != -1; }
    DomainRef ref() const { return DomainRef{def->name, def->uuid, def->id}; }
};

}  // namespace cvirt::drivers::test
