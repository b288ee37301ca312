// <iommu>, <vsock>, <crypto> and <pstore>: exact output, post-parse,
// validation and errors.
#include "conf/domain/devices/crypto.hpp"
#include "conf/domain/devices/iommu.hpp"
#include "conf/domain/devices/pstore.hpp"
#include "conf/domain/devices/vsock.hpp"

#include "device_xml.hpp"

namespace {

using namespace cvirt::conf::domain;
using cvirt::test::domain::errorOf;
using cvirt::test::domain::parseDevice;
using cvirt::test::domain::roundTrip;

TEST(Iommu, IntelDriverAttributesInLibvirtOrder) {
    EXPECT_EQ(roundTrip<Iommu>("iommu",
                               "<iommu model='intel'><driver aw_bits='48' iotlb='on' eim='off' caching_mode='on' "
                               "intremap='on'/></iommu>"),
              "<iommu model='intel'>\n"
              "  <driver intremap='on' caching_mode='on' eim='off' iotlb='on' aw_bits='48'/>\n"
              "</iommu>\n");
    EXPECT_EQ(roundTrip<Iommu>("iommu", "<iommu model='smmuv3'/>"), "<iommu model='smmuv3'/>\n");
}

TEST(Iommu, Validation) {
    auto err = [](const char* xml) { return errorOf([&] { validateIommu(parseDevice<Iommu>(xml)); }); };
    EXPECT_EQ(err("<iommu model='virtio'><driver aw_bits='48'/></iommu>"),
              "VIR_ERR_XML_ERROR: XML error: iommu model 'virtio' doesn't support additional attributes");
    EXPECT_EQ(err("<iommu model='intel'><address type='pci' domain='0' bus='0' slot='3' function='0'/></iommu>"),
              "VIR_ERR_XML_ERROR: XML error: iommu model 'intel' can't have address");
    EXPECT_EQ(err("<iommu model='virtio'><address type='pci' domain='0' bus='0' slot='3' function='0'/></iommu>"),
              "no error");
    EXPECT_EQ(err("<iommu/>"), "VIR_ERR_XML_ERROR: XML error: Missing required attribute 'model' in element 'iommu'");
    EXPECT_EQ(err("<iommu model='intel'><driver aw_bits='-1'/></iommu>"),
              "VIR_ERR_XML_ERROR: XML error: Invalid value for attribute 'aw_bits' in element 'driver': '-1'. "
              "Expected non-negative integer value");
}

TEST(Vsock, PostParseChoosesAuto) {
    auto vsock = parseDevice<Vsock>("<vsock model='virtio'><cid address='4'/></vsock>");
    postParseVsock(vsock);
    cvirt::conf::xml::Writer w;
    cvirt::conf::xml::FormatContext ctx;
    cvirt::conf::xml::formatElement(w, "vsock", vsock, ctx);
    EXPECT_EQ(w.out(),
              "<vsock model='virtio'>\n"
              "  <cid auto='no' address='4'/>\n"
              "</vsock>\n");
    auto automatic = parseDevice<Vsock>("<vsock/>");
    postParseVsock(automatic);
    EXPECT_EQ(automatic.autoCid, cvirt::conf::TriBool::Yes);
}

TEST(Vsock, AddressThenDriver) {
    EXPECT_EQ(roundTrip<Vsock>("vsock",
                               "<vsock model='virtio-non-transitional'><driver iommu='on'/><cid auto='yes'/>"
                               "<address type='pci' domain='0' bus='0' slot='7' function='0'/></vsock>"),
              "<vsock model='virtio-non-transitional'>\n"
              "  <cid auto='yes'/>\n"
              "  <address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'/>\n"
              "  <driver iommu='on'/>\n"
              "</vsock>\n");
    // Nothing set: nothing written, as libvirt's element writer does.
    EXPECT_EQ(roundTrip<Vsock>("vsock", "<vsock/>"), "");
}

TEST(Vsock, Errors) {
    auto err = [](const char* xml) { return errorOf([&] { validateVsock(parseDevice<Vsock>(xml)); }); };
    EXPECT_EQ(err("<vsock><cid address='0'/></vsock>"),
              "VIR_ERR_XML_ERROR: XML error: Invalid value for attribute 'address' in element 'cid': Zero is not "
              "permitted");
    EXPECT_EQ(err("<vsock model='virtio'><cid address='2'/></vsock>"),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: guest CIDs must be >= 3");
    EXPECT_EQ(err("<vsock><driver iommu='on'/></vsock>"),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: iommu driver option is only supported for "
              "virtio devices");
    EXPECT_EQ(err("<vsock model='virtio'><cid auto='sometimes'/></vsock>"),
              "VIR_ERR_XML_ERROR: XML error: Invalid value for attribute 'auto' in element 'cid': 'sometimes'.");
}

TEST(Crypto, BackendDriverAddress) {
    EXPECT_EQ(roundTrip<Crypto>("crypto",
                                "<crypto model='virtio' type='qemu'><address type='pci' domain='0' bus='0' slot='10' "
                                "function='0'/><driver packed='on'/><backend model='lkcf' queues='2'/></crypto>"),
              "<crypto model='virtio' type='qemu'>\n"
              "  <backend model='lkcf' queues='2'/>\n"
              "  <driver packed='on'/>\n"
              "  <address type='pci' domain='0x0000' bus='0x00' slot='0x0a' function='0x0'/>\n"
              "</crypto>\n");
}

TEST(Crypto, Errors) {
    auto err = [](const char* xml) { return errorOf([&] { parseDevice<Crypto>(xml); }); };
    EXPECT_EQ(err("<crypto type='qemu'><backend model='builtin'/></crypto>"),
              "VIR_ERR_XML_ERROR: XML error: Missing required attribute 'model' in element 'crypto'");
    EXPECT_EQ(err("<crypto model='virtio'><backend model='builtin'/></crypto>"),
              "VIR_ERR_XML_ERROR: XML error: Missing required attribute 'type' in element 'crypto'");
    EXPECT_EQ(err("<crypto model='virtio' type='qemu'/>"),
              "VIR_ERR_XML_ERROR: XML error: only one crypto backend is supported");
    EXPECT_EQ(err("<crypto model='virtio' type='qemu'><backend model='openssl'/></crypto>"),
              "VIR_ERR_XML_ERROR: XML error: Invalid value for attribute 'model' in element 'backend': 'openssl'.");
}

TEST(Pstore, RoundTripAndValidation) {
    EXPECT_EQ(roundTrip<Pstore>("pstore",
                                "<pstore backend='acpi-erst'><size unit='MiB'>8</size><path>/tmp/guest_acpi_esrt</path>"
                                "<address type='pci' domain='0' bus='0' slot='9' function='0'/></pstore>"),
              "<pstore backend='acpi-erst'>\n"
              "  <path>/tmp/guest_acpi_esrt</path>\n"
              "  <size unit='KiB'>8192</size>\n"
              "  <address type='pci' domain='0x0000' bus='0x00' slot='0x09' function='0x0'/>\n"
              "</pstore>\n");
    auto err = [](const char* xml) { return errorOf([&] { validatePstore(parseDevice<Pstore>(xml)); }); };
    EXPECT_EQ(err("<pstore backend='acpi-erst'><size>8</size></pstore>"),
              "VIR_ERR_XML_ERROR: XML error: missing path for ACPI ERST pstore device");
    EXPECT_EQ(err("<pstore backend='acpi-erst'><path>/p</path><size>6</size></pstore>"),
              "VIR_ERR_XML_ERROR: XML error: invalid size of ACPI ERST pstore device");
    EXPECT_EQ(err("<pstore backend='acpi-erst'><path>/p</path></pstore>"),
              "VIR_ERR_XML_ERROR: XML error: missing element or attribute './size'");
}

}  // namespace
