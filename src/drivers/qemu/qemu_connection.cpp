// The QEMU driver behind the driver interface.
#include <unistd.h>

#include <algorithm>

#include "drivers/qemu/qemu_driver.hpp"
#include "util/error.hpp"
#include "util/log.hpp"

namespace cvirt::qemu {
namespace {

class QemuConnection : public driver::Connection {
public:
    explicit QemuConnection(std::shared_ptr<QemuDriver> d) : d_(std::move(d)) {}
    ~QemuConnection() override {
        // Callbacks registered through this connection end with it.
        for (int id : callbacks_) {
            try {
                d_->events().remove(id);
            } catch (const Error&) {
            }
        }
    }

    std::string getType() override { return "QEMU"; }
    uint64_t getVersion() override { return d_->version(); }
    std::string getHostname() override {
        char buf[256] = {};
        ::gethostname(buf, sizeof buf - 1);
        return buf;
    }
    std::string getUri() override { return d_->uri(); }
    std::string getCapabilities() override { return d_->capabilitiesXml(); }
    int getMaxVcpus(const std::optional<std::string>&) override { return 255; }
    NodeInfo nodeGetInfo() override { return d_->nodeInfo(); }
    std::string domainXmlToNative(const std::string& format, const std::string& xml, unsigned flags) override {
        if (flags)
            fail(ErrorCode::InvalidArg, ErrorDomain::Qemu,
                 "unsupported flags (0x{:x}) in function qemuConnectDomainXMLToNative", flags);
        if (format != "qemu-argv")
            fail(ErrorCode::InvalidArg, ErrorDomain::Qemu, "unsupported config type {}", format);
        return d_->nativeCommandLine(xml);
    }

    DomainRef domainLookupByName(const std::string& name) override { return d_->lookupByName(name); }
    DomainRef domainLookupByUuid(const Uuid& uuid) override { return d_->lookupByUuid(uuid); }
    DomainRef domainLookupById(int id) override { return d_->lookupById(id); }
    std::vector<DomainRef> listAllDomains(unsigned flags) override { return d_->listAll(flags); }
    DomainRef domainDefineXml(const std::string& xml, unsigned flags) override { return d_->define(xml, flags); }
    DomainRef domainCreateXml(const std::string& xml, unsigned flags) override { return d_->createXml(xml, flags); }
    void domainUndefine(const DomainRef& ref, unsigned flags) override { d_->undefine(ref, flags); }

    void domainCreate(const DomainRef& ref, unsigned flags) override { d_->start(ref, flags); }
    void domainDestroy(const DomainRef& ref, unsigned flags) override { d_->destroy(ref, flags); }
    void domainShutdown(const DomainRef& ref, unsigned flags) override { d_->shutdown(ref, flags); }
    void domainReboot(const DomainRef& ref, unsigned flags) override { d_->reboot(ref, flags); }
    void domainReset(const DomainRef& ref, unsigned flags) override { d_->reset(ref, flags); }
    void domainSuspend(const DomainRef& ref) override { d_->suspend(ref); }
    void domainResume(const DomainRef& ref) override { d_->resume(ref); }
    bool domainHasManagedSaveImage(const DomainRef& ref, unsigned) override {
        d_->find(ref);
        return false;
    }
    void domainOpenConsole(const DomainRef& ref, const std::optional<std::string>& devname,
                           const std::shared_ptr<driver::Stream>& stream, unsigned flags) override {
        d_->openConsole(ref, devname, stream, flags);
    }
    bool domainGetAutostart(const DomainRef& ref) override { return d_->autostart(ref); }
    void domainSetAutostart(const DomainRef& ref, bool on) override { d_->setAutostart(ref, on); }

    DomainInfo domainGetInfo(const DomainRef& ref) override { return d_->info(ref); }
    driver::DomainStateReason domainGetState(const DomainRef& ref, unsigned) override { return d_->state(ref); }
    std::string domainGetXmlDesc(const DomainRef& ref, unsigned flags) override { return d_->xmlDesc(ref, flags); }
    std::string domainGetOsType(const DomainRef& ref) override { return d_->osType(ref); }
    uint64_t domainGetMaxMemory(const DomainRef& ref) override { return d_->maxMemory(ref); }
    bool domainIsActive(const DomainRef& ref) override { return d_->state(ref).state != DomainState::Shutoff; }
    bool domainIsPersistent(const DomainRef& ref) override { return d_->isPersistent(ref); }
    bool domainIsUpdated(const DomainRef& ref) override {
        d_->find(ref);
        return false;
    }

    void domainSetMemoryFlags(const DomainRef& ref, uint64_t kib, unsigned flags) override {
        d_->setMemory(ref, kib, flags);
    }
    void domainSetVcpusFlags(const DomainRef& ref, unsigned n, unsigned flags) override { d_->setVcpus(ref, n, flags); }
    int domainGetVcpusFlags(const DomainRef& ref, unsigned flags) override { return d_->vcpusFlags(ref, flags); }
    VcpuPinning domainGetVcpus(const DomainRef& ref, int maxinfo, int maplen) override {
        return d_->vcpus(ref, maxinfo, maplen);
    }
    void domainPinVcpuFlags(const DomainRef& ref, unsigned vcpu, const std::vector<uint8_t>& map, unsigned flags) override {
        d_->pinVcpu(ref, vcpu, map, flags);
    }
    std::vector<std::vector<uint8_t>> domainGetVcpuPinInfo(const DomainRef& ref, int n, int maplen,
                                                           unsigned flags) override {
        return d_->vcpuPinInfo(ref, n, maplen, flags);
    }
    void domainPinEmulator(const DomainRef& ref, const std::vector<uint8_t>& map, unsigned flags) override {
        d_->pinEmulator(ref, map, flags);
    }
    std::vector<uint8_t> domainGetEmulatorPinInfo(const DomainRef& ref, int maplen, unsigned flags) override {
        return d_->emulatorPinInfo(ref, maplen, flags);
    }
    SchedulerType domainGetSchedulerType(const DomainRef& ref) override { return d_->schedulerType(ref); }
    std::vector<TypedParameter> domainGetSchedulerParameters(const DomainRef& ref, int nparams, unsigned flags) override {
        return d_->schedulerParameters(ref, nparams, flags);
    }
    void domainSetSchedulerParameters(const DomainRef& ref, const std::vector<TypedParameter>& params,
                                      unsigned flags) override {
        d_->setSchedulerParameters(ref, params, flags);
    }

    int domainEventRegister(const std::optional<DomainRef>& dom, int eventId, driver::DomainEventCallback cb) override {
        int id = d_->events().add(dom, eventId, std::move(cb));
        callbacks_.push_back(id);
        return id;
    }
    void domainEventDeregister(int id) override {
        auto it = std::find(callbacks_.begin(), callbacks_.end(), id);
        if (it == callbacks_.end())
            fail(ErrorCode::InvalidArg, ErrorDomain::None, "could not find event callback {} for deletion", id);
        callbacks_.erase(it);
        d_->events().remove(id);
    }

private:
    std::shared_ptr<QemuDriver> d_;
    std::vector<int> callbacks_;
};

}  // namespace

void registerQemuDriver(driver::Registry& registry) {
    registry.add("QEMU", [](const driver::OpenRequest& req) -> std::unique_ptr<driver::Connection> {
        const auto& uri = req.uri;
        if (uri.driver() != "qemu" || !uri.transport().empty() || !uri.host.empty())
            return nullptr;
        if (uri.path == "/embed") {
            auto root = uri.param("root");
            if (!root || root->empty() || root->front() != '/')
                fail(ErrorCode::InvalidArg, ErrorDomain::Qemu, "{}",
                     "root path must be absolute: qemu:///embed?root=/ABSOLUTE/DIR");
            return std::make_unique<QemuConnection>(QemuDriver::get(QemuDriver::Mode::Embed, *root));
        }
        // Outside the daemon, system and session URIs go to cvirtd.
        if (!req.inDaemon)
            return nullptr;
        if (uri.path == "/system") {
            if (::geteuid() != 0 && req.daemonRoot.empty())
                fail(ErrorCode::OperationInvalid, ErrorDomain::Qemu,
                     "unexpected QEMU URI path '/system', try qemu:///session");
            return std::make_unique<QemuConnection>(QemuDriver::get(QemuDriver::Mode::System, req.daemonRoot));
        }
        if (uri.path == "/session")
            return std::make_unique<QemuConnection>(QemuDriver::get(QemuDriver::Mode::Session, ""));
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "unexpected QEMU URI path '{}', try qemu:///system",
             uri.path);
    });
}

}  // namespace cvirt::qemu
