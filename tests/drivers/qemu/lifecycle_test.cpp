// The QEMU driver's lifecycle against real QEMU processes, in an embed root.
#include <gtest/gtest.h>

#include <signal.h>

#include <mutex>
#include <thread>

#include "driver/registry.hpp"
#include "drivers/qemu/caps/qemu_caps.hpp"
#include "drivers/qemu/qemu_driver.hpp"
#include "support/test_support.hpp"
#include "util/error.hpp"
#include "util/files.hpp"

using namespace cvirt;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<driver::Connection> openEmbed(const std::string& root) {
    driver::Registry registry;
    qemu::registerQemuDriver(registry);
    driver::OpenRequest req;
    req.uriText = "qemu:///embed?root=" + root;
    req.uri = conf::Uri::parse(req.uriText);
    return registry.open(req);
}

std::string minimalXml(const std::string& name) {
    return "<domain type='" + std::string(qemu::kvmUsable() ? "kvm" : "qemu") + "'><name>" + name +
           "</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>"
           "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices></domain>";
}

struct EventLog {
    std::mutex mutex;
    std::vector<std::pair<int, int>> events;
    void add(const DomainEvent& e) {
        std::lock_guard lock(mutex);
        events.emplace_back(e.event, e.detail);
    }
    std::vector<std::pair<int, int>> get() {
        std::lock_guard lock(mutex);
        return events;
    }
};

}  // namespace

TEST(QemuLifecycle, DefineStartSuspendResumeDestroyUndefine) {
    test::TempDir root;
    auto conn = openEmbed(root.path());
    EventLog log;
    int cb = conn->domainEventRegister(std::nullopt, event::kLifecycle, [&](const DomainEvent& e) { log.add(e); });

    auto ref = conn->domainDefineXml(minimalXml("vm1"), 0);
    EXPECT_EQ(ref.id, -1);
    EXPECT_TRUE(fileExists(root.path() + "/etc/cvirt/qemu/vm1.xml"));
    EXPECT_EQ(conn->domainGetState(ref, 0).state, DomainState::Shutoff);

    conn->domainCreate(ref, 0);
    auto running = conn->domainLookupByName("vm1");
    EXPECT_GE(running.id, 1);
    auto st = conn->domainGetState(running, 0);
    EXPECT_EQ(st.state, DomainState::Running);
    EXPECT_EQ(st.reason, reason::kBooted);
    EXPECT_TRUE(fileExists(root.path() + "/run/cvirt/qemu/vm1.xml"));
    EXPECT_TRUE(fileExists(root.path() + "/var/log/cvirt/qemu/vm1.log"));
    try {
        conn->domainCreate(running, 0);
        ADD_FAILURE() << "second start accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::OperationInvalid);
        EXPECT_EQ(e.message(), "Requested operation is not valid: domain is already running");
    }

    conn->domainSuspend(running);
    EXPECT_EQ(conn->domainGetState(running, 0).state, DomainState::Paused);
    EXPECT_EQ(conn->domainGetState(running, 0).reason, reason::kUser);
    conn->domainResume(running);
    EXPECT_EQ(conn->domainGetState(running, 0).state, DomainState::Running);
    EXPECT_EQ(conn->domainGetState(running, 0).reason, reason::kUnpaused);

    conn->domainDestroy(running, 0);
    st = conn->domainGetState(running, 0);
    EXPECT_EQ(st.state, DomainState::Shutoff);
    EXPECT_EQ(st.reason, reason::kDestroyed);
    EXPECT_FALSE(fileExists(root.path() + "/run/cvirt/qemu/vm1.xml"));
    try {
        conn->domainDestroy(running, 0);
        ADD_FAILURE() << "destroy of a stopped domain accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::OperationInvalid);
        EXPECT_EQ(e.message(), "Requested operation is not valid: domain is not running");
    }
    conn->domainUndefine(running, 0);
    EXPECT_THROW(conn->domainLookupByName("vm1"), Error);
    EXPECT_FALSE(fileExists(root.path() + "/etc/cvirt/qemu/vm1.xml"));

    std::this_thread::sleep_for(100ms);
    using P = std::pair<int, int>;
    // libvirtd 9's sequence: the first 'cont' is reported as a resume before
    // the start, and QEMU treats destroy's SIGTERM as a host shutdown.
    EXPECT_EQ(log.get(), (std::vector<P>{P{event::kDefined, event::kDefinedAdded},
                                        P{event::kResumed, event::kResumedUnpaused},
                                        P{event::kStarted, event::kStartedBooted},
                                        P{event::kSuspended, event::kSuspendedPaused},
                                        P{event::kResumed, event::kResumedUnpaused},
                                        P{event::kShutdown, event::kShutdownHost},
                                        P{event::kStopped, event::kStoppedDestroyed},
                                        P{event::kUndefined, event::kUndefinedRemoved}}));
    conn->domainEventDeregister(cb);
}

TEST(QemuLifecycle, QemuKilledBehindOurBackIsReportedCrashed) {
    test::TempDir root;
    auto conn = openEmbed(root.path());
    auto ref = conn->domainCreateXml(minimalXml("transient1"), 0);
    std::string status = readFile(root.path() + "/run/cvirt/qemu/transient1.xml");
    auto pidPos = status.find("pid='");
    pid_t pid = std::stoi(status.substr(pidPos + 5));
    ::kill(pid, SIGKILL);
    // A transient domain disappears once its QEMU is gone.
    for (int i = 0; i < 1000; ++i) {
        try {
            conn->domainLookupByName("transient1");
        } catch (const Error&) {
            break;
        }
        std::this_thread::sleep_for(20ms);
    }
    EXPECT_THROW(conn->domainLookupByName("transient1"), Error);
    EXPECT_FALSE(fileExists(root.path() + "/run/cvirt/qemu/transient1.xml"));
}

TEST(QemuLifecycle, BadInputLeavesNothingBehind) {
    test::TempDir root;
    auto conn = openEmbed(root.path());
    std::string xml = minimalXml("bad1");
    xml.replace(xml.find("/usr/bin/qemu-system-x86_64"), 27, "/nonexistent/qemu");
    // As in libvirt, the emulator is probed when the definition is parsed.
    try {
        conn->domainDefineXml(xml, 0);
        ADD_FAILURE() << "defined with a missing emulator";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::SystemError);
        EXPECT_NE(e.message().find("/nonexistent/qemu"), std::string::npos) << e.message();
    }
    EXPECT_THROW(conn->domainLookupByName("bad1"), Error);
    EXPECT_TRUE(listDirectory(root.path() + "/etc/cvirt/qemu").empty() ||
                !fileExists(root.path() + "/etc/cvirt/qemu/bad1.xml"));
    EXPECT_TRUE(listDirectory(root.path() + "/run/cvirt/qemu").empty());
}

TEST(QemuLifecycle, NewDriverReattachesToRunningGuests) {
    test::TempDir root;
    std::vector<int> ids;
    {
        auto conn = openEmbed(root.path());
        for (auto name : {"a", "b", "c"}) {
            auto ref = conn->domainDefineXml(minimalXml(name), 0);
            conn->domainCreate(ref, 0);
            ids.push_back(conn->domainLookupByName(name).id);
        }
        // The last connection goes: the driver closes its monitors, the
        // guests keep running.
    }
    std::string status = readFile(root.path() + "/run/cvirt/qemu/c.xml");
    pid_t pidC = std::stoi(status.substr(status.find("pid='") + 5));
    ::kill(pidC, SIGKILL);  // c dies while nobody watches
    for (int i = 0; i < 500 && ::kill(pidC, 0) == 0; ++i)
        std::this_thread::sleep_for(20ms);

    auto conn = openEmbed(root.path());
    auto a = conn->domainLookupByName("a");
    auto b = conn->domainLookupByName("b");
    EXPECT_EQ(a.id, ids[0]);
    EXPECT_EQ(b.id, ids[1]);
    EXPECT_EQ(conn->domainGetState(a, 0).state, DomainState::Running);
    auto c = conn->domainLookupByName("c");
    EXPECT_EQ(c.id, -1);
    EXPECT_EQ(conn->domainGetState(c, 0).state, DomainState::Shutoff);
    EXPECT_FALSE(fileExists(root.path() + "/run/cvirt/qemu/c.xml"));
    // Still managed: suspend over the new monitor, then destroy.
    conn->domainSuspend(a);
    EXPECT_EQ(conn->domainGetState(a, 0).state, DomainState::Paused);
    conn->domainDestroy(a, 0);
    conn->domainDestroy(b, 0);
    // New ids continue after the re-attached ones.
    conn->domainCreate(c, 0);
    EXPECT_GT(conn->domainLookupByName("c").id, ids[1]);
    conn->domainDestroy(conn->domainLookupByName("c"), 0);
    EXPECT_TRUE(listDirectory(root.path() + "/run/cvirt/qemu", ".xml").empty());
}
