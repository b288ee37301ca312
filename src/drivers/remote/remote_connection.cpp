#include "drivers/remote/remote_connection.hpp"

#include <atomic>

#include "drivers/remote/client_stub.hpp"
#include "drivers/remote/session_daemon.hpp"
#include "util/log.hpp"

namespace cvirt::drivers::remote {

using namespace std::chrono_literals;

namespace {

constexpr std::string_view kLog = "remote.connection";
// libvirt.conf's defaults for a client's keepalive.
constexpr auto kKeepaliveInterval = 5s;
constexpr unsigned kKeepaliveCount = 5;

// Callback ids handed to this process's callers; the daemon's own ids are
// unique only per daemon.
std::atomic<int> nextLocalCallbackId{1};

bool supportsFeature(rpc::Client& client, int32_t feature) {
    try {
        return client.call<wire::CONNECT_SUPPORTS_FEATURE>({feature}).supported != 0;
    } catch (const Error& e) {
        // An old or minimal daemon: clients read any error as "no".
        CVIRT_DEBUG(kLog, "feature {} probe failed: {}", feature, e.message());
        return false;
    }
}

std::unique_ptr<rpc::Client> connect(const RemoteTarget& t) {
    switch (t.transport) {
    case RemoteTarget::Transport::Unix:
        return t.daemon ? connectOrSpawn(t.socketPath, *t.daemon) : rpc::Client::connectUnix(t.socketPath);
    case RemoteTarget::Transport::Tcp:
        return rpc::Client::connectTcp(t.host, t.port);
    case RemoteTarget::Transport::Command:
        return rpc::Client::connectCommand(t.command);
    }
    throw Error(ErrorCode::InternalError, ErrorDomain::Remote, "unknown transport");
}

}  // namespace

std::unique_ptr<RemoteConnection> RemoteConnection::open(const RemoteTarget& target) {
    std::unique_ptr<RemoteConnection> conn(new RemoteConnection(connect(target)));
    conn->handshake(target);
    return conn;
}

RemoteConnection::RemoteConnection(std::unique_ptr<rpc::Client> client) : client_(std::move(client)) {}

RemoteConnection::~RemoteConnection() {
    if (client_->isOpen()) {
        try {
            // The daemon drops what this connection registered; waiting a
            // little lets it finish before the socket closes, as libvirt's
            // client does.
            client_->call<wire::CONNECT_CLOSE>({}, 2s);
        } catch (const Error& e) {
            CVIRT_DEBUG(kLog, "CONNECT_CLOSE failed: {}", e.message());
        }
    }
    // Event handlers use the members below: stop their thread first.
    client_.reset();
}

void RemoteConnection::handshake(const RemoteTarget& target) {
    try {
        auto auth = client_->call<wire::AUTH_LIST>();
        if (!auth.types.empty() && auth.types.front() != static_cast<int32_t>(wire::AuthType::None))
            fail(ErrorCode::AuthUnavailable, ErrorDomain::Auth,
                 "the daemon asks for authentication type {}, which cvirt does not speak yet", auth.types.front());
    } catch (const Error& e) {
        // A daemon without AUTH_LIST predates authentication: nothing to do.
        if (e.code() != ErrorCode::NoSupport)
            throw;
    }
    if (supportsFeature(*client_, wire::kFeatureProgramKeepalive))
        client_->startKeepalive(kKeepaliveInterval, kKeepaliveCount);

    client_->call<wire::CONNECT_OPEN>({target.name, target.openFlags});

    eventCallbacks_ = supportsFeature(*client_, wire::kFeatureRemoteEventCallback);
    client_->onEvent<wire::DOMAIN_EVENT_CALLBACK_LIFECYCLE>([this](wire::DomainEventCallbackLifecycleMsg m) {
        deliver(m.callbackID, DomainEvent{event::kLifecycle, fromWire<DomainRef>(m.msg.dom), m.msg.event, m.msg.detail});
    });
    client_->onEvent<wire::DOMAIN_EVENT_CALLBACK_REBOOT>([this](wire::DomainEventCallbackRebootMsg m) {
        deliver(m.callbackID, DomainEvent{event::kReboot, fromWire<DomainRef>(m.msg.dom), 0, 0});
    });
}

void RemoteConnection::deliver(int wireId, const DomainEvent& event) {
    std::shared_ptr<Callback> target;
    {
        std::lock_guard lock(eventsMutex_);
        auto it = callbacks_.find(wireId);
        if (it == callbacks_.end())
            return;
        target = it->second;
    }
    target->callback(event);
}

// ---- host ------------------------------------------------------------------

std::string RemoteConnection::getType() { return call<wire::CONNECT_GET_TYPE>(client()); }
uint64_t RemoteConnection::getVersion() { return call<wire::CONNECT_GET_VERSION>(client()); }
std::string RemoteConnection::getHostname() { return call<wire::CONNECT_GET_HOSTNAME>(client()); }
std::string RemoteConnection::getUri() { return client_->call<wire::CONNECT_GET_URI>().uri; }
std::string RemoteConnection::getCapabilities() { return call<wire::CONNECT_GET_CAPABILITIES>(client()); }
std::string RemoteConnection::getSysinfo(unsigned flags) { return call<wire::CONNECT_GET_SYSINFO>(client(), flags); }
int RemoteConnection::getMaxVcpus(const std::optional<std::string>& type) {
    return call<wire::CONNECT_GET_MAX_VCPUS>(client(), type);
}
std::string RemoteConnection::getDomainCapabilities(const std::optional<std::string>& emulator,
                                                    const std::optional<std::string>& arch,
                                                    const std::optional<std::string>& machine,
                                                    const std::optional<std::string>& virttype, unsigned flags) {
    return call<wire::CONNECT_GET_DOMAIN_CAPABILITIES>(client(), emulator, arch, machine, virttype, flags);
}
NodeInfo RemoteConnection::nodeGetInfo() { return call<wire::NODE_GET_INFO>(client()); }
uint64_t RemoteConnection::nodeGetFreeMemory() { return call<wire::NODE_GET_FREE_MEMORY>(client()); }
std::vector<uint64_t> RemoteConnection::nodeGetCellsFreeMemory(int start, int max) {
    return call<wire::NODE_GET_CELLS_FREE_MEMORY>(client(), start, max);
}
SecurityModel RemoteConnection::nodeGetSecurityModel() { return call<wire::NODE_GET_SECURITY_MODEL>(client()); }
NodeCpuMap RemoteConnection::nodeGetCpuMap(bool needMap, bool needOnline, unsigned flags) {
    return call<wire::NODE_GET_CPU_MAP>(client(), needMap, needOnline, flags);
}
std::string RemoteConnection::domainXmlToNative(const std::string& format, const std::string& xml, unsigned flags) {
    return call<wire::CONNECT_DOMAIN_XML_TO_NATIVE>(client(), format, xml, flags);
}
// Secure only if both the link and the daemon's side say so.
bool RemoteConnection::isSecure() {
    return client_->transport().secure && static_cast<bool>(call<wire::CONNECT_IS_SECURE>(client()));
}
bool RemoteConnection::isEncrypted() { return client_->transport().encrypted; }
bool RemoteConnection::isAlive() { return client_->isOpen(); }

// ---- domains -----------------------------------------------------------------

DomainRef RemoteConnection::domainLookupByName(const std::string& name) {
    return call<wire::DOMAIN_LOOKUP_BY_NAME>(client(), name);
}
DomainRef RemoteConnection::domainLookupByUuid(const Uuid& uuid) {
    return call<wire::DOMAIN_LOOKUP_BY_UUID>(client(), uuid);
}
DomainRef RemoteConnection::domainLookupById(int id) { return call<wire::DOMAIN_LOOKUP_BY_ID>(client(), id); }
std::vector<DomainRef> RemoteConnection::listAllDomains(unsigned flags) {
    return call<wire::CONNECT_LIST_ALL_DOMAINS>(client(), flags);
}
DomainRef RemoteConnection::domainDefineXml(const std::string& xml, unsigned flags) {
    return callPreferringOld<wire::DOMAIN_DEFINE_XML, wire::DOMAIN_DEFINE_XML_FLAGS>(client(), xml, flags);
}
DomainRef RemoteConnection::domainCreateXml(const std::string& xml, unsigned flags) {
    return call<wire::DOMAIN_CREATE_XML>(client(), xml, flags);
}
void RemoteConnection::domainUndefine(const DomainRef& dom, unsigned flags) {
    call<wire::DOMAIN_UNDEFINE_FLAGS>(client(), dom, flags);
}
void RemoteConnection::domainRestore(const std::string& from, const std::optional<std::string>& dxml,
                                     unsigned flags) {
    callPreferringOld<wire::DOMAIN_RESTORE, wire::DOMAIN_RESTORE_FLAGS>(client(), from, dxml, flags);
}

void RemoteConnection::domainCreate(const DomainRef& dom, unsigned flags) {
    callPreferringOld<wire::DOMAIN_CREATE, wire::DOMAIN_CREATE_WITH_FLAGS>(client(), dom, flags);
}
void RemoteConnection::domainDestroy(const DomainRef& dom, unsigned flags) {
    callPreferringOld<wire::DOMAIN_DESTROY, wire::DOMAIN_DESTROY_FLAGS>(client(), dom, flags);
}
void RemoteConnection::domainShutdown(const DomainRef& dom, unsigned flags) {
    callPreferringOld<wire::DOMAIN_SHUTDOWN, wire::DOMAIN_SHUTDOWN_FLAGS>(client(), dom, flags);
}
void RemoteConnection::domainReboot(const DomainRef& dom, unsigned flags) {
    call<wire::DOMAIN_REBOOT>(client(), dom, flags);
}
void RemoteConnection::domainReset(const DomainRef& dom, unsigned flags) {
    call<wire::DOMAIN_RESET>(client(), dom, flags);
}
void RemoteConnection::domainSuspend(const DomainRef& dom) { call<wire::DOMAIN_SUSPEND>(client(), dom); }
void RemoteConnection::domainResume(const DomainRef& dom) { call<wire::DOMAIN_RESUME>(client(), dom); }
void RemoteConnection::domainSave(const DomainRef& dom, const std::string& to, const std::optional<std::string>& dxml,
                                  unsigned flags) {
    callPreferringOld<wire::DOMAIN_SAVE, wire::DOMAIN_SAVE_FLAGS>(client(), dom, to, dxml, flags);
}
void RemoteConnection::domainManagedSave(const DomainRef& dom, unsigned flags) {
    call<wire::DOMAIN_MANAGED_SAVE>(client(), dom, flags);
}
bool RemoteConnection::domainHasManagedSaveImage(const DomainRef& dom, unsigned flags) {
    return call<wire::DOMAIN_HAS_MANAGED_SAVE_IMAGE>(client(), dom, flags);
}
void RemoteConnection::domainManagedSaveRemove(const DomainRef& dom, unsigned flags) {
    call<wire::DOMAIN_MANAGED_SAVE_REMOVE>(client(), dom, flags);
}
bool RemoteConnection::domainGetAutostart(const DomainRef& dom) { return call<wire::DOMAIN_GET_AUTOSTART>(client(), dom); }
void RemoteConnection::domainSetAutostart(const DomainRef& dom, bool autostart) {
    call<wire::DOMAIN_SET_AUTOSTART>(client(), dom, autostart);
}

DomainInfo RemoteConnection::domainGetInfo(const DomainRef& dom) { return call<wire::DOMAIN_GET_INFO>(client(), dom); }
driver::DomainStateReason RemoteConnection::domainGetState(const DomainRef& dom, unsigned flags) {
    return call<wire::DOMAIN_GET_STATE>(client(), dom, flags);
}
std::string RemoteConnection::domainGetXmlDesc(const DomainRef& dom, unsigned flags) {
    return call<wire::DOMAIN_GET_XML_DESC>(client(), dom, flags);
}
std::string RemoteConnection::domainGetOsType(const DomainRef& dom) { return call<wire::DOMAIN_GET_OS_TYPE>(client(), dom); }
uint64_t RemoteConnection::domainGetMaxMemory(const DomainRef& dom) {
    return call<wire::DOMAIN_GET_MAX_MEMORY>(client(), dom);
}
int RemoteConnection::domainGetMaxVcpus(const DomainRef& dom) { return call<wire::DOMAIN_GET_MAX_VCPUS>(client(), dom); }
bool RemoteConnection::domainIsActive(const DomainRef& dom) { return call<wire::DOMAIN_IS_ACTIVE>(client(), dom); }
bool RemoteConnection::domainIsPersistent(const DomainRef& dom) {
    return call<wire::DOMAIN_IS_PERSISTENT>(client(), dom);
}
bool RemoteConnection::domainIsUpdated(const DomainRef& dom) { return call<wire::DOMAIN_IS_UPDATED>(client(), dom); }
std::string RemoteConnection::domainGetHostname(const DomainRef& dom, unsigned flags) {
    return call<wire::DOMAIN_GET_HOSTNAME>(client(), dom, flags);
}
SecurityLabel RemoteConnection::domainGetSecurityLabel(const DomainRef& dom) {
    return call<wire::DOMAIN_GET_SECURITY_LABEL>(client(), dom);
}
std::vector<std::string> RemoteConnection::domainGetMessages(const DomainRef& dom, unsigned flags) {
    return call<wire::DOMAIN_GET_MESSAGES>(client(), dom, flags);
}
DomainJobInfo RemoteConnection::domainGetJobInfo(const DomainRef& dom) {
    return call<wire::DOMAIN_GET_JOB_INFO>(client(), dom);
}
void RemoteConnection::domainAbortJob(const DomainRef& dom) { call<wire::DOMAIN_ABORT_JOB>(client(), dom); }
std::string RemoteConnection::domainGetMetadata(const DomainRef& dom, int type, const std::optional<std::string>& uri,
                                                unsigned flags) {
    return call<wire::DOMAIN_GET_METADATA>(client(), dom, type, uri, flags);
}
void RemoteConnection::domainSetMetadata(const DomainRef& dom, int type, const std::optional<std::string>& metadata,
                                         const std::optional<std::string>& key,
                                         const std::optional<std::string>& uri, unsigned flags) {
    call<wire::DOMAIN_SET_METADATA>(client(), dom, type, metadata, key, uri, flags);
}

void RemoteConnection::domainSetMemoryFlags(const DomainRef& dom, uint64_t kib, unsigned flags) {
    call<wire::DOMAIN_SET_MEMORY_FLAGS>(client(), dom, kib, flags);
}
void RemoteConnection::domainSetVcpusFlags(const DomainRef& dom, unsigned count, unsigned flags) {
    call<wire::DOMAIN_SET_VCPUS_FLAGS>(client(), dom, count, flags);
}
int RemoteConnection::domainGetVcpusFlags(const DomainRef& dom, unsigned flags) {
    return call<wire::DOMAIN_GET_VCPUS_FLAGS>(client(), dom, flags);
}
// The flat cpumaps come back as `maplen` bytes per vCPU reported.
VcpuPinning RemoteConnection::domainGetVcpus(const DomainRef& dom, int maxinfo, int maplen) {
    auto ret = client_->call<wire::DOMAIN_GET_VCPUS>({toWire<wire::DomainRef>(dom), maxinfo, maplen});
    VcpuPinning out;
    for (const auto& v : ret.info)
        out.info.push_back({v.number, v.state, v.cpu_time, v.cpu});
    out.cpumaps = splitCpumaps(ret.cpumaps, maplen, out.info.size());
    return out;
}
void RemoteConnection::domainPinVcpuFlags(const DomainRef& dom, unsigned vcpu, const std::vector<uint8_t>& cpumap,
                                          unsigned flags) {
    call<wire::DOMAIN_PIN_VCPU_FLAGS>(client(), dom, vcpu, cpumap, flags);
}
std::vector<std::vector<uint8_t>> RemoteConnection::domainGetVcpuPinInfo(const DomainRef& dom, int ncpumaps,
                                                                         int maplen, unsigned flags) {
    auto ret = client_->call<wire::DOMAIN_GET_VCPU_PIN_INFO>(
        {toWire<wire::DomainRef>(dom), ncpumaps, maplen, flags});
    return splitCpumaps(ret.cpumaps, maplen, ret.num > 0 ? static_cast<size_t>(ret.num) : 0);
}
void RemoteConnection::domainPinEmulator(const DomainRef& dom, const std::vector<uint8_t>& cpumap, unsigned flags) {
    call<wire::DOMAIN_PIN_EMULATOR>(client(), dom, cpumap, flags);
}
std::vector<uint8_t> RemoteConnection::domainGetEmulatorPinInfo(const DomainRef& dom, int maplen, unsigned flags) {
    auto ret = client_->call<wire::DOMAIN_GET_EMULATOR_PIN_INFO>({toWire<wire::DomainRef>(dom), maplen, flags});
    if (ret.ret <= 0)
        return {};
    return std::vector<uint8_t>(ret.cpumaps.begin(), ret.cpumaps.end());
}
SchedulerType RemoteConnection::domainGetSchedulerType(const DomainRef& dom) {
    return call<wire::DOMAIN_GET_SCHEDULER_TYPE>(client(), dom);
}
std::vector<TypedParameter> RemoteConnection::domainGetSchedulerParameters(const DomainRef& dom, int nparams,
                                                                           unsigned flags) {
    return callPreferringOld<wire::DOMAIN_GET_SCHEDULER_PARAMETERS, wire::DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS>(
        client(), dom, nparams, flags);
}
void RemoteConnection::domainSetSchedulerParameters(const DomainRef& dom, const std::vector<TypedParameter>& params,
                                                    unsigned flags) {
    callPreferringOld<wire::DOMAIN_SET_SCHEDULER_PARAMETERS, wire::DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS>(
        client(), dom, params, flags);
}

void RemoteConnection::domainAttachDevice(const DomainRef& dom, const std::string& xml, unsigned flags) {
    call<wire::DOMAIN_ATTACH_DEVICE_FLAGS>(client(), dom, xml, flags);
}
void RemoteConnection::domainDetachDevice(const DomainRef& dom, const std::string& xml, unsigned flags) {
    call<wire::DOMAIN_DETACH_DEVICE_FLAGS>(client(), dom, xml, flags);
}
void RemoteConnection::domainUpdateDevice(const DomainRef& dom, const std::string& xml, unsigned flags) {
    call<wire::DOMAIN_UPDATE_DEVICE_FLAGS>(client(), dom, xml, flags);
}

// ---- snapshots ---------------------------------------------------------------

DomainSnapshotRef RemoteConnection::snapshotCreateXml(const DomainRef& dom, const std::string& xml, unsigned flags) {
    return call<wire::DOMAIN_SNAPSHOT_CREATE_XML>(client(), dom, xml, flags);
}
std::vector<DomainSnapshotRef> RemoteConnection::snapshotListAll(const DomainRef& dom, unsigned flags) {
    return call<wire::DOMAIN_LIST_ALL_SNAPSHOTS>(client(), dom, flags);
}
int RemoteConnection::snapshotNum(const DomainRef& dom, unsigned flags) {
    return call<wire::DOMAIN_SNAPSHOT_NUM>(client(), dom, flags);
}
DomainSnapshotRef RemoteConnection::snapshotLookupByName(const DomainRef& dom, const std::string& name, unsigned flags) {
    return call<wire::DOMAIN_SNAPSHOT_LOOKUP_BY_NAME>(client(), dom, name, flags);
}
std::string RemoteConnection::snapshotGetXmlDesc(const DomainSnapshotRef& snap, unsigned flags) {
    return call<wire::DOMAIN_SNAPSHOT_GET_XML_DESC>(client(), snap, flags);
}
bool RemoteConnection::snapshotHasCurrent(const DomainRef& dom, unsigned flags) {
    return call<wire::DOMAIN_HAS_CURRENT_SNAPSHOT>(client(), dom, flags);
}
DomainSnapshotRef RemoteConnection::snapshotCurrent(const DomainRef& dom, unsigned flags) {
    return call<wire::DOMAIN_SNAPSHOT_CURRENT>(client(), dom, flags);
}
DomainSnapshotRef RemoteConnection::snapshotGetParent(const DomainSnapshotRef& snap, unsigned flags) {
    return call<wire::DOMAIN_SNAPSHOT_GET_PARENT>(client(), snap, flags);
}
std::vector<DomainSnapshotRef> RemoteConnection::snapshotListChildren(const DomainSnapshotRef& snap, unsigned flags) {
    return call<wire::DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN>(client(), snap, flags);
}
int RemoteConnection::snapshotNumChildren(const DomainSnapshotRef& snap, unsigned flags) {
    return call<wire::DOMAIN_SNAPSHOT_NUM_CHILDREN>(client(), snap, flags);
}
bool RemoteConnection::snapshotIsCurrent(const DomainSnapshotRef& snap, unsigned flags) {
    return call<wire::DOMAIN_SNAPSHOT_IS_CURRENT>(client(), snap, flags);
}
bool RemoteConnection::snapshotHasMetadata(const DomainSnapshotRef& snap, unsigned flags) {
    return call<wire::DOMAIN_SNAPSHOT_HAS_METADATA>(client(), snap, flags);
}
void RemoteConnection::snapshotRevert(const DomainSnapshotRef& snap, unsigned flags) {
    call<wire::DOMAIN_REVERT_TO_SNAPSHOT>(client(), snap, flags);
}
void RemoteConnection::snapshotDelete(const DomainSnapshotRef& snap, unsigned flags) {
    call<wire::DOMAIN_SNAPSHOT_DELETE>(client(), snap, flags);
}

// ---- events ------------------------------------------------------------------

int RemoteConnection::domainEventRegister(const std::optional<DomainRef>& dom, int eventId,
                                          driver::DomainEventCallback callback) {
    if (!eventCallbacks_)
        driver::unsupported("virConnectDomainEventRegisterAny", ErrorDomain::Remote);
    std::optional<wire::DomainRef> filter;
    if (dom)
        filter = toWire<wire::DomainRef>(*dom);
    int wireId = client_->call<wire::CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY>({eventId, filter}).callbackID;
    auto entry = std::make_shared<Callback>(Callback{nextLocalCallbackId++, std::move(callback)});
    std::lock_guard lock(eventsMutex_);
    callbacks_[wireId] = entry;
    return entry->localId;
}

void RemoteConnection::domainEventDeregister(int callbackId) {
    int wireId = -1;
    {
        std::lock_guard lock(eventsMutex_);
        for (auto it = callbacks_.begin(); it != callbacks_.end(); ++it)
            if (it->second->localId == callbackId) {
                wireId = it->first;
                callbacks_.erase(it);
                break;
            }
    }
    if (wireId < 0)
        fail(ErrorCode::InvalidArg, ErrorDomain::Remote, "could not find event callback {} for deletion", callbackId);
    client_->call<wire::CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY>({wireId});
}

// ---- networks ----------------------------------------------------------------

NetworkRef RemoteConnection::networkLookupByName(const std::string& name) {
    return call<wire::NETWORK_LOOKUP_BY_NAME>(client(), name);
}
NetworkRef RemoteConnection::networkLookupByUuid(const Uuid& uuid) {
    return call<wire::NETWORK_LOOKUP_BY_UUID>(client(), uuid);
}
std::vector<NetworkRef> RemoteConnection::listAllNetworks(unsigned flags) {
    return call<wire::CONNECT_LIST_ALL_NETWORKS>(client(), flags);
}
NetworkRef RemoteConnection::networkDefineXml(const std::string& xml, unsigned flags) {
    return callPreferringOld<wire::NETWORK_DEFINE_XML, wire::NETWORK_DEFINE_XML_FLAGS>(client(), xml, flags);
}
NetworkRef RemoteConnection::networkCreateXml(const std::string& xml, unsigned flags) {
    return callPreferringOld<wire::NETWORK_CREATE_XML, wire::NETWORK_CREATE_XML_FLAGS>(client(), xml, flags);
}
void RemoteConnection::networkUndefine(const NetworkRef& net) { call<wire::NETWORK_UNDEFINE>(client(), net); }
void RemoteConnection::networkCreate(const NetworkRef& net) { call<wire::NETWORK_CREATE>(client(), net); }
void RemoteConnection::networkDestroy(const NetworkRef& net) { call<wire::NETWORK_DESTROY>(client(), net); }
std::string RemoteConnection::networkGetXmlDesc(const NetworkRef& net, unsigned flags) {
    return call<wire::NETWORK_GET_XML_DESC>(client(), net, flags);
}
std::string RemoteConnection::networkGetBridgeName(const NetworkRef& net) {
    return call<wire::NETWORK_GET_BRIDGE_NAME>(client(), net);
}
bool RemoteConnection::networkGetAutostart(const NetworkRef& net) {
    return call<wire::NETWORK_GET_AUTOSTART>(client(), net);
}
void RemoteConnection::networkSetAutostart(const NetworkRef& net, bool autostart) {
    call<wire::NETWORK_SET_AUTOSTART>(client(), net, autostart);
}
bool RemoteConnection::networkIsActive(const NetworkRef& net) { return call<wire::NETWORK_IS_ACTIVE>(client(), net); }
bool RemoteConnection::networkIsPersistent(const NetworkRef& net) {
    return call<wire::NETWORK_IS_PERSISTENT>(client(), net);
}

// ---- storage -----------------------------------------------------------------

StoragePoolRef RemoteConnection::poolLookupByName(const std::string& name) {
    return call<wire::STORAGE_POOL_LOOKUP_BY_NAME>(client(), name);
}
StoragePoolRef RemoteConnection::poolLookupByUuid(const Uuid& uuid) {
    return call<wire::STORAGE_POOL_LOOKUP_BY_UUID>(client(), uuid);
}
StoragePoolRef RemoteConnection::poolLookupByVolume(const StorageVolRef& vol) {
    return call<wire::STORAGE_POOL_LOOKUP_BY_VOLUME>(client(), vol);
}
std::vector<StoragePoolRef> RemoteConnection::listAllPools(unsigned flags) {
    return call<wire::CONNECT_LIST_ALL_STORAGE_POOLS>(client(), flags);
}
StoragePoolRef RemoteConnection::poolDefineXml(const std::string& xml, unsigned flags) {
    return call<wire::STORAGE_POOL_DEFINE_XML>(client(), xml, flags);
}
StoragePoolRef RemoteConnection::poolCreateXml(const std::string& xml, unsigned flags) {
    return call<wire::STORAGE_POOL_CREATE_XML>(client(), xml, flags);
}
void RemoteConnection::poolUndefine(const StoragePoolRef& pool) { call<wire::STORAGE_POOL_UNDEFINE>(client(), pool); }
void RemoteConnection::poolCreate(const StoragePoolRef& pool, unsigned flags) {
    call<wire::STORAGE_POOL_CREATE>(client(), pool, flags);
}
void RemoteConnection::poolBuild(const StoragePoolRef& pool, unsigned flags) {
    call<wire::STORAGE_POOL_BUILD>(client(), pool, flags);
}
void RemoteConnection::poolDestroy(const StoragePoolRef& pool) { call<wire::STORAGE_POOL_DESTROY>(client(), pool); }
void RemoteConnection::poolDelete(const StoragePoolRef& pool, unsigned flags) {
    call<wire::STORAGE_POOL_DELETE>(client(), pool, flags);
}
void RemoteConnection::poolRefresh(const StoragePoolRef& pool, unsigned flags) {
    call<wire::STORAGE_POOL_REFRESH>(client(), pool, flags);
}
StoragePoolInfo RemoteConnection::poolGetInfo(const StoragePoolRef& pool) {
    return call<wire::STORAGE_POOL_GET_INFO>(client(), pool);
}
std::string RemoteConnection::poolGetXmlDesc(const StoragePoolRef& pool, unsigned flags) {
    return call<wire::STORAGE_POOL_GET_XML_DESC>(client(), pool, flags);
}
bool RemoteConnection::poolGetAutostart(const StoragePoolRef& pool) {
    return call<wire::STORAGE_POOL_GET_AUTOSTART>(client(), pool);
}
void RemoteConnection::poolSetAutostart(const StoragePoolRef& pool, bool autostart) {
    call<wire::STORAGE_POOL_SET_AUTOSTART>(client(), pool, autostart);
}
bool RemoteConnection::poolIsActive(const StoragePoolRef& pool) {
    return call<wire::STORAGE_POOL_IS_ACTIVE>(client(), pool);
}
bool RemoteConnection::poolIsPersistent(const StoragePoolRef& pool) {
    return call<wire::STORAGE_POOL_IS_PERSISTENT>(client(), pool);
}
std::vector<StorageVolRef> RemoteConnection::poolListAllVolumes(const StoragePoolRef& pool, unsigned flags) {
    return call<wire::STORAGE_POOL_LIST_ALL_VOLUMES>(client(), pool, flags);
}
int RemoteConnection::poolNumOfVolumes(const StoragePoolRef& pool) {
    return call<wire::STORAGE_POOL_NUM_OF_VOLUMES>(client(), pool);
}
StorageVolRef RemoteConnection::volLookupByName(const StoragePoolRef& pool, const std::string& name) {
    return call<wire::STORAGE_VOL_LOOKUP_BY_NAME>(client(), pool, name);
}
StorageVolRef RemoteConnection::volLookupByKey(const std::string& key) {
    return call<wire::STORAGE_VOL_LOOKUP_BY_KEY>(client(), key);
}
StorageVolRef RemoteConnection::volLookupByPath(const std::string& path) {
    return call<wire::STORAGE_VOL_LOOKUP_BY_PATH>(client(), path);
}
StorageVolRef RemoteConnection::volCreateXml(const StoragePoolRef& pool, const std::string& xml, unsigned flags) {
    return call<wire::STORAGE_VOL_CREATE_XML>(client(), pool, xml, flags);
}
StorageVolRef RemoteConnection::volCreateXmlFrom(const StoragePoolRef& pool, const std::string& xml,
                                                 const StorageVolRef& from, unsigned flags) {
    return call<wire::STORAGE_VOL_CREATE_XML_FROM>(client(), pool, xml, from, flags);
}
void RemoteConnection::volDelete(const StorageVolRef& vol, unsigned flags) {
    call<wire::STORAGE_VOL_DELETE>(client(), vol, flags);
}
void RemoteConnection::volWipe(const StorageVolRef& vol, unsigned flags) {
    call<wire::STORAGE_VOL_WIPE>(client(), vol, flags);
}
void RemoteConnection::volResize(const StorageVolRef& vol, uint64_t capacity, unsigned flags) {
    call<wire::STORAGE_VOL_RESIZE>(client(), vol, capacity, flags);
}
StorageVolInfo RemoteConnection::volGetInfo(const StorageVolRef& vol) {
    return call<wire::STORAGE_VOL_GET_INFO>(client(), vol);
}
std::string RemoteConnection::volGetXmlDesc(const StorageVolRef& vol, unsigned flags) {
    return call<wire::STORAGE_VOL_GET_XML_DESC>(client(), vol, flags);
}
std::string RemoteConnection::volGetPath(const StorageVolRef& vol) {
    return call<wire::STORAGE_VOL_GET_PATH>(client(), vol);
}

}  // namespace cvirt::drivers::remote
