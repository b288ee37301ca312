// <interface> of every type: source, vlan, virtualport, bandwidth, IPs,
// model, virtio driver, backend, filterref and the generic checks.
// Each row was checked against libvirt (Debian's virsh and libvirt 9.6's
// test data); rows with errors carry libvirt's message.
#include "guest_io_test_support.hpp"

namespace {

using namespace cvirt::test::domain;

const DeviceCase kCases[] = {
    {"<interface type='network' trustGuestRxFilters='yes'>  <mac address='52:54:00:11:22:33' type='static'/>  <source network='default' portgroup='pg1' portid='c7a5fdbd-edaf-9455-926a-d65c16db1809'/>  <vlan trunk='yes'><tag id='42'/><tag id='47' nativeMode='untagged'/></vlan>  <virtualport type='openvswitch'><parameters interfaceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f' profileid='x'/></virtualport>  <bandwidth><inbound average='1000' peak='5000' floor='100' burst='1024'/><outbound average='128' peak='256' burst='256'/></bandwidth>  <target dev='vnet3'/>  <model type='VIRTIO'/>  <driver name='vhost' txmode='iothread' ioeventfd='on' event_idx='off' queues='5' rx_queue_size='256' tx_queue_size='256' iommu='on' ats='on' packed='on'>    <host csum='off' gso='off' tso4='off' tso6='off' ecn='off' ufo='off' mrg_rxbuf='off'/>    <guest csum='off' tso4='off' tso6='off' ecn='off' ufo='off'/>  </driver>  <filterref filter='clean-traffic'><parameter name='IP' value='10.0.0.2'/><parameter name='CTRL' value='x'/><parameter name='IP' value='10.0.0.1'/></filterref>  <tune><sndbuf>1600</sndbuf></tune>  <link state='down'/>  <mtu size='1500'/>  <coalesce><rx><frames max='7'/></rx></coalesce>  <boot order='1'/>  <rom bar='off'/>  <alias name='ua-net0'/>  <acpi index='3'/>  <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/></interface>",
     "<interface type='network' trustGuestRxFilters='yes'>\n"
     "  <mac address='52:54:00:11:22:33' type='static'/>\n"
     "  <source network='default' portgroup='pg1'/>\n"
     "  <vlan trunk='yes'>\n"
     "    <tag id='42'/>\n"
     "    <tag id='47' nativeMode='untagged'/>\n"
     "  </vlan>\n"
     "  <virtualport type='openvswitch'>\n"
     "    <parameters interfaceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f' profileid='x'/>\n"
     "  </virtualport>\n"
     "  <bandwidth>\n"
     "    <inbound average='1000' peak='5000' floor='100' burst='1024'/>\n"
     "    <outbound average='128' peak='256' burst='256'/>\n"
     "  </bandwidth>\n"
     "  <model type='virtio'/>\n"
     "  <driver name='vhost' txmode='iothread' ioeventfd='on' event_idx='off' queues='5' rx_queue_size='256' tx_queue_size='256' iommu='on' ats='on' packed='on'>\n"
     "    <host csum='off' gso='off' tso4='off' tso6='off' ecn='off' ufo='off' mrg_rxbuf='off'/>\n"
     "    <guest csum='off' tso4='off' tso6='off' ecn='off' ufo='off'/>\n"
     "  </driver>\n"
     "  <filterref filter='clean-traffic'>\n"
     "    <parameter name='CTRL' value='x'/>\n"
     "    <parameter name='IP' value='10.0.0.2'/>\n"
     "    <parameter name='IP' value='10.0.0.1'/>\n"
     "  </filterref>\n"
     "  <tune>\n"
     "    <sndbuf>1600</sndbuf>\n"
     "  </tune>\n"
     "  <link state='down'/>\n"
     "  <mtu size='1500'/>\n"
     "  <coalesce>\n"
     "    <rx>\n"
     "      <frames max='7'/>\n"
     "    </rx>\n"
     "  </coalesce>\n"
     "  <boot order='1'/>\n"
     "  <alias name='ua-net0'/>\n"
     "  <rom bar='off'/>\n"
     "  <acpi index='3'/>\n"
     "  <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='ethernet'>  <mac address='52:54:00:11:22:34'/>  <ip address='192.168.122.5' prefix='24' peer='192.168.122.1'/>  <ip address='2001:db8::5' prefix='64'/>  <route family='ipv4' address='192.168.122.0' prefix='24' gateway='192.168.122.1'/>  <source><ip address='192.168.122.1' prefix='24'/><route family='ipv4' address='10.0.0.0' prefix='8' gateway='192.168.122.2'/></source>  <script path='/etc/qemu-ifup'/><downscript path='/etc/qemu-ifdown'/>  <target dev='tap0' managed='no'/>  <guest dev='eth0'/>  <model type='e1000'/>  <driver name='qemu'/>  <backend tap='/dev//net/tun' vhost='/dev/vhost-net'/></interface>",
     "<interface type='ethernet'>\n"
     "  <mac address='52:54:00:11:22:34'/>\n"
     "  <source>\n"
     "    <ip address='192.168.122.1' family='ipv4' prefix='24'/>\n"
     "    <route family='ipv4' address='10.0.0.0' prefix='8' gateway='192.168.122.2'/>\n"
     "  </source>\n"
     "  <ip address='192.168.122.5' family='ipv4' prefix='24' peer='192.168.122.1'/>\n"
     "  <ip address='2001:db8::5' family='ipv6' prefix='64'/>\n"
     "  <route family='ipv4' address='192.168.122.0' prefix='24' gateway='192.168.122.1'/>\n"
     "  <script path='/etc/qemu-ifup'/>\n"
     "  <downscript path='/etc/qemu-ifdown'/>\n"
     "  <target dev='tap0' managed='no'/>\n"
     "  <guest dev='eth0'/>\n"
     "  <model type='e1000'/>\n"
     "  <backend tap='/dev/net/tun'/>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='user'>  <mac address='52:54:00:11:22:35'/>    <model type='virtio'/>    </interface>",
     "<interface type='user'>\n"
     "  <mac address='52:54:00:11:22:35'/>\n"
     "  <model type='virtio'/>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='direct'><mac address='52:54:00:11:22:36'/><source dev='eth0' mode='passthrough'/><teaming type='persistent'/></interface>",
     "<interface type='direct'>\n"
     "  <mac address='52:54:00:11:22:36'/>\n"
     "  <source dev='eth0' mode='passthrough'/>\n"
     "  <teaming type='persistent'/>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='vhostuser'><mac address='52:54:00:11:22:37'/><source type='unix' path='/tmp/vh' mode='client'><reconnect enabled='yes' timeout='10'/></source><model type='virtio'/></interface>",
     "<interface type='vhostuser'>\n"
     "  <mac address='52:54:00:11:22:37'/>\n"
     "  <source type='unix' path='/tmp/vh' mode='client'>\n"
     "    <reconnect enabled='yes' timeout='10'/>\n"
     "  </source>\n"
     "  <model type='virtio'/>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='mcast'><mac address='52:54:00:11:22:38'/><source address='230.0.0.1' port='5558'/></interface>",
     "<interface type='mcast'>\n"
     "  <mac address='52:54:00:11:22:38'/>\n"
     "  <source address='230.0.0.1' port='5558'/>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='udp'><mac address='52:54:00:11:22:39'/><source address='127.0.0.1' port='11111'><local address='127.0.0.1' port='22222'/></source></interface>",
     "<interface type='udp'>\n"
     "  <mac address='52:54:00:11:22:39'/>\n"
     "  <source address='127.0.0.1' port='11111'>\n"
     "    <local address='127.0.0.1' port='22222'/>\n"
     "  </source>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='server'><mac address='52:54:00:11:22:3a'/><source port='5558'/></interface>",
     "<interface type='server'>\n"
     "  <mac address='52:54:00:11:22:3a'/>\n"
     "  <source port='5558'/>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='hostdev' managed='yes'><mac address='52:54:00:11:22:3b'/><driver name='vfio'/><source><address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'/></source><vlan><tag id='42'/></vlan></interface>",
     "<interface type='hostdev' managed='yes'>\n"
     "  <mac address='52:54:00:11:22:3b'/>\n"
     "  <driver name='vfio'/>\n"
     "  <source>\n"
     "    <address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'/>\n"
     "  </source>\n"
     "  <vlan>\n"
     "    <tag id='42'/>\n"
     "  </vlan>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='vdpa'><mac address='52:54:00:11:22:3c'/><source dev='/dev/vhost-vdpa-0'/><model type='virtio'/></interface>",
     "<interface type='vdpa'>\n"
     "  <mac address='52:54:00:11:22:3c'/>\n"
     "  <source dev='/dev/vhost-vdpa-0'/>\n"
     "  <model type='virtio'/>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='null'><mac address='52:54:00:11:22:3d'/></interface>",
     "<interface type='null'>\n"
     "  <mac address='52:54:00:11:22:3d'/>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='vds'><mac address='52:54:00:11:22:3e'/><source switchid='c7a5fdbd-edaf-9455-926a-d65c16db1809' portid='6' portgroupid='pg' connectionid='17'/></interface>",
     "<interface type='vds'>\n"
     "  <mac address='52:54:00:11:22:3e'/>\n"
     "  <source switchid='c7a5fdbd-edaf-9455-926a-d65c16db1809' portid='6' portgroupid='pg' connectionid='17'/>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='bridge'><mac address='52:54:00:11:22:3f'/><source bridge='br0'/><virtualport type='802.1Qbh'><parameters profileid='p'/></virtualport><target dev='vnet7'/><model type='rtl8139'/><link state='up'/></interface>",
     "<interface type='bridge'>\n"
     "  <mac address='52:54:00:11:22:3f'/>\n"
     "  <source bridge='br0'/>\n"
     "  <virtualport type='802.1Qbh'>\n"
     "    <parameters profileid='p'/>\n"
     "  </virtualport>\n"
     "  <model type='rtl8139'/>\n"
     "  <link state='up'/>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='internal'><mac address='52:54:00:11:22:40'/><source name='x'/></interface>",
     "<interface type='internal'>\n"
     "  <mac address='52:54:00:11:22:40'/>\n"
     "  <source name='x'/>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='client'><mac address='52:54:00:11:22:41'/><source address='1.2.3.4' port='5558'/></interface>",
     "<interface type='client'>\n"
     "  <mac address='52:54:00:11:22:41'/>\n"
     "  <source address='1.2.3.4' port='5558'/>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='user'><mac address='52:54:00:11:22:35'/><model type='virtio'/><backend type='passt' logFile='/tmp/p.log'/><source dev='eth0'/><portForward proto='tcp' address='1.2.3.4' dev='eth0'><range start='22' to='2022'/><range start='80' end='90' exclude='yes'/></portForward></interface>",
     "<interface type='user'>\n"
     "  <mac address='52:54:00:11:22:35'/>\n"
     "  <source dev='eth0'/>\n"
     "  <portForward proto='tcp' address='1.2.3.4' dev='eth0'>\n"
     "    <range start='22' to='2022'/>\n"
     "    <range start='80' end='90' exclude='yes'/>\n"
     "  </portForward>\n"
     "  <model type='virtio'/>\n"
     "  <backend type='passt' logFile='/tmp/p.log'/>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='ethernet'><mac address='52:54:00:11:22:36'/><portForward proto='tcp'><range start='22'/></portForward></interface>",
     "<interface type='ethernet'>\n"
     "  <mac address='52:54:00:11:22:36'/>\n"
     "  <portForward proto='tcp'>\n"
     "    <range start='22'/>\n"
     "  </portForward>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='network'><mac address='52:54:00:11:22:35'/><source network='default'/><model type='ne2k_pci'/></interface>",
     nullptr, "unsupported configuration: driver does not support net model 'ne2k_pci'"},
    {"<interface type='hostdev' managed='yes'><mac address='52:54:00:11:22:3b'/><source><vendor id='0x1234'/><product id='0xbeef'/></source></interface>",
     "<interface type='hostdev' managed='yes'>\n"
     "  <mac address='52:54:00:11:22:3b'/>\n"
     "  <source>\n"
     "    <vendor id='0x1234'/>\n"
     "    <product id='0xbeef'/>\n"
     "  </source>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='vhostuser'><mac address='52:54:00:11:22:37'/><source type='unix' path='/x' mode='server'><reconnect enabled='no'/></source><model type='virtio'/></interface>",
     "<interface type='vhostuser'>\n"
     "  <mac address='52:54:00:11:22:37'/>\n"
     "  <source type='unix' path='/x' mode='server'>\n"
     "    <reconnect enabled='no'/>\n"
     "  </source>\n"
     "  <model type='virtio'/>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='ethernet'><mac address='52:54:00:11:22:37'/><target dev='vnet5'/></interface>",
     "<interface type='ethernet'>\n"
     "  <mac address='52:54:00:11:22:37'/>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='bridge'><mac address='52:54:00:11:22:37'/><source bridge='br0'/><model type='unknown'/><filterref filter='f'><parameter name='a b' value='1'/></filterref></interface>",
     "<interface type='bridge'>\n"
     "  <mac address='52:54:00:11:22:37'/>\n"
     "  <source bridge='br0'/>\n"
     "  <filterref filter='f'/>\n"
     "</interface>\n",
     nullptr},
    {"<interface type='bogus'/>",
     nullptr, "XML error: Invalid value for attribute 'type' in element 'interface': 'bogus'."},
    {"<interface type='network'/>",
     nullptr, "XML error: interface type='network' requires a 'source' element"},
    {"<interface type='network'><source/></interface>",
     nullptr, "XML error: Missing required attribute 'network' in element 'source'"},
    {"<interface type='bridge'><source bridge='br0'/><mac address='01:00:00:00:00:01'/></interface>",
     nullptr, "XML error: expected unicast mac address, found multicast '01:00:00:00:00:01'"},
    {"<interface type='bridge'><source bridge='br0'/><mac address='zz'/></interface>",
     nullptr, "XML error: unable to parse mac address 'zz'"},
    {"<interface type='bridge'><source bridge='br0'/><mac address='52:54:00:00:00:01' type='none'/></interface>",
     nullptr, "XML error: Invalid value for attribute 'type' in element 'mac': 'none'."},
    {"<interface type='user'><virtualport type='openvswitch'/></interface>",
     nullptr, "unsupported configuration: <virtualport> element unsupported for <interface type='user'>"},
    {"<interface type='user'><model type='a b'/></interface>",
     nullptr, "invalid argument: Model name contains invalid characters"},
    {"<interface type='user'><link state='default'/></interface>",
     nullptr, "unsupported configuration: unknown interface link state 'default'"},
    {"<interface type='user'><link state='sideways'/></interface>",
     nullptr, "unsupported configuration: unknown interface link state 'sideways'"},
    {"<interface type='user'><teaming persistent='x'/></interface>",
     nullptr, "unsupported configuration: unknown teaming type '(null)'"},
    {"<interface type='user'><teaming type='transient'/></interface>",
     nullptr, "unsupported configuration: teaming persistent attribute must be set if teaming type is 'transient'"},
    {"<interface type='user'><tune><sndbuf>-x</sndbuf></tune></interface>",
     nullptr, "XML error: sndbuf must be a positive integer"},
    {"<interface type='user'><mtu size='abc'/></interface>",
     nullptr, "XML error: malformed mtu size"},
    {"<interface type='user'><coalesce><rx><frames max='-1'/></rx></coalesce></interface>",
     nullptr, "cannot parse value '-1' for coalesce parameter"},
    {"<interface type='user'><coalesce><rx><frames max='99999999999'/></rx></coalesce></interface>",
     nullptr, "numerical overflow: value '99999999999' is too big for coalesce parameter, maximum is '4294967295'"},
    {"<interface type='user'><ip address='1.2.3.4' prefix='33'/></interface>",
     nullptr, "XML error: Invalid prefix value '33' in <ip>"},
    {"<interface type='user'><ip address='1.2.3.4' peer='x'/></interface>",
     nullptr, "invalid argument: Invalid peer 'x' in <ip>"},
    {"<interface type='user'><ip prefix='3'/></interface>",
     nullptr, "XML error: Missing required address in <ip>"},
    {"<interface type='bridge'><source bridge='b'/><target dev='x' managed='no'/></interface>",
     nullptr, "unsupported configuration: unmanaged target dev is not supported on interfaces of type 'bridge'"},
    {"<interface type='user'><source><ip address='1.2.3.4'/></source></interface>",
     nullptr, "unsupported configuration: Invalid attempt to set network interface host-side IP route and/or address info on interface of type 'user'. This is only supported on interfaces of type 'ethernet'"},
    {"<interface type='vhostuser'><source type='tcp' path='/x' mode='client'/></interface>",
     nullptr, "unsupported configuration: Type='tcp' unsupported for <interface type='vhostuser'>"},
    {"<interface type='vhostuser'><source type='unix' path='/x'/></interface>",
     nullptr, "XML error: Missing required attribute 'mode' in element 'source'"},
    {"<interface type='udp'><source address='1.2.3.4' port='1'/></interface>",
     nullptr, "XML error: '<local>' element missing for 'udp' socket interface"},
    {"<interface type='direct'><source dev='eth0' mode='weird'/></interface>",
     nullptr, "XML error: Invalid value for attribute 'mode' in element 'source': 'weird'."},
    {"<interface type='user'><model type='e1000'/><driver iommu='on'/></interface>",
     nullptr, "unsupported configuration: iommu driver option is only supported for virtio devices"},
    {"<interface type='bridge'><source bridge='b'/><bandwidth><inbound average='1000' floor='10'/></bandwidth></interface>",
     nullptr, "unsupported configuration: floor attribute is not supported for this config"},
    {"<interface type='bridge'><source bridge='b'/><port isolated='maybe'/></interface>",
     nullptr, "XML error: Invalid value for attribute 'isolated' in element 'port': 'maybe'."},
    {"<interface type='direct'><mac address='52:54:00:00:00:09'/><source dev='eth0'/><port isolated='yes'/></interface>",
     nullptr, "unsupported configuration: interface 52:54:00:00:00:09 - <port isolated='yes'/> is not supported for network interfaces with type='direct'"},
    {"<interface type='user'><backend type='x'/></interface>",
     nullptr, "XML error: Invalid value for attribute 'type' in element 'backend': 'x'."},
    {"<interface type='user'><rom enabled='no' bar='on'/></interface>",
     nullptr, "unsupported configuration: ROM tuning is not supported when ROM is disabled"},
    {"<interface type='vhostuser'><source type='unix' path='/x' mode='server'><reconnect enabled='yes' timeout='3'/></source><model type='virtio'/></interface>",
     nullptr, "unsupported configuration: 'reconnect' attribute unsupported 'server' mode for <interface type='vhostuser'>"},
    {"<interface type='vhostuser'><source type='unix' path='/x' mode='client'/><model type='e1000'/></interface>",
     nullptr, "internal error: Wrong or no <model> 'type' attribute specified with <interface type='vhostuser'/>. vhostuser requires the virtio-net* frontend"},
};

class InterfaceCases : public ::testing::TestWithParam<DeviceCase> {};

TEST_P(InterfaceCases, ParseAndFormat) { checkCase(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Table, InterfaceCases, ::testing::ValuesIn(kCases));


// Without a MAC address (or with an all-zero one) libvirt generates one
// with the 52:54:00 prefix.
TEST(Interface, GeneratesMissingMac) {
    auto d = parseGuestIo(domainWith("<interface type='network'><source network='default'/></interface>"
                                     "<interface type='network'><mac address='00:00:00:00:00:00'/>"
                                     "<source network='default'/></interface>"));
    for (const auto& net : d.devices.interfaces) {
        EXPECT_TRUE(net.macGenerated);
        EXPECT_TRUE(net.mac.format().starts_with("52:54:00:"));
    }
    EXPECT_NE(d.devices.interfaces[0].mac, d.devices.interfaces[1].mac);
}

// Model names libvirt does not know are a driver feature.
TEST(Interface, ModelStringsNeedTheDriverFeature) {
    std::string devices =
        "<interface type='user'><mac address='52:54:00:11:22:33'/><model type='ne2k_pci'/></interface>";
    EXPECT_EQ(parseError(devices), "unsupported configuration: driver does not support net model 'ne2k_pci'");
    ParseMode mode;
    mode.features |= cvirt::conf::domain::kFeatureNetModelString;
    EXPECT_EQ(roundTrip(devices, mode),
              "<interface type='user'>\n"
              "  <mac address='52:54:00:11:22:33'/>\n"
              "  <model type='ne2k_pci'/>\n"
              "</interface>\n");
}

// Tap names the host generated are not configuration.
TEST(Interface, InactiveParseForgetsGeneratedTapNames) {
    std::string devices = "<interface type='ethernet'><mac address='52:54:00:11:22:33'/><target dev='vnet7'/></interface>"
                          "<interface type='ethernet'><mac address='52:54:00:11:22:34'/><target dev='mytap'/></interface>";
    ParseMode inactive;
    inactive.inactive = true;
    auto d = parseGuestIo(domainWith(devices), inactive);
    EXPECT_FALSE(d.devices.interfaces[0].ifname.has_value());
    EXPECT_EQ(d.devices.interfaces[1].ifname, "mytap");
    EXPECT_EQ(parseGuestIo(domainWith(devices)).devices.interfaces[0].ifname, "vnet7");
}

// A network port id is live data.
TEST(Interface, PortIdIsLiveData) {
    std::string xml = "<domain type='qemu' id='2'><name>d</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
                      "<memory unit='KiB'>219136</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>"
                      "<devices><interface type='network'><mac address='52:54:00:11:22:33'/>"
                      "<source network='default' portid='1f3e0ad5-7b9e-4b4c-9b4e-2c5e64d8c0a1'/></interface>"
                      "</devices></domain>";
    auto d = parseGuestIo(xml);
    EXPECT_NE(devicesOf(d).find("portid='1f3e0ad5-7b9e-4b4c-9b4e-2c5e64d8c0a1'"), std::string::npos);
    EXPECT_EQ(devicesOf(d, true).find("portid"), std::string::npos);
}

}  // namespace
