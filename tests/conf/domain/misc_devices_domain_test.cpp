// The device families inside a whole <domain>: the generic post-parse
// fills in their defaults and the generic validation runs, with the output
// Debian's libvirt gives for the same input (virsh define + dumpxml on the
// test driver, which adds nothing to these devices).
#include <gtest/gtest.h>

#include <string>

#include "conf/domain/domain.hpp"
#include "device_xml.hpp"

namespace {

using namespace cvirt::conf::domain;
using cvirt::test::domain::errorOf;

std::string devicesOf(const std::string& xml) {
    auto start = xml.find("  <devices>");
    auto end = xml.find("  </devices>");
    if (start == std::string::npos || end == std::string::npos)
        return xml;
    return xml.substr(start, end + 13 - start);
}

std::string domainWith(const std::string& devices) {
    return "<domain type='test'><name>d</name><memory>1048576</memory><os><type>hvm</type></os><devices>" +
           devices + "</devices></domain>";
}

TEST(MiscDevicesInDomain, PostParseDefaults) {
    Domain d = parseDomainXml(domainWith(
        "<vsock model='default'><cid address='123456'/></vsock>"
        "<rng model='virtio'><backend model='random'/></rng>"
        "<panic/><panic model='pseries'/><watchdog model='diag288' action='poweroff'/>"
        "<tpm model='tpm-spapr'><backend type='passthrough'><device path=''/></backend></tpm>"));
    EXPECT_EQ(devicesOf(formatDomainXml(d)),
              "  <devices>\n"
              "    <tpm model='tpm-spapr'>\n"
              "      <backend type='passthrough'>\n"
              "        <device path='/dev/tpm0'/>\n"
              "      </backend>\n"
              "    </tpm>\n"
              "    <watchdog model='diag288' action='poweroff'/>\n"
              "    <rng model='virtio'>\n"
              "      <backend model='random'>/dev/random</backend>\n"
              "    </rng>\n"
              "    <panic model='pseries'/>\n"
              "    <vsock>\n"
              "      <cid auto='no' address='123456'/>\n"
              "    </vsock>\n"
              "  </devices>\n");
}

TEST(MiscDevicesInDomain, ValidationRuns) {
    EXPECT_EQ(errorOf([] { parseDomainXml(domainWith("<vsock model='virtio'><cid address='2'/></vsock>")); }),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: guest CIDs must be >= 3");
    EXPECT_EQ(errorOf([] { parseDomainXml(domainWith("<shmem name='..'/>")); }),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: shmem name cannot be equal to '..'");
    EXPECT_EQ(errorOf([] {
                  parseDomainXml(domainWith(
                      "<iommu model='intel'><address type='pci' domain='0' bus='0' slot='9' function='0'/></iommu>"));
              }),
              "VIR_ERR_XML_ERROR: XML error: iommu model 'intel' can't have address");
    EXPECT_EQ(errorOf([] {
                  parseDomainXml(domainWith(
                      "<tpm><backend type='external'><source type='unix' mode='bind' path='/x'/></backend></tpm>"));
              }),
              "VIR_ERR_XML_ERROR: XML error: only 'client' mode is supported for external TPM device");
}

}  // namespace
