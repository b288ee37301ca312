// Restart safety: cvirtd is killed with SIGKILL while three QEMU guests run;
// a new cvirtd on the same --root finds them running with their ids, and
// destroys them. Real QEMU (KVM when /dev/kvm opens, TCG otherwise).

#include <gtest/gtest.h>

#include <signal.h>

#include <map>
#include <set>
#include <thread>

#include "cvirt/connection.hpp"
#include "daemon/cvirtd_process.hpp"
#include "drivers/qemu/caps/qemu_caps.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace cvirt::test {
namespace {

using namespace std::chrono_literals;

std::string guestXml(const std::string& name) {
    return "<domain type='" + std::string(qemu::kvmUsable() ? "kvm" : "qemu") + "'><name>" + name +
           "</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>"
           "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices></domain>";
}

// The QEMU pids the status files name, killed when the test ends whatever
// happened, so no guest outlives it.
struct GuestReaper {
    std::string stateDir;
    std::set<pid_t> pids;
    void collect() {
        for (const auto& file : listDirectory(stateDir, ".xml")) {
            std::string status = readFile(stateDir + "/" + file);
            auto at = status.find("pid='");
            if (at != std::string::npos)
                if (auto pid = parseInt<pid_t>(status.substr(at + 5, status.find('\'', at + 5) - at - 5)))
                    pids.insert(*pid);
        }
    }
    ~GuestReaper() {
        for (pid_t pid : pids)
            ::kill(pid, SIGKILL);
    }
};

TEST(CvirtdQemu, GuestsSurviveAKilledDaemon) {
    ASSERT_TRUE(fileExists("/usr/bin/qemu-system-x86_64"));
    auto first = std::make_unique<CvirtdProcess>();
    std::string root = first->root();
    GuestReaper reaper{root + "/run/cvirt/qemu", {}};
    std::string uri = "qemu+unix:///system?socket=" + first->socket();
    std::map<std::string, int> ids;
    {
        auto conn = Connection::open(uri);
        for (auto name : {"g1", "g2", "g3"}) {
            auto dom = conn.defineDomain(guestXml(name));
            dom.create();
            ids[name] = dom.id();
            EXPECT_GT(dom.id(), 0);
        }
        reaper.collect();
        ASSERT_EQ(reaper.pids.size(), 3u);
    }

    // Take the root over before the old daemon's files could be cleaned up:
    // SIGKILL leaves pid file, sockets and status files behind.
    pid_t old = first->pid();
    ::kill(old, SIGKILL);
    first->process().wait();
    for (pid_t pid : reaper.pids)
        EXPECT_EQ(::kill(pid, 0), 0) << "guest " << pid << " died with the daemon";

    // A new daemon on the same root (a fresh temp dir would not do: reuse it).
    Command c;
    c.argv = {binPath("cvirtd"), "--root", root};
    c.out = Stdio{Stdio::File{root + "/second.out", true}};
    c.err = Stdio{Stdio::File{root + "/second.out", true}};
    Process second = Process::spawn(c);
    std::string socket = root + "/run/cvirt/libvirt-sock";
    auto deadline = std::chrono::steady_clock::now() + 60s;
    while (!socketAnswers(socket) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(50ms);
    ASSERT_TRUE(socketAnswers(socket)) << readFile(root + "/second.out");

    auto conn = Connection::open("qemu+unix:///system?socket=" + socket);
    auto running = conn.listAllDomains(flags::kListActive);
    ASSERT_EQ(running.size(), 3u) << readFile(root + "/second.out");
    for (auto& dom : running) {
        EXPECT_EQ(dom.id(), ids[dom.name()]) << dom.name();
        EXPECT_EQ(dom.state().first, DomainState::Running) << dom.name();
        dom.destroy();
    }
    EXPECT_TRUE(conn.listAllDomains(flags::kListActive).empty());
    for (pid_t pid : reaper.pids) {
        bool gone = false;
        for (int i = 0; i < 200 && !gone; ++i) {
            gone = ::kill(pid, 0) != 0;
            std::this_thread::sleep_for(50ms);
        }
        EXPECT_TRUE(gone) << "guest " << pid << " still runs after destroy";
    }
    second.signal(SIGTERM);
    EXPECT_TRUE(second.waitFor(20s));
    // `first` (already dead) goes with the temp dir at the end of the scope.
}

}  // namespace
}  // namespace cvirt::test
