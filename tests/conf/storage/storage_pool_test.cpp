// The <pool> parser's checks and defaults. Messages are libvirt's (the
// same in Debian's libvirt 9.0, checked with virsh pool-define).
#include <gtest/gtest.h>

#include "conf/storage/pool.hpp"
#include "util/error.hpp"

using namespace cvirt;
using namespace cvirt::conf::storage;

namespace {

void expectError(const std::string& xml, ErrorCode code, const std::string& message) {
    try {
        parseStoragePoolXml(xml);
        ADD_FAILURE() << "accepted: " << xml;
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), code) << xml;
        EXPECT_EQ(e.message(), message) << xml;
    }
}

const std::string kUuid = "<uuid>70a7eb15-6c34-ee9c-bf57-69e8e5ff3fb2</uuid>";

}  // namespace

TEST(StoragePoolXml, DirPoolNeedsATargetPath) {
    expectError("<pool type='dir'><name>ab</name></pool>", ErrorCode::XmlError,
                "XML error: missing storage pool target path");
    auto pool = parseStoragePoolXml("<pool type='dir'><name>ab</name>" + kUuid +
                                    "<target><path>//srv///pools/a/</path></target></pool>");
    EXPECT_EQ(pool.targetPath, "//srv/pools/a");
    EXPECT_EQ(formatStoragePoolXml(pool),
              "<pool type='dir'>\n"
              "  <name>ab</name>\n"
              "  <uuid>70a7eb15-6c34-ee9c-bf57-69e8e5ff3fb2</uuid>\n"
              "  <capacity unit='bytes'>0</capacity>\n"
              "  <allocation unit='bytes'>0</allocation>\n"
              "  <available unit='bytes'>0</available>\n"
              "  <source>\n"
              "  </source>\n"
              "  <target>\n"
              "    <path>//srv/pools/a</path>\n"
              "  </target>\n"
              "</pool>\n");
}

TEST(StoragePoolXml, SanitizePath) {
    EXPECT_EQ(sanitizePath("///var/////lib/libvirt/images//"), "/var/lib/libvirt/images");
    EXPECT_EQ(sanitizePath("//"), "//");
    EXPECT_EQ(sanitizePath("/"), "/");
    EXPECT_EQ(sanitizePath("a//b/"), "a/b");
    EXPECT_EQ(sanitizePath("gluster://host//vol/"), "gluster://host//vol/");
}

TEST(StoragePoolXml, LogicalPoolDefaults) {
    // The pool name comes from the source name, the target from the VG.
    auto pool = parseStoragePoolXml("<pool type='logical'><source><name>vg0</name></source></pool>");
    EXPECT_EQ(pool.name, "vg0");
    EXPECT_EQ(pool.targetPath, "/dev/vg0");
    EXPECT_EQ(poolTypeInfo(pool.type).poolFormats.name(pool.source.format), "lvm2");
    pool = parseStoragePoolXml("<pool type='zfs'><name>tank</name></pool>");
    EXPECT_EQ(pool.source.name, "tank");
    EXPECT_EQ(pool.targetPath, "/dev/zvol/tank");
}

TEST(StoragePoolXml, ErrorsAtTheTop) {
    expectError("<pool type='xx'><name>a</name></pool>", ErrorCode::XmlError,
                "XML error: Invalid value for attribute 'type' in element 'pool': 'xx'.");
    expectError("<pool><name>a</name></pool>", ErrorCode::XmlError,
                "XML error: Missing required attribute 'type' in element 'pool'");
    expectError("<pool type='dir'><target><path>/x</path></target></pool>", ErrorCode::XmlError,
                "XML error: missing pool source name element");
    expectError("<pool type='dir'><name>a/b</name></pool>", ErrorCode::XmlError,
                "XML error: name a/b cannot contain '/'");
    expectError("<pool type='dir'><name>a</name><uuid>x</uuid></pool>", ErrorCode::XmlError,
                "XML error: malformed uuid element");
    expectError(
        "<pool type='logical'><name>a</name><features><cow state='yes'/></features></pool>",
        ErrorCode::NoSupport,
        "this function is not supported by the connection driver: cow feature may only be used for 'fs' "
        "and 'dir' pools");
    expectError(
        "<pool type='dir'><name>a</name><target><path>/x</path></target><refresh><volume allocation='x'/>"
        "</refresh></pool>",
        ErrorCode::ConfigUnsupported,
        "unsupported configuration: unknown storage pool volume refresh allocation type x");
    expectError("<network/>", ErrorCode::XmlError,
                "XML error: expecting root element of 'pool', not 'network'");
}

TEST(StoragePoolXml, SourceErrors) {
    expectError("<pool type='rbd'><name>a</name><source/></pool>", ErrorCode::XmlError,
                "XML error: element 'name' is mandatory for RBD pool");
    expectError("<pool type='netfs'><name>a</name><source><format type='x'/></source></pool>",
                ErrorCode::ConfigUnsupported, "unsupported configuration: unknown pool format type x");
    expectError("<pool type='netfs'><name>a</name><source><host/></source></pool>", ErrorCode::XmlError,
                "XML error: missing storage pool host name");
    expectError(
        "<pool type='netfs'><name>a</name><source><host name='h' port='x'/></source></pool>",
        ErrorCode::XmlError,
        "XML error: Invalid value for attribute 'port' in element 'host': 'x'. Expected integer value");
    expectError("<pool type='netfs'><name>a</name><source><host name='h'/></source></pool>",
                ErrorCode::XmlError, "XML error: missing storage pool source path");
    expectError("<pool type='fs'><name>a</name><source/><target><path>/x</path></target></pool>",
                ErrorCode::XmlError, "XML error: missing storage pool source device name");
    expectError("<pool type='fs'><name>a</name><source><device/></source></pool>", ErrorCode::XmlError,
                "XML error: missing storage pool source device path");
    expectError(
        "<pool type='netfs'><name>a</name><source><host name='h'/><dir path='/x'/><format type='cifs'/>"
        "<protocol ver='3'/></source><target><path>/x</path></target></pool>",
        ErrorCode::ConfigUnsupported,
        "unsupported configuration: storage pool protocol ver unsupported for pool type 'cifs'");
    expectError(
        "<pool type='netfs'><name>a</name><source><host name='h'/><dir path='/x'/><protocol ver='3,4'/>"
        "</source><target><path>/x</path></target></pool>",
        ErrorCode::XmlDetail, "storage pool protocol ver '3,4' must not contain ','");
    expectError(
        "<pool type='iscsi-direct'><name>a</name><source><host name='h'/><device path='d'/></source></pool>",
        ErrorCode::ConfigUnsupported, "unsupported configuration: missing initiator IQN");
}

TEST(StoragePoolXml, AuthErrors) {
    auto iscsi = [](const std::string& auth) {
        return "<pool type='iscsi'><name>a</name><source><host name='h'/>" + auth +
               "</source><target><path>/x</path></target></pool>";
    };
    std::string secret = "<secret uuid='2ec115d7-3a88-3ceb-bc12-0ac909a6fd87'/>";
    expectError(iscsi("<auth username='u'>" + secret + "</auth>"), ErrorCode::ConfigUnsupported,
                "unsupported configuration: storage pool missing auth type");
    expectError(iscsi("<auth type='chap'>" + secret + "</auth>"), ErrorCode::XmlError,
                "XML error: missing username for auth");
    expectError(iscsi("<auth type='x' username='u'>" + secret + "</auth>"), ErrorCode::ConfigUnsupported,
                "unsupported configuration: unknown auth type 'x'");
    expectError(iscsi("<auth type='chap' username='u'/>"), ErrorCode::XmlError,
                "XML error: Missing <secret> element in auth");
    expectError(iscsi("<auth type='chap' username='u'><secret/></auth>"), ErrorCode::XmlError,
                "XML error: missing secret uuid or usage attribute");
    expectError(iscsi("<auth type='chap' username='u'><secret uuid='x' usage='y'/></auth>"),
                ErrorCode::XmlError, "XML error: either secret uuid or usage expected");
    expectError(iscsi("<auth type='chap' username='u'><secret uuid='x'/></auth>"), ErrorCode::XmlError,
                "XML error: invalid secret uuid 'x'");
}

TEST(StoragePoolXml, PermissionErrors) {
    auto dir = [](const std::string& perms) {
        return "<pool type='dir'><name>a</name><target><path>/x</path><permissions>" + perms +
               "</permissions></target></pool>";
    };
    expectError(dir("<mode>999</mode>"), ErrorCode::XmlError, "XML error: malformed octal mode");
    expectError(dir("<owner>x</owner>"), ErrorCode::XmlError, "XML error: malformed owner element");
    expectError(dir("<group>99999999999</group>"), ErrorCode::XmlError, "XML error: malformed group element");
    // -1 is how older libvirt wrote "unset"; it is accepted and dropped.
    auto pool = parseStoragePoolXml(dir("<mode>0</mode><owner>-1</owner><group>0744</group>"));
    EXPECT_FALSE(pool.targetPermissions.uid);
    EXPECT_EQ(pool.targetPermissions.gid, 744u);
    EXPECT_NE(formatStoragePoolXml(pool).find("    <permissions>\n"
                                              "      <mode>00</mode>\n"
                                              "      <group>744</group>\n"
                                              "    </permissions>\n"),
              std::string::npos);
}

TEST(StoragePoolXml, AdapterErrors) {
    auto scsi = [](const std::string& adapter) {
        return "<pool type='scsi'><name>a</name><source>" + adapter +
               "</source><target><path>/x</path></target></pool>";
    };
    expectError(scsi(""), ErrorCode::XmlError, "XML error: missing storage pool source adapter");
    expectError(scsi("<adapter type='x'/>"), ErrorCode::XmlError,
                "XML error: Invalid value for attribute 'type' in element 'adapter': 'x'.");
    expectError(scsi("<adapter type='fc_host'/>"), ErrorCode::XmlError,
                "XML error: 'wwnn' and 'wwpn' must be specified for adapter type 'fchost'");
    expectError(scsi("<adapter type='fc_host' wwnn='1' wwpn='2'/>"), ErrorCode::InternalError,
                "internal error: Malformed wwn: 1");
    expectError(scsi("<adapter type='scsi_host'/>"), ErrorCode::XmlError,
                "XML error: Either 'name' or 'parent' must be specified for the 'scsi_host' adapter");
    expectError(
        scsi("<adapter wwnn='1'/>"), ErrorCode::XmlError,
        "XML error: Use of 'wwnn', 'wwpn', and 'parent' attributes requires use of the adapter 'type'");
    expectError(scsi("<adapter type='scsi_host'><parentaddr/></adapter>"), ErrorCode::XmlError,
                "XML error: Missing scsi_host PCI address element");
    expectError(
        scsi("<adapter type='scsi_host'><parentaddr unique_id='x'><address bus='1'/></parentaddr></adapter>"),
        ErrorCode::XmlError, "XML error: Missing or invalid scsi adapter 'unique_id' value");
}

TEST(StoragePoolXml, RuntimeFieldsAreFormatted) {
    auto pool = parseStoragePoolXml(
        "<pool type='disk'><name>sda</name>" + kUuid +
        "<source><device path='/dev/sda'/></source><target><path>/dev</path></target></pool>");
    pool.capacity = 100;
    pool.allocation = 40;
    pool.available = 60;
    pool.source.devices[0].freeExtents.push_back({370137600, 567544320});
    EXPECT_EQ(formatStoragePoolXml(pool),
              "<pool type='disk'>\n"
              "  <name>sda</name>\n"
              "  <uuid>70a7eb15-6c34-ee9c-bf57-69e8e5ff3fb2</uuid>\n"
              "  <capacity unit='bytes'>100</capacity>\n"
              "  <allocation unit='bytes'>40</allocation>\n"
              "  <available unit='bytes'>60</available>\n"
              "  <source>\n"
              "    <device path='/dev/sda'>\n"
              "      <freeExtent start='370137600' end='567544320'/>\n"
              "    </device>\n"
              "    <format type='unknown'/>\n"
              "  </source>\n"
              "  <target>\n"
              "    <path>/dev</path>\n"
              "  </target>\n"
              "</pool>\n");
}
