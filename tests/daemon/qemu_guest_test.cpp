// A real guest under cvirtd, driven by Debian's virsh and by our cvirsh over
// the daemon's socket: the seed's example domain adapted to boot the tiny
// test guest (scripts/build-test-guest) boots to its init and powers off on
// `virsh shutdown`; start/suspend/resume/destroy give libvirt's state
// reasons and lifecycle events; bad definitions and starts fail with
// libvirt's errors and leave no QEMU and an unchanged definition behind.
// TCG throughout: 64-bit guest kernels hang under nested KVM here.

#include <gtest/gtest.h>

#include <signal.h>

#include <functional>
#include <thread>

#include "cvirt/connection.hpp"
#include "daemon/qemu_guest_fixture.hpp"
#include "util/error.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace cvirt::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kName = kGuestName;

// `virsh event --all --loop` in the background, its output in a file.
class EventWatcher {
public:
    EventWatcher(const std::string& uri, const std::string& file) : file_(file) {
        Command c;
        c.argv = {kVirsh, "-c", uri, "event", "--all", "--loop", "--timeout", "300"};
        c.out = Stdio{Stdio::File{file, true}};
        c.err = Stdio{Stdio::File{file, true}};
        process_ = Process::spawn(c);
        // virsh registers its callbacks after connecting; give it that time.
        std::this_thread::sleep_for(1s);
    }
    ~EventWatcher() {
        process_.signal(SIGINT);
        if (!process_.waitFor(5s))
            process_.signal(SIGKILL);
    }
    std::string text() const { return fileExists(file_) ? readFile(file_) : std::string(); }
    // True once `lines` appear in this order.
    bool saw(const std::vector<std::string>& lines) const {
        std::string t = text();
        size_t at = 0;
        for (const auto& line : lines) {
            at = t.find(line, at);
            if (at == std::string::npos)
                return false;
            at += line.size();
        }
        return true;
    }

private:
    std::string file_;
    Process process_;
};

TEST_F(QemuGuest, SeedDomainBootsAndShutsDown) {
    defineSeed();
    EventWatcher events(uri_, daemon_->root() + "/events.txt");
    EXPECT_EQ(domstate(), "shut off (unknown)");
    auto r = virsh({"start", kName});
    ASSERT_EQ(r.code, 0) << r.err << daemonLog();
    EXPECT_EQ(trim(r.out), "Domain '" + std::string(kName) + "' started");
    EXPECT_EQ(domstate(), "running (booted)");
    EXPECT_EQ(reaper_.find().size(), 1u);

    bool ready = waitFor([&] { return fileExists(console()) && contains(readFile(console()), "CVIRT-GUEST-READY"); },
                         180s);
    ASSERT_TRUE(ready) << "console:\n" << (fileExists(console()) ? readFile(console()) : "") << daemonLog();

    r = virsh({"shutdown", kName});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(trim(r.out), "Domain '" + std::string(kName) + "' is being shutdown");
    EXPECT_TRUE(waitFor([&] { return domstate() == "shut off (shutdown)"; }, 120s)) << domstate();
    std::string prefix = "event 'lifecycle' for domain '" + std::string(kName) + "': ";
    EXPECT_TRUE(waitFor(
        [&] {
            return events.saw({prefix + "Started Booted\n", prefix + "Shutdown Finished after guest request\n",
                               prefix + "Stopped Shutdown\n"});
        },
        20s))
        << events.text();
    EXPECT_TRUE(waitFor([&] { return reaper_.find().empty(); }, 20s)) << "QEMU still runs after the shutdown";
}

// The same four transitions through each client; the events are those
// virsh prints for libvirt 9's QEMU driver, which reports the first "cont"
// as a resume before the start, and QEMU's SIGTERM shutdown before a
// destroy's stop.
TEST_F(QemuGuest, StateTransitionsAndEvents) {
    defineSeed();
    for (bool ours : {false, true}) {
        SCOPED_TRACE(ours ? "cvirsh" : "virsh");
        EventWatcher events(uri_, daemon_->root() + (ours ? "/events-cvirsh.txt" : "/events-virsh.txt"));
        auto tool = [&](const std::vector<std::string>& args) { return ours ? cvirsh(args) : virsh(args); };
        auto state = [&] { return std::string(trim(tool({"domstate", "--reason", kName}).out)); };
        struct Step {
            const char* command;
            const char* said;
            const char* state;
        };
        for (auto step : {Step{"start", "started", "running (booted)"}, Step{"suspend", "suspended", "paused (user)"},
                          Step{"resume", "resumed", "running (unpaused)"},
                          Step{"destroy", "destroyed", "shut off (destroyed)"}}) {
            auto r = tool({step.command, kName});
            ASSERT_EQ(r.code, 0) << step.command << ": " << r.err << daemonLog();
            EXPECT_EQ(trim(r.out), "Domain '" + std::string(kName) + "' " + step.said);
            EXPECT_EQ(state(), step.state) << "after " << step.command;
        }
        EXPECT_TRUE(reaper_.find().empty());
        std::string prefix = "event 'lifecycle' for domain '" + std::string(kName) + "': ";
        EXPECT_TRUE(waitFor(
            [&] {
                return events.saw({prefix + "Resumed Unpaused\n", prefix + "Started Booted\n",
                                   prefix + "Suspended Paused\n", prefix + "Resumed Unpaused\n",
                                   prefix + "Shutdown Finished after host request\n",
                                   prefix + "Stopped Destroyed\n"});
            },
            20s))
            << events.text();
    }
}

// Each bad input: a libvirt error through the API and virsh, no QEMU left,
// the persistent definition unchanged.
TEST_F(QemuGuest, BadInputIsRefusedCleanly) {
    defineSeed();
    auto conn = Connection::open(uri_);
    std::string before = conn.lookupDomainByName(kName).xmlDesc(flags::kXmlInactive);
    auto expectError = [&](const std::function<void()>& call, ErrorCode code, const std::string& message) {
        try {
            call();
            ADD_FAILURE() << "no error; expected: " << message;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), code) << e.message();
            EXPECT_TRUE(contains(e.message(), message)) << e.message();
        }
        EXPECT_TRUE(reaper_.find().empty()) << "QEMU left running after: " << message;
    };
    auto variant = [&](const std::string& from, const std::string& to) {
        std::string xml = before;
        replaceOnce(xml, from, to);
        return xml;
    };

    // An emulator that does not exist: refused at define.
    expectError([&] { conn.defineDomain(variant(kQemu, "/nonexistent/qemu-kvm")); }, ErrorCode::SystemError,
                "Cannot check QEMU binary /nonexistent/qemu-kvm: No such file or directory");
    // A machine type QEMU lacks (RHEL's, as the seed has it): refused at define.
    expectError([&] { conn.defineDomain(withMachine(before, "pc-i440fx-rhel7.0.0")); },
                ErrorCode::ConfigUnsupported,
                "Emulator '" + std::string(kQemu) + "' does not support machine type 'pc-i440fx-rhel7.0.0'");
    std::string path = daemon_->root() + "/bad.xml";
    writeFileAtomic(path, withMachine(before, "pc-i440fx-rhel7.0.0"));
    auto r = virsh({"define", path});
    EXPECT_NE(r.code, 0);
    EXPECT_TRUE(contains(r.err, "error: unsupported configuration: Emulator")) << r.err;
    EXPECT_EQ(conn.lookupDomainByName(kName).xmlDesc(flags::kXmlInactive), before);

    // A disk image that does not exist: start refused before QEMU runs.
    removeFile(images_ + "/centos7u2.qcow2");
    std::string missing = images_ + "/centos7u2.qcow2";
    expectError([&] { conn.lookupDomainByName(kName).create(); }, ErrorCode::SystemError,
                "Cannot access storage file '" + missing + "'");
    r = virsh({"start", kName});
    EXPECT_NE(r.code, 0);
    EXPECT_TRUE(contains(r.err, "error: Failed to start domain '" + std::string(kName) + "'")) << r.err;
    EXPECT_TRUE(contains(r.err, "error: Cannot access storage file '" + missing + "'")) << r.err;
    EXPECT_EQ(domstate(), "shut off (failed)");
    EXPECT_EQ(conn.lookupDomainByName(kName).xmlDesc(flags::kXmlInactive), before);

    // A second start of a running domain.
    auto img = run(Command{.argv = {"qemu-img", "create", "-q", "-f", "qcow2", missing, "16M"}});
    ASSERT_EQ(img.status.code(), 0) << img.err;
    auto dom = conn.lookupDomainByName(kName);
    dom.create();
    ASSERT_EQ(reaper_.find().size(), 1u);
    try {
        dom.create();
        ADD_FAILURE() << "a second start succeeded";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::OperationInvalid);
        EXPECT_EQ(e.message(), "Requested operation is not valid: domain is already running");
    }
    // Debian's virsh asks first and refuses by itself; ours goes to the daemon.
    r = virsh({"start", kName});
    EXPECT_NE(r.code, 0);
    EXPECT_TRUE(contains(r.err, "already active")) << r.err;
    EXPECT_EQ(domstate(), "running (booted)");
    EXPECT_EQ(reaper_.find().size(), 1u);
    dom.destroy();
    EXPECT_TRUE(reaper_.find().empty());
    EXPECT_EQ(conn.lookupDomainByName(kName).xmlDesc(flags::kXmlInactive), before);
}

}  // namespace
}  // namespace cvirt::test
