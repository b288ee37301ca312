#include <unistd.h>

#include <cstdlib>

#include "api/connection_state.hpp"
#include "api/drivers.hpp"
#include "conf/client_config.hpp"
#include "conf/uri.hpp"
#include "cvirt/connection.hpp"
#include "util/files.hpp"

namespace cvirt {
namespace {

using detail::ConnectionState;

// The URI to open: aliases and the default URI resolved as libvirt does.
std::string resolveUri(std::string_view requested, unsigned flags) {
    conf::EnvLookup env = [](const char* name) { return std::getenv(name); };
    std::optional<conf::ConfFile> config;
    std::string path = conf::clientConfigPath(::geteuid() == 0, env);
    if (fileExists(path))
        config = conf::ConfFile::read(path);
    std::optional<std::string_view> want;
    if (!requested.empty())
        want = requested;
    const conf::ConfFile* aliases = (flags & flags::kConnectNoAliases) ? nullptr : (config ? &*config : nullptr);
    auto uri = conf::resolveConnectUri(want, aliases, env);
    if (!uri)
        throw Error(ErrorCode::NoConnect, ErrorDomain::None, "no URI given and no default URI configured");
    return *uri;
}

std::shared_ptr<ConnectionState> openState(std::string_view requested, unsigned flags, bool inDaemon) {
    auto state = std::make_shared<ConnectionState>();
    state->uri = inDaemon ? std::string(requested) : resolveUri(requested, flags);
    state->flags = flags;
    driver::OpenRequest request;
    request.uriText = state->uri;
    request.uri = conf::Uri::parse(state->uri);
    request.flags = flags;
    request.inDaemon = inDaemon;
    if (inDaemon)
        request.daemonRoot = api::daemonRoot();
    state->driver = api::registry().open(request);
    return state;
}

}  // namespace

Connection Connection::open(std::string_view uri, unsigned flags) {
    return Connection(openState(uri, flags, false));
}

Connection Connection::openReadOnly(std::string_view uri) {
    return open(uri, flags::kConnectReadOnly);
}

Connection Connection::openInDaemon(std::string_view uri, unsigned flags) {
    return Connection(openState(uri, flags, true));
}

bool Connection::readOnly() const { return state_->readOnly(); }
std::string Connection::uri() const { return state_->uri; }
driver::Connection& Connection::driver() const { return *state_->driver; }

std::string Connection::type() const { return state_->driver->getType(); }
uint64_t Connection::version() const { return state_->driver->getVersion(); }
std::string Connection::hostname() const { return state_->driver->getHostname(); }
std::string Connection::capabilities() const { return state_->driver->getCapabilities(); }
std::string Connection::sysinfo(unsigned flags) const { return state_->driver->getSysinfo(flags); }
int Connection::maxVcpus(const std::optional<std::string>& type) const { return state_->driver->getMaxVcpus(type); }
std::string Connection::domainCapabilities(const std::optional<std::string>& emulator,
                                           const std::optional<std::string>& arch,
                                           const std::optional<std::string>& machine,
                                           const std::optional<std::string>& virttype, unsigned flags) const {
    return state_->driver->getDomainCapabilities(emulator, arch, machine, virttype, flags);
}
NodeInfo Connection::nodeInfo() const { return state_->driver->nodeGetInfo(); }
uint64_t Connection::nodeFreeMemory() const { return state_->driver->nodeGetFreeMemory(); }
std::vector<uint64_t> Connection::nodeCellsFreeMemory(int start, int max) const {
    return state_->driver->nodeGetCellsFreeMemory(start, max);
}
SecurityModel Connection::nodeSecurityModel() const { return state_->driver->nodeGetSecurityModel(); }
NodeCpuMap Connection::nodeCpuMap(bool needMap, bool needOnline, unsigned flags) const {
    return state_->driver->nodeGetCpuMap(needMap, needOnline, flags);
}
bool Connection::isSecure() const { return state_->driver->isSecure(); }
bool Connection::isEncrypted() const { return state_->driver->isEncrypted(); }
bool Connection::isAlive() const { return state_->driver->isAlive(); }

Domain Connection::domain(const DomainRef& ref) const { return Domain(state_, ref); }
std::string Connection::domainXmlToNative(const std::string& format, const std::string& xml, unsigned flags) const {
    return state_->mutating("virConnectDomainXMLToNative", ErrorDomain::Domain).domainXmlToNative(format, xml, flags);
}
Domain Connection::lookupDomainByName(const std::string& name) const {
    return domain(state_->driver->domainLookupByName(name));
}
Domain Connection::lookupDomainByUuid(const Uuid& uuid) const {
    return domain(state_->driver->domainLookupByUuid(uuid));
}
Domain Connection::lookupDomainByUuidString(const std::string& text) const {
    auto uuid = Uuid::parse(text);
    if (!uuid)
        throw Error(ErrorCode::InvalidArg, ErrorDomain::Domain, "uuidstr");
    return lookupDomainByUuid(*uuid);
}
Domain Connection::lookupDomainById(int id) const { return domain(state_->driver->domainLookupById(id)); }
std::vector<Domain> Connection::listAllDomains(unsigned flags) const {
    std::vector<Domain> out;
    for (auto& ref : state_->driver->listAllDomains(flags))
        out.push_back(domain(ref));
    return out;
}
Domain Connection::defineDomain(const std::string& xml, unsigned flags) const {
    const char* api = flags ? "virDomainDefineXMLFlags" : "virDomainDefineXML";
    return domain(state_->mutating(api, ErrorDomain::Domain).domainDefineXml(xml, flags));
}
Domain Connection::createDomain(const std::string& xml, unsigned flags) const {
    return domain(state_->mutating("virDomainCreateXML", ErrorDomain::Domain).domainCreateXml(xml, flags));
}
void Connection::restoreDomain(const std::string& from, const std::optional<std::string>& dxml,
                               unsigned flags) const {
    const char* api = flags || dxml ? "virDomainRestoreFlags" : "virDomainRestore";
    state_->mutating(api, ErrorDomain::Domain).domainRestore(from, dxml, flags);
}

int Connection::registerDomainEvent(const std::optional<Domain>& dom, int eventId,
                                    DomainEventCallback callback) const {
    std::optional<DomainRef> ref;
    if (dom)
        ref = dom->ref();
    return state_->driver->domainEventRegister(ref, eventId, std::move(callback));
}
void Connection::deregisterDomainEvent(int callbackId) const { state_->driver->domainEventDeregister(callbackId); }

Network Connection::network(const NetworkRef& ref) const { return Network(state_, ref); }
Network Connection::lookupNetworkByName(const std::string& name) const {
    return network(state_->driver->networkLookupByName(name));
}
Network Connection::lookupNetworkByUuid(const Uuid& uuid) const {
    return network(state_->driver->networkLookupByUuid(uuid));
}
std::vector<Network> Connection::listAllNetworks(unsigned flags) const {
    std::vector<Network> out;
    for (auto& ref : state_->driver->listAllNetworks(flags))
        out.push_back(network(ref));
    return out;
}
Network Connection::defineNetwork(const std::string& xml, unsigned flags) const {
    const char* api = flags ? "virNetworkDefineXMLFlags" : "virNetworkDefineXML";
    return network(state_->mutating(api, ErrorDomain::Network).networkDefineXml(xml, flags));
}
Network Connection::createNetwork(const std::string& xml, unsigned flags) const {
    const char* api = flags ? "virNetworkCreateXMLFlags" : "virNetworkCreateXML";
    return network(state_->mutating(api, ErrorDomain::Network).networkCreateXml(xml, flags));
}

StoragePool Connection::storagePool(const StoragePoolRef& ref) const { return StoragePool(state_, ref); }
StorageVolume Connection::storageVolume(const StorageVolRef& ref) const { return StorageVolume(state_, ref); }
StoragePool Connection::lookupStoragePoolByName(const std::string& name) const {
    return storagePool(state_->driver->poolLookupByName(name));
}
StoragePool Connection::lookupStoragePoolByUuid(const Uuid& uuid) const {
    return storagePool(state_->driver->poolLookupByUuid(uuid));
}
std::vector<StoragePool> Connection::listAllStoragePools(unsigned flags) const {
    std::vector<StoragePool> out;
    for (auto& ref : state_->driver->listAllPools(flags))
        out.push_back(storagePool(ref));
    return out;
}
StoragePool Connection::defineStoragePool(const std::string& xml, unsigned flags) const {
    return storagePool(state_->mutating("virStoragePoolDefineXML", ErrorDomain::Storage).poolDefineXml(xml, flags));
}
StoragePool Connection::createStoragePool(const std::string& xml, unsigned flags) const {
    return storagePool(state_->mutating("virStoragePoolCreateXML", ErrorDomain::Storage).poolCreateXml(xml, flags));
}
StorageVolume Connection::lookupStorageVolumeByKey(const std::string& key) const {
    return storageVolume(state_->driver->volLookupByKey(key));
}
StorageVolume Connection::lookupStorageVolumeByPath(const std::string& path) const {
    return storageVolume(state_->driver->volLookupByPath(path));
}

}  // namespace cvirt
