#pragma once
// The QEMU driver's state for one root (system, session or an embed root):
// its domains, their QEMU processes and monitors, the capabilities cache and
// the event bus. Connections to the same root share one QemuDriver.

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>

#include "driver/connection.hpp"
#include "driver/event_bus.hpp"
#include "driver/registry.hpp"
#include "drivers/qemu/caps/qemu_caps.hpp"
#include "drivers/qemu/domain_obj.hpp"
#include "drivers/qemu/monitor/qmp_client.hpp"
#include "drivers/qemu/paths.hpp"
#include "drivers/qemu/task_queue.hpp"

namespace cvirt::qemu {

class QemuDriver : public std::enable_shared_from_this<QemuDriver> {
public:
    enum class Mode { System, Session, Embed };

    // The driver for that root, created (and initialized: definitions
    // loaded, running guests re-attached, autostart run) on first use.
    static std::shared_ptr<QemuDriver> get(Mode mode, const std::string& root);
    QemuDriver(Mode mode, std::string root, QemuPaths paths);
    ~QemuDriver();

    const std::string& uri() const { return uri_; }
    const QemuPaths& paths() const { return paths_; }
    driver::DomainEventBus& events() { return events_; }
    // Capabilities of the default emulator for the host arch.
    std::shared_ptr<const QemuCaps> defaultCaps();

    // Host
    NodeInfo nodeInfo() const;
    uint64_t version();
    std::string capabilitiesXml();

    // Domains
    DomainObjPtr find(const DomainRef& ref) const;  // NO_DOMAIN when gone
    DomainRef lookupByName(const std::string& name) const;
    DomainRef lookupByUuid(const Uuid& uuid) const;
    DomainRef lookupById(int id) const;
    std::vector<DomainRef> listAll(unsigned flags) const;
    DomainRef define(const std::string& xml, unsigned flags);
    DomainRef createXml(const std::string& xml, unsigned flags);
    void undefine(const DomainRef& ref, unsigned flags);
    void start(const DomainRef& ref, unsigned flags);
    void destroy(const DomainRef& ref, unsigned flags);
    void shutdown(const DomainRef& ref, unsigned flags);
    void reboot(const DomainRef& ref, unsigned flags);
    void reset(const DomainRef& ref, unsigned flags);
    void suspend(const DomainRef& ref);
    void resume(const DomainRef& ref);
    bool autostart(const DomainRef& ref) const;
    void setAutostart(const DomainRef& ref, bool autostart);
    DomainInfo info(const DomainRef& ref) const;
    driver::DomainStateReason state(const DomainRef& ref) const;
    std::string xmlDesc(const DomainRef& ref, unsigned flags) const;
    std::string osType(const DomainRef& ref) const;
    uint64_t maxMemory(const DomainRef& ref) const;
    void setMemory(const DomainRef& ref, uint64_t kib, unsigned flags);
    int vcpusFlags(const DomainRef& ref, unsigned flags) const;
    void setVcpus(const DomainRef& ref, unsigned count, unsigned flags);
    VcpuPinning vcpus(const DomainRef& ref, int maxinfo, int maplen) const;
    void pinVcpu(const DomainRef& ref, unsigned vcpu, const std::vector<uint8_t>& cpumap, unsigned flags);
    std::vector<std::vector<uint8_t>> vcpuPinInfo(const DomainRef& ref, int ncpumaps, int maplen, unsigned flags) const;
    // Scheduler parameters and emulator pinning (qemu_tuning.cpp)
    SchedulerType schedulerType(const DomainRef& ref) const;
    std::vector<TypedParameter> schedulerParameters(const DomainRef& ref, int nparams, unsigned flags) const;
    void setSchedulerParameters(const DomainRef& ref, const std::vector<TypedParameter>& params, unsigned flags);
    void pinEmulator(const DomainRef& ref, const std::vector<uint8_t>& cpumap, unsigned flags);
    std::vector<uint8_t> emulatorPinInfo(const DomainRef& ref, int maplen, unsigned flags) const;
    bool isPersistent(const DomainRef& ref) const;
    // domxml-to-native: the command line QEMU would get.
    std::string nativeCommandLine(const std::string& xml);
    // Joins `stream` to a pty of the running guest (console.cpp).
    void openConsole(const DomainRef& ref, const std::optional<std::string>& devname,
                     const std::shared_ptr<driver::Stream>& stream, unsigned flags);

private:
    void initialize();
    void loadDefinitions();
    void reattach();
    void runAutostart();
    std::shared_ptr<const conf::domain::Domain> parse(const std::string& xml, bool inactive, bool validate);

    // Called with the domain's job held.
    void startLocked(const DomainObjPtr& obj, unsigned flags, bool autostarted);
    void stopLocked(const DomainObjPtr& obj, int shutoffReason, int stoppedDetail);
    void writeStatus(const DomainObjPtr& obj, bool autostarted = false);
    void watchMonitor(const DomainObjPtr& obj, const std::shared_ptr<QmpClient>& monitor);
    void onMonitorEvent(const std::weak_ptr<DomainObj>& weak, const QmpEvent& event);
    void onMonitorClosed(const std::weak_ptr<DomainObj>& weak);
    void applyOnPoweroff(const DomainObjPtr& obj);
    // `cont`, without turning QEMU's RESUME into a second event.
    void resumeCpus(const DomainObjPtr& obj, const std::shared_ptr<QmpClient>& monitor);
    void saveDefinition(const conf::domain::Domain& def);
    void emit(const DomainObjPtr& obj, int type, int detail);
    std::shared_ptr<QmpClient> monitorOf(const DomainObjPtr& obj) const;

    // CPU tuning over a guest's life (qemu_tuning.cpp). A privileged driver
    // (root, not session) uses cgroups and may tune CPU bandwidth.
    bool privileged() const;
    void checkTuningAllowed(const Domain& def) const;  // before QEMU starts
    void setupTuning(const DomainObjPtr& obj, const std::shared_ptr<QmpClient>& monitor);  // paused, before cont
    void attachTuning(const DomainObjPtr& obj);   // re-attached to a running guest
    void releaseTuning(const DomainObjPtr& obj);  // QEMU is gone
    void removeLeftoverCgroup(const Domain& live, int id);  // of a guest found dead
    void onBalloonChange(const DomainObjPtr& obj, const QmpEvent& event);
    // Copy-on-write changes of the running / the persistent definition.
    void changeLiveDef(const DomainObjPtr& obj, const std::function<void(Domain&)>& change);
    void changePersistentDef(const DomainObjPtr& obj, const std::function<void(Domain&)>& change);

    Mode mode_;
    std::string root_;
    QemuPaths paths_;
    std::string uri_;
    QemuCapsCache caps_;
    DomainList domains_;
    driver::DomainEventBus events_;
    std::atomic<int> nextId_{1};
    asio::io_context io_;
    asio::executor_work_guard<asio::io_context::executor_type> ioGuard_;
    std::thread ioThread_;
    TaskQueue tasks_;
};

// Accepts qemu:///system and qemu:///session inside cvirtd, and
// qemu:///embed?root=DIR everywhere.
void registerQemuDriver(driver::Registry& registry);

}  // namespace cvirt::qemu
