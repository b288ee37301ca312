// test:///PATH: node files describing the host and its objects.

#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "test_driver_support.hpp"
#include "util/files.hpp"

namespace cvirt::test::testdriver {
namespace {

constexpr const char* kNode = R"(<node>
  <cpu><nodes>1</nodes><sockets>1</sockets><cores>4</cores><threads>1</threads><mhz>2000</mhz>
    <model>x86_64</model><active>3</active></cpu>
  <memory>1048576</memory>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <name>d1</name><memory>1024</memory><os><type>hvm</type></os>
    <test:runstate>5</test:runstate>
    <test:hasmanagedsave/>
  </domain>
  <domain file='d2.xml'/>
  <network><name>n1</name><bridge name='br9'/></network>
  <pool file='p1.xml'/>
</node>
)";

constexpr const char* kD2 = R"(<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
  <name>d2</name><memory>2048</memory><vcpu>3</vcpu><os><type>hvm</type></os>
  <test:transient/>
  <test:runstate>3</test:runstate>
  <test:domainsnapshot><name>s1</name><state>running</state><creationTime>100</creationTime><active>0</active>
    <domain type='test'><name>d2</name><memory>2048</memory><os><type>hvm</type></os></domain></test:domainsnapshot>
  <test:domainsnapshot><name>s2</name><state>shutoff</state><creationTime>200</creationTime>
    <parent><name>s1</name></parent><active>1</active></test:domainsnapshot>
</domain>
)";

constexpr const char* kP1 = R"(<pool type='dir'><name>p1</name><target><path>/p1</path></target>
  <volume><name>v1</name><capacity>1000</capacity><allocation>500</allocation></volume>
</pool>
)";

class NodeFile : public ::testing::Test {
protected:
    std::string write(const std::string& name, const std::string& text) {
        std::string path = dir.file(name);
        writeFileAtomic(path, text);
        return path;
    }
    TempDir dir;
};

TEST_F(NodeFile, HostAndDomains) {
    write("d2.xml", kD2);
    write("p1.xml", kP1);
    auto conn = open("test://" + write("node.xml", kNode));
    NodeInfo info = conn->nodeGetInfo();
    EXPECT_EQ(info.model, "x86_64");
    EXPECT_EQ(info.cpus, 3u);  // <active> caps the count
    EXPECT_EQ(info.mhz, 2000u);
    EXPECT_EQ(info.nodes, 1u);
    EXPECT_EQ(info.cores, 4u);
    EXPECT_EQ(info.memory, 1048576u);
    // No NUMA cells for node files.
    EXPECT_NE(conn->getCapabilities().find("<cells num='0'>\n      </cells>"), std::string::npos);
    expectError([&] { conn->nodeGetCellsFreeMemory(0, 1); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "invalid argument: Range exceeds available cells");

    DomainRef d1 = conn->domainLookupByName("d1");
    EXPECT_EQ(d1.id, -1);
    EXPECT_EQ(conn->domainGetState(d1, 0).state, DomainState::Shutoff);
    EXPECT_EQ(conn->domainGetState(d1, 0).reason, 0);
    EXPECT_TRUE(conn->domainHasManagedSaveImage(d1, 0));
    EXPECT_TRUE(conn->domainIsPersistent(d1));

    DomainRef d2 = conn->domainLookupByName("d2");
    EXPECT_EQ(d2.id, 1);
    EXPECT_EQ(conn->domainGetState(d2, 0).state, DomainState::Paused);
    EXPECT_EQ(conn->domainGetState(d2, 0).reason, 0);
    EXPECT_FALSE(conn->domainIsPersistent(d2));
    EXPECT_EQ(conn->domainGetInfo(d2).nrVirtCpu, 3u);

    EXPECT_EQ(conn->snapshotCurrent(d2, 0).name, "s2");
    EXPECT_EQ(conn->snapshotGetParent(conn->snapshotLookupByName(d2, "s2", 0), 0).name, "s1");
    // Loaded snapshots keep what their XML says: no disks are added.
    std::string s2 = conn->snapshotGetXmlDesc(conn->snapshotLookupByName(d2, "s2", 0), 0);
    EXPECT_EQ(s2, "<domainsnapshot>\n  <name>s2</name>\n  <state>shutoff</state>\n  <parent>\n    <name>s1</name>\n"
                  "  </parent>\n  <creationTime>200</creationTime>\n  <memory snapshot='no'/>\n  <domain>\n    <uuid>" +
                      d2.uuid.format() + "</uuid>\n  </domain>\n</domainsnapshot>\n");
    expectError([&] { conn->snapshotRevert(conn->snapshotLookupByName(d2, "s2", 0), flags::kSnapshotRevertRunning); },
                ErrorCode::SnapshotRevertRisky, ErrorDomain::Test,
                "revert requires force: snapshot 's2' lacks domain 'd2' rollback info");
    expectError([&] { conn->snapshotRevert(conn->snapshotLookupByName(d2, "s2", 0), 0); },
                ErrorCode::OperationInvalid, ErrorDomain::Test,
                "Requested operation is not valid: transient domain needs to request run or pause to revert to "
                "inactive snapshot");

    NetworkRef n1 = conn->networkLookupByName("n1");
    EXPECT_TRUE(conn->networkIsActive(n1));
    EXPECT_TRUE(conn->networkIsPersistent(n1));
    EXPECT_EQ(conn->networkGetBridgeName(n1), "br9");
    StoragePoolRef p1 = conn->poolLookupByName("p1");
    EXPECT_EQ(conn->poolGetInfo(p1).allocation, 500u);
    EXPECT_EQ(conn->poolGetInfo(p1).available, 107374181900u);
    StorageVolRef v1 = conn->volLookupByName(p1, "v1");
    EXPECT_EQ(v1.key, "/p1/v1");
    EXPECT_EQ(conn->volGetPath(v1), "/p1/v1");
}

TEST_F(NodeFile, TaintsAndTestDefaults) {
    std::string node = write("taint.xml", R"(<node>
  <domain type='test'>
    <name>t</name><memory>1024</memory><os><type>hvm</type><dtb>/x.dtb</dtb></os>
    <cpu mode='custom'><model>Deprecated-Test</model></cpu>
    <devices>
      <disk type='block' device='cdrom'><source dev='/dev/sr0'/><target dev='hdc'/></disk>
      <disk type='block' device='lun' rawio='yes'><source dev='/dev/sdb'/><target dev='sda' bus='scsi'/></disk>
      <interface type='ethernet'><script path='/bin/true'/></interface>
      <video/>
    </devices>
  </domain>
  <domain type='test'><name>x</name><memory>1024</memory><os><type>xen</type></os><devices><video/></devices></domain>
</node>
)");
    auto conn = open("test://" + node);
    DomainRef t = conn->domainLookupByName("t");
    const std::vector<std::string> taints = {"tainted: running with undesirable elevated privileges",
                                             "tainted: network configuration using opaque shell scripts",
                                             "tainted: use of host cdrom passthrough",
                                             "tainted: custom device tree blob used",
                                             "tainted: use of deprecated configuration settings"};
    const std::string deprecation = "deprecated configuration: CPU model Deprecated-Test";
    std::vector<std::string> all = taints;
    all.push_back(deprecation);
    EXPECT_EQ(conn->domainGetMessages(t, 0), all);
    EXPECT_EQ(conn->domainGetMessages(t, 1), std::vector<std::string>{deprecation});
    EXPECT_EQ(conn->domainGetMessages(t, 2), taints);
    expectError([&] { conn->domainGetMessages(t, 4); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x4) in function testDomainGetMessages");

    // The test driver's own defaults: i686 guests, testnetN interfaces,
    // and a cirrus (or, for Xen guests, xen) video card.
    std::string xml = conn->domainGetXmlDesc(t, 0);
    EXPECT_NE(xml.find("<type arch='i686'>hvm</type>"), std::string::npos) << xml;
    EXPECT_NE(xml.find("<target dev='testnet0'/>"), std::string::npos) << xml;
    EXPECT_NE(xml.find("<model type='cirrus' vram='16384' heads='1' primary='yes'/>"), std::string::npos) << xml;
    DomainRef x = conn->domainLookupByName("x");
    EXPECT_TRUE(conn->domainGetMessages(x, 0).empty());
    EXPECT_NE(conn->domainGetXmlDesc(x, 0).find("<model type='xen' vram='4096' heads='1' primary='yes'/>"),
              std::string::npos);
}

TEST_F(NodeFile, StatesAreNotShared) {
    std::string node = write("node.xml", "<node><domain type='test'><name>a</name><memory>1</memory><os><type>hvm"
                                         "</type></os></domain></node>");
    auto one = open("test://" + node);
    auto two = open("test://" + node);
    one->domainDestroy(one->domainLookupByName("a"), 0);
    EXPECT_TRUE(two->domainIsActive(two->domainLookupByName("a")));
}

TEST_F(NodeFile, Refusals) {
    auto refuse = [&](const std::string& text, ErrorCode code, ErrorDomain dom, const std::string& message) {
        std::string path = write("bad.xml", text);
        expectError([&] { open("test://" + path); }, code, dom, message);
    };
    refuse("<node><cpu><nodes>x</nodes></cpu></node>", ErrorCode::XmlError, ErrorDomain::Test,
           "XML error: invalid node cpu nodes value");
    refuse("<nodes/>", ErrorCode::XmlError, ErrorDomain::Xml, "XML error: expecting root element of 'node', not 'nodes'");
    refuse("<node><cpu><model>012345678901234567890123456789012</model></cpu></node>", ErrorCode::InternalError,
           ErrorDomain::Test, "internal error: Model 012345678901234567890123456789012 too big for destination");
    refuse("<node><auth><user>u</user></auth></node>", ErrorCode::InvalidArg, ErrorDomain::Auth,
           "invalid argument: Missing authentication credentials");
    refuse("<node><domain file='nofile.xml'/></node>", ErrorCode::XmlError, ErrorDomain::Test,
           "XML error: failed to parse xml document '" + dir.file("nofile.xml") + "'");
    std::string dup = write("dup.xml", "<node><domain type='test'><name>a</name><memory>1</memory><os><type>hvm"
                                       "</type></os></domain><domain type='test'><name>a</name><memory>1</memory>"
                                       "<os><type>hvm</type></os></domain></node>");
    Error e = errorOf([&] { open("test://" + dup); });
    EXPECT_EQ(e.code(), ErrorCode::OperationFailed);
    EXPECT_TRUE(e.message().starts_with("operation failed: domain 'a' already exists with uuid ")) << e.message();
}

}  // namespace
}  // namespace cvirt::test::testdriver
