#pragma once
// Snapshot helpers shared by the snapshot APIs (libvirt's
// virDomainSnapshotAlignDisks, virDomainSnapshotRedefinePrep and a
// virDomainDefCheckABIStability reduced to what the test driver models).

#include "conf/snapshot/snapshot.hpp"
#include "drivers/test/domain_object.hpp"

namespace cvirt::drivers::test {

// Gives every disk of the snapshot's domain a snapshot entry, checking the
// requested ones (CONFIG_UNSUPPORTED), and names new external images.
// `existingDomain` stands in when the snapshot carries no domain.
void alignSnapshotDisks(conf::snapshot::DomainSnapshot& def, const conf::domain::Domain* existingDomain,
                        conf::snapshot::SnapshotLocation defaultLocation, bool uniformInternal);

// Throws CONFIG_UNSUPPORTED describing the first difference that a running
// guest could not survive.
void checkAbiStability(const conf::domain::Domain& current, const conf::domain::Domain& target);

// Checks a redefinition against the domain and any snapshot it replaces,
// and aligns its disks. Returns the replaced snapshot's node, if any.
conf::snapshot::SnapshotList::Node* prepareRedefine(DomainObject& obj, conf::snapshot::DomainSnapshot& def);

}  // namespace cvirt::drivers::test
