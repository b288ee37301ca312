// <video>, <input>, <sound>, <audio>, <smartcard>, <redirdev> and
// <redirfilter>.
// Each row was checked against libvirt (Debian's virsh and libvirt 9.6's
// test data); rows with errors carry libvirt's message.
#include "guest_io_test_support.hpp"

namespace {

using namespace cvirt::test::domain;

const DeviceCase kCases[] = {
    {"<video><model type='vga' vram='9000' heads='2' primary='yes'><acceleration accel3d='yes' accel2d='no'/><resolution x='800' y='600'/></model><driver vgaconf='on' iommu='on'/></video>",
     nullptr, "unsupported configuration: iommu driver option is only supported for virtio devices"},
    {"<video><model type='qxl' ram='1000' vram='1000' vram64='2000' vgamem='300'/></video><video><model type='virtio' primary='yes' blob='on'/><driver name='vhostuser'/></video>",
     "<video>\n"
     "  <driver name='vhostuser'/>\n"
     "  <model type='virtio' heads='1' primary='yes' blob='on'/>\n"
     "</video>\n"
     "<video>\n"
     "  <model type='qxl' ram='1024' vram='1024' vram64='2000' vgamem='300' heads='1'/>\n"
     "</video>\n",
     nullptr},
    {"<video><model type='none'/></video>",
     "<video>\n"
     "  <model type='none'/>\n"
     "</video>\n",
     nullptr},
    {"<video><model type='vga'/></video><video><model type='none'/></video>",
     nullptr, "unsupported configuration: a 'none' video type must be the only video device defined for the domain"},
    {"<video><model type='vga' ram='1024'/></video>",
     nullptr, "unsupported configuration: ram attribute only supported for video type qxl"},
    {"<video><model type='vga'><acceleration/></model></video>",
     nullptr, "unsupported configuration: missing values for acceleration"},
    {"<video><model type='vga'><acceleration rendernode='/dev/dri/x'/></model></video>",
     nullptr, "unsupported configuration: unsupported rendernode accel attribute without 'vhostuser'"},
    {"<video><model type='vga'><resolution x='0' y='1'/></model></video>",
     nullptr, "unsupported configuration: video resolution values must be greater than 0"},
    {"<video><model type='vga' primary='yes'/></video><video><model type='qxl' primary='yes'/></video>",
     nullptr, "unsupported configuration: Only one primary video device is supported"},
    {"<video><model type='ramfb'/><address type='pci' domain='0' bus='0' slot='3' function='0'/></video>",
     nullptr, "unsupported configuration: address not supported for video type ramfb"},
    {"<video><model type='bogus'/></video>",
     nullptr, "unsupported configuration: unknown video model 'bogus'"},
    {"<video><model type='vga'/><driver vgaconf='io'/></video>",
     "<video>\n"
     "  <model type='vga' vram='16384' heads='1' primary='yes'/>\n"
     "</video>\n",
     nullptr},
    {"<input type='tablet'/><input type='keyboard'/><input type='mouse' bus='usb'/><input type='passthrough'><source evdev='/dev/input/event1'/></input>",
     "<input type='tablet' bus='usb'/>\n"
     "<input type='keyboard' bus='ps2'/>\n"
     "<input type='mouse' bus='usb'/>\n"
     "<input type='passthrough' bus='virtio'>\n"
     "  <source evdev='/dev/input/event1'/>\n"
     "</input>\n",
     nullptr},
    {"<input type='evdev'><source dev='/dev/input/event1' grab='all' grabToggle='ctrl-ctrl' repeat='on'/></input>",
     "<input type='evdev'>\n"
     "  <source dev='/dev/input/event1' grab='all' grabToggle='ctrl-ctrl' repeat='on'/>\n"
     "</input>\n",
     nullptr},
    {"<input type='tablet' bus='ps2'/>",
     nullptr, "internal error: ps2 bus does not support tablet input device"},
    {"<input type='tablet' bus='xen'/>",
     nullptr, "internal error: unsupported input bus xen"},
    {"<input type='tablet' bus='default'/>",
     nullptr, "unsupported configuration: unknown input bus type 'default'"},
    {"<input type='tablet' model='default'/>",
     nullptr, "unsupported configuration: unknown input model 'default'"},
    {"<input/>",
     nullptr, "internal error: missing input device type"},
    {"<input type='tablet' model='virtio' bus='usb'/>",
     nullptr, "unsupported configuration: only bus 'virtio' is supported for input model 'virtio'"},
    {"<input type='mouse'><source evdev='/x'/></input>",
     "<input type='mouse' bus='ps2'/>\n",
     nullptr},
    {"<input type='passthrough'/><input type='passthrough'><source/></input>",
     nullptr, "XML error: Missing evdev path for input device"},
    {"<input type='evdev' bus='usb'><source dev='/x'/></input>",
     nullptr, "unsupported configuration: input evdev doesn't support bus element"},
    {"<input type='keyboard' bus='virtio' model='virtio-transitional'><driver iommu='on'/><address type='pci' domain='0' bus='0' slot='3' function='0'/></input>",
     "<input type='keyboard' bus='virtio' model='virtio-transitional'>\n"
     "  <driver iommu='on'/>\n"
     "  <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>\n"
     "</input>\n",
     nullptr},
    {"<input type='tablet' bus='usb'><address type='pci' domain='0' bus='0' slot='3' function='0'/></input>",
     nullptr, "XML error: Invalid address for a USB device"},
    {"<sound model='ich9'><codec type='duplex'/><codec type='micro'/><audio id='2'/></sound><audio id='2' type='pulseaudio' serverName='srv'><input name='a' streamName='b' latency='3' mixingEngine='yes' fixedSettings='yes' voices='2' bufferLength='100'><settings frequency='44100' channels='2' format='s16'/></input><output latency='5'/></audio>",
     "<sound model='ich9'>\n"
     "  <codec type='duplex'/>\n"
     "  <codec type='micro'/>\n"
     "  <audio id='2'/>\n"
     "</sound>\n"
     "<audio id='2' type='pulseaudio' serverName='srv'>\n"
     "  <input mixingEngine='yes' fixedSettings='yes' voices='2' bufferLength='100' name='a' streamName='b' latency='3'>\n"
     "    <settings frequency='44100' channels='2' format='s16'/>\n"
     "  </input>\n"
     "  <output latency='5'/>\n"
     "</audio>\n",
     nullptr},
    {"<sound model='usb' multichannel='yes'/><sound model='es1370'><codec type='duplex'/></sound>",
     "<sound model='usb' multichannel='yes'/>\n"
     "<sound model='es1370'/>\n",
     nullptr},
    {"<sound model='ich6'><codec/></sound>",
     nullptr, "unsupported configuration: unknown codec type '(null)'"},
    {"<sound model='bogus'/>",
     nullptr, "XML error: Invalid value for attribute 'model' in element 'sound': 'bogus'."},
    {"<sound model='ich6'><audio id='4'/></sound>",
     nullptr, "XML error: no audio device with ID 4"},
    {"<audio id='1' type='none'/><audio id='1' type='spice'/>",
     nullptr, "XML error: audio ID 1 is used multiple times"},
    {"<audio id='0' type='none'/>",
     nullptr, "XML error: Invalid value for attribute 'id' in element 'audio': Zero is not permitted"},
    {"<audio id='1' type='oss' tryMMap='yes' exclusive='no' dspPolicy='3'><input dev='/dev/dsp' bufferCount='4' tryPoll='no'/></audio>",
     "<audio id='1' type='oss' tryMMap='yes' exclusive='no' dspPolicy='3'>\n"
     "  <input dev='/dev/dsp' bufferCount='4' tryPoll='no'/>\n"
     "</audio>\n",
     nullptr},
    {"<audio id='1' type='oss' dspPolicy='-2'/>",
     nullptr, "XML error: cannot parse 'dspPolicy' value '-2'"},
    {"<audio id='1' type='sdl' driver='esd' timerPeriod='100'><output bufferCount='3'/></audio>",
     "<audio id='1' type='sdl' timerPeriod='100' driver='esd'>\n"
     "  <output bufferCount='3'/>\n"
     "</audio>\n",
     nullptr},
    {"<audio id='1' type='jack'><input serverName='s' clientName='c' connectPorts='p' exactName='yes'/></audio>",
     "<audio id='1' type='jack'>\n"
     "  <input serverName='s' clientName='c' connectPorts='p' exactName='yes'/>\n"
     "</audio>\n",
     nullptr},
    {"<audio id='1' type='file' path='/tmp/x.wav'/><audio id='2' type='alsa'><input dev='hw:0'/><output dev='hw:1'/></audio><audio id='3' type='coreaudio'><input bufferCount='1'/></audio>",
     "<audio id='1' type='file' path='/tmp/x.wav'/>\n"
     "<audio id='2' type='alsa'>\n"
     "  <input dev='hw:0'/>\n"
     "  <output dev='hw:1'/>\n"
     "</audio>\n"
     "<audio id='3' type='coreaudio'>\n"
     "  <input bufferCount='1'/>\n"
     "</audio>\n",
     nullptr},
    {"<audio id='1' type='none'><input fixedSettings='yes'/></audio>",
     nullptr, "unsupported configuration: fixed audio settings requires mixing engine"},
    {"<audio id='1' type='none'><input><settings/></input></audio>",
     nullptr, "unsupported configuration: audio settings specified without fixed settings flag"},
    {"<smartcard mode='host'/><smartcard mode='host-certificates'><certificate>a</certificate><certificate>b</certificate><certificate>c</certificate><database>/db</database></smartcard><smartcard mode='passthrough' type='spicevmc'/><smartcard mode='passthrough' type='tcp'><source mode='connect' host='h' service='1'/><protocol type='raw'/></smartcard>",
     "<controller type='ccid' index='0'/>\n"
     "<smartcard mode='host'>\n"
     "  <address type='ccid' controller='0' slot='0'/>\n"
     "</smartcard>\n"
     "<smartcard mode='host-certificates'>\n"
     "  <certificate>a</certificate>\n"
     "  <certificate>b</certificate>\n"
     "  <certificate>c</certificate>\n"
     "  <database>/db</database>\n"
     "  <address type='ccid' controller='0' slot='1'/>\n"
     "</smartcard>\n"
     "<smartcard mode='passthrough' type='spicevmc'>\n"
     "  <address type='ccid' controller='0' slot='2'/>\n"
     "</smartcard>\n"
     "<smartcard mode='passthrough' type='tcp'>\n"
     "  <source mode='connect' host='h' service='1'/>\n"
     "  <protocol type='raw'/>\n"
     "  <address type='ccid' controller='0' slot='3'/>\n"
     "</smartcard>\n",
     nullptr},
    {"<smartcard mode='host-certificates'><certificate>a</certificate></smartcard>",
     nullptr, "XML error: host-certificates mode needs exactly three certificates"},
    {"<smartcard mode='host-certificates'><certificate>a</certificate><certificate>b</certificate><certificate>c</certificate><database>db</database></smartcard>",
     nullptr, "XML error: expecting absolute path: db"},
    {"<smartcard mode='passthrough'/>",
     nullptr, "XML error: passthrough mode requires a character device type attribute"},
    {"<smartcard mode='passthrough' type='xx'/>",
     nullptr, "unsupported configuration: unknown type presented to host for character device: xx"},
    {"<smartcard mode='host'><address type='pci' domain='0' bus='0' slot='3' function='0'/></smartcard>",
     nullptr, "unsupported configuration: Controllers must use the 'ccid' address type"},
    // Implicit controllers are appended, as Debian's virsh shows for this case.
    {"<smartcard mode='host'><address type='ccid' controller='1' slot='3'/></smartcard><smartcard mode='host'/>",
     "<controller type='ccid' index='1'/>\n"
     "<controller type='ccid' index='0'/>\n"
     "<smartcard mode='host'>\n"
     "  <address type='ccid' controller='1' slot='3'/>\n"
     "</smartcard>\n"
     "<smartcard mode='host'>\n"
     "  <address type='ccid' controller='0' slot='0'/>\n"
     "</smartcard>\n",
     nullptr},
    {"<controller type='usb'/><redirdev bus='usb' type='spicevmc'><boot order='2'/></redirdev><redirdev bus='usb' type='tcp'><source mode='connect' host='h' service='4000'/></redirdev><redirfilter><usbdev class='0x08' vendor='0x1234' product='0xbeef' version='2.0' allow='yes'/><usbdev allow='no'/><usbdev version='1.1' allow='no'/></redirfilter>",
     "<controller type='usb' index='0'/>\n"
     "<redirdev bus='usb' type='spicevmc'>\n"
     "  <boot order='2'/>\n"
     "</redirdev>\n"
     "<redirdev bus='usb' type='tcp'>\n"
     "  <source mode='connect' host='h' service='4000'/>\n"
     "  <protocol type='raw'/>\n"
     "</redirdev>\n"
     "<redirfilter>\n"
     "  <usbdev class='0x08' vendor='0x1234' product='0xBEEF' version='2.00' allow='yes'/>\n"
     "  <usbdev allow='no'/>\n"
     "  <usbdev version='1.10' allow='no'/>\n"
     "</redirfilter>\n",
     nullptr},
    {"<redirdev type='spicevmc'/>",
     nullptr, "unsupported configuration: cannot add redirected USB device: USB is disabled for this domain"},
    {"<controller type='usb'/><redirdev bus='bus' type='spicevmc'/>",
     nullptr, "unsupported configuration: unknown redirdev bus 'bus'"},
    {"<controller type='usb'/><redirdev bus='usb'/>",
     nullptr, "internal error: missing type in redirdev"},
    {"<controller type='usb'/><redirdev bus='usb' type='xx'/>",
     nullptr, "unsupported configuration: unknown redirdev character device type 'xx'"},
    {"<controller type='usb'/><redirfilter><usbdev class='0x100' allow='yes'/></redirfilter>",
     nullptr, "internal error: Invalid USB Class code 0x100"},
    {"<controller type='usb'/><redirfilter><usbdev version='2.x' allow='yes'/></redirfilter>",
     nullptr, "XML error: Cannot parse USB device version 2.x"},
    {"<controller type='usb'/><redirfilter><usbdev/></redirfilter>",
     nullptr, "XML error: Missing required attribute 'allow' in element 'usbdev'"},
    {"<controller type='usb'/><redirdev bus='usb' type='spicevmc'><address type='pci' domain='0' bus='0' slot='3' function='0'/></redirdev>",
     nullptr, "XML error: Invalid address for a USB device"},
};

class GuestIoCases : public ::testing::TestWithParam<DeviceCase> {};

TEST_P(GuestIoCases, ParseAndFormat) { checkCase(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Table, GuestIoCases, ::testing::ValuesIn(kCases));

}  // namespace
