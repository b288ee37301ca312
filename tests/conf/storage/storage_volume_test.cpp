// The <volume> parser's checks, unit scaling and formats per pool type.
// Messages are libvirt's (checked with Debian's virsh vol-create).
#include <gtest/gtest.h>

#include "conf/storage/volume.hpp"
#include "util/error.hpp"

using namespace cvirt;
using namespace cvirt::conf::storage;

namespace {

StoragePool dirPool() {
    return parseStoragePoolXml("<pool type='dir'><name>p</name><target><path>/p</path></target></pool>");
}

void expectError(const std::string& xml, ErrorCode code, const std::string& message,
                 const StoragePool& pool = dirPool()) {
    try {
        parseStorageVolumeXml(pool, xml);
        ADD_FAILURE() << "accepted: " << xml;
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), code) << xml;
        EXPECT_EQ(e.message(), message) << xml;
    }
}

std::string vol(const std::string& body) {
    return "<volume><name>v1</name>" + body + "</volume>";
}

}  // namespace

TEST(StorageVolumeXml, CapacityUnitsScaleToBytes) {
    auto pool = dirPool();
    auto v = parseStorageVolumeXml(
        pool, vol("<capacity unit='G'>5</capacity><allocation unit='KB'>3</allocation>"));
    EXPECT_EQ(v.capacity, 5368709120u);
    EXPECT_EQ(v.allocation, 3000u);
    EXPECT_TRUE(v.hasAllocation);
    v = parseStorageVolumeXml(pool, vol("<capacity unit='MiB'>1</capacity>"));
    EXPECT_EQ(v.allocation, 1048576u);  // defaults to the capacity
    EXPECT_EQ(formatStorageVolumeXml(pool, v),
              "<volume type='file'>\n"
              "  <name>v1</name>\n"
              "  <capacity unit='bytes'>1048576</capacity>\n"
              "  <allocation unit='bytes'>1048576</allocation>\n"
              "  <target>\n"
              "    <format type='raw'/>\n"
              "  </target>\n"
              "</volume>\n");
}

TEST(StorageVolumeXml, CapacityFlags) {
    auto pool = dirPool();
    expectError(vol(""), ErrorCode::XmlError, "XML error: missing capacity element");
    StorageVolumeParseOptions noCapacity;
    noCapacity.noCapacity = true;
    EXPECT_EQ(parseStorageVolumeXml(pool, vol(""), noCapacity).capacity, 0u);
    StorageVolumeParseOptions optCapacity;
    optCapacity.optCapacity = true;
    EXPECT_NO_THROW(
        parseStorageVolumeXml(pool, vol("<backingStore><path>/b</path></backingStore>"), optCapacity));
    EXPECT_THROW(parseStorageVolumeXml(pool, vol(""), optCapacity), Error);
}

TEST(StorageVolumeXml, FormatsFollowThePoolType) {
    auto disk = parseStoragePoolXml(
        "<pool type='disk'><name>d</name><source><device path='/dev/sda'/></source>"
        "<target><path>/dev</path></target></pool>");
    auto v = parseStorageVolumeXml(disk, vol("<capacity>1</capacity>"));
    EXPECT_NE(formatStorageVolumeXml(disk, v).find("<format type='none'/>"), std::string::npos);
    auto logical = parseStoragePoolXml("<pool type='logical'><name>vg</name></pool>");
    v = parseStorageVolumeXml(logical, vol("<capacity>1</capacity><target><format type='bogus'/></target>"));
    EXPECT_EQ(formatStorageVolumeXml(logical, v).find("<format"), std::string::npos);
    expectError(vol("<capacity>1</capacity><target><format type='none'/></target>"),
                ErrorCode::ConfigUnsupported, "unsupported configuration: unknown volume format type none");
    expectError(vol("<capacity>1</capacity><target><format type='linux'/></target>"),
                ErrorCode::ConfigUnsupported, "unsupported configuration: unknown volume format type linux");
}

TEST(StorageVolumeXml, Qcow2Features) {
    auto pool = dirPool();
    auto v = parseStorageVolumeXml(pool, vol("<capacity>1</capacity><target><format type='qcow2'/><nocow/>"
                                             "<clusterSize unit='KiB'>64</clusterSize><features/></target>"));
    EXPECT_TRUE(v.target.nocow);
    EXPECT_EQ(formatStorageVolumeXml(pool, v),
              "<volume type='file'>\n"
              "  <name>v1</name>\n"
              "  <capacity unit='bytes'>1</capacity>\n"
              "  <allocation unit='bytes'>1</allocation>\n"
              "  <target>\n"
              "    <format type='qcow2'/>\n"
              "    <compat>1.1</compat>\n"
              "    <clusterSize unit='B'>65536</clusterSize>\n"
              "    <features/>\n"
              "  </target>\n"
              "</volume>\n");
}

TEST(StorageVolumeXml, Errors) {
    expectError("<volume><capacity>1</capacity></volume>", ErrorCode::XmlError,
                "XML error: missing volume name element");
    expectError("<volume type='x'><name>v1</name><capacity>1</capacity></volume>",
                ErrorCode::ConfigUnsupported, "unsupported configuration: unknown volume type 'x'");
    expectError(vol("<capacity>x</capacity>"), ErrorCode::XmlError, "XML error: malformed capacity element");
    expectError(vol("<capacity>-1</capacity>"), ErrorCode::XmlError, "XML error: malformed capacity element");
    expectError(vol("<capacity unit='zz'>1</capacity>"), ErrorCode::InvalidArg,
                "invalid argument: unknown suffix 'zz'");
    expectError(vol("<capacity unit='EiB'>100</capacity>"), ErrorCode::Overflow,
                "numerical overflow: value too large: 100EiB");
    expectError(vol("<capacity>1</capacity><allocation>x</allocation>"), ErrorCode::XmlError,
                "XML error: malformed capacity element");
    expectError(vol("<capacity>1</capacity><target><compat>x</compat></target>"), ErrorCode::XmlError,
                "XML error: forbidden characters in 'compat' attribute");
    expectError(vol("<capacity>1</capacity><target><clusterSize>x</clusterSize></target>"),
                ErrorCode::XmlError,
                "XML error: Invalid value 'x' for element or attribute './target/clusterSize'");
    expectError(vol("<capacity>1</capacity><target><features><foo/></features></target>"),
                ErrorCode::ConfigUnsupported, "unsupported configuration: unsupported feature foo");
    expectError(vol("<capacity>1</capacity><backingStore><path>/x</path><format type='y'/></backingStore>"),
                ErrorCode::ConfigUnsupported, "unsupported configuration: unknown volume format type y");
}

TEST(StorageVolumeXml, EncryptionErrors) {
    auto enc = [](const std::string& e) { return vol("<capacity>1</capacity><target>" + e + "</target>"); };
    expectError(enc("<encryption/>"), ErrorCode::XmlError, "XML error: unknown volume encryption format");
    expectError(enc("<encryption format='x'/>"), ErrorCode::ConfigUnsupported,
                "unsupported configuration: unknown volume encryption format type x");
    expectError(enc("<encryption format='luks' engine='default'/>"), ErrorCode::XmlError,
                "XML error: Invalid value for attribute 'engine' in element 'encryption': 'default'.");
    expectError(enc("<encryption format='luks'><secret/></encryption>"), ErrorCode::XmlError,
                "XML error: unknown volume encryption secret type");
    expectError(enc("<encryption format='luks'><secret type='x'/></encryption>"),
                ErrorCode::ConfigUnsupported,
                "unsupported configuration: unknown volume encryption secret type x");
    expectError(enc("<encryption format='luks'><cipher/></encryption>"), ErrorCode::XmlError,
                "XML error: cipher info missing 'name' attribute");
    expectError(enc("<encryption format='luks'><cipher name='aes'/></encryption>"), ErrorCode::XmlError,
                "XML error: Missing required attribute 'size' in element 'cipher'");
    expectError(enc("<encryption format='luks'><ivgen name='x'/></encryption>"), ErrorCode::XmlError,
                "XML error: ivgen element found, but cipher is missing");
    expectError(enc("<encryption format='luks'><cipher name='aes' size='256'/><ivgen/></encryption>"),
                ErrorCode::XmlError, "XML error: missing ivgen info name string");
}

TEST(StorageVolumeXml, RuntimeFieldsAreFormatted) {
    auto pool = parseStoragePoolXml("<pool type='logical'><name>vg</name></pool>");
    auto v =
        parseStorageVolumeXml(pool, "<volume type='block'><name>lv</name><capacity>4</capacity></volume>");
    v.extents = {{"/dev/sda2", 0, 2}, {"/dev/sda2", 4, 6}, {"/dev/sdb1", 0, 1}};
    v.physical = 8;
    v.target.timestamps =
        VolumeTimestamps{Timestamp{1341933637, 273190990}, Timestamp{1341930622, 0}, {}, {}};
    EXPECT_EQ(formatStorageVolumeXml(pool, v),
              "<volume type='block'>\n"
              "  <name>lv</name>\n"
              "  <source>\n"
              "    <device path='/dev/sda2'>\n"
              "      <extent start='0' end='2'/>\n"
              "      <extent start='4' end='6'/>\n"
              "    </device>\n"
              "    <device path='/dev/sdb1'>\n"
              "      <extent start='0' end='1'/>\n"
              "    </device>\n"
              "  </source>\n"
              "  <capacity unit='bytes'>4</capacity>\n"
              "  <allocation unit='bytes'>4</allocation>\n"
              "  <physical unit='bytes'>8</physical>\n"
              "  <target>\n"
              "    <timestamps>\n"
              "      <atime>1341933637.273190990</atime>\n"
              "      <mtime>1341930622</mtime>\n"
              "    </timestamps>\n"
              "  </target>\n"
              "</volume>\n");
}
