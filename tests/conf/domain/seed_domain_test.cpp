// The seed's example domain (centos7u2-1.xml from the DESIGN.md source
// chapter, §3.1): every field of the model after parsing, and the formatted
// result against what libvirt prints for it (centos7u2-1.out.xml: libvirt
// 9.0's dumpxml of the same file, minus the one line its test driver adds).
#include <gtest/gtest.h>

#include "conf/domain/domain.hpp"
#include "conformance_support.hpp"
#include "support/test_support.hpp"

namespace {

using namespace cvirt::conf::domain;
using cvirt::conf::TriBool;
using cvirt::conf::TriSwitch;

Domain seed() { return parseDomainXml(cvirt::test::readText(cvirt::test::dataPath("domain/centos7u2-1.xml"))); }

TEST(SeedDomain, Identity) {
    Domain d = seed();
    EXPECT_EQ(d.type, VirtType::Kvm);
    EXPECT_EQ(d.id, -1);
    EXPECT_FALSE(d.running());
    EXPECT_EQ(d.name, "centos7u2-1");
    EXPECT_EQ(d.uuid.format(), "2f6260bf-1283-4933-aaef-fa82148537ba");
    EXPECT_FALSE(d.genidRequested);
    EXPECT_FALSE(d.title);
    EXPECT_FALSE(d.description);
    EXPECT_TRUE(d.metadata.empty());
}

TEST(SeedDomain, MemoryAndVcpus) {
    Domain d = seed();
    EXPECT_EQ(d.memory.total, 2097152u);
    EXPECT_EQ(d.memory.current, 2097152u);
    EXPECT_EQ(d.memory.max, 0u);
    EXPECT_FALSE(d.memory.hotplug());
    EXPECT_FALSE(cvirt::conf::isSet(d.memory.dumpCore));
    EXPECT_TRUE(d.memory.backing.hugepages.empty());
    EXPECT_EQ(d.memory.tune.hardLimit, kMemoryUnlimited);
    EXPECT_TRUE(d.memory.blkio.devices.empty());
    EXPECT_EQ(d.vcpu.placement, CpuPlacement::Static);
    EXPECT_EQ(d.vcpu.max(), 2u);
    EXPECT_EQ(d.vcpu.current(), 2u);
    EXPECT_FALSE(d.vcpu.cpuset);
    EXPECT_FALSE(d.vcpu.individual);
    EXPECT_TRUE(d.vcpu.iothreads.empty());
    EXPECT_FALSE(d.vcpu.tune.sharesSpecified);
    EXPECT_TRUE(d.vcpu.tune.resctrls.empty());
    EXPECT_FALSE(d.numatune.memory);
    EXPECT_FALSE(d.resource);
}

TEST(SeedDomain, OsFeaturesCpuClock) {
    Domain d = seed();
    EXPECT_EQ(d.os.type, OsType::Hvm);
    EXPECT_EQ(d.os.arch, Arch::X86_64);
    EXPECT_EQ(d.os.machine, "pc-i440fx-rhel7.0.0");
    EXPECT_EQ(d.os.boot, (std::vector<BootDevice>{BootDevice::Disk, BootDevice::Cdrom}));
    EXPECT_FALSE(d.os.loader);
    EXPECT_FALSE(d.os.kernel);
    EXPECT_EQ(d.os.firmware, Firmware::None);
    EXPECT_TRUE(d.sysinfo.empty());
    EXPECT_TRUE(d.idmap.uid.empty());

    EXPECT_EQ(d.features.acpi, TriSwitch::On);
    EXPECT_EQ(d.features.apic, TriSwitch::On);
    EXPECT_EQ(d.features.pae, TriSwitch::Absent);
    EXPECT_EQ(d.features.hyperv.mode, HypervMode::None);
    EXPECT_FALSE(d.features.kvm);

    ASSERT_TRUE(d.cpu);
    EXPECT_EQ(d.cpu->mode, CpuMode::Custom);
    EXPECT_EQ(d.cpu->match, CpuMatch::Exact);
    EXPECT_EQ(d.cpu->check, CpuCheck::Default);
    EXPECT_EQ(d.cpu->model, "Haswell-noTSX");
    EXPECT_EQ(d.cpu->fallback, CpuFallback::Allow);
    EXPECT_FALSE(d.cpu->topology);
    EXPECT_TRUE(d.cpu->features.empty());
    EXPECT_TRUE(d.numa.cells.empty());

    EXPECT_EQ(d.clock.offset, ClockOffset::Utc);
    ASSERT_EQ(d.clock.timers.size(), 3u);
    EXPECT_EQ(d.clock.timers[0].name, TimerName::Rtc);
    EXPECT_EQ(d.clock.timers[0].tickpolicy, TimerTickpolicy::Catchup);
    EXPECT_EQ(d.clock.timers[1].name, TimerName::Pit);
    EXPECT_EQ(d.clock.timers[1].tickpolicy, TimerTickpolicy::Delay);
    EXPECT_EQ(d.clock.timers[2].name, TimerName::Hpet);
    EXPECT_EQ(d.clock.timers[2].present, TriBool::No);
}

TEST(SeedDomain, LifecycleAndSecurity) {
    Domain d = seed();
    EXPECT_EQ(d.lifecycle.onPoweroff, LifecycleAction::Destroy);
    EXPECT_EQ(d.lifecycle.onReboot, LifecycleAction::Restart);
    EXPECT_EQ(d.lifecycle.onCrash, LifecycleAction::Restart);
    EXPECT_EQ(d.lifecycle.onLockFailure, LockFailureAction::Default);
    EXPECT_EQ(d.lifecycle.suspendToMem, TriBool::No);
    EXPECT_EQ(d.lifecycle.suspendToDisk, TriBool::No);
    EXPECT_TRUE(d.seclabels.empty());
    EXPECT_FALSE(d.keywrap);
    EXPECT_FALSE(d.launchSecurity);
}

// The device lists (each family's own fields are asserted by its tests).
TEST(SeedDomain, DeviceCounts) {
    Domain d = seed();
    const auto& dev = d.devices;
    EXPECT_EQ(dev.emulator, "/usr/libexec/qemu-kvm");
    EXPECT_EQ(dev.disks.size(), 1u);
    EXPECT_EQ(dev.controllers.size(), 6u);
    EXPECT_EQ(dev.interfaces.size(), 1u);
    EXPECT_EQ(dev.serials.size(), 1u);
    EXPECT_EQ(dev.consoles.size(), 1u);
    EXPECT_EQ(dev.channels.size(), 2u);
    EXPECT_EQ(dev.inputs.size(), 3u);
    EXPECT_EQ(dev.graphics.size(), 1u);
    EXPECT_EQ(dev.sounds.size(), 1u);
    EXPECT_EQ(dev.videos.size(), 1u);
    EXPECT_EQ(dev.redirdevs.size(), 2u);
    EXPECT_TRUE(dev.memballoon);
    EXPECT_TRUE(dev.hostdevs.empty());
    EXPECT_TRUE(dev.filesystems.empty());
}

// The whole document as libvirt formats it.
TEST(SeedDomain, FormatsAsLibvirt) {
    DomainFormatOptions fo;
    fo.secure = true;
    std::string actual = formatDomainXml(seed(), fo);
    std::string expected = cvirt::test::readText(cvirt::test::dataPath("domain/centos7u2-1.out.xml"));
    EXPECT_TRUE(cvirt::test::domain::sameAsLibvirt(actual, expected))
        << cvirt::test::domain::firstDifference(actual, expected);
}

// Formatting what we print changes nothing.
TEST(SeedDomain, RoundTripIsStable) {
    DomainFormatOptions fo;
    fo.secure = true;
    std::string once = formatDomainXml(seed(), fo);
    std::string twice = formatDomainXml(parseDomainXml(once), fo);
    EXPECT_EQ(once, twice);
}

}  // namespace
