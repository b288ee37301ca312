// <memballoon>: attributes, stats period, driver options, model 'none'.
#include "conf/domain/devices/memballoon.hpp"

#include "device_xml.hpp"

namespace {

using namespace cvirt::conf::domain;
using cvirt::test::domain::errorOf;
using cvirt::test::domain::parseDevice;
using cvirt::test::domain::roundTrip;

TEST(Memballoon, FullDevice) {
    EXPECT_EQ(roundTrip<Memballoon>("memballoon",
                                    "<memballoon model='virtio' freePageReporting='on' autodeflate='off'>"
                                    "<driver packed='on' iommu='on'/><stats period='0x10'/>"
                                    "<address type='pci' domain='0' bus='0' slot='4' function='0'/>"
                                    "</memballoon>"),
              "<memballoon model='virtio' autodeflate='off' freePageReporting='on'>\n"
              "  <stats period='16'/>\n"
              "  <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/>\n"
              "  <driver iommu='on' packed='on'/>\n"
              "</memballoon>\n");
}

TEST(Memballoon, NoneIgnoresAddressAndNegativePeriod) {
    EXPECT_EQ(roundTrip<Memballoon>("memballoon",
                                    "<memballoon model='none'><stats period='-5'/>"
                                    "<address type='pci' domain='0' bus='0' slot='4' function='0'/></memballoon>"),
              "<memballoon model='none'/>\n");
}

TEST(Memballoon, Errors) {
    EXPECT_EQ(errorOf([] { parseDevice<Memballoon>("<memballoon/>"); }),
              "VIR_ERR_XML_ERROR: XML error: Missing required attribute 'model' in element 'memballoon'");
    EXPECT_EQ(errorOf([] { parseDevice<Memballoon>("<memballoon model='virtio' autodeflate='yes'/>"); }),
              "VIR_ERR_XML_ERROR: XML error: Invalid value for attribute 'autodeflate' in element 'memballoon': "
              "'yes'.");
    EXPECT_EQ(errorOf([] { parseDevice<Memballoon>("<memballoon model='virtio'><stats period='x'/></memballoon>"); }),
              "VIR_ERR_XML_ERROR: XML error: Invalid value for attribute 'period' in element 'stats': 'x'. "
              "Expected integer value");
    EXPECT_EQ(errorOf([] {
                  parseDevice<Memballoon>("<memballoon model='virtio'><driver ats='maybe'/></memballoon>");
              }),
              "VIR_ERR_XML_ERROR: XML error: Invalid value for attribute 'ats' in element 'driver': 'maybe'.");
}

}  // namespace
