// Domain snapshots as the test driver supports them: creating (and
// redefining) them, walking the tree, reverting and deleting.

#include "drivers/test/domain_list.hpp"
#include "drivers/test/domain_ops.hpp"
#include "drivers/test/flags.hpp"
#include "drivers/test/snapshot_ops.hpp"
#include "drivers/test/test_connection.hpp"

namespace cvirt::drivers::test {
namespace {

using conf::snapshot::DomainSnapshot;
using conf::snapshot::SnapshotList;
using conf::snapshot::SnapshotLocation;
using conf::snapshot::SnapshotState;

// virDomainSnapshotListFlags accepted by the listing APIs: ROOTS or
// DESCENDANTS, TOPOLOGICAL and every filter.
constexpr unsigned kListFlags = 0x7ff;

bool online(SnapshotState s) { return s == SnapshotState::Running || s == SnapshotState::Paused; }

// testDomainSnapshotAlignDisks: the snapshot's state comes from the domain,
// memory goes with it unless the domain is off, disks are internal.
void alignNewSnapshot(const DomainObject& obj, DomainSnapshot& def) {
    def.state = static_cast<SnapshotState>(static_cast<int>(obj.state));
    SnapshotLocation location = SnapshotLocation::Internal;
    bool uniform = true;
    if (def.memory == SnapshotLocation::External) {
        location = SnapshotLocation::External;
        uniform = false;
    } else {
        def.memory = def.state == SnapshotState::Shutoff ? SnapshotLocation::No : SnapshotLocation::Internal;
    }
    alignSnapshotDisks(def, nullptr, location, uniform);
}

std::vector<DomainSnapshotRef> refsOf(const DomainRef& dom, const std::vector<const SnapshotList::Node*>& nodes) {
    std::vector<DomainSnapshotRef> out;
    out.reserve(nodes.size());
    for (const auto* n : nodes)
        out.push_back(DomainSnapshotRef{dom, n->def.name});
    return out;
}

}  // namespace

SnapshotList::Node& TestConnection::snapshotFrom(DomainObject& obj, const std::string& name) {
    if (auto* node = obj.snapshots.find(name))
        return *node;
    fail(ErrorCode::NoDomainSnapshot, ErrorDomain::Test, "no domain snapshot with matching name '{}'", name);
}

DomainSnapshotRef TestConnection::snapshotCreateXml(const DomainRef& dom, const std::string& xml, unsigned flags) {
    using namespace flags;
    checkFlags(flags,
               kSnapshotCreateRedefine | kSnapshotCreateCurrent | kSnapshotCreateHalt | kSnapshotCreateQuiesce |
                   kSnapshotCreateAtomic | kSnapshotCreateLive | kSnapshotCreateValidate,
               "testDomainSnapshotCreateXML");
    bool redefine = flags & kSnapshotCreateRedefine;
    bool updateCurrent = !redefine || (flags & kSnapshotCreateCurrent);

    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    if (!obj.persistent && (flags & kSnapshotCreateHalt))
        throw Error(ErrorCode::OperationInvalid, ErrorDomain::Test, "cannot halt after transient domain snapshot");

    conf::snapshot::SnapshotParseOptions options;
    options.redefine = redefine;
    options.validateSchema = flags & kSnapshotCreateValidate;
    options.domainHooks = &state_->hooks;
    DomainSnapshot def = conf::snapshot::parseSnapshotXml(xml, options).def;

    SnapshotList::Node* snap = nullptr;
    if (redefine) {
        snap = prepareRedefine(obj, def);
        if (snap) {
            // The redefinition replaces the old one in place, children kept.
            obj.snapshots.dropParent(snap);
            snap->def = std::move(def);
        }
    } else {
        def.domain = std::move(*copyDomain(*obj.def));
        alignNewSnapshot(obj, def);
    }
    if (!snap)
        snap = obj.snapshots.add(std::move(def));

    if (!redefine) {
        if (auto* current = obj.snapshots.current())
            snap->def.parent = current->def.name;
        if ((flags & kSnapshotCreateHalt) && obj.active()) {
            shutdownState(obj, reason::kShutoffFromSnapshot);
            lock.queueLifecycle(obj.ref(), event::kStopped, event::kStoppedFromSnapshot);
        }
    }
    if (updateCurrent)
        obj.snapshots.setCurrent(snap);
    obj.snapshots.linkParent(snap);
    return DomainSnapshotRef{dom, snap->def.name};
}

std::vector<DomainSnapshotRef> TestConnection::snapshotListAll(const DomainRef& dom, unsigned flags) {
    checkFlags(flags, kListFlags, "testDomainListAllSnapshots");
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    return refsOf(dom, obj.snapshots.list(nullptr, flags));
}

int TestConnection::snapshotNum(const DomainRef& dom, unsigned flags) {
    checkFlags(flags, kListFlags, "testDomainSnapshotNum");
    StateLock lock(*state_);
    return domainFrom(dom).snapshots.count(nullptr, flags);
}

DomainSnapshotRef TestConnection::snapshotLookupByName(const DomainRef& dom, const std::string& name, unsigned flags) {
    checkFlags(flags, 0, "testDomainSnapshotLookupByName");
    StateLock lock(*state_);
    return DomainSnapshotRef{dom, snapshotFrom(domainFrom(dom), name).def.name};
}

std::string TestConnection::snapshotGetXmlDesc(const DomainSnapshotRef& snap, unsigned flags) {
    constexpr unsigned kXmlSecure = 1;
    checkFlags(flags, kXmlSecure, "testDomainSnapshotGetXMLDesc");
    StateLock lock(*state_);
    auto& node = snapshotFrom(domainFrom(snap.domain), snap.name);
    conf::snapshot::SnapshotFormatOptions options;
    options.secure = flags & kXmlSecure;
    options.domainUuid = snap.domain.uuid;
    return conf::snapshot::formatSnapshotXml(node.def, options);
}

bool TestConnection::snapshotHasCurrent(const DomainRef& dom, unsigned flags) {
    checkFlags(flags, 0, "testDomainHasCurrentSnapshot");
    StateLock lock(*state_);
    return domainFrom(dom).snapshots.current() != nullptr;
}

DomainSnapshotRef TestConnection::snapshotCurrent(const DomainRef& dom, unsigned flags) {
    checkFlags(flags, 0, "testDomainSnapshotCurrent");
    StateLock lock(*state_);
    auto* current = domainFrom(dom).snapshots.current();
    if (!current)
        throw Error(ErrorCode::NoDomainSnapshot, ErrorDomain::Test, "the domain does not have a current snapshot");
    return DomainSnapshotRef{dom, current->def.name};
}

DomainSnapshotRef TestConnection::snapshotGetParent(const DomainSnapshotRef& snap, unsigned flags) {
    checkFlags(flags, 0, "testDomainSnapshotGetParent");
    StateLock lock(*state_);
    auto& node = snapshotFrom(domainFrom(snap.domain), snap.name);
    if (!node.def.parent)
        fail(ErrorCode::NoDomainSnapshot, ErrorDomain::Test, "snapshot '{}' does not have a parent", node.def.name);
    return DomainSnapshotRef{snap.domain, *node.def.parent};
}

std::vector<DomainSnapshotRef> TestConnection::snapshotListChildren(const DomainSnapshotRef& snap, unsigned flags) {
    checkFlags(flags, kListFlags, "testDomainSnapshotListAllChildren");
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(snap.domain);
    auto& node = snapshotFrom(obj, snap.name);
    return refsOf(snap.domain, obj.snapshots.list(&node, flags));
}

int TestConnection::snapshotNumChildren(const DomainSnapshotRef& snap, unsigned flags) {
    checkFlags(flags, kListFlags, "testDomainSnapshotNumChildren");
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(snap.domain);
    auto& node = snapshotFrom(obj, snap.name);
    return obj.snapshots.count(&node, flags);
}

bool TestConnection::snapshotIsCurrent(const DomainSnapshotRef& snap, unsigned flags) {
    checkFlags(flags, 0, "testDomainSnapshotIsCurrent");
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(snap.domain);
    return &snapshotFrom(obj, snap.name) == obj.snapshots.current();
}

bool TestConnection::snapshotHasMetadata(const DomainSnapshotRef& snap, unsigned flags) {
    checkFlags(flags, 0, "testDomainSnapshotHasMetadata");
    StateLock lock(*state_);
    snapshotFrom(domainFrom(snap.domain), snap.name);
    return true;
}

void TestConnection::snapshotRevert(const DomainSnapshotRef& snapRef, unsigned flags) {
    using namespace flags;
    checkFlags(flags, kSnapshotRevertRunning | kSnapshotRevertPaused | kSnapshotRevertForce,
               "testDomainRevertToSnapshot");
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(snapRef.domain);
    auto& snap = snapshotFrom(obj, snapRef.name);
    const DomainSnapshot& snapdef = snap.def;
    bool wantRunOrPause = flags & (kSnapshotRevertRunning | kSnapshotRevertPaused);

    if (!obj.persistent && !online(snapdef.state) && !wantRunOrPause)
        throw Error(ErrorCode::OperationInvalid, ErrorDomain::Test,
                    "transient domain needs to request run or pause to revert to inactive snapshot");
    if (!(flags & kSnapshotRevertForce) && !snapdef.domain)
        fail(ErrorCode::SnapshotRevertRisky, ErrorDomain::Test, "snapshot '{}' lacks domain '{}' rollback info",
             snapdef.name, obj.def->name);

    obj.snapshots.setCurrent(nullptr);
    if (!snapdef.domain)
        throw Error(ErrorCode::InternalError, ErrorDomain::Test, "missing domain in snapshot");
    auto config = copyDomain(*snapdef.domain);

    // Like libvirt 9.0's test driver, a running guest is always stopped and
    // started again from the snapshot; an offline snapshot only announces
    // the start (and pause) it was asked for.
    auto lifecycle = [&](int type, int detail) { return DomainEvent{event::kLifecycle, obj.ref(), type, detail}; };
    if (online(snapdef.state)) {
        if (obj.active()) {
            shutdownState(obj, reason::kShutoffFromSnapshot);
            lock.queue(lifecycle(event::kStopped, event::kStoppedFromSnapshot));
        }
        assignDef(obj, std::move(config), false, nullptr);
        startState(*state_, obj, reason::kRunningFromSnapshot);
        lock.queue(lifecycle(event::kStarted, event::kStartedFromSnapshot));
        if (!(flags & kSnapshotRevertRunning) &&
            (snapdef.state == SnapshotState::Paused || (flags & kSnapshotRevertPaused))) {
            setState(obj, DomainState::Paused, reason::kPausedFromSnapshot);
            lock.queue(lifecycle(event::kSuspended, event::kSuspendedFromSnapshot));
        }
    } else {
        assignDef(obj, std::move(config), false, nullptr);
        if (obj.active()) {
            shutdownState(obj, reason::kShutoffFromSnapshot);
            lock.queue(lifecycle(event::kStopped, event::kStoppedFromSnapshot));
        }
        if (wantRunOrPause) {
            lock.queue(lifecycle(event::kStarted, event::kStartedFromSnapshot));
            if (flags & kSnapshotRevertPaused)
                lock.queue(lifecycle(event::kSuspended, event::kSuspendedFromSnapshot));
        }
    }
    obj.snapshots.setCurrent(&snap);
}

void TestConnection::snapshotDelete(const DomainSnapshotRef& snapRef, unsigned flags) {
    using namespace flags;
    checkFlags(flags, kSnapshotDeleteChildren | kSnapshotDeleteChildrenOnly, "testDomainSnapshotDelete");
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(snapRef.domain);
    auto& list = obj.snapshots;
    auto* snap = &snapshotFrom(obj, snapRef.name);

    if (flags & (kSnapshotDeleteChildren | kSnapshotDeleteChildrenOnly)) {
        bool current = false;
        for (auto* d : list.descendants(snap))
            current |= list.remove(d);
        snap->children.clear();
        if (current)
            list.setCurrent(snap);
    } else if (!snap->children.empty()) {
        SnapshotList::Node* parent = list.parentOf(snap);
        for (auto* child : snap->children)
            child->def.parent = parent ? std::optional<std::string>(parent->def.name) : std::nullopt;
        list.moveChildren(snap, parent);
    }

    if (!(flags & kSnapshotDeleteChildrenOnly)) {
        if (snap == list.current()) {
            SnapshotList::Node* parent = snap->def.parent ? list.find(*snap->def.parent) : nullptr;
            list.setCurrent(parent);
        }
        list.remove(snap);
    }
}

}  // namespace cvirt::drivers::test
