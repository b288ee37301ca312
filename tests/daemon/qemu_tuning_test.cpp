// CPU tuning done for real under cvirtd: a two-vCPU guest (no disk, no OS,
// TCG) defined with <cputune> runs with its vCPU and emulator threads
// pinned and its cgroups (v1 or v2, whichever the host has) holding the
// shares, period and quota; Debian's virsh and our cvirsh show and change
// all of it live (vcpuinfo, vcpupin, emulatorpin, schedinfo, setmem) and
// the live XML follows; destroy leaves no cgroup and no QEMU.

#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <set>
#include <thread>

#include "daemon/cvirtd_process.hpp"
#include "util/affinity.hpp"
#include "util/cgroup.hpp"
#include "util/error.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace cvirt::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kQemu = "/usr/bin/qemu-system-x86_64";
constexpr const char* kVirsh = "/usr/bin/virsh";
constexpr const char* kName = "tuned";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string domainXml() {
    return fmt::format(R"(<domain type='qemu'>
  <name>{}</name>
  <memory unit='KiB'>65536</memory>
  <vcpu placement='static'>2</vcpu>
  <cputune>
    <shares>2048</shares>
    <period>100000</period>
    <quota>50000</quota>
    <vcpupin vcpu='0' cpuset='1'/>
    <vcpupin vcpu='1' cpuset='0'/>
    <emulatorpin cpuset='1'/>
  </cputune>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
  </os>
  <devices>
    <emulator>{}</emulator>
  </devices>
</domain>
)",
                       kName, kQemu);
}

// /proc/PID/task/TID/status's Cpus_allowed_list.
std::string allowedCpus(pid_t pid, pid_t tid) {
    for (const auto& line : split(readFile(fmt::format("/proc/{}/task/{}/status", pid, tid)), "\n"))
        if (line.starts_with("Cpus_allowed_list:"))
            return std::string(trim(line.substr(18)));
    return "?";
}

std::string threadName(pid_t pid, pid_t tid) {
    try {
        return std::string(trim(readFile(fmt::format("/proc/{}/task/{}/comm", pid, tid))));
    } catch (const Error&) {
        return {};
    }
}

// QEMU names its vCPU threads "CPU N/TCG" (debug-threads=on).
pid_t vcpuThread(pid_t pid, unsigned vcpu) {
    for (pid_t tid : processThreads(pid))
        if (threadName(pid, tid).starts_with(fmt::format("CPU {}/", vcpu)))
            return tid;
    return -1;
}

// "virsh vcpuinfo"'s affinity text for one host CPU out of `n`: "-y".
std::string affinityOf(unsigned cpu, unsigned n) {
    std::string s(n, '-');
    s[cpu] = 'y';
    return s;
}

struct Output {
    int code;
    std::string out, err;
};

class QemuTuning : public ::testing::Test {
protected:
    void SetUp() override {
        if (::access(kQemu, X_OK) != 0 || ::access(kVirsh, X_OK) != 0)
            GTEST_SKIP() << "needs " << kQemu << " and " << kVirsh;
        // A driver without root is a session one: no CPU bandwidth there.
        if (::geteuid() != 0)
            GTEST_SKIP() << "needs root";
        if (hostOnlineCpus().count() < 2 || !hostOnlineCpus().test(0) || !hostOnlineCpus().test(1))
            GTEST_SKIP() << "needs host CPUs 0 and 1";
        daemon_ = std::make_unique<CvirtdProcess>();
        uri_ = "qemu+unix:///system?socket=" + daemon_->socket();
        hostCpus_ = hostCpuCount();
    }

    // Whatever happened: QEMU killed, then the daemon stopped, then any
    // cgroup the guest had removed.
    void TearDown() override {
        guests();
        for (pid_t pid : seen_)
            if (isQemu(pid))
                ::kill(pid, SIGKILL);
        for (int i = 0; i < 50 && std::any_of(seen_.begin(), seen_.end(), isQemu); ++i)
            std::this_thread::sleep_for(100ms);
        daemon_.reset();
        if (group_)
            group_->remove();
    }

    // The QEMU processes of this test's daemon, from its status files
    // (remembered, so that TearDown kills them whatever happened).
    std::set<pid_t> guests() {
        std::set<pid_t> pids;
        if (!daemon_)
            return pids;
        std::string dir = daemon_->root() + "/run/cvirt/qemu";
        for (const auto& file : listDirectory(dir, ".xml")) {
            std::string status = readFile(dir + "/" + file);
            auto at = status.find("pid='");
            if (at == std::string::npos)
                continue;
            if (auto pid = parseInt<pid_t>(status.substr(at + 5, status.find('\'', at + 5) - at - 5)); pid && isQemu(*pid))
                pids.insert(*pid);
        }
        seen_.insert(pids.begin(), pids.end());
        return pids;
    }
    // A live QEMU (not a zombie, not a recycled pid).
    static bool isQemu(pid_t pid) {
        try {
            std::string stat = readFile(fmt::format("/proc/{}/stat", pid));
            return stat.substr(stat.rfind(')') + 2, 1) != "Z" &&
                   readFile(fmt::format("/proc/{}/cmdline", pid)).rfind(kQemu, 0) == 0;
        } catch (const Error&) {
            return false;
        }
    }

    Output runTool(const std::string& program, const std::vector<std::string>& args) {
        Command c;
        c.argv = {"timeout", "120", program, "-c", uri_};
        c.argv.insert(c.argv.end(), args.begin(), args.end());
        auto r = run(c);
        return {r.status.code(), r.out, r.err};
    }
    Output virsh(const std::vector<std::string>& args) { return runTool(kVirsh, args); }
    Output cvirsh(const std::vector<std::string>& args) { return runTool(binPath("cvirsh"), args); }

    // The domain's group, from where QEMU's main thread is: .../emulator.
    void findGroup(pid_t pid) {
        auto mounts = CgroupMounts::host();
        if (!mounts->has(CgroupController::Cpu) || !mounts->has(CgroupController::Cpuset))
            return;
        for (const auto& line : split(readFile(fmt::format("/proc/{}/cgroup", pid)), "\n")) {
            auto fields = split(line, ":", false);
            if (fields.size() != 3)
                continue;
            bool cpuLine = mounts->isV2(CgroupController::Cpu)
                               ? fields[1].empty()
                               : contains("," + fields[1] + ",", ",cpu,");
            if (cpuLine && fields[2].ends_with("/emulator"))
                group_.emplace(mounts, fields[2].substr(0, fields[2].size() - 9),
                               std::vector<CgroupController>{CgroupController::Cpu, CgroupController::Cpuacct,
                                                             CgroupController::Cpuset, CgroupController::Memory,
                                                             CgroupController::Blkio});
        }
    }
    Cgroup thread(const std::string& name) const {
        return group_->child(name, {CgroupController::Cpu, CgroupController::Cpuset});
    }

    std::unique_ptr<CvirtdProcess> daemon_;
    std::string uri_;
    unsigned hostCpus_ = 0;
    std::optional<Cgroup> group_;
    std::set<pid_t> seen_;
};

TEST_F(QemuTuning, PinsSharesPeriodsQuotasAndBalloonLiveThroughVirshAndCvirsh) {
    std::string xmlPath = daemon_->root() + "/tuned.xml";
    writeFileAtomic(xmlPath, domainXml());
    auto r = virsh({"define", xmlPath});
    ASSERT_EQ(r.code, 0) << r.err;
    r = virsh({"start", kName});
    ASSERT_EQ(r.code, 0) << r.err << daemon_->output();
    auto pids = guests();
    ASSERT_EQ(pids.size(), 1u);
    pid_t pid = *pids.begin();
    pid_t vcpu0 = vcpuThread(pid, 0), vcpu1 = vcpuThread(pid, 1);
    ASSERT_GT(vcpu0, 0);
    ASSERT_GT(vcpu1, 0);

    // The threads run where <cputune> says.
    EXPECT_EQ(allowedCpus(pid, pid), "1");
    EXPECT_EQ(allowedCpus(pid, vcpu0), "1");
    EXPECT_EQ(allowedCpus(pid, vcpu1), "0");
    for (pid_t tid : processThreads(pid)) {
        if (tid != vcpu0 && tid != vcpu1) {
            EXPECT_EQ(allowedCpus(pid, tid), "1") << threadName(pid, tid);
        }
    }

    // The cgroups hold the values (v1 files or v2 ones), when the host has them.
    findGroup(pid);
    if (group_) {
        EXPECT_TRUE(contains(group_->path(), ".libvirt-qemu")) << group_->path();
        EXPECT_TRUE(group_->path().starts_with("/machine/qemu-")) << group_->path();
        EXPECT_EQ(group_->cpuShares(), 2048u);
        EXPECT_EQ(thread("vcpu0").cfsPeriod(), 100000u);
        EXPECT_EQ(thread("vcpu0").cfsQuota(), 50000);
        EXPECT_EQ(thread("vcpu1").cfsQuota(), 50000);
        EXPECT_EQ(thread("vcpu0").cpusetCpus(), "1");
        EXPECT_EQ(thread("vcpu1").cpusetCpus(), "0");
        EXPECT_EQ(thread("emulator").cpusetCpus(), "1");
    } else {
        std::cout << "[ NOTE ] no cgroup cpu/cpuset controllers here: affinity only\n";
    }

    // vcpuinfo: the real affinity, both tools alike.
    r = virsh({"vcpuinfo", kName});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "CPU Affinity:   " + affinityOf(1, hostCpus_) + "\n")) << r.out;
    EXPECT_TRUE(contains(r.out, "CPU Affinity:   " + affinityOf(0, hostCpus_) + "\n")) << r.out;
    auto mine = cvirsh({"vcpuinfo", kName});
    ASSERT_EQ(mine.code, 0) << mine.err;
    auto affinities = [](const std::string& text) {
        std::string out;
        for (const auto& line : split(text, "\n"))
            if (line.starts_with("CPU Affinity") || line.starts_with("VCPU") || line.starts_with("State"))
                out += line + "\n";
        return out;
    };
    EXPECT_EQ(affinities(mine.out), affinities(r.out));

    // Queries print alike from both tools.
    for (const std::vector<std::string>& query : {std::vector<std::string>{"vcpupin", kName},
                                                 {"emulatorpin", kName},
                                                 {"schedinfo", kName},
                                                 {"schedinfo", kName, "--config"}}) {
        auto theirs = virsh(query), ours = cvirsh(query);
        EXPECT_EQ(ours.code, theirs.code) << query[0];
        EXPECT_EQ(ours.out, theirs.out) << query[0];
    }
    r = virsh({"vcpupin", kName});
    EXPECT_EQ(r.out, " VCPU   CPU Affinity\n----------------------\n 0      1\n 1      0\n\n");
    r = virsh({"emulatorpin", kName});
    EXPECT_EQ(r.out, "emulator: CPU Affinity\n----------------------------------\n       *: 1\n\n");
    r = virsh({"schedinfo", kName});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "Scheduler      : posix\ncpu_shares     : 2048\nvcpu_period    : 100000\n"
                                "vcpu_quota     : 50000\n"))
        << r.out;

    // virsh changes it live...
    r = virsh({"vcpupin", kName, "0", "0", "--live"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(allowedCpus(pid, vcpu0), "0");
    r = virsh({"emulatorpin", kName, "0", "--live"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(allowedCpus(pid, pid), "0");
    EXPECT_EQ(allowedCpus(pid, vcpu1), "0");
    r = virsh({"schedinfo", kName, "--live", "cpu_shares=512"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "cpu_shares     : 512\n")) << r.out;
    r = virsh({"setmem", kName, "49152", "--live"});
    ASSERT_EQ(r.code, 0) << r.err;
    r = virsh({"dominfo", kName});
    EXPECT_TRUE(contains(r.out, "Used memory:    49152 KiB\n")) << r.out;
    EXPECT_TRUE(contains(r.out, "Max memory:     65536 KiB\n")) << r.out;
    if (group_) {
        EXPECT_EQ(thread("vcpu0").cpusetCpus(), "0");
        EXPECT_EQ(thread("emulator").cpusetCpus(), "0");
        EXPECT_EQ(group_->cpuShares(), 512u);
    }
    r = virsh({"dumpxml", kName});
    EXPECT_TRUE(contains(r.out, "<currentMemory unit='KiB'>49152</currentMemory>")) << r.out;
    EXPECT_TRUE(contains(r.out, "    <shares>512</shares>\n")) << r.out;
    EXPECT_TRUE(contains(r.out, "    <vcpupin vcpu='0' cpuset='0'/>\n    <vcpupin vcpu='1' cpuset='0'/>\n"
                                "    <emulatorpin cpuset='0'/>\n"))
        << r.out;
    // ... and the next boot keeps what it had.
    r = virsh({"dumpxml", kName, "--inactive"});
    EXPECT_TRUE(contains(r.out, "<shares>2048</shares>")) << r.out;
    EXPECT_TRUE(contains(r.out, "<emulatorpin cpuset='1'/>")) << r.out;

    // ... and so does cvirsh.
    mine = cvirsh({"vcpupin", kName, "0", "1", "--live"});
    ASSERT_EQ(mine.code, 0) << mine.err;
    EXPECT_EQ(allowedCpus(pid, vcpu0), "1");
    mine = cvirsh({"emulatorpin", kName, "1"});
    ASSERT_EQ(mine.code, 0) << mine.err;
    EXPECT_EQ(allowedCpus(pid, pid), "1");
    mine = cvirsh({"schedinfo", kName, "--set", "cpu_shares=1024", "--live"});
    ASSERT_EQ(mine.code, 0) << mine.err;
    EXPECT_TRUE(contains(mine.out, "cpu_shares     : 1024\n")) << mine.out;
    mine = cvirsh({"setmem", kName, "40960", "--live"});
    ASSERT_EQ(mine.code, 0) << mine.err;
    mine = cvirsh({"dominfo", kName});
    EXPECT_TRUE(contains(mine.out, "Used memory:    40960 KiB\n")) << mine.out;
    mine = cvirsh({"vcpupin", kName});
    EXPECT_EQ(mine.out, " VCPU   CPU Affinity\n----------------------\n 0      1\n 1      0\n\n");
    mine = cvirsh({"emulatorpin", kName});
    EXPECT_TRUE(contains(mine.out, "       *: 1\n")) << mine.out;
    if (group_) {
        EXPECT_EQ(thread("vcpu0").cpusetCpus(), "1");
        EXPECT_EQ(thread("emulator").cpusetCpus(), "1");
        EXPECT_EQ(group_->cpuShares(), 1024u);
    }
    r = virsh({"dumpxml", kName});
    EXPECT_TRUE(contains(r.out, "<shares>1024</shares>")) << r.out;
    EXPECT_TRUE(contains(r.out, "<emulatorpin cpuset='1'/>")) << r.out;

    // Bad values: libvirt's errors, nothing changed.
    r = virsh({"schedinfo", kName, "--live", "vcpu_quota=10"});
    EXPECT_NE(r.code, 0);
    EXPECT_TRUE(contains(r.err, "value of 'vcpu_quota' is out of range [1000, 17592186044415]")) << r.err;
    mine = cvirsh({"schedinfo", kName, "--live", "nosuch=1"});
    EXPECT_NE(mine.code, 0);
    EXPECT_TRUE(contains(mine.err, "invalid scheduler option: nosuch")) << mine.err;

    // Destroy: no QEMU, no cgroup.
    r = virsh({"destroy", kName});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(guests().empty());
    EXPECT_FALSE(isQemu(pid));
    if (group_) {
        EXPECT_FALSE(group_->exists()) << group_->path();
        for (auto c : group_->controllers())
            EXPECT_FALSE(fileExists(group_->directory(c))) << group_->directory(c);
    }
}

// A daemon restart finds the group again; a guest that died while no daemon
// watched leaves no group behind once the next daemon has looked.
TEST_F(QemuTuning, CgroupsOutliveADaemonAndGoWithAGuestThatDiedUnwatched) {
    std::string xmlPath = daemon_->root() + "/tuned.xml";
    writeFileAtomic(xmlPath, domainXml());
    auto r = virsh({"define", xmlPath});
    ASSERT_EQ(r.code, 0) << r.err;
    r = virsh({"start", kName});
    ASSERT_EQ(r.code, 0) << r.err << daemon_->output();
    auto pids = guests();
    ASSERT_EQ(pids.size(), 1u);
    pid_t pid = *pids.begin();
    findGroup(pid);
    if (!group_)
        GTEST_SKIP() << "no cgroup cpu/cpuset controllers here";
    ASSERT_TRUE(daemon_->stop());

    std::string root = daemon_->root();
    auto startDaemon = [&](const std::string& log) {
        Command c;
        c.argv = {binPath("cvirtd"), "--root", root};
        c.out = Stdio{Stdio::File{root + "/" + log, true}};
        c.err = Stdio{Stdio::File{root + "/" + log, true}};
        Process p = Process::spawn(c);
        for (int i = 0; i < 600 && !socketAnswers(daemon_->socket()); ++i)
            std::this_thread::sleep_for(50ms);
        return p;
    };
    Process second = startDaemon("second.log");
    ASSERT_TRUE(socketAnswers(daemon_->socket())) << readFile(root + "/second.log");
    r = virsh({"schedinfo", kName, "--live", "cpu_shares=300"});
    EXPECT_EQ(r.code, 0) << r.err << readFile(root + "/second.log");
    EXPECT_EQ(group_->cpuShares(), 300u);
    second.terminate(20s);

    ::kill(pid, SIGKILL);
    for (int i = 0; i < 100 && isQemu(pid); ++i)
        std::this_thread::sleep_for(50ms);
    EXPECT_TRUE(group_->exists());
    Process third = startDaemon("third.log");
    ASSERT_TRUE(socketAnswers(daemon_->socket())) << readFile(root + "/third.log");
    r = virsh({"domstate", kName});
    EXPECT_EQ(trim(r.out), "shut off") << r.err;
    EXPECT_FALSE(group_->exists()) << group_->path();
    third.terminate(20s);
}

}  // namespace
}  // namespace cvirt::test
