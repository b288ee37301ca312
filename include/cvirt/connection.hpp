#pragma once
// cvirt's public C++ API: RAII handles over a driver connection, the C++
// counterpart of libvirt's virConnect/virDomain/... calls.
//
//   auto conn = cvirt::Connection::open("test:///default");
//   for (auto& dom : conn.listAllDomains())
//       std::cout << dom.name() << " " << static_cast<int>(dom.info().state) << "\n";
//
// Failures throw cvirt::Error carrying libvirt's code and domain. Handles
// share ownership of their connection: it closes when the last handle goes.
// Handles are cheap to copy; a Connection may be used from several threads.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "driver/types.hpp"
#include "util/error.hpp"

namespace cvirt {

namespace driver {
class Connection;
class Registry;
}  // namespace driver

class Domain;
class Stream;
class Network;
class StoragePool;
class StorageVolume;

namespace detail {
struct ConnectionState;
}

class Connection {
public:
    // Opens `uri`; an empty one means the default URI (CVIRT_DEFAULT_URI,
    // LIBVIRT_DEFAULT_URI, then uri_default in cvirt.conf). Aliases from
    // cvirt.conf's uri_aliases are resolved first. `flags` are
    // flags::kConnectReadOnly / kConnectNoAliases.
    static Connection open(std::string_view uri = {}, unsigned flags = 0);
    static Connection openReadOnly(std::string_view uri = {});
    // Inside cvirtd: opens with the daemon's driver set (local hypervisor
    // drivers serve qemu:///system).
    static Connection openInDaemon(std::string_view uri, unsigned flags);

    bool readOnly() const;
    // The URI this connection was opened with, after alias resolution.
    std::string uri() const;

    std::string type() const;
    uint64_t version() const;
    std::string hostname() const;
    std::string capabilities() const;
    std::string sysinfo(unsigned flags = 0) const;
    int maxVcpus(const std::optional<std::string>& type = std::nullopt) const;
    std::string domainCapabilities(const std::optional<std::string>& emulator,
                                   const std::optional<std::string>& arch,
                                   const std::optional<std::string>& machine,
                                   const std::optional<std::string>& virttype, unsigned flags = 0) const;
    NodeInfo nodeInfo() const;
    uint64_t nodeFreeMemory() const;
    std::vector<uint64_t> nodeCellsFreeMemory(int start, int max) const;
    SecurityModel nodeSecurityModel() const;
    NodeCpuMap nodeCpuMap(bool needMap, bool needOnline, unsigned flags = 0) const;
    bool isSecure() const;
    bool isEncrypted() const;
    bool isAlive() const;

    // Domains
    Domain lookupDomainByName(const std::string& name) const;
    Domain lookupDomainByUuid(const Uuid& uuid) const;
    Domain lookupDomainByUuidString(const std::string& uuid) const;
    Domain lookupDomainById(int id) const;
    std::vector<Domain> listAllDomains(unsigned flags = 0) const;
    Domain defineDomain(const std::string& xml, unsigned flags = 0) const;
    Domain createDomain(const std::string& xml, unsigned flags = 0) const;
    void restoreDomain(const std::string& from, const std::optional<std::string>& dxml = std::nullopt,
                       unsigned flags = 0) const;
    // A handle for a reference received from elsewhere (the daemon gets
    // them off the wire); no lookup is made.
    Domain domain(const DomainRef& ref) const;
    // The command line the hypervisor would run for `xml`
    // (virConnectDomainXMLToNative; QEMU's format is "qemu-argv").
    std::string domainXmlToNative(const std::string& format, const std::string& xml, unsigned flags = 0) const;

    // An unbound stream for a call that opens one (Domain::openConsole);
    // flags::kStreamNonBlock makes recv() return instead of waiting.
    Stream newStream(unsigned flags = 0) const;

    // Events: `callback` runs on a driver thread; keep it short.
    using DomainEventCallback = std::function<void(const DomainEvent&)>;
    int registerDomainEvent(const std::optional<Domain>& domain, int eventId, DomainEventCallback callback) const;
    void deregisterDomainEvent(int callbackId) const;

    // Networks
    Network lookupNetworkByName(const std::string& name) const;
    Network lookupNetworkByUuid(const Uuid& uuid) const;
    std::vector<Network> listAllNetworks(unsigned flags = 0) const;
    Network defineNetwork(const std::string& xml, unsigned flags = 0) const;
    Network createNetwork(const std::string& xml, unsigned flags = 0) const;
    Network network(const NetworkRef& ref) const;

    // Storage
    StoragePool lookupStoragePoolByName(const std::string& name) const;
    StoragePool lookupStoragePoolByUuid(const Uuid& uuid) const;
    std::vector<StoragePool> listAllStoragePools(unsigned flags = 0) const;
    StoragePool defineStoragePool(const std::string& xml, unsigned flags = 0) const;
    StoragePool createStoragePool(const std::string& xml, unsigned flags = 0) const;
    StorageVolume lookupStorageVolumeByKey(const std::string& key) const;
    StorageVolume lookupStorageVolumeByPath(const std::string& path) const;
    StoragePool storagePool(const StoragePoolRef& ref) const;
    StorageVolume storageVolume(const StorageVolRef& ref) const;

    // The driver behind this connection (for the daemon's dispatch).
    driver::Connection& driver() const;

private:
    friend class Domain;
    friend class Network;
    friend class StoragePool;
    friend class StorageVolume;
    friend class DomainSnapshot;
    friend class Stream;
    explicit Connection(std::shared_ptr<detail::ConnectionState> state) : state_(std::move(state)) {}
    std::shared_ptr<detail::ConnectionState> state_;
};

}  // namespace cvirt

#include "cvirt/domain.hpp"
#include "cvirt/network.hpp"
#include "cvirt/storage.hpp"
#include "cvirt/stream.hpp"
