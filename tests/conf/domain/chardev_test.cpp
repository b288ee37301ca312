// Character devices: <serial>, <parallel>, <console>, <channel> and their
// chardev sources, with the console/serial back-compat of HVM guests.
// Each row was checked against libvirt (Debian's virsh and libvirt 9.6's
// test data); rows with errors carry libvirt's message.
#include "guest_io_test_support.hpp"

namespace {

using namespace cvirt::test::domain;

const DeviceCase kCases[] = {
    {"<serial type='pty'><target type='isa-serial' port='0'/></serial><console type='pty'><target type='virtio'/></console><channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0' state='connected'/></channel><channel type='pty'><target type='guestfwd' address='10.0.2.1' port='4600'/></channel><parallel type='file'><source path='/tmp/x' append='on'><seclabel model='dac' relabel='no'/></source></parallel>",
     "<controller type='virtio-serial' index='0'/>\n"
     "<serial type='pty'>\n"
     "  <target type='isa-serial' port='0'/>\n"
     "</serial>\n"
     "<parallel type='file'>\n"
     "  <source path='/tmp/x' append='on'>\n"
     "    <seclabel model='dac' relabel='no'/>\n"
     "  </source>\n"
     "  <target port='0'/>\n"
     "</parallel>\n"
     "<console type='pty'>\n"
     "  <target type='serial' port='0'/>\n"
     "</console>\n"
     "<console type='pty'>\n"
     "  <target type='virtio' port='0'/>\n"
     "</console>\n"
     "<channel type='unix'>\n"
     "  <target type='virtio' name='org.qemu.guest_agent.0'/>\n"
     "</channel>\n"
     "<channel type='pty'>\n"
     "  <target type='guestfwd' address='10.0.2.1' port='4600'/>\n"
     "</channel>\n",
     nullptr},
    {"<serial type='file'><source path='/tmp/s'/><target port='0'/><alias name='ua-s'/></serial><console type='pty'><target type='serial' port='0'/></console><console type='pty'><target type='virtio' port='1'/></console>",
     "<controller type='virtio-serial' index='0'/>\n"
     "<serial type='file'>\n"
     "  <source path='/tmp/s'/>\n"
     "  <target port='0'/>\n"
     "  <alias name='ua-s'/>\n"
     "</serial>\n"
     "<console type='file'>\n"
     "  <source path='/tmp/s'/>\n"
     "  <target type='serial' port='0'/>\n"
     "  <alias name='ua-s'/>\n"
     "</console>\n"
     "<console type='pty'>\n"
     "  <target type='virtio' port='1'/>\n"
     "</console>\n",
     nullptr},
    {"<console type='pty'><target type='virtio'/></console><serial type='tcp'><source mode='bind' host='0.0.0.0' service='99'/><target type='isa-serial'><model name='isa-serial'/></target></serial>",
     "<controller type='virtio-serial' index='0'/>\n"
     "<serial type='tcp'>\n"
     "  <source mode='bind' host='0.0.0.0' service='99'/>\n"
     "  <protocol type='raw'/>\n"
     "  <target type='isa-serial' port='0'>\n"
     "    <model name='isa-serial'/>\n"
     "  </target>\n"
     "</serial>\n"
     "<console type='tcp'>\n"
     "  <source mode='bind' host='0.0.0.0' service='99'/>\n"
     "  <protocol type='raw'/>\n"
     "  <target type='serial' port='0'/>\n"
     "</console>\n"
     "<console type='pty'>\n"
     "  <target type='virtio' port='0'/>\n"
     "</console>\n",
     nullptr},
    {"<console type='pty'><target type='virtio'/></console><console type='pty'><target type='serial'/></console>",
     nullptr, "unsupported configuration: Only the first console can be a serial port"},
    {"<serial type='bogus'/>",
     nullptr, "unsupported configuration: unknown type presented to host for character device: bogus"},
    {"<channel type='pty'/>",
     nullptr, "XML error: target type must be specified for channel device"},
    {"<channel type='pty'><target/></channel>",
     nullptr, "unsupported configuration: unknown target type '(null)' specified for character device"},
    {"<channel type='pty'><target type='weird'/></channel>",
     nullptr, "unsupported configuration: unknown target type 'weird' specified for character device"},
    {"<serial type='pty'><target type='weird'/></serial>",
     nullptr, "unsupported configuration: unknown target type 'weird' specified for character device"},
    {"<serial type='pty'><target><model name='weird'/></target></serial>",
     nullptr, "unsupported configuration: unknown target model 'weird' specified for character device"},
    {"<serial type='pty'><target><model name=''/></target></serial>",
     "<serial type='pty'>\n"
     "  <target port='0'/>\n"
     "</serial>\n"
     "<console type='pty'>\n"
     "  <target type='serial' port='0'/>\n"
     "</console>\n",
     nullptr},
    {"<serial type='pty'><target port='x'/></serial>",
     nullptr, "XML error: Invalid port number: x"},
    {"<serial type='pty'><target port='-1'/></serial>",
     "<serial type='pty'>\n"
     "  <target port='0'/>\n"
     "</serial>\n"
     "<console type='pty'>\n"
     "  <target type='serial' port='0'/>\n"
     "</console>\n",
     nullptr},
    {"<channel type='pty'><target type='guestfwd' port='1'/></channel>",
     nullptr, "XML error: guestfwd channel does not define a target address"},
    {"<channel type='pty'><target type='guestfwd' address='::1' port='1'/></channel>",
     nullptr, "unsupported configuration: guestfwd channel only supports IPv4 addresses"},
    {"<channel type='pty'><target type='guestfwd' address='10.0.0.1'/></channel>",
     nullptr, "XML error: Missing required attribute 'port' in element 'target'"},
    {"<channel type='pty'><target type='guestfwd' address='foo' port='4'/></channel>",
     nullptr, "Cannot parse socket address 'foo': Name or service not known"},
    {"<serial type='spicevmc'/>",
     nullptr, "unsupported configuration: spicevmc device type only supports virtio"},
    {"<channel type='spicevmc'><target type='virtio' name='com.redhat.spice.0'/></channel>",
     "<controller type='virtio-serial' index='0'/>\n"
     "<channel type='spicevmc'>\n"
     "  <target type='virtio' name='com.redhat.spice.0'/>\n"
     "</channel>\n",
     nullptr},
    {"<serial type='pty'><target type='usb-serial'/><address type='pci' domain='0' bus='0' slot='5' function='0'/></serial>",
     nullptr, "unsupported configuration: usb-serial requires address of usb type"},
    {"<serial type='file'/>",
     nullptr, "internal error: Missing source path attribute for char device"},
    {"<serial type='file'><source path='/x' append='maybe'/></serial>",
     nullptr, "XML error: Invalid value for attribute 'append' in element 'source': 'maybe'."},
    {"<serial type='udp'><source mode='bind' service='1'/></serial>",
     nullptr, "internal error: Missing source service attribute for char device"},
    {"<serial type='nmdm'><source master='/dev/a'/></serial>",
     nullptr, "internal error: Should define both master and slave path attributes for nmdm device"},
    {"<serial type='nmdm'><source master='/dev/a' slave='/dev/b'/></serial>",
     "<serial type='nmdm'>\n"
     "  <source master='/dev/a' slave='/dev/b'/>\n"
     "  <target port='0'/>\n"
     "</serial>\n"
     "<console type='nmdm'>\n"
     "  <source master='/dev/a' slave='/dev/b'/>\n"
     "  <target type='serial' port='0'/>\n"
     "</console>\n",
     nullptr},
    {"<serial type='spiceport'><source channel='org.a'/></serial>",
     "<serial type='spiceport'>\n"
     "  <source channel='org.a'/>\n"
     "  <target port='0'/>\n"
     "</serial>\n"
     "<console type='spiceport'>\n"
     "  <source channel='org.a'/>\n"
     "  <target type='serial' port='0'/>\n"
     "</console>\n",
     nullptr},
    {"<serial type='spiceport'><source channel='org a'/></serial>",
     nullptr, "invalid argument: Invalid character in source channel for char device"},
    {"<serial type='spiceport'/>",
     nullptr, "unsupported configuration: Missing source channel attribute for char device"},
    {"<serial type='tcp'><source mode='connect' host='h' service='1' tls='maybe'/></serial>",
     nullptr, "XML error: Invalid value for attribute 'tls' in element 'source': 'maybe'."},
    {"<serial type='tcp'><source mode='connect' host='h' service='1' tls='yes'/><protocol type='telnets'/><log file='/tmp/l' append='on'/></serial>",
     "<serial type='tcp'>\n"
     "  <source mode='connect' host='h' service='1' tls='yes'/>\n"
     "  <protocol type='telnets'/>\n"
     "  <log file='/tmp/l' append='on'/>\n"
     "  <target port='0'/>\n"
     "</serial>\n"
     "<console type='tcp'>\n"
     "  <source mode='connect' host='h' service='1' tls='yes'/>\n"
     "  <protocol type='telnets'/>\n"
     "  <log file='/tmp/l' append='on'/>\n"
     "  <target type='serial' port='0'/>\n"
     "</console>\n",
     nullptr},
    {"<serial type='tcp'><source mode='connect' host='h' service='1'/><protocol type='ssh'/></serial>",
     nullptr, "unsupported configuration: Unknown protocol 'ssh'"},
    {"<serial type='pty'><log file='/a'/><log file='/b'/></serial>",
     nullptr, "XML error: only one log element is allowed for character device"},
    {"<serial type='pty'><source path='/dev/pts/3'><seclabel model='selinux' relabel='no'/><seclabel model='dac' relabel='yes'><label>u:g</label></seclabel></source></serial>",
     "<serial type='pty'>\n"
     "  <target port='0'/>\n"
     "</serial>\n"
     "<console type='pty'>\n"
     "  <target type='serial' port='0'/>\n"
     "</console>\n",
     nullptr},
    {"<serial type='file'><source path='/x'><seclabel model='dac' relabel='no'><label>x</label></seclabel></source></serial>",
     nullptr, "XML error: Cannot specify a label if relabelling is turned off. model=dac"},
    {"<serial type='pty'><target type='isa-serial'/></serial><serial type='pty'><target type='isa-serial'/></serial><serial type='pty'><target type='pci-serial'/></serial>",
     "<serial type='pty'>\n"
     "  <target type='isa-serial' port='0'/>\n"
     "</serial>\n"
     "<serial type='pty'>\n"
     "  <target type='isa-serial' port='1'/>\n"
     "</serial>\n"
     "<serial type='pty'>\n"
     "  <target type='pci-serial' port='2'/>\n"
     "</serial>\n"
     "<console type='pty'>\n"
     "  <target type='serial' port='0'/>\n"
     "</console>\n",
     nullptr},
    {"<serial type='pty'><target type='isa-serial' port='1'/></serial><serial type='pty'><target type='isa-serial' port='1'/></serial>",
     nullptr, "internal error: target port '1' already allocated"},
    {"<serial type='pty'><target type='isa-serial' port='5'/></serial>",
     nullptr, "internal error: Maximum supported number of ISA serial ports is '4'"},
    {"<parallel type='pty'/><parallel type='dev'><source path='/dev/parport0'/><target port='3'/></parallel><parallel type='null'/>",
     "<parallel type='pty'>\n"
     "  <target port='0'/>\n"
     "</parallel>\n"
     "<parallel type='dev'>\n"
     "  <source path='/dev/parport0'/>\n"
     "  <target port='3'/>\n"
     "</parallel>\n"
     "<parallel type='null'>\n"
     "  <target port='4'/>\n"
     "</parallel>\n",
     nullptr},
    {"<channel type='qemu-vdagent'><source><clipboard copypaste='yes'/><mouse mode='client'/></source><target type='virtio' name='com.redhat.spice.0'/></channel>",
     "<controller type='virtio-serial' index='0'/>\n"
     "<channel type='qemu-vdagent'>\n"
     "  <source>\n"
     "    <clipboard copypaste='yes'/>\n"
     "    <mouse mode='client'/>\n"
     "  </source>\n"
     "  <target type='virtio' name='com.redhat.spice.0'/>\n"
     "</channel>\n",
     nullptr},
    {"<channel type='dbus'><source channel='org.qemu.x'/><target type='virtio' name='x'/></channel>",
     "<controller type='virtio-serial' index='0'/>\n"
     "<channel type='dbus'>\n"
     "  <source channel='org.qemu.x'/>\n"
     "  <target type='virtio' name='x'/>\n"
     "</channel>\n",
     nullptr},
    {"<channel type='unix'><source mode='bind' path='/x'/><target type='xen' name='x'/></channel>",
     "<channel type='unix'>\n"
     "  <source mode='bind' path='/x'/>\n"
     "  <target type='xen' name='x'/>\n"
     "</channel>\n",
     nullptr},
    {"<console type='pty'><target type='sclp'/></console>",
     "<console type='pty'>\n"
     "  <target type='sclp' port='0'/>\n"
     "</console>\n",
     nullptr},
    {"<console type='stdio'><target type='lxc'/></console><console type='pty'><target type='openvz'/></console>",
     "<console type='stdio'>\n"
     "  <target type='lxc' port='0'/>\n"
     "</console>\n"
     "<console type='pty'>\n"
     "  <target type='openvz' port='1'/>\n"
     "</console>\n",
     nullptr},
    {"<serial type='pty'><target type='isa-debug'><model name='isa-debugcon'/></target></serial>",
     "<serial type='pty'>\n"
     "  <target type='isa-debug' port='0'>\n"
     "    <model name='isa-debugcon'/>\n"
     "  </target>\n"
     "</serial>\n",
     nullptr},
    {"<console type='pty'><target type='virtio' port='5'/></console><console type='pty'><target type='virtio' port='7'/></console>",
     "<controller type='virtio-serial' index='0'/>\n"
     "<console type='pty'>\n"
     "  <target type='virtio' port='0'/>\n"
     "</console>\n"
     "<console type='pty'>\n"
     "  <target type='virtio' port='1'/>\n"
     "</console>\n",
     nullptr},
    {"<serial type='pty'><target type='usb-serial' port='3'/></serial><serial type='pty'/>",
     "<serial type='pty'>\n"
     "  <target type='usb-serial' port='3'/>\n"
     "</serial>\n"
     "<serial type='pty'>\n"
     "  <target port='4'/>\n"
     "</serial>\n",
     nullptr},
    {"<channel type='tcp'><source mode='bind' host='localhost' service='5678'><reconnect enabled='yes' timeout='10'/></source><target type='virtio' name='test1'/></channel>",
     nullptr, "internal error: chardev reconnect is possible only for connect mode"},
    {"<channel type='unix'><source mode='connect' path='/p'><reconnect enabled='yes'/></source><target type='virtio' name='t'/></channel>",
     nullptr, "XML error: Missing required attribute 'timeout' in element 'reconnect'"},
    {"<channel type='udp'><source mode='connect' service='5678'/><source mode='bind' host='localhost'/><target type='virtio' name='test4'/></channel>",
     "<controller type='virtio-serial' index='0'/>\n"
     "<channel type='udp'>\n"
     "  <source mode='bind' host='localhost'/>\n"
     "  <source mode='connect' service='5678'/>\n"
     "  <target type='virtio' name='test4'/>\n"
     "</channel>\n",
     nullptr},
    {"<channel type='unix'><target type='virtio' name='test1'/></channel>",
     "<controller type='virtio-serial' index='0'/>\n"
     "<channel type='unix'>\n"
     "  <target type='virtio' name='test1'/>\n"
     "</channel>\n",
     nullptr},
};

class ChardevCases : public ::testing::TestWithParam<DeviceCase> {};

TEST_P(ChardevCases, ParseAndFormat) { checkCase(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Table, ChardevCases, ::testing::ValuesIn(kCases));


// A pty's path is live data: kept for a running domain (with the legacy
// tty= attribute on the first console), dropped from inactive XML.
TEST(Chardev, PtyPathIsLiveData) {
    std::string xml = "<domain type='qemu' id='4'><name>d</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
                      "<memory unit='KiB'>219136</memory><vcpu>1</vcpu>"
                      "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices>"
                      "<serial type='pty'><source path='/dev/pts/3'/><target port='0'/></serial>"
                      "<console type='pty' tty='/dev/pts/3'><source path='/dev/pts/3'/><target type='serial' port='0'/></console>"
                      "</devices></domain>";
    auto live = parseGuestIo(xml);
    EXPECT_EQ(devicesOf(live),
              "<serial type='pty'>\n"
              "  <source path='/dev/pts/3'/>\n"
              "  <target port='0'/>\n"
              "</serial>\n"
              "<console type='pty' tty='/dev/pts/3'>\n"
              "  <source path='/dev/pts/3'/>\n"
              "  <target type='serial' port='0'/>\n"
              "</console>\n");
    EXPECT_EQ(devicesOf(live, true),
              "<serial type='pty'>\n"
              "  <target port='0'/>\n"
              "</serial>\n"
              "<console type='pty'>\n"
              "  <target type='serial' port='0'/>\n"
              "</console>\n");
    ParseMode inactive;
    inactive.inactive = true;
    auto config = parseGuestIo(xml, inactive);
    EXPECT_FALSE(config.devices.serials.at(0).source.path.has_value());
}

// The virtio channel state is live data, and libvirt leaves it out of
// secure output.
TEST(Chardev, ChannelStateIsParsedLiveOnly) {
    std::string devices = "<channel type='unix'><target type='virtio' name='a' state='connected'/></channel>";
    EXPECT_EQ(parseGuestIo(domainWith(devices)).devices.channels.at(0).state,
              cvirt::conf::domain::ChannelState::Connected);
    ParseMode inactive;
    inactive.inactive = true;
    EXPECT_EQ(parseGuestIo(domainWith(devices), inactive).devices.channels.at(0).state,
              cvirt::conf::domain::ChannelState::Default);
}

// The shared chardev source as other device families use it.
TEST(ChardevSource, ParseFormatAndValidate) {
    using namespace cvirt::conf::domain;
    auto doc = cvirt::xml::Document::parse(
        "<backend type='tcp'><source mode='bind' host='h' service='7'><reconnect enabled='no'/></source>"
        "<protocol type='telnet'/><log file='/l' append='off'/></backend>",
        "(test)", cvirt::ErrorDomain::Domain);
    ChardevSource src;
    src.type = ChardevType::Tcp;
    cvirt::conf::xml::ParseContext pctx;
    parseChardevSource(src, doc.root(), pctx);
    EXPECT_TRUE(src.listen);
    EXPECT_EQ(src.protocol, ChardevTcpProtocol::Telnet);
    cvirt::conf::xml::Writer w;
    cvirt::conf::xml::FormatContext fctx;
    {
        cvirt::conf::xml::Writer::Element el(w, "backend", true);
        formatChardevTypeAttr(el, src);
        formatChardevSource(el, w, src, fctx);
    }
    EXPECT_EQ(w.out(),
              "<backend type='tcp'>\n"
              "  <source mode='bind' host='h' service='7'>\n"
              "    <reconnect enabled='no'/>\n"
              "  </source>\n"
              "  <protocol type='telnet'/>\n"
              "  <log file='/l' append='off'/>\n"
              "</backend>\n");
    try {
        validateChardevSource(src);
        FAIL() << "reconnect with mode='bind' must be rejected";
    } catch (const cvirt::Error& e) {
        EXPECT_EQ(e.message(), "internal error: chardev reconnect is possible only for connect mode");
    }
}

}  // namespace
