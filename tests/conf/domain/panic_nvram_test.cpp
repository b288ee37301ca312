// <panic> and <nvram>: the two devices libvirt formats in unusual ways
// (an empty panic vanishes, an empty nvram is written open and closed).
#include "conf/domain/devices/nvram.hpp"
#include "conf/domain/devices/panic.hpp"

#include "device_xml.hpp"

namespace {

using namespace cvirt::conf::domain;
using cvirt::test::domain::errorOf;
using cvirt::test::domain::parseDevice;
using cvirt::test::domain::roundTrip;

TEST(Panic, ModelAndAddress) {
    EXPECT_EQ(roundTrip<Panic>("panic", "<panic model='isa'><address type='isa' iobase='0x505'/></panic>"),
              "<panic model='isa'>\n"
              "  <address type='isa' iobase='0x505'/>\n"
              "</panic>\n");
    EXPECT_EQ(roundTrip<Panic>("panic", "<panic model='pvpanic'/>"), "<panic model='pvpanic'/>\n");
}

TEST(Panic, EmptyPanicIsNotWritten) {
    EXPECT_EQ(roundTrip<Panic>("panic", "<panic/>"), "");
    // 'default' is accepted and means no model.
    EXPECT_EQ(roundTrip<Panic>("panic", "<panic model='default'/>"), "");
}

TEST(Panic, BadModel) {
    EXPECT_EQ(errorOf([] { parseDevice<Panic>("<panic model='nmi'/>"); }),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: unknown panic model 'nmi'");
}

TEST(Nvram, AlwaysOpenAndClosed) {
    EXPECT_EQ(roundTrip<Nvram>("nvram", "<nvram/>"), "<nvram>\n</nvram>\n");
    EXPECT_EQ(roundTrip<Nvram>("nvram", "<nvram><address type='spapr-vio' reg='0x3000'/></nvram>"),
              "<nvram>\n"
              "  <address type='spapr-vio' reg='0x00003000'/>\n"
              "</nvram>\n");
}

}  // namespace
