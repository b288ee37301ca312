// qemu:///session: cvirsh finds no per-user daemon, starts one
// (cvirtd --timeout=120 --session, beside cvirsh in the build tree) on
// $XDG_RUNTIME_DIR/cvirt/libvirt-sock, and the guest lives under the
// user's XDG directories. Run as root with HOME and XDG_* in a temp dir,
// and, where runuser and the nobody user allow it, as nobody (TCG, no
// cgroups). Every daemon and QEMU started is gone at the end.

#include <gtest/gtest.h>

#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <optional>
#include <set>
#include <thread>

#include "daemon/cvirtd_process.hpp"
#include "util/error.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace cvirt::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kQemu = "/usr/bin/qemu-system-x86_64";
constexpr const char* kName = "sess";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string procFile(pid_t pid, const char* what) {
    try {
        std::string text = readFile(fmt::format("/proc/{}/{}", pid, what));
        for (char& c : text)
            if (c == '\0')
                c = ' ';
        return text;
    } catch (const Error&) {
        return {};
    }
}

// Processes whose command line or environment mention `marker`.
std::set<pid_t> processesMentioning(const std::string& marker) {
    std::set<pid_t> out;
    for (const auto& entry : listDirectory("/proc")) {
        auto pid = parseInt<pid_t>(entry);
        if (!pid || *pid == ::getpid())
            continue;
        if (contains(procFile(*pid, "cmdline"), marker) || contains(procFile(*pid, "environ"), marker))
            out.insert(*pid);
    }
    return out;
}

// One user's session: a home with the XDG directories, and cvirsh run in it.
class Session {
public:
    Session(const std::string& home, std::optional<std::string> user) : home_(home), user_(std::move(user)) {}

    const std::string& home() const { return home_; }
    std::string runtimeDir() const { return home_ + "/run"; }
    std::string socket() const { return runtimeDir() + "/cvirt/libvirt-sock"; }

    RunResult cvirsh(const std::vector<std::string>& args) const {
        Command c;
        if (user_)
            c.argv = {"runuser", "-u", *user_, "--"};
        c.argv.insert(c.argv.end(), {"timeout", "120", binPath("cvirsh"), "-c", "qemu:///session"});
        c.argv.insert(c.argv.end(), args.begin(), args.end());
        // Only what a user's login would give: no LIBVIRT_*/CVIRT_* from ours.
        c.env = std::vector<std::string>{"PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                                         "HOME=" + home_,
                                         "XDG_RUNTIME_DIR=" + runtimeDir(),
                                         "XDG_CONFIG_HOME=" + home_ + "/.config",
                                         "XDG_CACHE_HOME=" + home_ + "/.cache",
                                         "LANG=C"};
        return run(c);
    }

    // The session daemon, from its pid file.
    std::optional<pid_t> daemonPid() const { return PidFile::readLive(runtimeDir() + "/cvirt/cvirtd.pid"); }

    // Everything this session started, killed.
    void reap() const {
        for (int round = 0; round < 50; ++round) {
            auto left = processesMentioning(home_);
            if (left.empty())
                return;
            for (pid_t pid : left)
                ::kill(pid, round < 10 ? SIGTERM : SIGKILL);
            std::this_thread::sleep_for(100ms);
        }
    }

private:
    std::string home_;
    std::optional<std::string> user_;
};

// define, start, list, destroy, undefine; then the daemon is stopped and
// nothing of the session runs any more.
void runGuestThroughSession(const Session& s, const std::string& xmlPath) {
    auto r = s.cvirsh({"define", xmlPath});
    ASSERT_EQ(r.status.code(), 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "Domain 'sess' defined from")) << r.out;

    // The first call started the user's daemon on the session socket.
    struct stat st {};
    EXPECT_EQ(::stat(s.socket().c_str(), &st), 0) << s.socket();
    EXPECT_TRUE(S_ISSOCK(st.st_mode));
    auto daemon = s.daemonPid();
    ASSERT_TRUE(daemon);
    std::string cmdline = procFile(*daemon, "cmdline");
    EXPECT_TRUE(contains(cmdline, "cvirtd --timeout=120 --session")) << cmdline;

    r = s.cvirsh({"start", kName});
    ASSERT_EQ(r.status.code(), 0) << r.out << r.err;
    r = s.cvirsh({"list"});
    ASSERT_EQ(r.status.code(), 0) << r.err;
    EXPECT_TRUE(contains(r.out, " 1    sess   running")) << r.out;
    r = s.cvirsh({"dominfo", kName});
    EXPECT_TRUE(contains(r.out, "State:          running")) << r.out;
    // Pinning works without cgroups; CPU bandwidth needs them (libvirt's
    // session-mode refusal).
    int guests = 0;
    for (pid_t pid : processesMentioning(s.home())) {
        if (procFile(pid, "cmdline").rfind(kQemu, 0) == 0) {
            ++guests;
            EXPECT_TRUE(contains(procFile(pid, "status"), "Cpus_allowed_list:\t0\n")) << procFile(pid, "status");
        }
    }
    EXPECT_EQ(guests, 1);
    r = s.cvirsh({"schedinfo", kName});
    EXPECT_NE(r.status.code(), 0);
    EXPECT_EQ(r.out, "Scheduler      : Unknown\n\n");
    EXPECT_TRUE(contains(r.err, "Operation not supported: CPU tuning is not available in session mode")) << r.err;
    // The same daemon served every call.
    EXPECT_EQ(s.daemonPid(), daemon);

    r = s.cvirsh({"destroy", kName});
    ASSERT_EQ(r.status.code(), 0) << r.out << r.err;
    r = s.cvirsh({"undefine", kName});
    EXPECT_EQ(r.status.code(), 0) << r.err;

    // It would leave after 120 idle seconds; the test does not wait.
    ASSERT_EQ(::kill(*daemon, SIGTERM), 0);
    for (int i = 0; i < 200 && ::kill(*daemon, 0) == 0; ++i)
        std::this_thread::sleep_for(50ms);
    EXPECT_NE(::kill(*daemon, 0), 0) << "the session daemon is still running";
}

class QemuSession : public ::testing::Test {
protected:
    void SetUp() override {
        if (::access(kQemu, X_OK) != 0)
            GTEST_SKIP() << "needs " << kQemu;
        ::chmod(dir_.path().c_str(), 0755);
    }

    std::string writeDomain(const std::string& dir) {
        std::string path = dir + "/sess.xml";
        writeFileAtomic(path,
                        fmt::format("<domain type='qemu'><name>{}</name><memory unit='KiB'>65536</memory>"
                                    "<vcpu>1</vcpu><cputune><emulatorpin cpuset='0'/></cputune>"
                                    "<os><type arch='x86_64' machine='pc'>hvm</type></os>"
                                    "<devices><emulator>{}</emulator></devices></domain>",
                                    kName, kQemu),
                        0644);
        return path;
    }

    void TearDown() override {
        for (const auto& s : sessions_)
            s.reap();
    }

    TempDir dir_;
    std::vector<Session> sessions_;  // reaped whatever the test did
};

TEST_F(QemuSession, RootStartsItsOwnSessionDaemon) {
    std::string home = dir_.file("root-home");
    makeDirectories(home + "/run", 0700);
    const Session& s = sessions_.emplace_back(home, std::nullopt);
    runGuestThroughSession(s, writeDomain(home));
    // The guest's files are the user's: definitions under XDG_CONFIG_HOME.
    EXPECT_TRUE(fileExists(home + "/.config/cvirt/qemu"));
    EXPECT_TRUE(processesMentioning(home).empty());
}

TEST_F(QemuSession, AnUnprivilegedUserRunsAGuestWithTcg) {
    struct passwd* nobody = ::getpwnam("nobody");
    if (::geteuid() != 0 || !nobody || ::access("/usr/sbin/runuser", X_OK) != 0)
        GTEST_SKIP() << "needs root, runuser and the nobody user";
    std::string home = dir_.file("nobody-home");
    makeDirectories(home + "/run", 0700);
    for (const auto& path : {home, home + "/run"})
        ASSERT_EQ(::chown(path.c_str(), nobody->pw_uid, nobody->pw_gid), 0);
    auto probe = run(Command{.argv = {"runuser", "-u", "nobody", "--", "test", "-x", binPath("cvirtd")}});
    if (probe.status.code() != 0)
        GTEST_SKIP() << "nobody cannot run " << binPath("cvirtd");
    const Session& s = sessions_.emplace_back(home, "nobody");
    runGuestThroughSession(s, writeDomain(home));
    EXPECT_TRUE(processesMentioning(home).empty());
}

}  // namespace
}  // namespace cvirt::test
