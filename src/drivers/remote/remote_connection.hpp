#pragma once
// The remote driver: a driver::Connection whose every method is a REMOTE
// procedure call to a daemon (cvirtd or libvirtd), over rpc::Client.

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "driver/connection.hpp"
#include "drivers/remote/remote_target.hpp"
#include "rpc/client.hpp"

namespace cvirt::drivers::remote {

class RemoteConnection : public driver::Connection {
public:
    // Connects and runs the handshake libvirt's client runs: AUTH_LIST,
    // keepalive negotiation, CONNECT_OPEN, the event-callback probe.
    static std::unique_ptr<RemoteConnection> open(const RemoteTarget& target);
    // Sends CONNECT_CLOSE (briefly waiting for it) and disconnects.
    ~RemoteConnection() override;

    // ---- host ----
    std::string getType() override;
    uint64_t getVersion() override;
    std::string getHostname() override;
    std::string getUri() override;
    std::string getCapabilities() override;
    std::string getSysinfo(unsigned flags) override;
    int getMaxVcpus(const std::optional<std::string>& type) override;
    std::string getDomainCapabilities(const std::optional<std::string>& emulator, const std::optional<std::string>& arch,
                                      const std::optional<std::string>& machine,
                                      const std::optional<std::string>& virttype, unsigned flags) override;
    NodeInfo nodeGetInfo() override;
    uint64_t nodeGetFreeMemory() override;
    std::vector<uint64_t> nodeGetCellsFreeMemory(int start, int max) override;
    SecurityModel nodeGetSecurityModel() override;
    NodeCpuMap nodeGetCpuMap(bool needMap, bool needOnline, unsigned flags) override;
    std::string domainXmlToNative(const std::string& format, const std::string& xml, unsigned flags) override;
    bool isSecure() override;
    bool isEncrypted() override;
    bool isAlive() override;

    // ---- domains ----
    DomainRef domainLookupByName(const std::string& name) override;
    DomainRef domainLookupByUuid(const Uuid& uuid) override;
    DomainRef domainLookupById(int id) override;
    std::vector<DomainRef> listAllDomains(unsigned flags) override;
    DomainRef domainDefineXml(const std::string& xml, unsigned flags) override;
    DomainRef domainCreateXml(const std::string& xml, unsigned flags) override;
    void domainUndefine(const DomainRef& dom, unsigned flags) override;
    void domainRestore(const std::string& from, const std::optional<std::string>& dxml, unsigned flags) override;

    void domainCreate(const DomainRef& dom, unsigned flags) override;
    void domainDestroy(const DomainRef& dom, unsigned flags) override;
    void domainShutdown(const DomainRef& dom, unsigned flags) override;
    void domainReboot(const DomainRef& dom, unsigned flags) override;
    void domainReset(const DomainRef& dom, unsigned flags) override;
    void domainSuspend(const DomainRef& dom) override;
    void domainResume(const DomainRef& dom) override;
    void domainSave(const DomainRef& dom, const std::string& to, const std::optional<std::string>& dxml,
                    unsigned flags) override;
    void domainManagedSave(const DomainRef& dom, unsigned flags) override;
    bool domainHasManagedSaveImage(const DomainRef& dom, unsigned flags) override;
    void domainManagedSaveRemove(const DomainRef& dom, unsigned flags) override;
    bool domainGetAutostart(const DomainRef& dom) override;
    void domainSetAutostart(const DomainRef& dom, bool autostart) override;

    DomainInfo domainGetInfo(const DomainRef& dom) override;
    driver::DomainStateReason domainGetState(const DomainRef& dom, unsigned flags) override;
    std::string domainGetXmlDesc(const DomainRef& dom, unsigned flags) override;
    std::string domainGetOsType(const DomainRef& dom) override;
    uint64_t domainGetMaxMemory(const DomainRef& dom) override;
    int domainGetMaxVcpus(const DomainRef& dom) override;
    bool domainIsActive(const DomainRef& dom) override;
    bool domainIsPersistent(const DomainRef& dom) override;
    bool domainIsUpdated(const DomainRef& dom) override;
    std::string domainGetHostname(const DomainRef& dom, unsigned flags) override;
    SecurityLabel domainGetSecurityLabel(const DomainRef& dom) override;
    std::vector<std::string> domainGetMessages(const DomainRef& dom, unsigned flags) override;
    DomainJobInfo domainGetJobInfo(const DomainRef& dom) override;
    void domainAbortJob(const DomainRef& dom) override;
    std::string domainGetMetadata(const DomainRef& dom, int type, const std::optional<std::string>& uri,
                                  unsigned flags) override;
    void domainSetMetadata(const DomainRef& dom, int type, const std::optional<std::string>& metadata,
                           const std::optional<std::string>& key, const std::optional<std::string>& uri,
                           unsigned flags) override;

    void domainSetMemoryFlags(const DomainRef& dom, uint64_t kib, unsigned flags) override;
    void domainSetVcpusFlags(const DomainRef& dom, unsigned count, unsigned flags) override;
    int domainGetVcpusFlags(const DomainRef& dom, unsigned flags) override;
    VcpuPinning domainGetVcpus(const DomainRef& dom, int maxinfo, int maplen) override;
    void domainPinVcpuFlags(const DomainRef& dom, unsigned vcpu, const std::vector<uint8_t>& cpumap,
                            unsigned flags) override;
    std::vector<std::vector<uint8_t>> domainGetVcpuPinInfo(const DomainRef& dom, int ncpumaps, int maplen,
                                                           unsigned flags) override;
    void domainPinEmulator(const DomainRef& dom, const std::vector<uint8_t>& cpumap, unsigned flags) override;
    std::vector<uint8_t> domainGetEmulatorPinInfo(const DomainRef& dom, int maplen, unsigned flags) override;
    SchedulerType domainGetSchedulerType(const DomainRef& dom) override;
    std::vector<TypedParameter> domainGetSchedulerParameters(const DomainRef& dom, int nparams, unsigned flags) override;
    void domainSetSchedulerParameters(const DomainRef& dom, const std::vector<TypedParameter>& params,
                                      unsigned flags) override;

    void domainAttachDevice(const DomainRef& dom, const std::string& xml, unsigned flags) override;
    void domainDetachDevice(const DomainRef& dom, const std::string& xml, unsigned flags) override;
    void domainUpdateDevice(const DomainRef& dom, const std::string& xml, unsigned flags) override;
    // remote_stream.cpp
    void domainOpenConsole(const DomainRef& dom, const std::optional<std::string>& devname,
                           const std::shared_ptr<driver::Stream>& stream, unsigned flags) override;

    // ---- snapshots ----
    DomainSnapshotRef snapshotCreateXml(const DomainRef& dom, const std::string& xml, unsigned flags) override;
    std::vector<DomainSnapshotRef> snapshotListAll(const DomainRef& dom, unsigned flags) override;
    int snapshotNum(const DomainRef& dom, unsigned flags) override;
    DomainSnapshotRef snapshotLookupByName(const DomainRef& dom, const std::string& name, unsigned flags) override;
    std::string snapshotGetXmlDesc(const DomainSnapshotRef& snap, unsigned flags) override;
    bool snapshotHasCurrent(const DomainRef& dom, unsigned flags) override;
    DomainSnapshotRef snapshotCurrent(const DomainRef& dom, unsigned flags) override;
    DomainSnapshotRef snapshotGetParent(const DomainSnapshotRef& snap, unsigned flags) override;
    std::vector<DomainSnapshotRef> snapshotListChildren(const DomainSnapshotRef& snap, unsigned flags) override;
    int snapshotNumChildren(const DomainSnapshotRef& snap, unsigned flags) override;
    bool snapshotIsCurrent(const DomainSnapshotRef& snap, unsigned flags) override;
    bool snapshotHasMetadata(const DomainSnapshotRef& snap, unsigned flags) override;
    void snapshotRevert(const DomainSnapshotRef& snap, unsigned flags) override;
    void snapshotDelete(const DomainSnapshotRef& snap, unsigned flags) override;

    // ---- events ----
    int domainEventRegister(const std::optional<DomainRef>& dom, int eventId,
                            driver::DomainEventCallback callback) override;
    void domainEventDeregister(int callbackId) override;

    // ---- networks ----
    NetworkRef networkLookupByName(const std::string& name) override;
    NetworkRef networkLookupByUuid(const Uuid& uuid) override;
    std::vector<NetworkRef> listAllNetworks(unsigned flags) override;
    NetworkRef networkDefineXml(const std::string& xml, unsigned flags) override;
    NetworkRef networkCreateXml(const std::string& xml, unsigned flags) override;
    void networkUndefine(const NetworkRef& net) override;
    void networkCreate(const NetworkRef& net) override;
    void networkDestroy(const NetworkRef& net) override;
    std::string networkGetXmlDesc(const NetworkRef& net, unsigned flags) override;
    std::string networkGetBridgeName(const NetworkRef& net) override;
    bool networkGetAutostart(const NetworkRef& net) override;
    void networkSetAutostart(const NetworkRef& net, bool autostart) override;
    bool networkIsActive(const NetworkRef& net) override;
    bool networkIsPersistent(const NetworkRef& net) override;

    // ---- storage ----
    StoragePoolRef poolLookupByName(const std::string& name) override;
    StoragePoolRef poolLookupByUuid(const Uuid& uuid) override;
    StoragePoolRef poolLookupByVolume(const StorageVolRef& vol) override;
    std::vector<StoragePoolRef> listAllPools(unsigned flags) override;
    StoragePoolRef poolDefineXml(const std::string& xml, unsigned flags) override;
    StoragePoolRef poolCreateXml(const std::string& xml, unsigned flags) override;
    void poolUndefine(const StoragePoolRef& pool) override;
    void poolCreate(const StoragePoolRef& pool, unsigned flags) override;
    void poolBuild(const StoragePoolRef& pool, unsigned flags) override;
    void poolDestroy(const StoragePoolRef& pool) override;
    void poolDelete(const StoragePoolRef& pool, unsigned flags) override;
    void poolRefresh(const StoragePoolRef& pool, unsigned flags) override;
    StoragePoolInfo poolGetInfo(const StoragePoolRef& pool) override;
    std::string poolGetXmlDesc(const StoragePoolRef& pool, unsigned flags) override;
    bool poolGetAutostart(const StoragePoolRef& pool) override;
    void poolSetAutostart(const StoragePoolRef& pool, bool autostart) override;
    bool poolIsActive(const StoragePoolRef& pool) override;
    bool poolIsPersistent(const StoragePoolRef& pool) override;
    std::vector<StorageVolRef> poolListAllVolumes(const StoragePoolRef& pool, unsigned flags) override;
    int poolNumOfVolumes(const StoragePoolRef& pool) override;
    StorageVolRef volLookupByName(const StoragePoolRef& pool, const std::string& name) override;
    StorageVolRef volLookupByKey(const std::string& key) override;
    StorageVolRef volLookupByPath(const std::string& path) override;
    StorageVolRef volCreateXml(const StoragePoolRef& pool, const std::string& xml, unsigned flags) override;
    StorageVolRef volCreateXmlFrom(const StoragePoolRef& pool, const std::string& xml, const StorageVolRef& from,
                                   unsigned flags) override;
    void volDelete(const StorageVolRef& vol, unsigned flags) override;
    void volWipe(const StorageVolRef& vol, unsigned flags) override;
    void volResize(const StorageVolRef& vol, uint64_t capacity, unsigned flags) override;
    StorageVolInfo volGetInfo(const StorageVolRef& vol) override;
    std::string volGetXmlDesc(const StorageVolRef& vol, unsigned flags) override;
    std::string volGetPath(const StorageVolRef& vol) override;

private:
    explicit RemoteConnection(std::unique_ptr<rpc::Client> client);
    void handshake(const RemoteTarget& target);
    void deliver(int wireId, const DomainEvent& event);
    rpc::Client& client() { return *client_; }

    std::unique_ptr<rpc::Client> client_;
    bool eventCallbacks_ = false;  // the daemon routes events by callback id

    struct Callback {
        int localId;
        driver::DomainEventCallback callback;
    };
    std::mutex eventsMutex_;
    std::map<int, std::shared_ptr<Callback>> callbacks_;  // by the daemon's callback id
};

}  // namespace cvirt::drivers::remote
