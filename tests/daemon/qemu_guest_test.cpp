// A real guest under cvirtd, driven by Debian's virsh and by our cvirsh over
// the daemon's socket: the seed's example domain adapted to boot the tiny
// test guest (scripts/build-test-guest) boots to its init and powers off on
// `virsh shutdown`; start/suspend/resume/destroy give libvirt's state
// reasons and lifecycle events; bad definitions and starts fail with
// libvirt's errors and leave no QEMU and an unchanged definition behind.
// TCG throughout: 64-bit guest kernels hang under nested KVM here.

#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <functional>
#include <set>
#include <thread>

#include "cvirt/connection.hpp"
#include "daemon/cvirtd_process.hpp"
#include "util/error.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace cvirt::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kQemu = "/usr/bin/qemu-system-x86_64";
constexpr const char* kVirsh = "/usr/bin/virsh";
constexpr const char* kName = "centos7u2-1";

// The kernel and initrd: $CVIRT_TEST_GUEST_DIR, else <build>/test-guest,
// built there by scripts/build-test-guest when missing.
std::string guestDir() {
    if (const char* dir = std::getenv("CVIRT_TEST_GUEST_DIR"))
        return dir;
    std::string dir = binPath("../test-guest");
    if (!fileExists(dir + "/vmlinuz") || !fileExists(dir + "/initrd.img"))
        run(Command{.argv = {CVIRT_TEST_SOURCE_DIR "/scripts/build-test-guest", dir}});
    return dir;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void replaceOnce(std::string& s, const std::string& from, const std::string& to) {
    auto at = s.find(from);
    ASSERT_NE(at, std::string::npos) << "no " << from;
    s.replace(at, from.size(), to);
}

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
    for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size())
        s.replace(at, from.size(), to);
}

// The machine='...' value, whatever the daemon expanded "pc" to.
std::string withMachine(std::string xml, const std::string& machine) {
    auto at = xml.find("machine='");
    if (at != std::string::npos)
        xml.replace(at + 9, xml.find('\'', at + 9) - at - 9, machine);
    return xml;
}

// Everything up to and including `end` from the first `begin` removed.
void cut(std::string& s, const std::string& begin, const std::string& end) {
    auto from = s.find(begin);
    ASSERT_NE(from, std::string::npos) << "no " << begin;
    auto to = s.find(end, from);
    ASSERT_NE(to, std::string::npos) << "no " << end;
    s.erase(from, to + end.size() - from);
}

// QEMU processes whose command line names `root`: the test's guests, found
// without the daemon's help, and killed when the test ends whatever happened.
struct GuestReaper {
    std::string root;
    std::set<pid_t> find() const {
        std::set<pid_t> pids;
        if (root.empty())
            return pids;
        for (const auto& entry : listDirectory("/proc")) {
            auto pid = parseInt<pid_t>(entry);
            if (!pid)
                continue;
            std::string cmdline;
            try {
                cmdline = readFile("/proc/" + entry + "/cmdline");
            } catch (const Error&) {
                continue;
            }
            if (cmdline.rfind(kQemu, 0) == 0 && cmdline.find(root) != std::string::npos)
                pids.insert(*pid);
        }
        return pids;
    }
    ~GuestReaper() {
        for (pid_t pid : find())
            ::kill(pid, SIGKILL);
    }
};

struct Output {
    int code;
    std::string out, err;
};

class QemuGuest : public ::testing::Test {
protected:
    void SetUp() override {
        if (::access(kQemu, X_OK) != 0 || ::access(kVirsh, X_OK) != 0)
            GTEST_SKIP() << "needs " << kQemu << " and " << kVirsh;
        guest_ = guestDir();
        if (!fileExists(guest_ + "/vmlinuz"))
            GTEST_SKIP() << "no test guest in " << guest_ << " (scripts/build-test-guest)";
        daemon_ = std::make_unique<CvirtdProcess>();
        reaper_.root = daemon_->root();
        uri_ = "qemu+unix:///system?socket=" + daemon_->socket();
        images_ = daemon_->root() + "/images";
        makeDirectories(images_, 0755);
        auto r = run(Command{.argv = {"qemu-img", "create", "-q", "-f", "qcow2", images_ + "/centos7u2.qcow2", "16M"}});
        ASSERT_EQ(r.status.code(), 0) << r.err;
    }

    void TearDown() override {
        // Guests go before the daemon that watches them.
        for (pid_t pid : reaper_.find())
            ::kill(pid, SIGKILL);
    }

    // The seed's example domain (tests/data/qemu/argv) booting the test
    // guest: kernel and initrd instead of a boot disk, its serial console
    // in a file, TCG, no NIC (that needs a bridge), a smaller memory.
    std::string seedXml() {
        std::string xml = readText(dataPath("qemu/argv/seed-centos7.xml"));
        replaceOnce(xml, "<domain type='kvm'>", "<domain type='qemu'>");
        replaceAll(xml, "@IMAGES@", images_);
        replaceAll(xml, "@CHANNELS@", images_);
        replaceOnce(xml, "<memory unit='KiB'>2097152</memory>", "<memory unit='KiB'>262144</memory>");
        replaceOnce(xml, "<currentMemory unit='KiB'>2097152</currentMemory>",
                    "<currentMemory unit='KiB'>262144</currentMemory>");
        replaceOnce(xml, "<boot dev='hd'/>",
                    "<kernel>" + guest_ + "/vmlinuz</kernel><initrd>" + guest_ +
                        "/initrd.img</initrd><cmdline>console=ttyS0 panic=-1</cmdline>");
        cut(xml, "<boot dev='cdrom'/>", "/>");
        // TCG has no Haswell features to offer.
        replaceOnce(xml, "Haswell-noTSX", "qemu64");
        cut(xml, "<interface type='bridge'>", "</interface>");
        cut(xml, "<serial type='pty'>", "</console>");
        replaceOnce(xml, "<channel type='unix'>",
                    "<serial type='file'><source path='" + console() +
                        "'/><target port='0'/></serial><channel type='unix'>");
        return xml;
    }
    std::string console() const { return daemon_->root() + "/console.log"; }

    Output runTool(const std::string& program, const std::vector<std::string>& args) {
        Command c;
        c.argv = {"timeout", "120", program, "-c", uri_};
        c.argv.insert(c.argv.end(), args.begin(), args.end());
        auto r = run(c);
        return {r.status.code(), r.out, r.err};
    }
    Output virsh(const std::vector<std::string>& args) { return runTool(kVirsh, args); }
    Output cvirsh(const std::vector<std::string>& args) { return runTool(binPath("cvirsh"), args); }

    // `virsh domstate --reason`, trimmed.
    std::string domstate(const std::string& name = kName) { return std::string(trim(virsh({"domstate", "--reason", name}).out)); }

    bool waitFor(const std::function<bool()>& done, std::chrono::seconds timeout) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (!done()) {
            if (std::chrono::steady_clock::now() > deadline)
                return false;
            std::this_thread::sleep_for(200ms);
        }
        return true;
    }

    void defineSeed() {
        std::string path = daemon_->root() + "/seed.xml";
        writeFileAtomic(path, seedXml());
        auto r = virsh({"define", path});
        ASSERT_EQ(r.code, 0) << r.err;
        EXPECT_NE(r.out.find("Domain '" + std::string(kName) + "' defined from"), std::string::npos) << r.out;
    }

    std::string daemonLog() { return daemon_->output(); }

    GuestReaper reaper_;
    std::unique_ptr<CvirtdProcess> daemon_;
    std::string guest_, uri_, images_;
};

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
