#pragma once
// The driver interface: what every hypervisor, network, storage and remote
// driver implements. It mirrors libvirt's public API one method per API
// call, takes object references by value (as the wire does), and is split
// by capability. Every method has a default that fails with libvirt's
// NO_SUPPORT error naming the API ("this function is not supported by the
// connection driver: virDomainAttachDevice"), so a driver overrides exactly
// what it supports and clients can fall back on NO_SUPPORT.
//
// Thread safety: the daemon calls one Connection from many worker threads;
// every driver must be safe for concurrent calls.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "driver/stream.hpp"
#include "driver/types.hpp"
#include "util/error.hpp"

namespace cvirt::driver {

// Throws NO_SUPPORT for `api` (e.g. "virDomainAttachDevice") from `domain`.
[[noreturn]] void unsupported(const char* api, ErrorDomain domain);

using DomainEventCallback = std::function<void(const DomainEvent&)>;

struct DomainStateReason {
    DomainState state = DomainState::NoState;
    int reason = 0;
};

// Host-wide calls: virConnect* and virNode*.
class ConnectOps {
public:
    virtual ~ConnectOps() = default;
    virtual std::string getType() { unsupported("virConnectGetType", ErrorDomain::None); }
    // The hypervisor version, major * 1,000,000 + minor * 1,000 + micro.
    virtual uint64_t getVersion() { unsupported("virConnectGetVersion", ErrorDomain::None); }
    virtual std::string getHostname() { unsupported("virConnectGetHostname", ErrorDomain::None); }
    virtual std::string getUri() { unsupported("virConnectGetURI", ErrorDomain::None); }
    virtual std::string getCapabilities() { unsupported("virConnectGetCapabilities", ErrorDomain::None); }
    virtual std::string getSysinfo(unsigned) { unsupported("virConnectGetSysinfo", ErrorDomain::None); }
    virtual int getMaxVcpus(const std::optional<std::string>&) { unsupported("virConnectGetMaxVcpus", ErrorDomain::None); }
    virtual std::string getDomainCapabilities(const std::optional<std::string>& /*emulator*/,
                                              const std::optional<std::string>& /*arch*/,
                                              const std::optional<std::string>& /*machine*/,
                                              const std::optional<std::string>& /*virttype*/, unsigned) {
        unsupported("virConnectGetDomainCapabilities", ErrorDomain::None);
    }
    virtual NodeInfo nodeGetInfo() { unsupported("virNodeGetInfo", ErrorDomain::None); }
    virtual uint64_t nodeGetFreeMemory() { unsupported("virNodeGetFreeMemory", ErrorDomain::None); }
    virtual std::vector<uint64_t> nodeGetCellsFreeMemory(int /*start*/, int /*max*/) {
        unsupported("virNodeGetCellsFreeMemory", ErrorDomain::None);
    }
    virtual SecurityModel nodeGetSecurityModel() { unsupported("virNodeGetSecurityModel", ErrorDomain::None); }
    virtual NodeCpuMap nodeGetCpuMap(bool /*needMap*/, bool /*needOnline*/, unsigned /*flags*/) {
        unsupported("virNodeGetCPUMap", ErrorDomain::None);
    }
    // virConnectDomainXMLToNative: what the hypervisor would run for `xml`.
    virtual std::string domainXmlToNative(const std::string& /*format*/, const std::string& /*xml*/, unsigned) {
        unsupported("virConnectDomainXMLToNative", ErrorDomain::Domain);
    }
    virtual bool isSecure() { return true; }
    virtual bool isEncrypted() { return false; }
    virtual bool isAlive() { return true; }
};

// Finding, defining and listing domains.
class DomainLookupOps {
public:
    virtual ~DomainLookupOps() = default;
    virtual DomainRef domainLookupByName(const std::string&) { unsupported("virDomainLookupByName", ErrorDomain::Domain); }
    virtual DomainRef domainLookupByUuid(const Uuid&) { unsupported("virDomainLookupByUUID", ErrorDomain::Domain); }
    virtual DomainRef domainLookupById(int) { unsupported("virDomainLookupByID", ErrorDomain::Domain); }
    virtual std::vector<DomainRef> listAllDomains(unsigned) { unsupported("virConnectListAllDomains", ErrorDomain::Domain); }
    virtual DomainRef domainDefineXml(const std::string&, unsigned) { unsupported("virDomainDefineXMLFlags", ErrorDomain::Domain); }
    virtual DomainRef domainCreateXml(const std::string&, unsigned) { unsupported("virDomainCreateXML", ErrorDomain::Domain); }
    virtual void domainUndefine(const DomainRef&, unsigned) { unsupported("virDomainUndefineFlags", ErrorDomain::Domain); }
    virtual void domainRestore(const std::string& /*from*/, const std::optional<std::string>& /*dxml*/, unsigned) {
        unsupported("virDomainRestoreFlags", ErrorDomain::Domain);
    }
};

// Starting, stopping and pausing a domain.
class DomainLifecycleOps {
public:
    virtual ~DomainLifecycleOps() = default;
    virtual void domainCreate(const DomainRef&, unsigned) { unsupported("virDomainCreateWithFlags", ErrorDomain::Domain); }
    virtual void domainDestroy(const DomainRef&, unsigned) { unsupported("virDomainDestroyFlags", ErrorDomain::Domain); }
    virtual void domainShutdown(const DomainRef&, unsigned) { unsupported("virDomainShutdownFlags", ErrorDomain::Domain); }
    virtual void domainReboot(const DomainRef&, unsigned) { unsupported("virDomainReboot", ErrorDomain::Domain); }
    virtual void domainReset(const DomainRef&, unsigned) { unsupported("virDomainReset", ErrorDomain::Domain); }
    virtual void domainSuspend(const DomainRef&) { unsupported("virDomainSuspend", ErrorDomain::Domain); }
    virtual void domainResume(const DomainRef&) { unsupported("virDomainResume", ErrorDomain::Domain); }
    virtual void domainSave(const DomainRef&, const std::string& /*to*/, const std::optional<std::string>& /*dxml*/,
                            unsigned) {
        unsupported("virDomainSaveFlags", ErrorDomain::Domain);
    }
    virtual void domainManagedSave(const DomainRef&, unsigned) { unsupported("virDomainManagedSave", ErrorDomain::Domain); }
    virtual bool domainHasManagedSaveImage(const DomainRef&, unsigned) {
        unsupported("virDomainHasManagedSaveImage", ErrorDomain::Domain);
    }
    virtual void domainManagedSaveRemove(const DomainRef&, unsigned) {
        unsupported("virDomainManagedSaveRemove", ErrorDomain::Domain);
    }
    virtual bool domainGetAutostart(const DomainRef&) { unsupported("virDomainGetAutostart", ErrorDomain::Domain); }
    virtual void domainSetAutostart(const DomainRef&, bool) { unsupported("virDomainSetAutostart", ErrorDomain::Domain); }
};

// Reading a domain's state and definition.
class DomainQueryOps {
public:
    virtual ~DomainQueryOps() = default;
    virtual DomainInfo domainGetInfo(const DomainRef&) { unsupported("virDomainGetInfo", ErrorDomain::Domain); }
    virtual DomainStateReason domainGetState(const DomainRef&, unsigned) { unsupported("virDomainGetState", ErrorDomain::Domain); }
    virtual std::string domainGetXmlDesc(const DomainRef&, unsigned) { unsupported("virDomainGetXMLDesc", ErrorDomain::Domain); }
    virtual std::string domainGetOsType(const DomainRef&) { unsupported("virDomainGetOSType", ErrorDomain::Domain); }
    virtual uint64_t domainGetMaxMemory(const DomainRef&) { unsupported("virDomainGetMaxMemory", ErrorDomain::Domain); }
    virtual int domainGetMaxVcpus(const DomainRef&) { unsupported("virDomainGetMaxVcpus", ErrorDomain::Domain); }
    virtual bool domainIsActive(const DomainRef&) { unsupported("virDomainIsActive", ErrorDomain::Domain); }
    virtual bool domainIsPersistent(const DomainRef&) { unsupported("virDomainIsPersistent", ErrorDomain::Domain); }
    virtual bool domainIsUpdated(const DomainRef&) { unsupported("virDomainIsUpdated", ErrorDomain::Domain); }
    virtual std::string domainGetHostname(const DomainRef&, unsigned) { unsupported("virDomainGetHostname", ErrorDomain::Domain); }
    virtual SecurityLabel domainGetSecurityLabel(const DomainRef&) {
        unsupported("virDomainGetSecurityLabel", ErrorDomain::Domain);
    }
    virtual std::vector<std::string> domainGetMessages(const DomainRef&, unsigned) {
        unsupported("virDomainGetMessages", ErrorDomain::Domain);
    }
    virtual DomainJobInfo domainGetJobInfo(const DomainRef&) { unsupported("virDomainGetJobInfo", ErrorDomain::Domain); }
    virtual void domainAbortJob(const DomainRef&) { unsupported("virDomainAbortJob", ErrorDomain::Domain); }
    virtual std::string domainGetMetadata(const DomainRef&, int /*type*/, const std::optional<std::string>& /*uri*/,
                                          unsigned) {
        unsupported("virDomainGetMetadata", ErrorDomain::Domain);
    }
    virtual void domainSetMetadata(const DomainRef&, int /*type*/, const std::optional<std::string>& /*metadata*/,
                                   const std::optional<std::string>& /*key*/,
                                   const std::optional<std::string>& /*uri*/, unsigned) {
        unsupported("virDomainSetMetadata", ErrorDomain::Domain);
    }
};

// Resources of a defined or running domain.
class DomainTuningOps {
public:
    virtual ~DomainTuningOps() = default;
    virtual void domainSetMemoryFlags(const DomainRef&, uint64_t /*KiB*/, unsigned) {
        unsupported("virDomainSetMemoryFlags", ErrorDomain::Domain);
    }
    virtual void domainSetVcpusFlags(const DomainRef&, unsigned, unsigned) {
        unsupported("virDomainSetVcpusFlags", ErrorDomain::Domain);
    }
    virtual int domainGetVcpusFlags(const DomainRef&, unsigned) { unsupported("virDomainGetVcpusFlags", ErrorDomain::Domain); }
    virtual VcpuPinning domainGetVcpus(const DomainRef&, int /*maxinfo*/, int /*maplen*/) {
        unsupported("virDomainGetVcpus", ErrorDomain::Domain);
    }
    virtual void domainPinVcpuFlags(const DomainRef&, unsigned /*vcpu*/, const std::vector<uint8_t>&, unsigned) {
        unsupported("virDomainPinVcpuFlags", ErrorDomain::Domain);
    }
    virtual std::vector<std::vector<uint8_t>> domainGetVcpuPinInfo(const DomainRef&, int /*ncpumaps*/, int /*maplen*/,
                                                                   unsigned) {
        unsupported("virDomainGetVcpuPinInfo", ErrorDomain::Domain);
    }
    virtual void domainPinEmulator(const DomainRef&, const std::vector<uint8_t>&, unsigned) {
        unsupported("virDomainPinEmulator", ErrorDomain::Domain);
    }
    virtual std::vector<uint8_t> domainGetEmulatorPinInfo(const DomainRef&, int /*maplen*/, unsigned) {
        unsupported("virDomainGetEmulatorPinInfo", ErrorDomain::Domain);
    }
    virtual SchedulerType domainGetSchedulerType(const DomainRef&) {
        unsupported("virDomainGetSchedulerType", ErrorDomain::Domain);
    }
    // At most `nparams` parameters, in the driver's order.
    virtual std::vector<TypedParameter> domainGetSchedulerParameters(const DomainRef&, int /*nparams*/, unsigned) {
        unsupported("virDomainGetSchedulerParametersFlags", ErrorDomain::Domain);
    }
    virtual void domainSetSchedulerParameters(const DomainRef&, const std::vector<TypedParameter>&, unsigned) {
        unsupported("virDomainSetSchedulerParametersFlags", ErrorDomain::Domain);
    }
};

// Hot-plug and device changes.
class DomainDeviceOps {
public:
    virtual ~DomainDeviceOps() = default;
    virtual void domainAttachDevice(const DomainRef&, const std::string&, unsigned) {
        unsupported("virDomainAttachDeviceFlags", ErrorDomain::Domain);
    }
    virtual void domainDetachDevice(const DomainRef&, const std::string&, unsigned) {
        unsupported("virDomainDetachDeviceFlags", ErrorDomain::Domain);
    }
    virtual void domainUpdateDevice(const DomainRef&, const std::string&, unsigned) {
        unsupported("virDomainUpdateDeviceFlags", ErrorDomain::Domain);
    }
    // Attaches a backend carrying the console's bytes to `stream`
    // (driver/stream.hpp); `devname` is a device alias, none: the console.
    virtual void domainOpenConsole(const DomainRef&, const std::optional<std::string>& /*devname*/,
                                   const std::shared_ptr<Stream>& /*stream*/, unsigned) {
        unsupported("virDomainOpenConsole", ErrorDomain::Domain);
    }
};

class DomainSnapshotOps {
public:
    virtual ~DomainSnapshotOps() = default;
    virtual DomainSnapshotRef snapshotCreateXml(const DomainRef&, const std::string&, unsigned) {
        unsupported("virDomainSnapshotCreateXML", ErrorDomain::DomainSnapshot);
    }
    virtual std::vector<DomainSnapshotRef> snapshotListAll(const DomainRef&, unsigned) {
        unsupported("virDomainListAllSnapshots", ErrorDomain::DomainSnapshot);
    }
    virtual int snapshotNum(const DomainRef&, unsigned) { unsupported("virDomainSnapshotNum", ErrorDomain::DomainSnapshot); }
    virtual DomainSnapshotRef snapshotLookupByName(const DomainRef&, const std::string&, unsigned) {
        unsupported("virDomainSnapshotLookupByName", ErrorDomain::DomainSnapshot);
    }
    virtual std::string snapshotGetXmlDesc(const DomainSnapshotRef&, unsigned) {
        unsupported("virDomainSnapshotGetXMLDesc", ErrorDomain::DomainSnapshot);
    }
    virtual bool snapshotHasCurrent(const DomainRef&, unsigned) {
        unsupported("virDomainHasCurrentSnapshot", ErrorDomain::DomainSnapshot);
    }
    virtual DomainSnapshotRef snapshotCurrent(const DomainRef&, unsigned) {
        unsupported("virDomainSnapshotCurrent", ErrorDomain::DomainSnapshot);
    }
    virtual DomainSnapshotRef snapshotGetParent(const DomainSnapshotRef&, unsigned) {
        unsupported("virDomainSnapshotGetParent", ErrorDomain::DomainSnapshot);
    }
    virtual std::vector<DomainSnapshotRef> snapshotListChildren(const DomainSnapshotRef&, unsigned) {
        unsupported("virDomainSnapshotListAllChildren", ErrorDomain::DomainSnapshot);
    }
    virtual int snapshotNumChildren(const DomainSnapshotRef&, unsigned) {
        unsupported("virDomainSnapshotNumChildren", ErrorDomain::DomainSnapshot);
    }
    virtual bool snapshotIsCurrent(const DomainSnapshotRef&, unsigned) {
        unsupported("virDomainSnapshotIsCurrent", ErrorDomain::DomainSnapshot);
    }
    virtual bool snapshotHasMetadata(const DomainSnapshotRef&, unsigned) {
        unsupported("virDomainSnapshotHasMetadata", ErrorDomain::DomainSnapshot);
    }
    virtual void snapshotRevert(const DomainSnapshotRef&, unsigned) {
        unsupported("virDomainRevertToSnapshot", ErrorDomain::DomainSnapshot);
    }
    virtual void snapshotDelete(const DomainSnapshotRef&, unsigned) {
        unsupported("virDomainSnapshotDelete", ErrorDomain::DomainSnapshot);
    }
};

class DomainEventOps {
public:
    virtual ~DomainEventOps() = default;
    // Returns a callback id unique within this process.
    virtual int domainEventRegister(const std::optional<DomainRef>&, int /*eventId*/, DomainEventCallback) {
        unsupported("virConnectDomainEventRegisterAny", ErrorDomain::None);
    }
    virtual void domainEventDeregister(int /*callbackId*/) {
        unsupported("virConnectDomainEventDeregisterAny", ErrorDomain::None);
    }
};

class NetworkOps {
public:
    virtual ~NetworkOps() = default;
    virtual NetworkRef networkLookupByName(const std::string&) { unsupported("virNetworkLookupByName", ErrorDomain::Network); }
    virtual NetworkRef networkLookupByUuid(const Uuid&) { unsupported("virNetworkLookupByUUID", ErrorDomain::Network); }
    virtual std::vector<NetworkRef> listAllNetworks(unsigned) { unsupported("virConnectListAllNetworks", ErrorDomain::Network); }
    virtual NetworkRef networkDefineXml(const std::string&, unsigned) { unsupported("virNetworkDefineXML", ErrorDomain::Network); }
    virtual NetworkRef networkCreateXml(const std::string&, unsigned) { unsupported("virNetworkCreateXML", ErrorDomain::Network); }
    virtual void networkUndefine(const NetworkRef&) { unsupported("virNetworkUndefine", ErrorDomain::Network); }
    virtual void networkCreate(const NetworkRef&) { unsupported("virNetworkCreate", ErrorDomain::Network); }
    virtual void networkDestroy(const NetworkRef&) { unsupported("virNetworkDestroy", ErrorDomain::Network); }
    virtual std::string networkGetXmlDesc(const NetworkRef&, unsigned) { unsupported("virNetworkGetXMLDesc", ErrorDomain::Network); }
    virtual std::string networkGetBridgeName(const NetworkRef&) { unsupported("virNetworkGetBridgeName", ErrorDomain::Network); }
    virtual bool networkGetAutostart(const NetworkRef&) { unsupported("virNetworkGetAutostart", ErrorDomain::Network); }
    virtual void networkSetAutostart(const NetworkRef&, bool) { unsupported("virNetworkSetAutostart", ErrorDomain::Network); }
    virtual bool networkIsActive(const NetworkRef&) { unsupported("virNetworkIsActive", ErrorDomain::Network); }
    virtual bool networkIsPersistent(const NetworkRef&) { unsupported("virNetworkIsPersistent", ErrorDomain::Network); }
};

class StorageOps {
public:
    virtual ~StorageOps() = default;
    virtual StoragePoolRef poolLookupByName(const std::string&) { unsupported("virStoragePoolLookupByName", ErrorDomain::Storage); }
    virtual StoragePoolRef poolLookupByUuid(const Uuid&) { unsupported("virStoragePoolLookupByUUID", ErrorDomain::Storage); }
    virtual StoragePoolRef poolLookupByVolume(const StorageVolRef&) {
        unsupported("virStoragePoolLookupByVolume", ErrorDomain::Storage);
    }
    virtual std::vector<StoragePoolRef> listAllPools(unsigned) { unsupported("virConnectListAllStoragePools", ErrorDomain::Storage); }
    virtual StoragePoolRef poolDefineXml(const std::string&, unsigned) { unsupported("virStoragePoolDefineXML", ErrorDomain::Storage); }
    virtual StoragePoolRef poolCreateXml(const std::string&, unsigned) { unsupported("virStoragePoolCreateXML", ErrorDomain::Storage); }
    virtual void poolUndefine(const StoragePoolRef&) { unsupported("virStoragePoolUndefine", ErrorDomain::Storage); }
    virtual void poolCreate(const StoragePoolRef&, unsigned) { unsupported("virStoragePoolCreate", ErrorDomain::Storage); }
    virtual void poolBuild(const StoragePoolRef&, unsigned) { unsupported("virStoragePoolBuild", ErrorDomain::Storage); }
    virtual void poolDestroy(const StoragePoolRef&) { unsupported("virStoragePoolDestroy", ErrorDomain::Storage); }
    virtual void poolDelete(const StoragePoolRef&, unsigned) { unsupported("virStoragePoolDelete", ErrorDomain::Storage); }
    virtual void poolRefresh(const StoragePoolRef&, unsigned) { unsupported("virStoragePoolRefresh", ErrorDomain::Storage); }
    virtual StoragePoolInfo poolGetInfo(const StoragePoolRef&) { unsupported("virStoragePoolGetInfo", ErrorDomain::Storage); }
    virtual std::string poolGetXmlDesc(const StoragePoolRef&, unsigned) { unsupported("virStoragePoolGetXMLDesc", ErrorDomain::Storage); }
    virtual bool poolGetAutostart(const StoragePoolRef&) { unsupported("virStoragePoolGetAutostart", ErrorDomain::Storage); }
    virtual void poolSetAutostart(const StoragePoolRef&, bool) { unsupported("virStoragePoolSetAutostart", ErrorDomain::Storage); }
    virtual bool poolIsActive(const StoragePoolRef&) { unsupported("virStoragePoolIsActive", ErrorDomain::Storage); }
    virtual bool poolIsPersistent(const StoragePoolRef&) { unsupported("virStoragePoolIsPersistent", ErrorDomain::Storage); }
    virtual std::vector<StorageVolRef> poolListAllVolumes(const StoragePoolRef&, unsigned) {
        unsupported("virStoragePoolListAllVolumes", ErrorDomain::Storage);
    }
    virtual int poolNumOfVolumes(const StoragePoolRef&) { unsupported("virStoragePoolNumOfVolumes", ErrorDomain::Storage); }
    virtual StorageVolRef volLookupByName(const StoragePoolRef&, const std::string&) {
        unsupported("virStorageVolLookupByName", ErrorDomain::Storage);
    }
    virtual StorageVolRef volLookupByKey(const std::string&) { unsupported("virStorageVolLookupByKey", ErrorDomain::Storage); }
    virtual StorageVolRef volLookupByPath(const std::string&) { unsupported("virStorageVolLookupByPath", ErrorDomain::Storage); }
    virtual StorageVolRef volCreateXml(const StoragePoolRef&, const std::string&, unsigned) {
        unsupported("virStorageVolCreateXML", ErrorDomain::Storage);
    }
    virtual StorageVolRef volCreateXmlFrom(const StoragePoolRef&, const std::string&, const StorageVolRef&, unsigned) {
        unsupported("virStorageVolCreateXMLFrom", ErrorDomain::Storage);
    }
    virtual void volDelete(const StorageVolRef&, unsigned) { unsupported("virStorageVolDelete", ErrorDomain::Storage); }
    virtual void volWipe(const StorageVolRef&, unsigned) { unsupported("virStorageVolWipe", ErrorDomain::Storage); }
    virtual void volResize(const StorageVolRef&, uint64_t, unsigned) { unsupported("virStorageVolResize", ErrorDomain::Storage); }
    virtual StorageVolInfo volGetInfo(const StorageVolRef&) { unsupported("virStorageVolGetInfo", ErrorDomain::Storage); }
    virtual std::string volGetXmlDesc(const StorageVolRef&, unsigned) { unsupported("virStorageVolGetXMLDesc", ErrorDomain::Storage); }
    virtual std::string volGetPath(const StorageVolRef&) { unsupported("virStorageVolGetPath", ErrorDomain::Storage); }
};

// One open connection to a driver (libvirt's virConnect). Drivers derive
// from this and override what they support.
class Connection : public ConnectOps,
                   public DomainLookupOps,
                   public DomainLifecycleOps,
                   public DomainQueryOps,
                   public DomainTuningOps,
                   public DomainDeviceOps,
                   public DomainSnapshotOps,
                   public DomainEventOps,
                   public NetworkOps,
                   public StorageOps {
public:
    ~Connection() override = default;
};

}  // namespace cvirt::driver
