// <shmem>: models, role, size in MiB, server and msi, errors.
#include "conf/domain/devices/shmem.hpp"

#include "device_xml.hpp"

namespace {

using namespace cvirt::conf::domain;
using cvirt::test::domain::errorOf;
using cvirt::test::domain::parseDevice;
using cvirt::test::domain::roundTrip;

TEST(Shmem, LegacyModelIsDefaultAndIgnoresRole) {
    EXPECT_EQ(roundTrip<Shmem>("shmem", "<shmem name='shmem0' role='peer'/>"),
              "<shmem name='shmem0'>\n"
              "  <model type='ivshmem'/>\n"
              "</shmem>\n");
}

TEST(Shmem, DoorbellWithServerAndMsi) {
    EXPECT_EQ(roundTrip<Shmem>("shmem",
                               "<shmem name='shmem2' role='master'><model type='ivshmem-doorbell'/>"
                               "<msi ioeventfd='on' vectors='0x20'/><server path='/tmp//socket-shmem/'/>"
                               "<size unit='K'>1048576</size>"
                               "<address type='pci' domain='0' bus='0' slot='5' function='0'/></shmem>"),
              "<shmem name='shmem2' role='master'>\n"
              "  <model type='ivshmem-doorbell'/>\n"
              "  <size unit='M'>1024</size>\n"
              "  <server path='/tmp/socket-shmem'/>\n"
              "  <msi vectors='32' ioeventfd='on'/>\n"
              "  <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>\n"
              "</shmem>\n");
}

TEST(Shmem, SizeBelowOneMiBPrintsZero) {
    EXPECT_EQ(roundTrip<Shmem>("shmem",
                               "<shmem name='s'><model type='ivshmem-plain'/><size unit='K'>1023</size><server/></shmem>"),
              "<shmem name='s'>\n"
              "  <model type='ivshmem-plain'/>\n"
              "  <size unit='M'>0</size>\n"
              "  <server/>\n"
              "</shmem>\n");
}

TEST(Shmem, Errors) {
    auto err = [](const char* xml) { return errorOf([&] { validateShmem(parseDevice<Shmem>(xml)); }); };
    EXPECT_EQ(err("<shmem/>"), "VIR_ERR_XML_ERROR: XML error: shmem element must contain 'name' attribute");
    EXPECT_EQ(err("<shmem name='a'><msi vectors='4'/></shmem>"),
              "VIR_ERR_XML_ERROR: XML error: msi option is only supported with a server");
    EXPECT_EQ(err("<shmem name='a' role='default'><model type='ivshmem-plain'/></shmem>"),
              "VIR_ERR_XML_ERROR: XML error: Invalid value for attribute 'role' in element 'shmem': 'default'.");
    EXPECT_EQ(err("<shmem name='a'><model type='ivshmem-fancy'/></shmem>"),
              "VIR_ERR_XML_ERROR: XML error: Invalid value for attribute 'type' in element 'model': 'ivshmem-fancy'.");
    EXPECT_EQ(err("<shmem name='a'><size>1G</size></shmem>"),
              "VIR_ERR_XML_ERROR: XML error: Invalid value '1G' for element or attribute './size[1]'");
    EXPECT_EQ(err("<shmem name='a/b'/>"),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: shmem name cannot include '/' character");
    EXPECT_EQ(err("<shmem name='.'/>"),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: shmem name cannot be equal to '.'");
    EXPECT_EQ(err("<shmem name='..'/>"),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: shmem name cannot be equal to '..'");
}

}  // namespace
