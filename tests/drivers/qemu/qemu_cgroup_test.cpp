// The QEMU driver's cgroup names: libvirt's machine names.

#include "drivers/qemu/qemu_cgroup.hpp"

#include <gtest/gtest.h>

#include "util/error.hpp"

namespace cvirt::qemu {
namespace {

TEST(MachineName, AsLibvirtNamesSystemGuests) {
    EXPECT_EQ(machineName("", 1, "centos7u2-1"), "qemu-1-centos7u2-1");
    // Hostname characters only; '.' and '-' never lead, double or end.
    EXPECT_EQ(machineName("", 12, "my vm_1.test"), "qemu-12-myvm1.test");
    EXPECT_EQ(machineName("", 3, "..a--b..-"), "qemu-3-a-b");
    EXPECT_EQ(machineName("", 3, "über"), "qemu-3-ber");
}

TEST(MachineName, StopsAtSixtyFourCharacters) {
    std::string name = machineName("", 7, std::string(100, 'x'));
    EXPECT_EQ(name.size(), 64u);
    EXPECT_EQ(name.substr(0, 7), "qemu-7-");
}

TEST(MachineName, RootsGetTheirOwnNames) {
    auto a = machineName("/tmp/a", 1, "vm");
    auto b = machineName("/tmp/b", 1, "vm");
    EXPECT_NE(a, b);
    EXPECT_EQ(a.rfind("qemu-embed-", 0), 0u);
    EXPECT_EQ(a.size(), std::string("qemu-embed-12345678-1-vm").size());
    EXPECT_EQ(a, machineName("/tmp/a", 1, "vm"));
}

}  // namespace
}  // namespace cvirt::qemu

namespace cvirt::qemu {
namespace {

TEST(DomainCgroupPartition, LibvirtsPartitionPaths) {
    EXPECT_EQ(DomainCgroup::partitionPath("/machine"), "/machine");
    EXPECT_EQ(DomainCgroup::partitionPath("/machine/web"), "/machine/web.partition");
    EXPECT_EQ(DomainCgroup::partitionPath("/production/db.slice"), "/production.partition/db.slice");
    EXPECT_EQ(DomainCgroup::partitionPath("/"), "/");
    EXPECT_THROW(DomainCgroup::partitionPath("machine"), Error);
}

}  // namespace
}  // namespace cvirt::qemu
