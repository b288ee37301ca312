// Cgroups on fake hierarchies: mountinfo texts of a v1, a hybrid and a pure
// v2 host, and directories in a temp dir standing in for cgroupfs (a file
// there keeps the last value written, which is what is checked).

#include "util/cgroup.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "util/error.hpp"
#include "util/files.hpp"

namespace cvirt {
namespace {

using test::TempDir;
using C = CgroupController;

CgroupMounts::ReadFile readFrom(std::map<std::string, std::string> files) {
    return [files = std::move(files)](const std::string& path) -> std::optional<std::string> {
        auto it = files.find(path);
        if (it == files.end())
            return std::nullopt;
        return it->second;
    };
}

// This machine's layout: v1 per controller, cgroup2 with only hugetlb.
constexpr const char* kHybrid =
    "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
    "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
    "33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct\n"
    "34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset\n"
    "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
    "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n"
    "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";

TEST(CgroupMounts, V1PerControllerAndAnEmptyUnifiedHierarchy) {
    auto m = CgroupMounts::parse(kHybrid, readFrom({{"/sys/fs/cgroup/unified/cgroup.controllers", "hugetlb\n"}}));
    EXPECT_EQ(m.mountOf(C::Cpu), "/sys/fs/cgroup/cpu");
    EXPECT_EQ(m.mountOf(C::Cpuacct), "/sys/fs/cgroup/cpuacct");
    EXPECT_EQ(m.mountOf(C::Memory), "/sys/fs/cgroup/memory");
    EXPECT_FALSE(m.isV2(C::Cpu));
    EXPECT_FALSE(m.has(C::Blkio));
    EXPECT_FALSE(m.has(C::Devices));
    EXPECT_EQ(m.unified(), "/sys/fs/cgroup/unified");
}

TEST(CgroupMounts, CoMountedV1Controllers) {
    auto m = CgroupMounts::parse(
        "25 24 0:22 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid - cgroup cgroup rw,cpu,cpuacct\n"
        "26 24 0:23 / /sys/fs/cgroup/blkio rw,nosuid - cgroup cgroup rw,blkio\n",
        readFrom({}));
    EXPECT_EQ(m.mountOf(C::Cpu), "/sys/fs/cgroup/cpu,cpuacct");
    EXPECT_EQ(m.mountOf(C::Cpuacct), "/sys/fs/cgroup/cpu,cpuacct");
    EXPECT_EQ(m.mountOf(C::Blkio), "/sys/fs/cgroup/blkio");
}

TEST(CgroupMounts, PureV2) {
    auto m = CgroupMounts::parse("35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev - cgroup2 cgroup2 rw,nsdelegate\n",
                                 readFrom({{"/sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory pids\n"}}));
    for (auto c : {C::Cpu, C::Cpuset, C::Memory, C::Blkio, C::Cpuacct}) {
        EXPECT_TRUE(m.isV2(c)) << cgroupControllerName(c);
        EXPECT_EQ(m.mountOf(c), "/sys/fs/cgroup");
    }
    EXPECT_FALSE(m.has(C::Devices));
}

TEST(CgroupMounts, EscapedMountPointsAndNothingMounted) {
    auto m = CgroupMounts::parse("1 0 0:1 / /my\\040cgroups rw - cgroup cgroup rw,cpuset\n", readFrom({}));
    EXPECT_EQ(m.mountOf(C::Cpuset), "/my cgroups");
    EXPECT_TRUE(CgroupMounts::parse("22 1 8:1 / / rw - ext4 /dev/sda1 rw\n", readFrom({})).empty());
}

// A fake v1 host: one directory per controller under a temp dir.
struct FakeV1 {
    TempDir dir;
    std::shared_ptr<const CgroupMounts> mounts;
    FakeV1() {
        std::string info;
        int n = 30;
        for (const char* c : {"cpu", "cpuacct", "cpuset", "memory"}) {
            makeDirectories(dir.file(c));
            info += fmt::format("{} 1 0:{} / {} rw - cgroup cgroup rw,{}\n", n, n, dir.file(c), c);
            ++n;
        }
        writeFileAtomic(dir.file("cpuset/cpuset.cpus"), "0-3\n", 0644);
        writeFileAtomic(dir.file("cpuset/cpuset.mems"), "0\n", 0644);
        writeFileAtomic(dir.file("cpuset/cpuset.memory_migrate"), "0\n", 0644);
        mounts = std::make_shared<const CgroupMounts>(CgroupMounts::parse(info, readFrom({}), true));
    }
};

TEST(Cgroup, V1ChildInheritsTheCpusetAndTakesItsValues) {
    FakeV1 host;
    Cgroup root(host.mounts, "/", {C::Cpu, C::Cpuacct, C::Cpuset, C::Memory, C::Blkio});
    EXPECT_FALSE(root.has(C::Blkio));  // not mounted
    Cgroup machine = root.makeChild("machine", root.controllers());
    EXPECT_EQ(machine.path(), "/machine");
    EXPECT_EQ(readFile(host.dir.file("cpuset/machine/cpuset.cpus")), "0-3");
    EXPECT_EQ(readFile(host.dir.file("cpuset/machine/cpuset.mems")), "0");
    EXPECT_TRUE(machine.exists());

    Cgroup vcpu = machine.makeChild("vcpu0", {C::Cpu, C::Cpuacct, C::Cpuset}, Cgroup::kMakeThreaded);
    EXPECT_FALSE(vcpu.has(C::Memory));
    EXPECT_EQ(vcpu.directory(C::Cpu), host.dir.file("cpu/machine/vcpu0"));
    vcpu.setCpusetCpus("1");
    EXPECT_EQ(vcpu.cpusetCpus(), "1");
    vcpu.setCpuShares(2048);
    EXPECT_EQ(readFile(host.dir.file("cpu/machine/vcpu0/cpu.shares")), "2048");
    EXPECT_EQ(vcpu.cpuShares(), 2048u);
    vcpu.setCfsPeriod(100000);
    vcpu.setCfsQuota(-1);
    EXPECT_EQ(vcpu.cfsPeriod(), 100000u);
    EXPECT_EQ(vcpu.cfsQuota(), -1);
    vcpu.addThread(1234);
    EXPECT_EQ(readFile(host.dir.file("cpuset/machine/vcpu0/tasks")), "1234");
    machine.addProcess(99);
    EXPECT_EQ(readFile(host.dir.file("memory/machine/cgroup.procs")), "99");
}

TEST(Cgroup, LibvirtsRangesAndMessages) {
    FakeV1 host;
    Cgroup group(host.mounts, "/", {C::Cpu});
    try {
        group.setCpuShares(1);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InvalidArg);
        EXPECT_EQ(e.domain(), ErrorDomain::Cgroup);
        EXPECT_EQ(e.message(), "invalid argument: shares '1' must be in range [2, 262144]");
    }
    EXPECT_THROW(group.setCfsPeriod(999), Error);
    EXPECT_THROW(group.setCfsQuota(999), Error);
    try {
        group.setCfsPeriod(2000000);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.message(), "invalid argument: cfs_period '2000000' must be in range (1000, 1000000)");
    }
    // Not mounted: libvirt's internal error.
    Cgroup none(host.mounts, "/", {C::Blkio});
    EXPECT_THROW(none.value(C::Blkio, "blkio.weight"), Error);
}

TEST(Cgroup, V2ValuesAndThreadedChildren) {
    TempDir dir;
    std::string root = dir.file("cg");
    makeDirectories(root);
    writeFileAtomic(root + "/cgroup.controllers", "cpuset cpu io memory pids\n", 0644);
    auto mounts = std::make_shared<const CgroupMounts>(CgroupMounts::parse(
        fmt::format("35 24 0:30 / {} rw - cgroup2 cgroup2 rw\n", root),
        readFrom({{root + "/cgroup.controllers", "cpuset cpu io memory pids\n"}}), true));
    Cgroup top(mounts, "/", {C::Cpu, C::Cpuacct, C::Cpuset, C::Memory, C::Blkio});
    Cgroup domain = top.makeChild("dom", top.controllers());
    // Every controller but the implicit cpuacct is enabled for it; the
    // fake file keeps the last one written.
    EXPECT_EQ(readFile(root + "/cgroup.subtree_control"), "+io");
    EXPECT_EQ(domain.directory(C::Memory), root + "/dom");

    writeFileAtomic(root + "/dom/cgroup.controllers", "cpuset cpu io memory\n", 0644);
    Cgroup emulator = domain.makeChild("emulator", {C::Cpu, C::Cpuacct, C::Cpuset}, Cgroup::kMakeThreaded);
    EXPECT_EQ(readFile(root + "/dom/emulator/cgroup.type"), "threaded");
    EXPECT_EQ(readFile(root + "/dom/cgroup.subtree_control"), "+cpuset");
    emulator.addThread(42);
    EXPECT_EQ(readFile(root + "/dom/emulator/cgroup.threads"), "42");
    emulator.addProcess(7);
    EXPECT_EQ(readFile(root + "/dom/emulator/cgroup.procs"), "7");

    // cpu.weight, and cpu.max "QUOTA PERIOD" / "max PERIOD".
    emulator.setCpuShares(10000);
    EXPECT_EQ(readFile(root + "/dom/emulator/cpu.weight"), "10000");
    EXPECT_THROW(emulator.setCpuShares(10001), Error);
    writeFileAtomic(root + "/dom/emulator/cpu.max", "max 100000\n", 0644);
    EXPECT_EQ(emulator.cfsQuota(), kCgroupCpuQuotaMax);
    EXPECT_EQ(emulator.cfsPeriod(), 100000u);
    emulator.setCfsPeriod(20000);
    EXPECT_EQ(readFile(root + "/dom/emulator/cpu.max"), "max 20000");
    emulator.setCfsQuota(5000);
    EXPECT_EQ(readFile(root + "/dom/emulator/cpu.max"), "5000");
    emulator.setCfsQuota(-1);
    EXPECT_EQ(readFile(root + "/dom/emulator/cpu.max"), "max");
    EXPECT_TRUE(emulator.supportsCpuBandwidth());
}

TEST(Cgroup, RemoveTakesSubgroupsAndNeverTheRoot) {
    FakeV1 host;
    Cgroup root(host.mounts, "/", {C::Cpu, C::Memory});
    Cgroup group = root.makeChild("g", root.controllers());
    group.makeChild("vcpu0", {C::Cpu});
    EXPECT_TRUE(fileExists(host.dir.file("cpu/g/vcpu0")));
    // cgroupfs lets a directory go with its files; a plain one does not,
    // so only empty directories here.
    EXPECT_TRUE(group.remove());
    EXPECT_FALSE(fileExists(host.dir.file("cpu/g")));
    EXPECT_FALSE(fileExists(host.dir.file("memory/g")));
    EXPECT_TRUE(root.remove());
    EXPECT_TRUE(fileExists(host.dir.file("cpu")));
}

TEST(Cgroup, PartitionEscape) {
    EXPECT_EQ(cgroupPartitionEscape("qemu-1-vm.libvirt-qemu"), "qemu-1-vm.libvirt-qemu");
    EXPECT_EQ(cgroupPartitionEscape("cgroup.procs"), "_cgroup.procs");
    EXPECT_EQ(cgroupPartitionEscape("cpu.vm"), "_cpu.vm");
    EXPECT_EQ(cgroupPartitionEscape("_x"), "__x");
    EXPECT_EQ(cgroupPartitionEscape("cpuvm"), "cpuvm");
}

}  // namespace
}  // namespace cvirt
