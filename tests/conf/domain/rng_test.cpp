// <rng>: rate, backends, driver options, post-parse default, errors.
#include "conf/domain/devices/rng.hpp"

#include "device_xml.hpp"

namespace {

using namespace cvirt::conf::domain;
using cvirt::test::domain::errorOf;
using cvirt::test::domain::parseDevice;
using cvirt::test::domain::roundTrip;

TEST(Rng, RandomBackendWithRateAndDriver) {
    EXPECT_EQ(roundTrip<Rng>("rng",
                             "<rng model='virtio'><driver iommu='on' ats='on' packed='on' page_per_vq='off'/>"
                             "<backend model='random'>/dev/urandom</backend><rate period='1000' bytes='1234'/>"
                             "<address type='pci' domain='0' bus='0' slot='7' function='0'/></rng>"),
              "<rng model='virtio'>\n"
              "  <rate bytes='1234' period='1000'/>\n"
              "  <backend model='random'>/dev/urandom</backend>\n"
              "  <driver iommu='on' ats='on' packed='on' page_per_vq='off'/>\n"
              "  <address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'/>\n"
              "</rng>\n");
}

TEST(Rng, PeriodOnlyCountsWithBytes) {
    EXPECT_EQ(roundTrip<Rng>("rng", "<rng model='virtio-transitional'><rate period='7'/><backend model='builtin'/></rng>"),
              "<rng model='virtio-transitional'>\n"
              "  <backend model='builtin'/>\n"
              "</rng>\n");
}

TEST(Rng, PostParseDefaultsToDevRandom) {
    Rng rng = parseDevice<Rng>("<rng model='virtio'><backend model='random'/></rng>");
    postParseRng(rng);
    EXPECT_EQ(std::get<RngRandomBackend>(rng.backend).path, "/dev/random");
    Rng own = parseDevice<Rng>("<rng model='virtio'><backend model='random'>/dev/hwrng</backend></rng>");
    postParseRng(own);
    EXPECT_EQ(std::get<RngRandomBackend>(own.backend).path, "/dev/hwrng");
}

// As Debian's libvirt prints them (virsh define + dumpxml).
TEST(Rng, EgdBackends) {
    EXPECT_EQ(roundTrip<Rng>("rng",
                             "<rng model='virtio'><backend model='egd' type='tcp'><source mode='connect' "
                             "host='localhost' service='2345'><reconnect enabled='yes' timeout='5'/></source>"
                             "</backend></rng>"),
              "<rng model='virtio'>\n"
              "  <backend model='egd' type='tcp'>\n"
              "    <source mode='connect' host='localhost' service='2345'>\n"
              "      <reconnect enabled='yes' timeout='5'/>\n"
              "    </source>\n"
              "    <protocol type='raw'/>\n"
              "  </backend>\n"
              "</rng>\n");
    EXPECT_EQ(roundTrip<Rng>("rng", "<rng model='virtio'><backend model='egd' type='spicevmc'/></rng>"),
              "<rng model='virtio'>\n"
              "  <backend model='egd' type='spicevmc'>\n"
              "  </backend>\n"
              "</rng>\n");
    EXPECT_EQ(roundTrip<Rng>("rng",
                             "<rng model='virtio'><backend model='egd' type='udp'><source mode='bind' service='1234'/>"
                             "<source mode='connect' host='1.2.3.4' service='1234'/></backend></rng>"),
              "<rng model='virtio'>\n"
              "  <backend model='egd' type='udp'>\n"
              "    <source mode='bind' service='1234'/>\n"
              "    <source mode='connect' host='1.2.3.4' service='1234'/>\n"
              "  </backend>\n"
              "</rng>\n");
}

TEST(Rng, Errors) {
    EXPECT_EQ(errorOf([] { parseDevice<Rng>("<rng><backend model='random'/></rng>"); }),
              "VIR_ERR_XML_ERROR: XML error: missing RNG device model");
    EXPECT_EQ(errorOf([] { parseDevice<Rng>("<rng model='virtio-foo'><backend model='random'/></rng>"); }),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: unknown RNG model 'virtio-foo'");
    EXPECT_EQ(errorOf([] { parseDevice<Rng>("<rng model='virtio'><backend/></rng>"); }),
              "VIR_ERR_XML_ERROR: XML error: missing RNG device backend model");
    EXPECT_EQ(errorOf([] { parseDevice<Rng>("<rng model='virtio'/>"); }),
              "VIR_ERR_XML_ERROR: XML error: only one RNG backend is supported");
    EXPECT_EQ(errorOf([] {
                  parseDevice<Rng>("<rng model='virtio'><backend model='random'/><backend model='builtin'/></rng>");
              }),
              "VIR_ERR_XML_ERROR: XML error: only one RNG backend is supported");
    EXPECT_EQ(errorOf([] { parseDevice<Rng>("<rng model='virtio'><backend model='hwrng'/></rng>"); }),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: unknown RNG backend model 'hwrng'");
    EXPECT_EQ(errorOf([] {
                  parseDevice<Rng>("<rng model='virtio'><rate bytes='lots'/><backend model='builtin'/></rng>");
              }),
              "VIR_ERR_XML_ERROR: XML error: invalid RNG rate bytes value");
    EXPECT_EQ(errorOf([] {
                  parseDevice<Rng>(
                      "<rng model='virtio'><rate bytes='10' period='soon'/><backend model='builtin'/></rng>");
              }),
              "VIR_ERR_XML_ERROR: XML error: invalid RNG rate period value");
    EXPECT_EQ(errorOf([] { parseDevice<Rng>("<rng model='virtio'><backend model='egd'/></rng>"); }),
              "VIR_ERR_XML_ERROR: XML error: missing EGD backend type");
    EXPECT_EQ(errorOf([] { parseDevice<Rng>("<rng model='virtio'><backend model='egd' type='morse'/></rng>"); }),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: unknown backend type 'morse' for egd");
}

}  // namespace
