// Networks, storage pools and volumes of the test driver.

#include <gtest/gtest.h>

#include "test_driver_support.hpp"

namespace cvirt::test::testdriver {
namespace {

std::vector<std::string> sortedNames(const std::vector<NetworkRef>& refs) {
    std::vector<std::string> out;
    for (const auto& r : refs)
        out.push_back(r.name);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> sortedNames(const std::vector<StoragePoolRef>& refs) {
    std::vector<std::string> out;
    for (const auto& r : refs)
        out.push_back(r.name);
    std::sort(out.begin(), out.end());
    return out;
}

using Names = std::vector<std::string>;

TEST(TestDriverNetworks, DefaultNetwork) {
    auto conn = open();
    NetworkRef net = conn->networkLookupByName("default");
    EXPECT_EQ(net.uuid.format(), "dd8fe884-6c02-601e-7551-cca97df1c5df");
    EXPECT_TRUE(conn->networkIsActive(net));
    EXPECT_TRUE(conn->networkIsPersistent(net));
    EXPECT_FALSE(conn->networkGetAutostart(net));
    EXPECT_EQ(conn->networkGetBridgeName(net), "virbr0");
    EXPECT_EQ(conn->networkGetXmlDesc(net, 0),
              "<network>\n"
              "  <name>default</name>\n"
              "  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>\n"
              "  <forward mode='nat'/>\n"
              "  <bridge name='virbr0' stp='on' delay='0'/>\n"
              "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n"
              "    <dhcp>\n"
              "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
              "    </dhcp>\n"
              "  </ip>\n"
              "</network>\n");
    expectError([&] { conn->networkGetXmlDesc(net, 1); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x1) in function testNetworkGetXMLDesc");
    expectError([&] { conn->networkLookupByName("x"); }, ErrorCode::NoNetwork, ErrorDomain::Test,
                "Network not found: no network with matching name 'x'");
    expectError([&] { conn->networkLookupByUuid(*Uuid::parse("dd8fe884-6c02-601e-7551-cca97df1c5de")); },
                ErrorCode::NoNetwork, ErrorDomain::Test,
                "Network not found: no network with matching uuid 'dd8fe884-6c02-601e-7551-cca97df1c5de'");
    expectError([&] { conn->networkCreate(net); }, ErrorCode::OperationInvalid, ErrorDomain::Test,
                "Requested operation is not valid: Network 'default' is already running");
    expectError([&] { conn->networkUndefine(net); }, ErrorCode::OperationInvalid, ErrorDomain::Test,
                "Requested operation is not valid: Network 'default' is still running");
}

TEST(TestDriverNetworks, Lifecycle) {
    auto conn = open();
    NetworkRef n2 = conn->networkDefineXml("<network><name>n2</name></network>", 0);
    EXPECT_FALSE(conn->networkIsActive(n2));
    EXPECT_TRUE(conn->networkIsPersistent(n2));
    expectError([&] { conn->networkGetBridgeName(n2); }, ErrorCode::InternalError, ErrorDomain::Test,
                "internal error: network 'n2' does not have a bridge name.");
    conn->networkDestroy(n2);  // stopping a stopped network succeeds, as in libvirt
    expectError([&] { conn->networkDefineXml("<network><name>n2</name></network>", 2); }, ErrorCode::InvalidArg,
                ErrorDomain::Test, "unsupported flags (0x2) in function testNetworkDefineXMLFlags");
    expectError([&] { conn->networkDefineXml("<network><name>default</name></network>", 0); },
                ErrorCode::OperationFailed, ErrorDomain::Network,
                "operation failed: network 'default' already exists with uuid dd8fe884-6c02-601e-7551-cca97df1c5df");
    expectError(
        [&] {
            conn->networkDefineXml(
                "<network><name>zz</name><uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid></network>", 0);
        },
        ErrorCode::OperationFailed, ErrorDomain::Network,
        "operation failed: network 'default' is already defined with uuid dd8fe884-6c02-601e-7551-cca97df1c5df");
    expectError(
        [&] {
            conn->networkCreateXml(
                "<network><name>default</name><uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid></network>", 0);
        },
        ErrorCode::OperationInvalid, ErrorDomain::Network,
        "Requested operation is not valid: network is already active as 'default'");

    NetworkRef n3 = conn->networkCreateXml("<network><name>n3</name></network>", 1);
    EXPECT_TRUE(conn->networkIsActive(n3));
    EXPECT_FALSE(conn->networkIsPersistent(n3));
    conn->networkSetAutostart(n3, true);
    EXPECT_TRUE(conn->networkGetAutostart(n3));
    EXPECT_EQ(sortedNames(conn->listAllNetworks(flags::kNetListInactive)), (Names{"n2"}));
    EXPECT_EQ(sortedNames(conn->listAllNetworks(flags::kNetListActive)), (Names{"default", "n3"}));
    EXPECT_EQ(sortedNames(conn->listAllNetworks(flags::kNetListPersistent)), (Names{"default", "n2"}));
    EXPECT_EQ(sortedNames(conn->listAllNetworks(flags::kNetListTransient)), (Names{"n3"}));
    EXPECT_EQ(sortedNames(conn->listAllNetworks(flags::kNetListAutostart)), (Names{"n3"}));
    EXPECT_EQ(sortedNames(conn->listAllNetworks(flags::kNetListNoAutostart)), (Names{"default", "n2"}));
    expectError([&] { conn->listAllNetworks(64); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x40) in function testConnectListAllNetworks");
    conn->networkDestroy(n3);  // transient: gone
    expectError([&] { conn->networkLookupByName("n3"); }, ErrorCode::NoNetwork, ErrorDomain::Test,
                "Network not found: no network with matching name 'n3'");

    conn->networkCreate(n2);
    conn->networkDestroy(n2);
    conn->networkUndefine(n2);
    EXPECT_EQ(sortedNames(conn->listAllNetworks(0)), (Names{"default"}));

    NetworkRef def = conn->networkLookupByName("default");
    conn->networkDestroy(def);
    conn->networkDefineXml("<network><name>default</name><uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>"
                           "<bridge name='br5'/></network>",
                           0);
    EXPECT_EQ(conn->networkGetBridgeName(def), "br5");
}

TEST(TestDriverStorage, DefaultPool) {
    auto conn = open();
    StoragePoolRef pool = conn->poolLookupByName("default-pool");
    EXPECT_EQ(pool.uuid.format(), "dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566");
    StoragePoolInfo info = conn->poolGetInfo(pool);
    EXPECT_EQ(info.state, 2);
    EXPECT_EQ(info.capacity, 107374182400u);
    EXPECT_EQ(info.allocation, 0u);
    EXPECT_EQ(info.available, 107374182400u);
    EXPECT_TRUE(conn->poolIsActive(pool));
    EXPECT_TRUE(conn->poolIsPersistent(pool));
    EXPECT_FALSE(conn->poolGetAutostart(pool));
    EXPECT_TRUE(conn->poolListAllVolumes(pool, 0).empty());
    EXPECT_EQ(conn->poolGetXmlDesc(pool, 0),
              "<pool type='dir'>\n"
              "  <name>default-pool</name>\n"
              "  <uuid>dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566</uuid>\n"
              "  <capacity unit='bytes'>107374182400</capacity>\n"
              "  <allocation unit='bytes'>0</allocation>\n"
              "  <available unit='bytes'>107374182400</available>\n"
              "  <source>\n"
              "  </source>\n"
              "  <target>\n"
              "    <path>/default-pool</path>\n"
              "  </target>\n"
              "</pool>\n");
    expectError([&] { conn->poolGetXmlDesc(pool, 1); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x1) in function testStoragePoolGetXMLDesc");
    expectError([&] { conn->poolLookupByName("x"); }, ErrorCode::NoStoragePool, ErrorDomain::Test,
                "Storage pool not found: no storage pool with matching name 'x'");
    expectError([&] { conn->poolLookupByUuid(*Uuid::parse("dfe224cb-28fb-8dd0-c4b2-64eb3f0f4565")); },
                ErrorCode::NoStoragePool, ErrorDomain::Test,
                "Storage pool not found: no storage pool with matching uuid 'dfe224cb-28fb-8dd0-c4b2-64eb3f0f4565'");
}

TEST(TestDriverStorage, PoolLifecycle) {
    auto conn = open();
    expectError(
        [&] {
            conn->poolDefineXml("<pool type='dir'><name>p2</name><target><path>/default-pool</path></target></pool>",
                                0);
        },
        ErrorCode::OperationFailed, ErrorDomain::Storage,
        "operation failed: Storage source conflict with pool: 'default-pool'");
    expectError(
        [&] { conn->poolDefineXml("<pool type='dir'><name>default-pool</name><target><path>/x</path></target></pool>", 0); },
        ErrorCode::OperationFailed, ErrorDomain::Storage,
        "operation failed: pool 'default-pool' already exists with uuid dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566");
    StoragePoolRef p3 =
        conn->poolDefineXml("<pool type='dir'><name>p3</name><target><path>/p3</path></target></pool>", 0);
    EXPECT_EQ(conn->poolGetInfo(p3).state, 0);
    EXPECT_EQ(conn->poolGetInfo(p3).capacity, 107374182400u);
    expectError([&] { conn->poolListAllVolumes(p3, 0); }, ErrorCode::OperationInvalid, ErrorDomain::Test,
                "Requested operation is not valid: storage pool is not active");
    for (auto op : std::vector<std::function<void()>>{[&] { conn->poolNumOfVolumes(p3); },
                                                     [&] { conn->poolDestroy(p3); },
                                                     [&] { conn->poolRefresh(p3, 0); }})
        expectError(op, ErrorCode::OperationInvalid, ErrorDomain::Test,
                    "Requested operation is not valid: storage pool 'p3' is not active");
    conn->poolBuild(p3, 0);
    conn->poolDelete(p3, 0);
    conn->poolCreate(p3, 0);
    for (auto op : std::vector<std::function<void()>>{[&] { conn->poolCreate(p3, 0); },
                                                     [&] { conn->poolBuild(p3, 0); },
                                                     [&] { conn->poolUndefine(p3); }})
        expectError(op, ErrorCode::OperationInvalid, ErrorDomain::Test,
                    "Requested operation is not valid: storage pool 'p3' is active");
    conn->poolSetAutostart(p3, true);
    EXPECT_TRUE(conn->poolGetAutostart(p3));

    StoragePoolRef p4 =
        conn->poolCreateXml("<pool type='dir'><name>p4</name><target><path>/p4</path></target></pool>", 0);
    EXPECT_FALSE(conn->poolIsPersistent(p4));
    expectError([&] { conn->poolSetAutostart(p4, true); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "invalid argument: pool has no config file");
    EXPECT_EQ(sortedNames(conn->listAllPools(flags::kPoolListAutostart)), (Names{"p3"}));
    EXPECT_EQ(sortedNames(conn->listAllPools(flags::kPoolListNoAutostart)), (Names{"default-pool", "p4"}));
    EXPECT_EQ(sortedNames(conn->listAllPools(flags::kPoolListTransient)), (Names{"p4"}));
    EXPECT_EQ(sortedNames(conn->listAllPools(64)), (Names{"default-pool", "p3", "p4"}));  // type dir
    EXPECT_EQ(sortedNames(conn->listAllPools(128)), (Names{}));                          // type fs
    expectError([&] { conn->listAllPools(1u << 20); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x100000) in function testConnectListAllStoragePools");
    expectError([&] { conn->poolCreateXml("<pool type='dir'><name>p5</name><target><path>/p5</path></target></pool>", 1); },
                ErrorCode::InvalidArg, ErrorDomain::Test, "unsupported flags (0x1) in function testStoragePoolCreateXML");
    conn->poolDestroy(p4);
    expectError([&] { conn->poolLookupByName("p4"); }, ErrorCode::NoStoragePool, ErrorDomain::Test,
                "Storage pool not found: no storage pool with matching name 'p4'");
    conn->poolDestroy(p3);
    conn->poolUndefine(p3);
}

TEST(TestDriverStorage, Volumes) {
    auto conn = open();
    StoragePoolRef p3 =
        conn->poolDefineXml("<pool type='dir'><name>p3</name><target><path>/p3</path></target></pool>", 0);
    conn->poolCreate(p3, 0);
    StorageVolRef v1 = conn->volCreateXml(
        p3, "<volume><name>v1</name><capacity>1000</capacity><allocation>400</allocation></volume>", 0);
    EXPECT_EQ(v1.key, "/p3/v1");
    expectError([&] { conn->volCreateXml(p3, "<volume><name>v1</name><capacity>1000</capacity></volume>", 0); },
                ErrorCode::OperationFailed, ErrorDomain::Test, "operation failed: storage vol already exists");
    expectError(
        [&] {
            conn->volCreateXml(
                p3, "<volume><name>v2</name><capacity>1000</capacity><allocation>200000000000</allocation></volume>", 0);
        },
        ErrorCode::InternalError, ErrorDomain::Test, "internal error: Not enough free space in pool for volume 'v2'");
    expectError([&] { conn->volCreateXml(p3, "<volume><name>v3</name><capacity>1000</capacity></volume>", 1); },
                ErrorCode::InvalidArg, ErrorDomain::Test, "unsupported flags (0x1) in function testStorageVolCreateXML");
    StorageVolInfo info = conn->volGetInfo(v1);
    EXPECT_EQ(info.type, 0);
    EXPECT_EQ(info.capacity, 1000u);
    EXPECT_EQ(info.allocation, 400u);
    EXPECT_EQ(conn->volGetPath(v1), "/p3/v1");
    EXPECT_EQ(conn->volGetXmlDesc(v1, 0),
              "<volume type='file'>\n"
              "  <name>v1</name>\n"
              "  <key>/p3/v1</key>\n"
              "  <capacity unit='bytes'>1000</capacity>\n"
              "  <allocation unit='bytes'>400</allocation>\n"
              "  <target>\n"
              "    <path>/p3/v1</path>\n"
              "    <format type='raw'/>\n"
              "  </target>\n"
              "</volume>\n");
    EXPECT_EQ(conn->poolGetInfo(p3).allocation, 400u);
    EXPECT_EQ(conn->poolGetInfo(p3).available, 107374182000u);
    EXPECT_EQ(conn->volLookupByKey("/p3/v1").name, "v1");
    EXPECT_EQ(conn->volLookupByPath("/p3/v1").name, "v1");
    EXPECT_EQ(conn->poolLookupByVolume(v1).name, "p3");
    expectError([&] { conn->volLookupByKey("/p3/vx"); }, ErrorCode::NoStorageVol, ErrorDomain::Test,
                "Storage volume not found: no storage vol with matching key '/p3/vx'");
    expectError([&] { conn->volLookupByPath("/p3/vx"); }, ErrorCode::NoStorageVol, ErrorDomain::Test,
                "Storage volume not found: no storage vol with matching path '/p3/vx'");
    expectError([&] { conn->volLookupByName(p3, "vx"); }, ErrorCode::NoStorageVol, ErrorDomain::Test,
                "Storage volume not found: no storage vol with matching name 'vx'");

    StorageVolRef v4 = conn->volCreateXmlFrom(
        p3, "<volume><name>v4</name><capacity>1000</capacity><allocation>100</allocation></volume>", v1, 0);
    EXPECT_EQ(v4.name, "v4");
    // The test driver has no wipe or resize.
    expectError([&] { conn->volWipe(v1, 0); }, ErrorCode::NoSupport, ErrorDomain::Storage,
                "this function is not supported by the connection driver: virStorageVolWipe");
    expectError([&] { conn->volResize(v1, 5000, 0); }, ErrorCode::NoSupport, ErrorDomain::Storage,
                "this function is not supported by the connection driver: virStorageVolResize");
    EXPECT_EQ(conn->poolNumOfVolumes(p3), 2);
    conn->volDelete(v1, 0);
    EXPECT_EQ(conn->poolGetInfo(p3).allocation, 100u);
    conn->poolDestroy(p3);
    expectError([&] { conn->volLookupByName(p3, "v4"); }, ErrorCode::OperationInvalid, ErrorDomain::Test,
                "Requested operation is not valid: storage pool 'p3' is not active");
}

}  // namespace
}  // namespace cvirt::test::testdriver
