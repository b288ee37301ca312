#include "api/connection_state.hpp"
#include "cvirt/connection.hpp"

namespace cvirt {

namespace {
constexpr auto kDom = ErrorDomain::Domain;
constexpr auto kSnap = ErrorDomain::DomainSnapshot;
}  // namespace

Connection Domain::connection() const { return Connection(state_); }

// Where libvirt has a call with flags and an older one without, a call
// without flags is reported under the older name, as libvirt's clients
// (virsh) make it.
void Domain::create(unsigned flags) {
    state_->mutating(flags ? "virDomainCreateWithFlags" : "virDomainCreate", kDom).domainCreate(ref_, flags);
    // A started domain has a new id: fetch it, as libvirt's clients do.
    ref_ = state_->driver->domainLookupByUuid(ref_.uuid);
}
void Domain::destroy(unsigned flags) {
    state_->mutating(flags ? "virDomainDestroyFlags" : "virDomainDestroy", kDom).domainDestroy(ref_, flags);
    ref_.id = -1;
}
void Domain::shutdown(unsigned flags) {
    state_->mutating(flags ? "virDomainShutdownFlags" : "virDomainShutdown", kDom).domainShutdown(ref_, flags);
}
void Domain::reboot(unsigned flags) { state_->mutating("virDomainReboot", kDom).domainReboot(ref_, flags); }
void Domain::reset(unsigned flags) { state_->mutating("virDomainReset", kDom).domainReset(ref_, flags); }
void Domain::suspend() { state_->mutating("virDomainSuspend", kDom).domainSuspend(ref_); }
void Domain::resume() { state_->mutating("virDomainResume", kDom).domainResume(ref_); }
void Domain::undefine(unsigned flags) { state_->mutating("virDomainUndefineFlags", kDom).domainUndefine(ref_, flags); }
void Domain::save(const std::string& to, const std::optional<std::string>& dxml, unsigned flags) {
    state_->mutating(flags || dxml ? "virDomainSaveFlags" : "virDomainSave", kDom).domainSave(ref_, to, dxml, flags);
    ref_.id = -1;
}
void Domain::managedSave(unsigned flags) {
    state_->mutating("virDomainManagedSave", kDom).domainManagedSave(ref_, flags);
    ref_.id = -1;
}
void Domain::managedSaveRemove(unsigned flags) {
    state_->mutating("virDomainManagedSaveRemove", kDom).domainManagedSaveRemove(ref_, flags);
}
void Domain::setAutostart(bool autostart) {
    state_->mutating("virDomainSetAutostart", kDom).domainSetAutostart(ref_, autostart);
}
void Domain::setMemory(uint64_t kib, unsigned flags) {
    state_->mutating("virDomainSetMemoryFlags", kDom).domainSetMemoryFlags(ref_, kib, flags);
}
void Domain::setVcpus(unsigned count, unsigned flags) {
    state_->mutating("virDomainSetVcpusFlags", kDom).domainSetVcpusFlags(ref_, count, flags);
}
void Domain::pinVcpu(unsigned vcpu, const std::vector<uint8_t>& cpumap, unsigned flags) {
    state_->mutating("virDomainPinVcpuFlags", kDom).domainPinVcpuFlags(ref_, vcpu, cpumap, flags);
}
void Domain::pinEmulator(const std::vector<uint8_t>& cpumap, unsigned flags) {
    state_->mutating("virDomainPinEmulator", kDom).domainPinEmulator(ref_, cpumap, flags);
}
void Domain::setSchedulerParameters(const std::vector<TypedParameter>& params, unsigned flags) {
    state_->mutating(flags ? "virDomainSetSchedulerParametersFlags" : "virDomainSetSchedulerParameters", kDom)
        .domainSetSchedulerParameters(ref_, params, flags);
}
void Domain::attachDevice(const std::string& xml, unsigned flags) {
    state_->mutating("virDomainAttachDeviceFlags", kDom).domainAttachDevice(ref_, xml, flags);
}
void Domain::detachDevice(const std::string& xml, unsigned flags) {
    state_->mutating("virDomainDetachDeviceFlags", kDom).domainDetachDevice(ref_, xml, flags);
}
void Domain::updateDevice(const std::string& xml, unsigned flags) {
    state_->mutating("virDomainUpdateDeviceFlags", kDom).domainUpdateDevice(ref_, xml, flags);
}
void Domain::setMetadata(int type, const std::optional<std::string>& metadata, const std::optional<std::string>& key,
                         const std::optional<std::string>& uri, unsigned flags) {
    state_->mutating("virDomainSetMetadata", kDom).domainSetMetadata(ref_, type, metadata, key, uri, flags);
}
void Domain::abortJob() { state_->mutating("virDomainAbortJob", kDom).domainAbortJob(ref_); }

DomainInfo Domain::info() const { return state_->driver->domainGetInfo(ref_); }
std::pair<DomainState, int> Domain::state(unsigned flags) const {
    auto s = state_->driver->domainGetState(ref_, flags);
    return {s.state, s.reason};
}
std::string Domain::xmlDesc(unsigned flags) const {
    // Secrets in the XML are only for read-write connections.
    if ((flags & flags::kXmlSecure) && state_->readOnly())
        throw Error(ErrorCode::OperationDenied, kDom, "virDomainGetXMLDesc with secure flag");
    return state_->driver->domainGetXmlDesc(ref_, flags);
}
std::string Domain::osType() const { return state_->driver->domainGetOsType(ref_); }
uint64_t Domain::maxMemory() const { return state_->driver->domainGetMaxMemory(ref_); }
int Domain::maxVcpus() const { return state_->driver->domainGetMaxVcpus(ref_); }
int Domain::vcpusFlags(unsigned flags) const { return state_->driver->domainGetVcpusFlags(ref_, flags); }
VcpuPinning Domain::vcpus(int maxinfo, int maplen) const { return state_->driver->domainGetVcpus(ref_, maxinfo, maplen); }
std::vector<std::vector<uint8_t>> Domain::vcpuPinInfo(int ncpumaps, int maplen, unsigned flags) const {
    return state_->driver->domainGetVcpuPinInfo(ref_, ncpumaps, maplen, flags);
}
std::vector<uint8_t> Domain::emulatorPinInfo(int maplen, unsigned flags) const {
    return state_->driver->domainGetEmulatorPinInfo(ref_, maplen, flags);
}
SchedulerType Domain::schedulerType() const { return state_->driver->domainGetSchedulerType(ref_); }
std::vector<TypedParameter> Domain::schedulerParameters(int nparams, unsigned flags) const {
    return state_->driver->domainGetSchedulerParameters(ref_, nparams, flags);
}
bool Domain::isActive() const { return state_->driver->domainIsActive(ref_); }
bool Domain::isPersistent() const { return state_->driver->domainIsPersistent(ref_); }
bool Domain::isUpdated() const { return state_->driver->domainIsUpdated(ref_); }
bool Domain::autostart() const { return state_->driver->domainGetAutostart(ref_); }
bool Domain::hasManagedSaveImage(unsigned flags) const {
    return state_->driver->domainHasManagedSaveImage(ref_, flags);
}
std::string Domain::hostname(unsigned flags) const { return state_->driver->domainGetHostname(ref_, flags); }
SecurityLabel Domain::securityLabel() const { return state_->driver->domainGetSecurityLabel(ref_); }
std::vector<std::string> Domain::messages(unsigned flags) const {
    return state_->driver->domainGetMessages(ref_, flags);
}
DomainJobInfo Domain::jobInfo() const { return state_->driver->domainGetJobInfo(ref_); }
std::string Domain::metadata(int type, const std::optional<std::string>& uri, unsigned flags) const {
    return state_->driver->domainGetMetadata(ref_, type, uri, flags);
}

DomainSnapshot Domain::createSnapshot(const std::string& xml, unsigned flags) {
    return DomainSnapshot(state_, state_->mutating("virDomainSnapshotCreateXML", kSnap).snapshotCreateXml(ref_, xml, flags));
}
std::vector<DomainSnapshot> Domain::listAllSnapshots(unsigned flags) const {
    std::vector<DomainSnapshot> out;
    for (auto& ref : state_->driver->snapshotListAll(ref_, flags))
        out.push_back(DomainSnapshot(state_, ref));
    return out;
}
int Domain::snapshotCount(unsigned flags) const { return state_->driver->snapshotNum(ref_, flags); }
DomainSnapshot Domain::lookupSnapshotByName(const std::string& name, unsigned flags) const {
    return DomainSnapshot(state_, state_->driver->snapshotLookupByName(ref_, name, flags));
}
bool Domain::hasCurrentSnapshot(unsigned flags) const { return state_->driver->snapshotHasCurrent(ref_, flags); }
DomainSnapshot Domain::currentSnapshot(unsigned flags) const {
    return DomainSnapshot(state_, state_->driver->snapshotCurrent(ref_, flags));
}

Domain DomainSnapshot::domain() const { return Domain(state_, ref_.domain); }
std::string DomainSnapshot::xmlDesc(unsigned flags) const {
    if ((flags & flags::kXmlSecure) && state_->readOnly())
        throw Error(ErrorCode::OperationDenied, kSnap, "virDomainSnapshotGetXMLDesc with secure flag");
    return state_->driver->snapshotGetXmlDesc(ref_, flags);
}
DomainSnapshot DomainSnapshot::parent(unsigned flags) const {
    return DomainSnapshot(state_, state_->driver->snapshotGetParent(ref_, flags));
}
std::vector<DomainSnapshot> DomainSnapshot::listAllChildren(unsigned flags) const {
    std::vector<DomainSnapshot> out;
    for (auto& ref : state_->driver->snapshotListChildren(ref_, flags))
        out.push_back(DomainSnapshot(state_, ref));
    return out;
}
int DomainSnapshot::childCount(unsigned flags) const { return state_->driver->snapshotNumChildren(ref_, flags); }
bool DomainSnapshot::isCurrent(unsigned flags) const { return state_->driver->snapshotIsCurrent(ref_, flags); }
bool DomainSnapshot::hasMetadata(unsigned flags) const { return state_->driver->snapshotHasMetadata(ref_, flags); }
void DomainSnapshot::revert(unsigned flags) {
    state_->mutating("virDomainRevertToSnapshot", kSnap).snapshotRevert(ref_, flags);
}
void DomainSnapshot::remove(unsigned flags) {
    state_->mutating("virDomainSnapshotDelete", kSnap).snapshotDelete(ref_, flags);
}

}  // namespace cvirt
