#pragma once
// A domain handle (libvirt's virDomainPtr): a reference plus the connection.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "driver/types.hpp"

namespace cvirt {

class Connection;
class DomainSnapshot;
class Stream;
namespace detail {
struct ConnectionState;
}

class Domain {
public:
    const std::string& name() const { return ref_.name; }
    const Uuid& uuid() const { return ref_.uuid; }
    int id() const { return ref_.id; }
    const DomainRef& ref() const { return ref_; }
    Connection connection() const;

    // Lifecycle (mutating: refused on read-only connections)
    void create(unsigned flags = 0);  // start; refreshes id()
    void destroy(unsigned flags = 0);
    void shutdown(unsigned flags = 0);
    void reboot(unsigned flags = 0);
    void reset(unsigned flags = 0);
    void suspend();
    void resume();
    void undefine(unsigned flags = 0);
    void save(const std::string& to, const std::optional<std::string>& dxml = std::nullopt, unsigned flags = 0);
    void managedSave(unsigned flags = 0);
    void managedSaveRemove(unsigned flags = 0);
    void setAutostart(bool autostart);
    void setMemory(uint64_t kib, unsigned flags = 0);  // virDomainSetMemoryFlags
    void setVcpus(unsigned count, unsigned flags = 0);
    void pinVcpu(unsigned vcpu, const std::vector<uint8_t>& cpumap, unsigned flags = 0);
    void pinEmulator(const std::vector<uint8_t>& cpumap, unsigned flags = 0);
    // virDomainSetSchedulerParameters(Flags)
    void setSchedulerParameters(const std::vector<TypedParameter>& params, unsigned flags = 0);
    void attachDevice(const std::string& xml, unsigned flags = 0);
    void detachDevice(const std::string& xml, unsigned flags = 0);
    void updateDevice(const std::string& xml, unsigned flags = 0);
    void setMetadata(int type, const std::optional<std::string>& metadata, const std::optional<std::string>& key,
                     const std::optional<std::string>& uri, unsigned flags = 0);
    void abortJob();
    // Connects `stream` to the guest's console, or to the serial, parallel
    // or console device whose alias is `devname`. flags::kConsoleForce
    // takes over a console another stream holds; kConsoleSafe asks for
    // exclusive access, which is always given.
    void openConsole(const std::optional<std::string>& devname, Stream& stream, unsigned flags = 0);

    // Queries
    DomainInfo info() const;
    std::pair<DomainState, int> state(unsigned flags = 0) const;
    std::string xmlDesc(unsigned flags = 0) const;
    std::string osType() const;
    uint64_t maxMemory() const;
    int maxVcpus() const;
    int vcpusFlags(unsigned flags) const;
    VcpuPinning vcpus(int maxinfo, int maplen) const;
    std::vector<std::vector<uint8_t>> vcpuPinInfo(int ncpumaps, int maplen, unsigned flags = 0) const;
    std::vector<uint8_t> emulatorPinInfo(int maplen, unsigned flags = 0) const;
    SchedulerType schedulerType() const;
    // virDomainGetSchedulerParameters(Flags): at most `nparams` of them.
    std::vector<TypedParameter> schedulerParameters(int nparams, unsigned flags = 0) const;
    bool isActive() const;
    bool isPersistent() const;
    bool isUpdated() const;
    bool autostart() const;
    bool hasManagedSaveImage(unsigned flags = 0) const;
    std::string hostname(unsigned flags = 0) const;
    SecurityLabel securityLabel() const;
    std::vector<std::string> messages(unsigned flags = 0) const;
    DomainJobInfo jobInfo() const;
    std::string metadata(int type, const std::optional<std::string>& uri, unsigned flags = 0) const;

    // Snapshots
    DomainSnapshot createSnapshot(const std::string& xml, unsigned flags = 0);
    std::vector<DomainSnapshot> listAllSnapshots(unsigned flags = 0) const;
    int snapshotCount(unsigned flags = 0) const;
    DomainSnapshot lookupSnapshotByName(const std::string& name, unsigned flags = 0) const;
    bool hasCurrentSnapshot(unsigned flags = 0) const;
    DomainSnapshot currentSnapshot(unsigned flags = 0) const;

private:
    friend class Connection;
    friend class DomainSnapshot;
    Domain(std::shared_ptr<detail::ConnectionState> state, DomainRef ref)
        : state_(std::move(state)), ref_(std::move(ref)) {}
    std::shared_ptr<detail::ConnectionState> state_;
    DomainRef ref_;
};

class DomainSnapshot {
public:
    const std::string& name() const { return ref_.name; }
    Domain domain() const;
    const DomainSnapshotRef& ref() const { return ref_; }
    std::string xmlDesc(unsigned flags = 0) const;
    DomainSnapshot parent(unsigned flags = 0) const;
    std::vector<DomainSnapshot> listAllChildren(unsigned flags = 0) const;
    int childCount(unsigned flags = 0) const;
    bool isCurrent(unsigned flags = 0) const;
    bool hasMetadata(unsigned flags = 0) const;
    void revert(unsigned flags = 0);
    void remove(unsigned flags = 0);  // virDomainSnapshotDelete

private:
    friend class Domain;
    DomainSnapshot(std::shared_ptr<detail::ConnectionState> state, DomainSnapshotRef ref)
        : state_(std::move(state)), ref_(std::move(ref)) {}
    std::shared_ptr<detail::ConnectionState> state_;
    DomainSnapshotRef ref_;
};

}  // namespace cvirt
