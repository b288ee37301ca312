// <graphics> of every type, <listen> and the legacy listen=/socket=
// attributes.
// Each row was checked against libvirt (Debian's virsh and libvirt 9.6's
// test data); rows with errors carry libvirt's message.
#include "guest_io_test_support.hpp"

namespace {

using namespace cvirt::test::domain;

const DeviceCase kCases[] = {
    {"<graphics type='bogus'/><video><model type='cirrus'/></video>",
     nullptr, "XML error: Invalid value for attribute 'type' in element 'graphics': 'bogus'."},
    {"<graphics type='vnc' port='abc'/><video><model type='cirrus'/></video>",
     nullptr, "internal error: cannot parse vnc port abc"},
    {"<graphics type='vnc' port='-1' autoport='no'/><video><model type='cirrus'/></video>",
     "<graphics type='vnc' port='-1' autoport='no'>\n"
     "  <listen type='address'/>\n"
     "</graphics>\n"
     "<video>\n"
     "  <model type='cirrus' vram='16384' heads='1' primary='yes'/>\n"
     "</video>\n",
     nullptr},
    {"<graphics type='vnc' autoport='maybe' port='5901'/><video><model type='cirrus'/></video>",
     "<graphics type='vnc' port='5901' autoport='no'>\n"
     "  <listen type='address'/>\n"
     "</graphics>\n"
     "<video>\n"
     "  <model type='cirrus' vram='16384' heads='1' primary='yes'/>\n"
     "</video>\n",
     nullptr},
    {"<graphics type='vnc' passwd='x' connected='fail'/><video><model type='cirrus'/></video>",
     nullptr, "unsupported configuration: VNC supports connected='keep' only"},
    {"<graphics type='vnc' passwd='x' connected='nope'/><video><model type='cirrus'/></video>",
     nullptr, "unsupported configuration: unknown connected value nope"},
    {"<graphics type='vnc' passwd='x' passwdValidTo='2010-13-40T00:00:00'/><video><model type='cirrus'/></video>",
     "<graphics type='vnc' port='-1' autoport='yes' passwd='x' passwdValidTo='1970-01-01T00:00:00'>\n"
     "  <listen type='address'/>\n"
     "</graphics>\n"
     "<video>\n"
     "  <model type='cirrus' vram='16384' heads='1' primary='yes'/>\n"
     "</video>\n",
     nullptr},
    {"<graphics type='vnc' passwd='x' passwdValidTo='garbage'/><video><model type='cirrus'/></video>",
     nullptr, "internal error: cannot parse password validity time 'garbage', expect YYYY-MM-DDTHH:MM:SS"},
    {"<graphics type='vnc' connected='keep'/><video><model type='cirrus'/></video>",
     "<graphics type='vnc' port='-1' autoport='yes'>\n"
     "  <listen type='address'/>\n"
     "</graphics>\n"
     "<video>\n"
     "  <model type='cirrus' vram='16384' heads='1' primary='yes'/>\n"
     "</video>\n",
     nullptr},
    {"<graphics type='vnc' sharePolicy='force-shared' keymap='en-us' powerControl='yes' websocket='5700'/><video><model type='cirrus'/></video>",
     "<graphics type='vnc' port='-1' autoport='yes' websocket='5700' keymap='en-us' sharePolicy='force-shared' powerControl='yes'>\n"
     "  <listen type='address'/>\n"
     "</graphics>\n"
     "<video>\n"
     "  <model type='cirrus' vram='16384' heads='1' primary='yes'/>\n"
     "</video>\n",
     nullptr},
    {"<graphics type='vnc'><listen type='network' network='default'/><listen type='address' address='1.1.1.1'/></graphics><video><model type='cirrus'/></video>",
     "<graphics type='vnc' port='-1' autoport='yes'>\n"
     "  <listen type='network' network='default'/>\n"
     "  <listen type='address' address='1.1.1.1'/>\n"
     "</graphics>\n"
     "<video>\n"
     "  <model type='cirrus' vram='16384' heads='1' primary='yes'/>\n"
     "</video>\n",
     nullptr},
    {"<graphics type='vnc'><listen type='address' network='x'/></graphics><video><model type='cirrus'/></video>",
     nullptr, "XML error: 'network' attribute is valid only for listen type 'network'"},
    {"<graphics type='vnc'><listen type='address' socket='/x'/></graphics><video><model type='cirrus'/></video>",
     nullptr, "XML error: 'socket' attribute is valid only for listen type 'socket'"},
    {"<graphics type='vnc'><listen/></graphics><video><model type='cirrus'/></video>",
     nullptr, "XML error: Missing required attribute 'type' in element 'listen'"},
    {"<graphics type='vnc'><listen type='none'/></graphics><video><model type='cirrus'/></video>",
     "<graphics type='vnc'>\n"
     "  <listen type='none'/>\n"
     "</graphics>\n"
     "<video>\n"
     "  <model type='cirrus' vram='16384' heads='1' primary='yes'/>\n"
     "</video>\n",
     nullptr},
    {"<graphics type='vnc'><audio id='1'/></graphics><video><model type='cirrus'/></video>",
     nullptr, "XML error: no audio device with ID 1"},
    {"<graphics type='vnc'><audio id='1'/></graphics><audio id='1' type='none'/><video><model type='cirrus'/></video>",
     "<graphics type='vnc' port='-1' autoport='yes'>\n"
     "  <listen type='address'/>\n"
     "  <audio id='1'/>\n"
     "</graphics>\n"
     "<audio id='1' type='none'/>\n"
     "<video>\n"
     "  <model type='cirrus' vram='16384' heads='1' primary='yes'/>\n"
     "</video>\n",
     nullptr},
    {"<graphics type='spice' port='-1' tlsPort='-1'/><video><model type='cirrus'/></video>",
     "<graphics type='spice' port='-1' tlsPort='-1' autoport='yes'>\n"
     "  <listen type='address'/>\n"
     "</graphics>\n"
     "<video>\n"
     "  <model type='cirrus' vram='16384' heads='1' primary='yes'/>\n"
     "</video>\n",
     nullptr},
    {"<graphics type='spice'><channel name='main' mode='any'/><image compression='default'/></graphics><video><model type='cirrus'/></video>",
     nullptr, "XML error: Invalid value for attribute 'compression' in element 'image': 'default'."},
    {"<graphics type='spice'><mouse mode='server'/><gl enable='no'/></graphics><video><model type='cirrus'/></video>",
     "<graphics type='spice'>\n"
     "  <listen type='none'/>\n"
     "  <mouse mode='server'/>\n"
     "  <gl enable='no'/>\n"
     "</graphics>\n"
     "<video>\n"
     "  <model type='cirrus' vram='16384' heads='1' primary='yes'/>\n"
     "</video>\n",
     nullptr},
    {"<graphics type='spice' listen='1.2.3.4' socket='/x'><listen type='socket'/></graphics><video><model type='cirrus'/></video>",
     "<graphics type='spice'>\n"
     "  <listen type='socket' socket='/x'/>\n"
     "</graphics>\n"
     "<video>\n"
     "  <model type='cirrus' vram='16384' heads='1' primary='yes'/>\n"
     "</video>\n",
     nullptr},
    {"<graphics type='rdp' port='3389' replaceUser='yes'/><video><model type='cirrus'/></video>",
     "<graphics type='rdp' port='3389' replaceUser='yes'>\n"
     "  <listen type='address'/>\n"
     "</graphics>\n"
     "<video>\n"
     "  <model type='cirrus' vram='16384' heads='1' primary='yes'/>\n"
     "</video>\n",
     nullptr},
    {"<graphics type='rdp' port='-1'/><video><model type='cirrus'/></video>",
     "<graphics type='rdp' port='-1' autoport='yes'>\n"
     "  <listen type='address'/>\n"
     "</graphics>\n"
     "<video>\n"
     "  <model type='cirrus' vram='16384' heads='1' primary='yes'/>\n"
     "</video>\n",
     nullptr},
    {"<graphics type='dbus' p2p='yes' address='x'/><video><model type='cirrus'/></video>",
     nullptr, "XML error: D-Bus p2p with an address is not supported"},
    {"<graphics type='dbus' p2p='yes'><gl enable='yes' rendernode='/dev/dri/r'/><audio id='1'/></graphics><audio id='1' type='dbus'/><video><model type='cirrus'/></video>",
     "<graphics type='dbus' p2p='yes'>\n"
     "  <gl enable='yes' rendernode='/dev/dri/r'/>\n"
     "  <audio id='1'/>\n"
     "</graphics>\n"
     "<audio id='1' type='dbus'/>\n"
     "<video>\n"
     "  <model type='cirrus' vram='16384' heads='1' primary='yes'/>\n"
     "</video>\n",
     nullptr},
    {"<graphics type='sdl'><gl/></graphics><video><model type='cirrus'/></video>",
     nullptr, "XML error: Missing required attribute 'enable' in element 'gl'"},
};

class GraphicsCases : public ::testing::TestWithParam<DeviceCase> {};

TEST_P(GraphicsCases, ParseAndFormat) { checkCase(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Table, GraphicsCases, ::testing::ValuesIn(kCases));


// Passwords only appear in secure output.
TEST(Graphics, PasswordNeedsSecureOutput) {
    auto d = parseGuestIo(domainWith("<graphics type='vnc' passwd='s3cret'/><video><model type='vga'/></video>"));
    EXPECT_NE(devicesOf(d).find("passwd='s3cret'"), std::string::npos);
    cvirt::conf::domain::DomainFormatOptions fo;
    EXPECT_EQ(cvirt::conf::domain::formatDomainXml(d, fo).find("passwd="), std::string::npos);
}

// A network listen's address is the live result of resolving the network.
TEST(Graphics, NetworkListenAddressIsLiveData) {
    std::string xml = "<domain type='qemu' id='2'><name>d</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
                      "<memory unit='KiB'>219136</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>"
                      "<devices><graphics type='vnc' port='5900' autoport='no' listen='10.0.0.1'>"
                      "<listen type='network' network='default' address='10.0.0.1'/></graphics>"
                      "<video><model type='vga'/></video></devices></domain>";
    auto d = parseGuestIo(xml);
    EXPECT_NE(devicesOf(d).find("<graphics type='vnc' port='5900' autoport='no' listen='10.0.0.1'>\n"
                                "  <listen type='network' address='10.0.0.1' network='default'/>"),
              std::string::npos)
        << devicesOf(d);
    EXPECT_NE(devicesOf(d, true).find("<graphics type='vnc' port='5900' autoport='no'>\n"
                                      "  <listen type='network' network='default'/>"),
              std::string::npos)
        << devicesOf(d, true);
}

}  // namespace
