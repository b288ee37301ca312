// libvirt 9.6's networkxml2xmltest: every networkxml2xmlin/NAME.xml parses
// and formats to networkxml2xmlout/NAME.xml byte for byte (INACTIVE for the
// PF cases), four inputs must fail to parse, and every output we produce
// validates against network.rng.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "conf/network/network.hpp"
#include "support/test_support.hpp"
#include "util/files.hpp"
#include "util/xml.hpp"

using namespace cvirt;
using namespace cvirt::conf::network;

namespace {

// The cases of networkxml2xmltest.c, in its order.
const char* const kCases[] = {
    "dhcp6host-routed-network",
    "empty-allow-ipv6",
    "isolated-network",
    "routed-network",
    "routed-network-no-dns",
    "routed-network-no-dns-extra-elements",
    "open-network",
    "open-network-with-forward-dev",
    "nat-network",
    "netboot-network",
    "netboot-proxy-network",
    "netboot-tftp",
    "nat-network-dns-txt-record",
    "nat-network-dns-srv-record",
    "nat-network-dns-srv-records",
    "nat-network-dns-srv-record-minimal",
    "nat-network-dns-hosts",
    "nat-network-dns-forward-plain",
    "nat-network-dns-forwarders",
    "nat-network-dns-forwarder-no-resolv",
    "nat-network-forward-nat-ipv6",
    "nat-network-forward-nat-address",
    "nat-network-forward-nat-no-address",
    "nat-network-mtu",
    "8021Qbh-net",
    "direct-net",
    "host-bridge-net",
    "vepa-net",
    "bandwidth-network",
    "openvswitch-net",
    "passthrough-pf",
    "hostdev",
    "hostdev-pf",
    "passthrough-address-crash",
    "nat-network-explicit-flood",
    "host-bridge-no-flood",
    "hostdev-duplicate",
    "passthrough-duplicate",
    "metadata",
    "set-mtu",
    "dnsmasq-options",
    "leasetime-seconds",
    "leasetime-minutes",
    "leasetime-hours",
    "leasetime-infinite",
    "isolated-ports",
};

// The expected parse failures with libvirt's messages.
const std::map<std::string, std::string> kParseFailures = {
    {"routed-network-no-dns-extra-elements", "XML error: Extra data in disabled network 'local'"},
    {"open-network-with-forward-dev",
     "XML error: forward dev not allowed for network 'open' with forward mode='open'"},
    {"hostdev-duplicate", "XML error: PCI device '0000:03:00.3' can only be listed once in network hostdev"},
    {"passthrough-duplicate",
     "XML error: interface 'eth3' can only be listed once in network passthrough-duplicate"},
};
const std::set<std::string> kInactive = {"passthrough-pf", "hostdev-pf"};

}  // namespace

TEST(NetworkConformance, NetworkXml2Xml) {
    auto dir = test::conformancePath("libvirt-9.6");
    auto schema = xml::RngSchema::load(dir + "/schemas/network.rng");
    int passed = 0;
    int total = 0;
    for (const std::string name : kCases) {
        ++total;
        auto input = readFile(dir + "/networkxml2xmlin/" + name + ".xml");
        if (auto failure = kParseFailures.find(name); failure != kParseFailures.end()) {
            try {
                parseNetworkXml(input);
                ADD_FAILURE() << name << ": parsed, expected a failure";
            } catch (const Error& e) {
                EXPECT_EQ(e.message(), failure->second) << name;
                passed += e.message() == failure->second;
            }
            continue;
        }
        try {
            NetworkFormatOptions fo;
            fo.inactive = kInactive.count(name) > 0;
            auto actual = formatNetworkXml(parseNetworkXml(input), fo);
            auto expected = readFile(dir + "/networkxml2xmlout/" + name + ".xml");
            EXPECT_EQ(actual, expected) << name;
            schema->validate(xml::Document::parse(actual, name, ErrorDomain::Network));
            passed += actual == expected;
        } catch (const Error& e) {
            ADD_FAILURE() << name << ": " << e.message();
        }
    }
    std::printf("networkxml2xml: %d/%d\n", passed, total);
    EXPECT_EQ(passed, total);
}

// The expected outputs themselves are a fixed point of parse + format.
TEST(NetworkConformance, OutputsRoundTrip) {
    auto dir = test::conformancePath("libvirt-9.6/networkxml2xmlout");
    for (const auto& file : listDirectory(dir, ".xml")) {
        auto text = readFile(dir + "/" + file);
        NetworkFormatOptions fo;
        fo.inactive = kInactive.count(file.substr(0, file.size() - 4)) > 0;
        EXPECT_EQ(formatNetworkXml(parseNetworkXml(text), fo), text) << file;
    }
}
