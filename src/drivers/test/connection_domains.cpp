// Finding, listing, defining, creating, undefining and restoring domains.

#include "conf/snapshot/xml_subtree.hpp"
#include "drivers/test/domain_ops.hpp"
#include "drivers/test/flags.hpp"
#include "drivers/test/save_image.hpp"
#include "drivers/test/test_connection.hpp"
#include "drivers/test/test_namespace.hpp"
#include "util/xml.hpp"

namespace cvirt::drivers::test {
namespace {

// The test namespace is read with every parse, so its errors reach define
// and create too (testDomainDefNamespaceParse runs inside the parser).
void checkTestNamespace(const std::string& xml) {
    auto doc = cvirt::xml::Document::parse(xml, "(domain_definition)", ErrorDomain::Domain);
    parseTestNamespace(doc.root());
}

std::unique_ptr<Domain> parseNewDomain(DriverState& state, const std::string& xml, bool validate) {
    auto def = parseDomain(state, xml, validate);
    checkTestNamespace(xml);
    return def;
}

bool matchesFilter(const DomainObject& obj, unsigned f) {
    using namespace flags;
    auto has = [f](unsigned bits) { return (f & bits) != 0; };
    if (has(kListActive | kListInactive) &&
        !((has(kListActive) && obj.active()) || (has(kListInactive) && !obj.active())))
        return false;
    if (has(kListPersistent | kListTransient) &&
        !((has(kListPersistent) && obj.persistent) || (has(kListTransient) && !obj.persistent)))
        return false;
    if (has(kListRunning | kListPaused | kListShutoff | kListOther)) {
        DomainState st = obj.state;
        bool other = st != DomainState::Running && st != DomainState::Paused && st != DomainState::Shutoff;
        if (!((has(kListRunning) && st == DomainState::Running) || (has(kListPaused) && st == DomainState::Paused) ||
              (has(kListShutoff) && st == DomainState::Shutoff) || (has(kListOther) && other)))
            return false;
    }
    if (has(kListManagedSave | kListNoManagedSave) &&
        !((has(kListManagedSave) && obj.hasManagedSave) || (has(kListNoManagedSave) && !obj.hasManagedSave)))
        return false;
    if (has(kListAutostart | kListNoAutostart) &&
        !((has(kListAutostart) && obj.autostart) || (has(kListNoAutostart) && !obj.autostart)))
        return false;
    if (has(kListHasSnapshot | kListNoSnapshot)) {
        bool snaps = obj.snapshots.size() > 0;
        if (!((has(kListHasSnapshot) && snaps) || (has(kListNoSnapshot) && !snaps)))
            return false;
    }
    // The test driver keeps no checkpoints.
    if (has(kListHasCheckpoint | kListNoCheckpoint) && !has(kListNoCheckpoint))
        return false;
    return true;
}

constexpr unsigned kListAllFilters = 0xffff;

}  // namespace

DomainObject& TestConnection::domainFrom(const DomainRef& ref) {
    if (DomainObject* obj = state_->domains.findByUuid(ref.uuid))
        return *obj;
    fail(ErrorCode::NoDomain, ErrorDomain::Test, "no domain with matching uuid '{}' ({})", ref.uuid.format(), ref.name);
}

void TestConnection::removeIfTransient(DomainObject& obj) {
    if (!obj.persistent)
        state_->domains.remove(&obj);
}

DomainRef TestConnection::domainLookupByName(const std::string& name) {
    StateLock lock(*state_);
    if (DomainObject* obj = state_->domains.findByName(name))
        return obj->ref();
    throw Error(ErrorCode::NoDomain, ErrorDomain::Test);
}

DomainRef TestConnection::domainLookupByUuid(const Uuid& uuid) {
    StateLock lock(*state_);
    if (DomainObject* obj = state_->domains.findByUuid(uuid))
        return obj->ref();
    throw Error(ErrorCode::NoDomain, ErrorDomain::Test);
}

DomainRef TestConnection::domainLookupById(int id) {
    StateLock lock(*state_);
    if (DomainObject* obj = state_->domains.findById(id))
        return obj->ref();
    throw Error(ErrorCode::NoDomain, ErrorDomain::Test);
}

std::vector<DomainRef> TestConnection::listAllDomains(unsigned flags) {
    checkFlags(flags, kListAllFilters, "testConnectListAllDomains");
    StateLock lock(*state_);
    std::vector<DomainRef> out;
    for (DomainObject* obj : state_->domains.all())
        if (matchesFilter(*obj, flags))
            out.push_back(obj->ref());
    return out;
}

DomainRef TestConnection::domainDefineXml(const std::string& xml, unsigned flags) {
    checkFlags(flags, flags::kDefineValidate, "testDomainDefineXMLFlags");
    StateLock lock(*state_);
    auto def = parseNewDomain(*state_, xml, flags & flags::kDefineValidate);
    // virXMLCheckIllegalChars names the offending character itself.
    if (def->name.find('\n') != std::string::npos)
        throw Error(ErrorCode::XmlDetail, ErrorDomain::Xml, "invalid char in name: \n");
    generateIfnames(*def);
    std::unique_ptr<Domain> oldDef;
    DomainObject& obj = state_->domains.add(std::move(def), false, false, &oldDef);
    obj.persistent = true;
    lock.queueLifecycle(obj.ref(), event::kDefined, oldDef ? event::kDefinedUpdated : event::kDefinedAdded);
    return obj.ref();
}

DomainRef TestConnection::domainCreateXml(const std::string& xml, unsigned flags) {
    checkFlags(flags, flags::kStartValidate, "testDomainCreateXML");
    StateLock lock(*state_);
    auto def = parseNewDomain(*state_, xml, flags & flags::kStartValidate);
    generateIfnames(*def);
    DomainObject& obj = state_->domains.add(std::move(def), true, true);
    try {
        startState(*state_, obj, reason::kBooted);
    } catch (...) {
        removeIfTransient(obj);
        throw;
    }
    lock.queueLifecycle(obj.ref(), event::kStarted, event::kStartedBooted);
    return obj.ref();
}

void TestConnection::domainUndefine(const DomainRef& dom, unsigned flags) {
    checkFlags(flags, flags::kUndefineManagedSave | flags::kUndefineSnapshotsMetadata, "testDomainUndefineFlags");
    StateLock lock(*state_);
    DomainObject& obj = domainFrom(dom);
    if (obj.hasManagedSave && !(flags & flags::kUndefineManagedSave))
        throw Error(ErrorCode::OperationInvalid, ErrorDomain::Test,
                    "Refusing to undefine while domain managed save image exists");
    // Snapshot metadata of an inactive domain goes only when asked for
    // (the documented API; there is nothing else to delete here).
    if (!obj.active() && obj.snapshots.size() > 0 && !(flags & flags::kUndefineSnapshotsMetadata))
        fail(ErrorCode::OperationInvalid, ErrorDomain::Test, "cannot delete inactive domain with {} snapshots",
             obj.snapshots.size());
    lock.queueLifecycle(obj.ref(), event::kUndefined, event::kUndefinedRemoved);
    obj.hasManagedSave = false;
    if (obj.active())
        obj.persistent = false;
    else
        state_->domains.remove(&obj);
}

void TestConnection::domainRestore(const std::string& from, const std::optional<std::string>& dxml, unsigned flags) {
    checkFlags(flags, 0, "testDomainRestoreFlags");
    if (dxml)
        throw Error(ErrorCode::ArgumentUnsupported, ErrorDomain::Test, "xml modification unsupported");
    StateLock lock(*state_);
    std::string xml = readSaveImage(from);
    auto def = parseDomain(*state_, xml);
    generateIfnames(*def);
    DomainObject& obj = state_->domains.add(std::move(def), true, true);
    try {
        startState(*state_, obj, reason::kRestored);
    } catch (...) {
        removeIfTransient(obj);
        throw;
    }
    lock.queueLifecycle(obj.ref(), event::kStarted, event::kStartedRestored);
}

}  // namespace cvirt::drivers::test
