// <watchdog>: model and action, libvirt's default action, errors.
#include "conf/domain/devices/watchdog.hpp"

#include "device_xml.hpp"

namespace {

using namespace cvirt::conf::domain;
using cvirt::test::domain::errorOf;
using cvirt::test::domain::parseDevice;
using cvirt::test::domain::roundTrip;

TEST(Watchdog, DefaultActionIsWrittenOut) {
    EXPECT_EQ(roundTrip<Watchdog>("watchdog", "<watchdog model='i6300esb'/>"),
              "<watchdog model='i6300esb' action='reset'/>\n");
}

TEST(Watchdog, ActionAliasAndAddress) {
    EXPECT_EQ(roundTrip<Watchdog>("watchdog",
                                  "<watchdog model='ib700' action='inject-nmi'><alias name='ua-wd'/>"
                                  "<address type='isa' iobase='0x443'/></watchdog>"),
              "<watchdog model='ib700' action='inject-nmi'>\n"
              "  <alias name='ua-wd'/>\n"
              "  <address type='isa' iobase='0x443'/>\n"
              "</watchdog>\n");
}

TEST(Watchdog, EveryModel) {
    for (const char* model : {"i6300esb", "ib700", "diag288", "itco"}) {
        auto w = parseDevice<Watchdog>(std::string("<watchdog model='") + model + "'/>");
        EXPECT_EQ(cvirt::conf::toString(w.model), model);
    }
}

TEST(Watchdog, Errors) {
    // libvirt's own messages, not the generic attribute ones.
    EXPECT_EQ(errorOf([] { parseDevice<Watchdog>("<watchdog/>"); }),
              "VIR_ERR_INTERNAL_ERROR: internal error: watchdog must contain model name");
    EXPECT_EQ(errorOf([] { parseDevice<Watchdog>("<watchdog model='foo'/>"); }),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: unknown watchdog model 'foo'");
    EXPECT_EQ(errorOf([] { parseDevice<Watchdog>("<watchdog model='ib700' action='explode'/>"); }),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: unknown watchdog action 'explode'");
}

}  // namespace
