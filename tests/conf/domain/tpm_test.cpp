// <tpm>: the three backends, libvirt's defaults and dropped values,
// parse errors and validation.
#include "conf/domain/devices/tpm.hpp"

#include "device_xml.hpp"

namespace {

using namespace cvirt::conf::domain;
using cvirt::test::domain::errorOf;
using cvirt::test::domain::parseDevice;
using cvirt::test::domain::roundTrip;

TEST(Tpm, PassthroughDefaultsToDevTpm0) {
    EXPECT_EQ(roundTrip<Tpm>("tpm", "<tpm model='spapr-tpm-proxy'><backend type='passthrough' version='2.0'/></tpm>"),
              "<tpm model='spapr-tpm-proxy'>\n"
              "  <backend type='passthrough'>\n"
              "    <device path='/dev/tpm0'/>\n"
              "  </backend>\n"
              "</tpm>\n");
    EXPECT_EQ(roundTrip<Tpm>("tpm",
                             "<tpm model='tpm-tis'><backend type='passthrough'><device path='/dev/tpm1'/></backend>"
                             "<alias name='ua-tpm'/></tpm>"),
              "<tpm model='tpm-tis'>\n"
              "  <backend type='passthrough'>\n"
              "    <device path='/dev/tpm1'/>\n"
              "  </backend>\n"
              "  <alias name='ua-tpm'/>\n"
              "</tpm>\n");
}

TEST(Tpm, EmulatorWithEverything) {
    EXPECT_EQ(roundTrip<Tpm>("tpm",
                             "<tpm model='tpm-crb'><backend type='emulator' version='2.0' persistent_state='yes'>"
                             "<active_pcr_banks><sha512/><sha1/><sha256/></active_pcr_banks>"
                             "<encryption secret='32ee7e76-2178-47a1-ab7b-269e6e348015'/></backend></tpm>"),
              "<tpm model='tpm-crb'>\n"
              "  <backend type='emulator' version='2.0' persistent_state='yes'>\n"
              "    <encryption secret='32ee7e76-2178-47a1-ab7b-269e6e348015'/>\n"
              "    <active_pcr_banks>\n"
              "      <sha1/>\n"
              "      <sha256/>\n"
              "      <sha512/>\n"
              "    </active_pcr_banks>\n"
              "  </backend>\n"
              "</tpm>\n");
}

TEST(Tpm, EmulatorMinimalDropsPersistentStateNo) {
    EXPECT_EQ(roundTrip<Tpm>("tpm", "<tpm><backend type='emulator' persistent_state='no'/></tpm>"),
              "<tpm>\n"
              "  <backend type='emulator'/>\n"
              "</tpm>\n");
}

TEST(Tpm, ExternalSocket) {
    Tpm tpm = parseDevice<Tpm>(
        "<tpm model='tpm-tis'><backend type='external'><source type='unix' mode='connect' path='/tmp/swtpm.sock'/>"
        "</backend></tpm>");
    EXPECT_NO_THROW(validateTpm(tpm));
    cvirt::conf::xml::Writer w;
    cvirt::conf::xml::FormatContext ctx;
    cvirt::conf::xml::formatElement(w, "tpm", tpm, ctx);
    EXPECT_EQ(w.out(),
              "<tpm model='tpm-tis'>\n"
              "  <backend type='external'>\n"
              "    <source type='unix' mode='connect' path='/tmp/swtpm.sock'/>\n"
              "  </backend>\n"
              "</tpm>\n");
}

TEST(Tpm, ParseErrors) {
    EXPECT_EQ(errorOf([] { parseDevice<Tpm>("<tpm model='tpm-tis'/>"); }),
              "VIR_ERR_XML_ERROR: XML error: missing TPM device backend");
    EXPECT_EQ(errorOf([] {
                  parseDevice<Tpm>("<tpm><backend type='emulator'/><backend type='emulator'/></tpm>");
              }),
              "VIR_ERR_XML_ERROR: XML error: only one TPM backend is supported");
    EXPECT_EQ(errorOf([] { parseDevice<Tpm>("<tpm model='default'><backend type='emulator'/></tpm>"); }),
              "VIR_ERR_XML_ERROR: XML error: Invalid value for attribute 'model' in element 'tpm': 'default'.");
    EXPECT_EQ(errorOf([] { parseDevice<Tpm>("<tpm><backend/></tpm>"); }),
              "VIR_ERR_XML_ERROR: XML error: Missing required attribute 'type' in element 'backend'");
    EXPECT_EQ(errorOf([] { parseDevice<Tpm>("<tpm><backend type='emulator' version='3.0'/></tpm>"); }),
              "VIR_ERR_XML_ERROR: XML error: Invalid value for attribute 'version' in element 'backend': '3.0'.");
    EXPECT_EQ(errorOf([] { parseDevice<Tpm>("<tpm><backend type='emulator' persistent_state='on'/></tpm>"); }),
              "VIR_ERR_INTERNAL_ERROR: internal error: Invalid persistent_state value, either 'yes' or 'no'");
    EXPECT_EQ(errorOf([] {
                  parseDevice<Tpm>("<tpm><backend type='emulator'><encryption secret='nope'/></backend></tpm>");
              }),
              "VIR_ERR_INTERNAL_ERROR: internal error: Unable to parse secret uuid 'nope'");
    EXPECT_EQ(errorOf([] {
                  parseDevice<Tpm>(
                      "<tpm><backend type='emulator' version='2.0'><active_pcr_banks><md5/></active_pcr_banks>"
                      "</backend></tpm>");
              }),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: Unsupported PCR banks 'md5'");
    EXPECT_EQ(errorOf([] { parseDevice<Tpm>("<tpm><backend type='external'/></tpm>"); }),
              "VIR_ERR_XML_ERROR: XML error: missing external TPM backend source type");
    EXPECT_EQ(errorOf([] {
                  parseDevice<Tpm>("<tpm><backend type='external'><source type='carrier-pigeon'/></backend></tpm>");
              }),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: unknown backend source type 'carrier-pigeon' "
              "for external TPM");
}

TEST(Tpm, Validation) {
    auto validate = [](const char* xml) { return errorOf([&] { validateTpm(parseDevice<Tpm>(xml)); }); };
    EXPECT_EQ(validate("<tpm><backend type='emulator'><active_pcr_banks><sha256/></active_pcr_banks></backend></tpm>"),
              "VIR_ERR_XML_ERROR: XML error: <active_pcr_banks/> requires TPM version '2.0'");
    EXPECT_EQ(validate("<tpm><backend type='external'><source type='file' path='/tmp/x'/></backend></tpm>"),
              "VIR_ERR_XML_ERROR: XML error: only source type 'unix' is supported for external TPM device");
    EXPECT_EQ(validate("<tpm><backend type='external'><source type='unix' mode='bind' path='/x'/></backend></tpm>"),
              "VIR_ERR_XML_ERROR: XML error: only 'client' mode is supported for external TPM device");
    EXPECT_EQ(validate("<tpm><backend type='external'><source type='unix'/></backend></tpm>"),
              "VIR_ERR_XML_ERROR: XML error: missing socket path for external TPM device");
    EXPECT_EQ(validate("<tpm><backend type='emulator' version='2.0'><active_pcr_banks><sha256/>"
                       "</active_pcr_banks></backend></tpm>"),
              "no error");
}

}  // namespace
