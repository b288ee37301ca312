// Opening the test driver and what it says about its host.

#include <gtest/gtest.h>

#include <dirent.h>

#include "support/test_support.hpp"
#include "test_driver_support.hpp"

namespace cvirt::test::testdriver {
namespace {

TEST(TestDriverOpen, DeclinesOtherUris) {
    for (const char* uri : {"qemu:///system", "test+tcp:///default", "test+unix:///default", "test://host/default"})
        expectError([&] { open(uri); }, ErrorCode::NoConnect, ErrorDomain::None,
                    std::string("no connection driver available for ") + uri);
}

TEST(TestDriverOpen, NeedsAPath) {
    for (const char* uri : {"test:///", "test://"})
        expectError([&] { open(uri); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                    "invalid argument: testOpen: supply a path or use test:///default");
}

TEST(TestDriverOpen, RefusesUnknownFlags) {
    expectError([] { open("test:///default", 4); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x4) in function testConnectOpen");
    EXPECT_NE(open("test:///default", flags::kConnectReadOnly), nullptr);
}

TEST(TestDriverOpen, MissingNodeFile) {
    expectError([] { open("test:///nonexistent/node.xml"); }, ErrorCode::XmlError, ErrorDomain::Test,
                "XML error: failed to parse xml document '/nonexistent/node.xml'");
}

TEST(TestDriverHost, Identity) {
    auto conn = open();
    EXPECT_EQ(conn->getType(), "TEST");
    EXPECT_EQ(conn->getVersion(), 2u);
    EXPECT_EQ(conn->getUri(), "test:///default");
    EXPECT_EQ(conn->getMaxVcpus(std::nullopt), 32);
    EXPECT_FALSE(conn->getHostname().empty());
    EXPECT_TRUE(conn->isSecure());
    EXPECT_FALSE(conn->isEncrypted());
}

TEST(TestDriverHost, NodeInfo) {
    auto conn = open();
    NodeInfo info = conn->nodeGetInfo();
    EXPECT_EQ(info.model, "i686");
    EXPECT_EQ(info.memory, 3145728u);
    EXPECT_EQ(info.cpus, 16u);
    EXPECT_EQ(info.mhz, 1400u);
    EXPECT_EQ(info.nodes, 2u);
    EXPECT_EQ(info.sockets, 2u);
    EXPECT_EQ(info.cores, 2u);
    EXPECT_EQ(info.threads, 2u);
}

TEST(TestDriverHost, Memory) {
    auto conn = open();
    // libvirt's test driver sums the cells' free KiB and lists their totals.
    EXPECT_EQ(conn->nodeGetFreeMemory(), 3145728u);
    EXPECT_EQ(conn->nodeGetCellsFreeMemory(0, 5), (std::vector<uint64_t>{2097152, 4194304}));
    EXPECT_EQ(conn->nodeGetCellsFreeMemory(1, 1), (std::vector<uint64_t>{4194304}));
    expectError([&] { conn->nodeGetCellsFreeMemory(3, 5); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "invalid argument: Range exceeds available cells");
}

TEST(TestDriverHost, SecurityModel) {
    auto conn = open();
    SecurityModel m = conn->nodeGetSecurityModel();
    EXPECT_EQ(m.model, "testSecurity");
    EXPECT_EQ(m.doi, "");
}

TEST(TestDriverHost, Sysinfo) {
    auto conn = open();
    EXPECT_EQ(conn->getSysinfo(0),
              "<sysinfo type='smbios'>\n"
              "  <bios>\n"
              "    <entry name='vendor'>LENOVO</entry>\n"
              "    <entry name='version'>G4ETA1WW (2.61 )</entry>\n"
              "    <entry name='date'>05/07/2014</entry>\n"
              "    <entry name='release'>2.61</entry>\n"
              "  </bios>\n"
              "</sysinfo>\n");
    expectError([&] { conn->getSysinfo(1); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x1) in function testConnectGetSysinfo");
}

bool hostHasIommuGroups() {
    DIR* dir = opendir("/sys/kernel/iommu_groups/");
    if (!dir)
        return false;
    int entries = 0;
    while (dirent* e = readdir(dir))
        entries += std::string_view(e->d_name) != "." && std::string_view(e->d_name) != "..";
    closedir(dir);
    return entries > 0;
}

TEST(TestDriverHost, CapabilitiesAreLibvirts) {
    auto conn = open();
    std::string expected = readText(dataPath("drivers/test/default-capabilities.xml"));
    // Like libvirt, the test driver reports the real host's IOMMU.
    if (hostHasIommuGroups()) {
        auto at = expected.find("<iommu support='no'/>");
        ASSERT_NE(at, std::string::npos);
        expected.replace(at, 21, "<iommu support='yes'/>");
    }
    EXPECT_EQ(conn->getCapabilities(), expected);
}

TEST(TestDriverHost, DefaultObjects) {
    auto conn = open();
    DomainRef test = conn->domainLookupByName("test");
    EXPECT_EQ(test.id, 1);
    EXPECT_EQ(test.uuid.format(), "6695eb01-f6a4-8304-79aa-97f2502e193f");
    auto st = conn->domainGetState(test, 0);
    EXPECT_EQ(st.state, DomainState::Running);
    EXPECT_EQ(st.reason, 0);  // loaded from the node: no particular reason
    DomainInfo info = conn->domainGetInfo(test);
    EXPECT_EQ(info.state, DomainState::Running);
    EXPECT_EQ(info.maxMem, 8388608u);
    EXPECT_EQ(info.memory, 2097152u);
    EXPECT_EQ(info.nrVirtCpu, 2u);
    EXPECT_GT(info.cpuTime, 1'600'000'000ull * 1'000'000'000ull);  // the wall clock, in ns
    EXPECT_TRUE(conn->domainIsPersistent(test));
    EXPECT_TRUE(conn->domainIsActive(test));
    EXPECT_FALSE(conn->domainIsUpdated(test));
    EXPECT_FALSE(conn->domainGetAutostart(test));
    EXPECT_EQ(conn->domainGetOsType(test), "linux");
    EXPECT_EQ(conn->domainGetHostname(test, 0), "testhost");
    SecurityLabel label = conn->domainGetSecurityLabel(test);
    EXPECT_EQ(label.label, "libvirt-test");
    EXPECT_TRUE(label.enforcing);
    EXPECT_TRUE(conn->domainGetMessages(test, 0).empty());
}

TEST(TestDriverHost, DefaultDomainXml) {
    auto conn = open();
    EXPECT_EQ(conn->domainGetXmlDesc(conn->domainLookupByName("test"), 0),
              "<domain type='test' id='1'>\n"
              "  <name>test</name>\n"
              "  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>\n"
              "  <memory unit='KiB'>8388608</memory>\n"
              "  <currentMemory unit='KiB'>2097152</currentMemory>\n"
              "  <vcpu placement='static'>2</vcpu>\n"
              "  <os>\n"
              "    <type arch='i686'>hvm</type>\n"
              "    <boot dev='hd'/>\n"
              "  </os>\n"
              "  <clock offset='utc'/>\n"
              "  <on_poweroff>destroy</on_poweroff>\n"
              "  <on_reboot>restart</on_reboot>\n"
              "  <on_crash>destroy</on_crash>\n"
              "  <devices>\n"
              "    <disk type='file' device='disk'>\n"
              "      <source file='/guest/diskimage1'/>\n"
              "      <target dev='vda' bus='virtio'/>\n"
              "      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>\n"
              "    </disk>\n"
              "    <interface type='network'>\n"
              "      <mac address='aa:bb:cc:dd:ee:ff'/>\n"
              "      <source network='default'/>\n"
              "      <target dev='testnet0'/>\n"
              "      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>\n"
              "    </interface>\n"
              "    <memballoon model='virtio'>\n"
              "      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>\n"
              "    </memballoon>\n"
              "  </devices>\n"
              "</domain>\n");
}

TEST(TestDriverHost, DefaultStateIsSharedWhileOpen) {
    auto a = open();
    auto b = open();
    DomainRef test = a->domainLookupByName("test");
    a->domainDestroy(test, 0);
    EXPECT_EQ(b->domainGetState(test, 0).state, DomainState::Shutoff);
    a.reset();
    EXPECT_EQ(b->domainGetState(test, 0).state, DomainState::Shutoff);
    b.reset();
    // The last connection gone, the next one starts afresh.
    auto c = open();
    EXPECT_EQ(c->domainGetState(c->domainLookupByName("test"), 0).state, DomainState::Running);
}

TEST(TestDriverHost, EventsReachOtherConnections) {
    auto a = open();
    auto b = open();
    EventLog log;
    log.attach(*b);
    a->domainSuspend(a->domainLookupByName("test"));
    ASSERT_EQ(log.events.size(), 1u);
    EXPECT_EQ(log.events[0], std::make_pair(int(event::kSuspended), int(event::kSuspendedPaused)));
    // A callback belongs to the connection that registered it.
    expectError([&] { a->domainEventDeregister(log.id); }, ErrorCode::InvalidArg, ErrorDomain::None,
                "invalid argument: could not find event callback " + std::to_string(log.id) + " for deletion");
    b->domainEventDeregister(log.id);
    a->domainResume(a->domainLookupByName("test"));
    EXPECT_EQ(log.events.size(), 1u);
}

}  // namespace
}  // namespace cvirt::test::testdriver
