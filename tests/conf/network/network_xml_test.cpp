// The <network> parser's checks and the formatter's defaults. Expected
// messages are libvirt's (checked against Debian's virsh where they agree
// with 9.6's network_conf.c).
#include <gtest/gtest.h>

#include "conf/network/network.hpp"
#include "util/error.hpp"

using namespace cvirt;
using namespace cvirt::conf::network;

namespace {

std::string roundTrip(const std::string& xml, bool inactive = false) {
    NetworkFormatOptions fo;
    fo.inactive = inactive;
    return formatNetworkXml(parseNetworkXml(xml), fo);
}

void expectError(const std::string& xml, ErrorCode code, const std::string& message) {
    try {
        parseNetworkXml(xml);
        ADD_FAILURE() << "accepted: " << xml;
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), code) << xml << "\n" << e.message();
        EXPECT_EQ(e.message(), message) << xml;
    }
}

const std::string kUuid = "<uuid>81ff0d90-c91e-6742-64da-4a736edb9a9b</uuid>";

std::string net(const std::string& body, const std::string& attrs = "") {
    return "<network" + attrs + "><name>a</name>" + kUuid + body + "</network>";
}

}  // namespace

TEST(NetworkXml, IsolatedNetworkGetsBridgeDefaults) {
    EXPECT_EQ(roundTrip(net("<bridge name='virbr9'/><ip address='10.0.0.1' prefix='24'/>")),
              "<network>\n"
              "  <name>a</name>\n"
              "  <uuid>81ff0d90-c91e-6742-64da-4a736edb9a9b</uuid>\n"
              "  <bridge name='virbr9' stp='on' delay='0'/>\n"
              "  <ip address='10.0.0.1' prefix='24'>\n"
              "  </ip>\n"
              "</network>\n");
}

TEST(NetworkXml, MissingUuidIsGenerated) {
    auto def = parseNetworkXml("<network><name>x</name></network>");
    EXPECT_FALSE(def.uuid.isNull());
    EXPECT_FALSE(def.uuidSpecified);
}

TEST(NetworkXml, ForwardDevBecomesFirstInterface) {
    auto def = parseNetworkXml(net("<forward dev='eth0' mode='route'/><ip address='10.0.0.1' prefix='24'/>"));
    ASSERT_EQ(def.forward.interfaces.size(), 1u);
    EXPECT_EQ(def.forward.interfaces[0].dev, "eth0");
    EXPECT_NE(formatNetworkXml(def).find("  <forward dev='eth0' mode='route'>\n"
                                         "    <interface dev='eth0'/>\n"
                                         "  </forward>\n"),
              std::string::npos);
}

TEST(NetworkXml, LiveOnlyConnectionsAreHiddenWhenInactive) {
    auto def = parseNetworkXml(net("<forward mode='bridge'><interface dev='eth1'/></forward>"));
    def.connections = 3;
    def.forward.interfaces[0].connections = 2;
    auto live = formatNetworkXml(def);
    EXPECT_NE(live.find("<network connections='3'>"), std::string::npos);
    EXPECT_NE(live.find("<interface dev='eth1' connections='2'/>"), std::string::npos);
    NetworkFormatOptions inactive;
    inactive.inactive = true;
    auto config = formatNetworkXml(def, inactive);
    EXPECT_EQ(config.find("connections"), std::string::npos);
}

TEST(NetworkXml, EmptyPortgroupAndBandwidthStayOpen) {
    EXPECT_EQ(roundTrip(net("<forward mode='bridge'/><bridge name='br0'/><bandwidth><inbound average='0'/>"
                            "</bandwidth><portgroup name='x' default='YES'/>")),
              "<network>\n"
              "  <name>a</name>\n"
              "  <uuid>81ff0d90-c91e-6742-64da-4a736edb9a9b</uuid>\n"
              "  <forward mode='bridge'/>\n"
              "  <bridge name='br0'/>\n"
              "  <bandwidth>\n"
              "  </bandwidth>\n"
              "  <portgroup name='x' default='yes'>\n"
              "  </portgroup>\n"
              "</network>\n");
}

TEST(NetworkXml, MetadataIsSanitisedAndReindented) {
    EXPECT_EQ(roundTrip("<network xmlns:app1='http://foo.org/'><name>a</name>" + kUuid +
                        "<metadata>\n      <app1:foo a='1'>  <x>y</x>\n</app1:foo><bar>dropped</bar>"
                        "<app1:again>dropped</app1:again></metadata></network>"),
              "<network>\n"
              "  <name>a</name>\n"
              "  <uuid>81ff0d90-c91e-6742-64da-4a736edb9a9b</uuid>\n"
              "  <metadata xmlns:app1=\"http://foo.org/\">\n"
              "    <app1:foo a=\"1\">\n"
              "      <x>y</x>\n"
              "    </app1:foo>\n"
              "  </metadata>\n"
              "  <bridge stp='on' delay='0'/>\n"
              "</network>\n");
}

TEST(NetworkXml, DnsmasqOptionsNeedTheirNamespace) {
    // The same local names in another namespace are not dnsmasq options.
    auto def = parseNetworkXml(
        "<network xmlns:d='urn:other'><name>a</name><d:options><d:option value='x'/>"
        "</d:options></network>");
    EXPECT_TRUE(def.dnsmasqOptions.empty());
    expectError(
        "<network xmlns:d='http://libvirt.org/schemas/network/dnsmasq/1.0'><name>a</name><d:options>"
        "<d:option/></d:options></network>",
        ErrorCode::InternalError, "internal error: No dnsmasq options value specified");
}

TEST(NetworkXml, NameAndUuidErrors) {
    expectError("<network><uuid>81ff0d90-c91e-6742-64da-4a736edb9a9b</uuid></network>", ErrorCode::NoName,
                "missing name information");
    expectError("<network><name>a/b</name></network>", ErrorCode::XmlDetail, "invalid char in name: /");
    expectError("<network><name>ab</name><uuid>zz</uuid></network>", ErrorCode::InternalError,
                "internal error: malformed uuid element");
    expectError("<foo/>", ErrorCode::XmlError, "XML error: expecting root element of 'network', not 'foo'");
    expectError(net("", " ipv6='x'"), ErrorCode::XmlError,
                "XML error: Invalid ipv6 setting 'x' in network 'a'");
    expectError(net("", " trustGuestRxFilters='x'"), ErrorCode::XmlError,
                "XML error: Invalid value for attribute 'trustGuestRxFilters' in element 'network': 'x'.");
}

TEST(NetworkXml, BridgeMacAndMtuErrors) {
    expectError(net("<bridge macTableManager='default'/>"), ErrorCode::XmlError,
                "XML error: Invalid macTableManager setting 'default' in network 'a'");
    expectError(net("<bridge delay='x'/>"), ErrorCode::XmlError,
                "XML error: Invalid delay value in network 'a'");
    expectError(net("<mac address='x'/>"), ErrorCode::XmlError,
                "XML error: Invalid bridge mac address 'x' in network 'a'");
    expectError(net("<mac address='01:00:00:00:00:00'/>"), ErrorCode::XmlError,
                "XML error: Invalid multicast bridge mac address '01:00:00:00:00:00' in network 'a'");
    expectError(net("<mtu size='x'/>"), ErrorCode::XmlError,
                "XML error: Invalid mtu size 'x' in network 'a'");
}

TEST(NetworkXml, IpErrors) {
    expectError(net("<ip/>"), ErrorCode::XmlError,
                "XML error: Missing required address attribute in network 'a'");
    expectError(net("<ip address='1.2.3.4x'/>"), ErrorCode::XmlError,
                "XML error: Invalid address '1.2.3.4x' in network 'a'");
    expectError(net("<ip address='10.0.0.1' netmask='255.0.0.0' prefix='8'/>"), ErrorCode::ConfigUnsupported,
                "unsupported configuration: Network 'a' IP address cannot have both a prefix and a netmask");
    expectError(net("<ip address='10.0.0.1' prefix='33'/>"), ErrorCode::ConfigUnsupported,
                "unsupported configuration: Invalid IPv4 prefix '33' in network 'a'");
    expectError(net("<ip address='10.0.0.1' prefix='x'/>"), ErrorCode::XmlError,
                "XML error: Invalid value for attribute 'prefix' in element 'ip': 'x'. Expected non-negative "
                "integer value");
    expectError(
        net("<ip address='fd00::1'/>"), ErrorCode::ConfigUnsupported,
        "unsupported configuration: no family specified for non-IPv4 address 'fd00::1' in network 'a'");
    expectError(net("<ip family='ipv6' address='fd00::1' netmask='255.0.0.0'/>"),
                ErrorCode::ConfigUnsupported,
                "unsupported configuration: netmask not allowed for IPv6 address 'fd00::1' in network 'a'");
    expectError(net("<ip family='ipx' address='fd00::1'/>"), ErrorCode::XmlError,
                "XML error: Unrecognized family 'ipx' in network 'a'");
    expectError(net("<ip family='ipv6' address='fd00::1'><tftp root='/x'/></ip>"),
                ErrorCode::ConfigUnsupported,
                "unsupported configuration: Unsupported <tftp> element in an IPv6 element in network 'a'");
}

TEST(NetworkXml, DhcpErrors) {
    auto ip4 = [](const std::string& dhcp) {
        return net("<ip address='10.0.0.1' prefix='8'><dhcp>" + dhcp + "</dhcp></ip>");
    };
    auto ip6 = [](const std::string& dhcp) {
        return net("<ip family='ipv6' address='fd00::1' prefix='64'><dhcp>" + dhcp + "</dhcp></ip>");
    };
    expectError(ip4("<range start='10.0.0.2'/>"), ErrorCode::XmlError,
                "XML error: Missing 'end' attribute in dhcp range for network 'a'");
    expectError(ip4("<range start='10.1.0.2' end='10.2.0.3'/>"), ErrorCode::InternalError,
                "internal error: range 10.1.0.2 - 10.2.0.3 is too large (> 65535)");
    expectError(
        ip4("<host mac='01:00:00:00:00:01' ip='10.0.0.3'/>"), ErrorCode::XmlError,
        "XML error: expected unicast mac address, found multicast '01:00:00:00:00:01' in network 'a'");
    expectError(ip4("<host mac='zz' ip='10.0.0.3'/>"), ErrorCode::XmlError,
                "XML error: Cannot parse MAC address 'zz' in network 'a'");
    expectError(ip4("<host name='-x' ip='10.0.0.3'/>"), ErrorCode::XmlError,
                "XML error: Cannot use host name '-x' in network 'a'");
    expectError(ip4("<host name='x'/>"), ErrorCode::XmlError,
                "XML error: Missing IP address in static host definition for network 'a'");
    expectError(ip4("<host ip='10.0.0.3'/>"), ErrorCode::XmlError,
                "XML error: Static host definition in IPv4 network 'a' must have mac or name attribute");
    expectError(ip6("<host ip='fd00::3'/>"), ErrorCode::XmlError,
                "XML error: Static host definition in IPv6 network 'a' must have id or name attribute");
    expectError(
        ip6("<host mac='00:11:22:33:44:55' ip='fd00::3'/>"), ErrorCode::XmlError,
        "XML error: Invalid to specify MAC address '00:11:22:33:44:55' in network 'a' IPv6 static host "
        "definition");
    expectError(ip6("<host id='xyz' ip='fd00::3'/>"), ErrorCode::XmlError,
                "XML error: Invalid character 'x' in id 'xyz' of network 'a'");
    expectError(ip4("<host name='x' ip='zz'/>"), ErrorCode::XmlError,
                "XML error: Invalid IP address in static host definition for network 'a'");
    expectError(ip4("<range start='10.0.0.2' end='10.0.0.9'><lease expiry='1' unit='minutes'/></range>"),
                ErrorCode::ConfigUnsupported,
                "unsupported configuration: The minimum lease time should be greater than 2 minutes");
    expectError(ip4("<range start='10.0.0.2' end='10.0.0.9'><lease expiry='5' unit='days'/></range>"),
                ErrorCode::XmlError,
                "XML error: Invalid value for attribute 'unit' in element 'lease': 'days'.");
}

TEST(NetworkXml, DhcpDefaultsAndBootp) {
    // A lease without unit is in minutes; bootp only shows inside a <dhcp>
    // that has ranges or hosts.
    auto out =
        roundTrip(net("<ip address='10.0.0.1' prefix='8'><dhcp><range start='10.0.0.2' end='10.0.0.9'>"
                      "<lease expiry='5'/></range><bootp file='pxe' server='10.0.0.5'/></dhcp></ip>"));
    EXPECT_NE(out.find("      <range start='10.0.0.2' end='10.0.0.9'>\n"
                       "        <lease expiry='5' unit='minutes'/>\n"
                       "      </range>\n"
                       "      <bootp file='pxe' server='10.0.0.5'/>\n"),
              std::string::npos)
        << out;
    out = roundTrip(net("<ip address='10.0.0.1' prefix='8'><dhcp><bootp file='pxe'/></dhcp></ip>"));
    EXPECT_EQ(out.find("bootp"), std::string::npos) << out;
}

TEST(NetworkXml, DnsErrors) {
    expectError(net("<dns><forwarder/></dns>"), ErrorCode::XmlError,
                "XML error: Invalid forwarder element, must contain at least one of addr or domain");
    expectError(net("<dns><host ip='1.2.3.4'/></dns>"), ErrorCode::XmlDetail,
                "Missing hostname in network 'a' DNS HOST record");
    expectError(net("<dns><host><hostname>a</hostname></host></dns>"), ErrorCode::XmlDetail,
                "Missing IP address in network 'a' DNS HOST record");
    expectError(net("<dns><srv service='a.b' protocol='tcp'/></dns>"), ErrorCode::XmlDetail,
                "invalid character in service attribute 'a.b' in DNS SRV record of network 'a'");
    expectError(net("<dns><srv service='a' protocol='tcp' port='5'/></dns>"), ErrorCode::XmlDetail,
                "DNS SRV port attribute not permitted without target for service 'a' in network 'a'");
    expectError(net("<dns><srv service='a' protocol='tcp' target='x' port='0'/></dns>"), ErrorCode::XmlDetail,
                "invalid DNS SRV port attribute for service 'a' in network 'a'");
    expectError(net("<dns><srv service='a' protocol='tcp' target='x' priority='65536'/></dns>"),
                ErrorCode::XmlDetail, "Invalid DNS SRV priority attribute for service 'a' in network 'a'");
    expectError(net("<dns><txt name='a b' value='x'/></dns>"), ErrorCode::XmlDetail,
                "prohibited character in DNS TXT record name 'a b' of network a");
    expectError(net("<dns enable='no'><txt name='a' value='x'/></dns>"), ErrorCode::XmlError,
                "XML error: Extra data in disabled network 'a'");
}

TEST(NetworkXml, ForwardErrors) {
    std::string ip = "<ip address='10.0.0.1'/>";
    expectError(net("<forward mode='x'/>"), ErrorCode::ConfigUnsupported,
                "unsupported configuration: unknown forwarding type 'x'");
    expectError(net("<forward mode='nat'/>"), ErrorCode::XmlError,
                "XML error: nat forwarding requested, but no IP address provided for network 'a'");
    expectError(net("<forward mode='nat'><interface dev='a'/><interface dev='b'/></forward>" + ip),
                ErrorCode::XmlError,
                "XML error: multiple forwarding interfaces specified for network 'a', only one is supported");
    expectError(net("<forward mode='nat' dev='a'><interface dev='b'/></forward>" + ip), ErrorCode::XmlError,
                "XML error: <forward dev='a'> must match first <interface dev='b'/> in network a");
    expectError(net("<forward mode='open' dev='eth0'/>" + ip), ErrorCode::XmlError,
                "XML error: forward dev not allowed for network 'a' with forward mode='open'");
    expectError(
        net("<forward mode='hostdev'><address type='pci' bus='0x100' slot='0' function='0'/></forward>"),
        ErrorCode::XmlError, "XML error: Invalid PCI address bus='0x100', must be <= 0xFF");
    expectError(net("<forward mode='hostdev'><address type='usb'/></forward>"), ErrorCode::ConfigUnsupported,
                "unsupported configuration: unknown address type 'usb' in network a");
    expectError(net("<forward mode='hostdev'><pf dev='a'/><pf dev='b'/></forward>"), ErrorCode::XmlError,
                "XML error: Only one <pf> element is allowed in <forward> of network a");
    expectError(net("<forward mode='hostdev'><driver name='default'/></forward>"),
                ErrorCode::ConfigUnsupported,
                "unsupported configuration: Unknown forward <driver name='default'/> in network a");
    expectError(net("<forward mode='bridge'><nat/></forward>"), ErrorCode::XmlError,
                "XML error: The <nat> element can only be used when <forward> 'mode' is 'nat' in network a");
    expectError(net("<forward mode='nat'><nat><address start='1.1.1.5' end='1.1.1.1'/></nat></forward>" + ip),
                ErrorCode::InternalError, "internal error: range 1.1.1.5 - 1.1.1.1 is reversed ");
    expectError(net("<forward mode='nat'><nat><port start='5' end='4'/></nat></forward>" + ip),
                ErrorCode::XmlDetail,
                "Missing or invalid 'end' attribute in <port> in <nat> in <forward> in network a");
    expectError(net("<forward mode='vepa'/><bridge name='x'/>"), ErrorCode::XmlError,
                "XML error: bridge name not allowed in vepa mode (network 'a')");
    expectError(
        net("<forward mode='bridge'/><bridge delay='1'/>"), ErrorCode::XmlError,
        "XML error: bridge delay/stp/zone options only allowed in route, nat, and isolated mode, not in "
        "bridge (network 'a')");
    expectError(
        net("<forward mode='bridge' dev='x'/><bridge name='x'/>"), ErrorCode::XmlError,
        "XML error: A network with forward mode='bridge' can specify a bridge name or a forward dev, but "
        "not both (network 'a')");
    expectError(
        net("<forward mode='bridge'/><mtu size='9000'/>"), ErrorCode::XmlError,
        "XML error: mtu size only allowed in open, route, nat, and isolated mode, not in bridge (network "
        "'a')");
}

TEST(NetworkXml, RouteErrors) {
    std::string ip = "<ip address='10.0.0.1' prefix='24'/>";
    expectError(net(ip + "<route gateway='10.0.0.2'/>"), ErrorCode::XmlError,
                "XML error: a: Missing required address attribute in route definition");
    expectError(
        net(ip + "<route address='10.1.0.0' gateway='10.2.0.2' prefix='16'/>"), ErrorCode::ConfigUnsupported,
        "unsupported configuration: unreachable static route gateway '10.2.0.2' specified for network 'a'");
    expectError(net(ip + "<route address='10.1.0.0' gateway='10.0.0.2' prefix='16' metric='0'/>"),
                ErrorCode::XmlError,
                "XML error: Invalid value for attribute 'metric' in element 'route': Zero is not permitted");
    expectError(net(ip + "<route address='10.1.0.1' gateway='10.0.0.2' prefix='16'/>"), ErrorCode::XmlError,
                "XML error: a: Address '10.1.0.1' in route definition is not a network address");
    expectError(net(ip + "<route address='fd00::' gateway='10.0.0.2'/>"), ErrorCode::XmlError,
                "XML error: a: No family specified for non-IPv4 address 'fd00::' in route definition");
}

TEST(NetworkXml, NetdevErrors) {
    std::string br = "<forward mode='bridge'/><bridge name='br0'/>";
    expectError(net(br + "<virtualport type='802.1Qbh'><parameters managerid='1'/></virtualport>"),
                ErrorCode::XmlError,
                "XML error: extra managerid unsupported in <virtualport type='802.1Qbh'>");
    expectError(net(br + "<virtualport><parameters managerid='1'/></virtualport>"), ErrorCode::XmlError,
                "XML error: missing required virtualport type");
    expectError(net(br + "<virtualport type='802.1Qbg'><parameters managerid='256'/></virtualport>"),
                ErrorCode::XmlError, "XML error: value of managerid out of range");
    expectError(net(br + "<vlan><tag id='5000'/></vlan>"), ErrorCode::XmlError,
                "XML error: vlan tag id 5000 too large (maximum 4095)");
    expectError(
        net(br + "<vlan trunk='no'><tag id='5'/><tag id='6'/></vlan>"), ErrorCode::XmlError,
        "XML error: invalid \"trunk='no'\" in <vlan> - trunk='yes' is required for more than one vlan tag");
    expectError(net(br + "<bandwidth><inbound peak='5'/></bandwidth>"), ErrorCode::XmlDetail,
                "Missing mandatory average or floor attributes");
    expectError(net(br + "<bandwidth><inbound average='5' floor='3'/></bandwidth>"),
                ErrorCode::ConfigUnsupported,
                "unsupported configuration: floor attribute is not supported for this config");
    expectError(net(br + "<portgroup/>"), ErrorCode::XmlError,
                "XML error: Missing required name attribute in portgroup");
}

TEST(NetworkXml, SchemaValidationIsOptional) {
    NetworkParseOptions po;
    po.validateSchema = true;
    po.schemaPath = std::string(std::getenv("CVIRT_CONFORMANCE_DIR") ? std::getenv("CVIRT_CONFORMANCE_DIR")
                                                                     : "../shared/conformance") +
                    "/libvirt-9.6/schemas/network.rng";
    EXPECT_NO_THROW(parseNetworkXml(net("<bridge name='virbr0'/>"), po));
    try {
        parseNetworkXml(net("<bogus/>"), po);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::XmlInvalidSchema);
    }
}
