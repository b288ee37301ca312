// <controller>, <hostdev>, <filesystem>, <lease>, <hub> and device
// addresses: libvirt's generic parse, checks and formatting.
#include <gtest/gtest.h>

#include "conf/domain/devices.hpp"
#include "conf/domain/devices/bus_devices.hpp"
#include "device_test_support.hpp"

namespace {

using namespace cvirt::conf::domain;
using cvirt::ErrorCode;
using cvirt::test::domain::format;
using cvirt::test::domain::parseFailure;
using cvirt::test::domain::parseOne;
using cvirt::test::domain::roundTrip;

TEST(Controller, TypesModelsDriverAndPciTarget) {
    EXPECT_EQ(roundTrip<Controller>("<controller type='scsi' index='1' model='virtio-scsi'><driver queues='4' "
                                    "iothread='2' cmd_per_lun='3' max_sectors='7' ioeventfd='on' iommu='on'/>"
                                    "</controller>"),
              "<controller type='scsi' index='1' model='virtio-scsi'>\n"
              "  <driver queues='4' cmd_per_lun='3' max_sectors='7' ioeventfd='on' iothread='2' iommu='on'/>\n"
              "</controller>\n");
    EXPECT_EQ(roundTrip<Controller>("<controller type='usb' index='0' model='ich9-uhci2'/>"),
              "<controller type='usb' index='0' model='ich9-uhci2'>\n"
              "  <master startport='2'/>\n"
              "</controller>\n");
    EXPECT_EQ(roundTrip<Controller>("<controller type='pci' index='0' model='pci-root'>"
                                    "<pcihole64 unit='GiB'>1</pcihole64></controller>"),
              "<controller type='pci' index='0' model='pci-root'>\n"
              "  <pcihole64 unit='KiB'>1048576</pcihole64>\n"
              "</controller>\n");
    EXPECT_EQ(roundTrip<Controller>("<controller type='pci' index='1' model='pcie-root-port'><model name='ioh3420'/>"
                                    "<target chassis='1' port='0x10' busNr='5' hotplug='off'><node>1</node></target>"
                                    "<address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0' "
                                    "multifunction='on'/></controller>"),
              "<controller type='pci' index='1' model='pcie-root-port'>\n"
              "  <model name='ioh3420'/>\n"
              "  <target chassis='1' port='0x10' busNr='5' hotplug='off'>\n"
              "    <node>1</node>\n"
              "  </target>\n"
              "  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0' multifunction='on'/>\n"
              "</controller>\n");
    EXPECT_EQ(roundTrip<Controller>("<controller type='virtio-serial' index='0' ports='16' vectors='4'/>"),
              "<controller type='virtio-serial' index='0' ports='16' vectors='4'/>\n");
    EXPECT_EQ(roundTrip<Controller>("<controller type='xenbus' maxGrantFrames='64' index='0'/>"),
              "<controller type='xenbus' index='0' maxGrantFrames='64'/>\n");
}

TEST(Controller, Errors) {
    auto f = parseFailure<Controller>("<controller type='scsi' model='bogus'/>");
    EXPECT_EQ(f.code, ErrorCode::ConfigUnsupported);
    EXPECT_EQ(f.message, "unsupported configuration: Unknown model type 'bogus'");
    f = parseFailure<Controller>("<controller type='scsi' index='-1'/>");
    EXPECT_EQ(f.message,
              "XML error: Invalid value for attribute 'index' in element 'controller': '-1'. Expected non-negative value");
    f = parseFailure<Controller>("<controller type='pci' index='0' model='pci-root'>"
                                 "<address type='pci' domain='0' bus='0' slot='1' function='0'/></controller>");
    EXPECT_EQ(f.message, "unsupported configuration: pci-root and pcie-root controllers should not have an address");
    f = parseFailure<Controller>("<controller type='pci' index='1' model='pci-bridge'><target chassisNr='0'/></controller>");
    EXPECT_EQ(f.message, "unsupported configuration: PCI controller chassisNr '0' out of range - must be 1-255");
    f = parseFailure<Controller>("<controller type='ide' index='0'><driver iothread='1'/></controller>");
    EXPECT_EQ(f.message, "XML error: 'iothread' attribute only supported for virtio scsi controllers");
}

TEST(Controller, IndexesAndUsbChecks) {
    auto devices = parseOne<Devices>("<devices><controller type='scsi'/><controller type='scsi' model='virtio-scsi'/>"
                                     "<controller type='usb' model='ich9-uhci2'/><controller type='usb' "
                                     "model='ich9-ehci1'/></devices>");
    postParseBusDevices(devices);
    ASSERT_EQ(devices.controllers.size(), 4u);
    EXPECT_EQ(devices.controllers[0].index, 0);
    EXPECT_EQ(devices.controllers[1].index, 1);
    EXPECT_EQ(devices.controllers[2].index, 0);
    EXPECT_EQ(devices.controllers[3].index, 0);

    // USB2 companions join the set before them unless it has their model.
    devices = parseOne<Devices>("<devices><controller type='usb' model='ich9-ehci1'/>"
                                "<controller type='usb' model='ich9-uhci1'/><controller type='usb' model='ich9-ehci1'/>"
                                "<controller type='usb' model='ich9-uhci1'/><controller type='usb' model='ich9-uhci1'/>"
                                "<controller type='usb' model='nec-xhci'/></devices>");
    postParseBusDevices(devices);
    std::vector<int> indexes;
    for (const auto& c : devices.controllers)
        indexes.push_back(c.index);
    EXPECT_EQ(indexes, (std::vector<int>{0, 0, 1, 1, 2, 3}));

    devices = parseOne<Devices>("<devices><controller type='usb' model='none'/><controller type='usb' index='1'/></devices>");
    try {
        postParseBusDevices(devices);
        FAIL();
    } catch (const cvirt::Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::XmlDetail);
        EXPECT_EQ(e.message(), "Can't add another USB controller: USB is disabled for this domain");
    }
    devices = parseOne<Devices>("<devices><controller type='usb' model='ich9-uhci1'/></devices>");
    try {
        postParseBusDevices(devices);
        FAIL();
    } catch (const cvirt::Error& e) {
        EXPECT_EQ(e.message(), "No master USB controller specified");
    }
}

TEST(DeviceAddress, FormatsAndChecks) {
    auto addr = [](const char* a) {
        return roundTrip<Hub>(std::string("<hub type='usb'>") + a + "</hub>");
    };
    EXPECT_EQ(addr("<address type='pci' domain='0' bus='0' slot='0' function='1'/>"),
              "<hub type='usb'>\n  <address type='pci'/>\n</hub>\n");
    EXPECT_EQ(addr("<address type='ccw'/>"),
              "<hub type='usb'>\n  <address type='ccw' cssid='0x0' ssid='0x0' devno='0x0000'/>\n</hub>\n");
    EXPECT_EQ(addr("<address type='usb' port='1.0'/>"), "<hub type='usb'>\n  <address type='usb' bus='0' port='1'/>\n</hub>\n");
    EXPECT_EQ(addr("<address type='spapr-vio' reg='1000'/>"),
              "<hub type='usb'>\n  <address type='spapr-vio' reg='0x00001000'/>\n</hub>\n");
    EXPECT_EQ(addr("<address type='isa' iobase='0x505' irq='5'/>"),
              "<hub type='usb'>\n  <address type='isa' iobase='0x505' irq='0x5'/>\n</hub>\n");
    EXPECT_EQ(addr("<address type='pci' domain='0x0001' bus='0x02' slot='0x03' function='0x4'>"
                   "<zpci uid='0x0019' fid='0x0000001f'/></address>"),
              "<hub type='usb'>\n  <address type='pci' domain='0x0001' bus='0x02' slot='0x03' function='0x4'>\n"
              "    <zpci uid='0x0019' fid='0x0000001f'/>\n  </address>\n</hub>\n");
    EXPECT_EQ(addr("<alias name='hub0'/><address type='usb' bus='1' port='2.3'/>"),
              "<hub type='usb'>\n  <alias name='hub0'/>\n  <address type='usb' bus='1' port='2.3'/>\n</hub>\n");
    // an INACTIVE parse keeps user aliases only
    EXPECT_EQ(roundTrip<Hub>("<hub type='usb'><alias name='hub0'/></hub>", true), "<hub type='usb'/>\n");
    EXPECT_EQ(roundTrip<Hub>("<hub type='usb'><alias name='ua-hub'/></hub>", true),
              "<hub type='usb'>\n  <alias name='ua-hub'/>\n</hub>\n");

    auto fails = [](const char* a) { return parseFailure<Hub>(std::string("<hub type='usb'>") + a + "</hub>").message; };
    EXPECT_EQ(fails("<address type='pci' slot='0x20'/>"), "XML error: Invalid PCI address slot='0x20', must be <= 0x1F");
    EXPECT_EQ(fails("<address type='pci' slot='0x2' function='8'/>"),
              "XML error: Invalid PCI address function=0x8, must be <= 7");
    EXPECT_EQ(fails("<address type='pci' slot='x'/>"),
              "XML error: Invalid value for attribute 'slot' in element 'address': 'x'. Expected non-negative integer value");
    EXPECT_EQ(fails("<address type='ccw' cssid='0xfe' ssid='0'/>"),
              "internal error: Invalid partial specification for virtio ccw address");
    EXPECT_EQ(fails("<address type='ccw' cssid='0xff' ssid='0' devno='1'/>"),
              "internal error: Invalid specification for virtio ccw address: cssid='0xff' ssid='0x0' devno='0x0001'");
    EXPECT_EQ(fails("<address type='usb' bus='0' port='1.2.3.4.5'/>"),
              "internal error: Cannot parse <address> 'port' attribute");
    EXPECT_EQ(fails("<address type='virtio-s390'/>"), "XML error: virtio-s390 bus doesn't have an address");
    EXPECT_EQ(fails("<address/>"), "XML error: Missing required attribute 'type' in element 'address'");
}

TEST(DeviceInfo, BootRomAcpiOrder) {
    EXPECT_EQ(roundTrip<Hostdev>("<hostdev mode='subsystem' type='pci' managed='yes'><driver name='vfio'/>"
                                 "<source writeFiltering='yes'><address domain='0x0000' bus='0x06' slot='0x12' "
                                 "function='0x5'/></source><rom bar='off' file='/r.bin'/><acpi index='3'/>"
                                 "<boot order='2' loadparm='abc'/><teaming type='transient' persistent='ua-x'/></hostdev>"),
              "<hostdev mode='subsystem' type='pci' managed='yes'>\n"
              "  <driver name='vfio'/>\n"
              "  <source writeFiltering='yes'>\n"
              "    <address domain='0x0000' bus='0x06' slot='0x12' function='0x5'/>\n"
              "  </source>\n"
              "  <teaming type='transient' persistent='ua-x'/>\n"
              "  <boot order='2' loadparm='ABC'/>\n"
              "  <rom bar='off' file='/r.bin'/>\n"
              "  <acpi index='3'/>\n"
              "</hostdev>\n");
    auto f = parseFailure<Hostdev>("<hostdev mode='subsystem' type='pci'><source/><rom enabled='no' bar='on'/></hostdev>");
    EXPECT_EQ(f.message, "unsupported configuration: ROM tuning is not supported when ROM is disabled");
    f = parseFailure<Hostdev>("<hostdev mode='subsystem' type='pci'><source/><boot order='0'/></hostdev>");
    EXPECT_EQ(f.message, "XML error: Invalid value for attribute 'order' in element 'boot': Zero is not permitted");
    f = parseFailure<Hostdev>("<hostdev mode='subsystem' type='pci'><source/><boot order='1' loadparm='x!'/></hostdev>");
    EXPECT_EQ(f.message,
              "internal error: invalid loadparm value 'X!', expecting chars in set of [a-zA-Z0-9.] and blank spaces");
}

TEST(Hostdev, SubsystemAndCapabilityTypes) {
    EXPECT_EQ(roundTrip<Hostdev>("<hostdev mode='subsystem' type='usb' startupPolicy='optional'>"
                                 "<source startupPolicy='optional' guestReset='off'><vendor id='0x1234'/>"
                                 "<product id='0xbeef'/><address bus='1' device='2'/></source></hostdev>"),
              "<hostdev mode='subsystem' type='usb' managed='no'>\n"
              "  <source startupPolicy='optional' guestReset='off'>\n"
              "    <vendor id='0x1234'/>\n"
              "    <product id='0xbeef'/>\n"
              "    <address bus='1' device='2'/>\n"
              "  </source>\n"
              "</hostdev>\n");
    EXPECT_EQ(roundTrip<Hostdev>("<hostdev mode='subsystem' type='usb'><source/></hostdev>"),
              "<hostdev mode='subsystem' type='usb' managed='no'>\n</hostdev>\n");
    EXPECT_EQ(roundTrip<Hostdev>("<hostdev mode='subsystem' type='scsi' sgio='filtered' rawio='yes'><source>"
                                 "<adapter name='scsi_host0'/><address bus='0' target='0' unit='0'/></source>"
                                 "<readonly/><shareable/></hostdev>"),
              "<hostdev mode='subsystem' type='scsi' managed='no' sgio='filtered' rawio='yes'>\n"
              "  <source>\n"
              "    <adapter name='scsi_host0'/>\n"
              "    <address bus='0' target='0' unit='0'/>\n"
              "  </source>\n"
              "  <readonly/>\n"
              "  <shareable/>\n"
              "</hostdev>\n");
    EXPECT_EQ(roundTrip<Hostdev>("<hostdev mode='subsystem' type='scsi'><source protocol='iscsi' "
                                 "name='iqn.1992-01.com.example:storage'><host name='example.org' port='3260'/>"
                                 "<auth username='myname'><secret type='iscsi' usage='u'/></auth>"
                                 "<initiator><iqn name='iqn.2020-07.com.example:test'/></initiator></source></hostdev>"),
              "<hostdev mode='subsystem' type='scsi' managed='no'>\n"
              "  <source protocol='iscsi' name='iqn.1992-01.com.example:storage/0'>\n"
              "    <host name='example.org' port='3260'/>\n"
              "    <auth username='myname'>\n"
              "      <secret type='iscsi' usage='u'/>\n"
              "    </auth>\n"
              "    <initiator>\n"
              "      <iqn name='iqn.2020-07.com.example:test'/>\n"
              "    </initiator>\n"
              "  </source>\n"
              "</hostdev>\n");
    EXPECT_EQ(roundTrip<Hostdev>("<hostdev mode='subsystem' type='scsi_host' model='virtio'><source protocol='vhost' "
                                 "wwpn='naa.5123456789abcde0'/></hostdev>"),
              "<hostdev mode='subsystem' type='scsi_host' managed='no' model='virtio'>\n"
              "  <source protocol='vhost' wwpn='naa.5123456789abcde0'/>\n"
              "</hostdev>\n");
    EXPECT_EQ(roundTrip<Hostdev>("<hostdev mode='subsystem' type='mdev' model='vfio-pci' display='on'><source>"
                                 "<address uuid='c2177883-f1bb-4b0d-a3a4-e8fc8f7e4d43'/></source></hostdev>"),
              "<hostdev mode='subsystem' type='mdev' managed='no' model='vfio-pci' display='on'>\n"
              "  <source>\n"
              "    <address uuid='c2177883-f1bb-4b0d-a3a4-e8fc8f7e4d43'/>\n"
              "  </source>\n"
              "</hostdev>\n");
    EXPECT_EQ(roundTrip<Hostdev>("<hostdev mode='capabilities' type='net'><source><interface>eth0</interface>"
                                 "</source><ip address='192.168.122.2' family='ipv4'/><route family='ipv4' "
                                 "address='0.0.0.0' gateway='192.168.122.1'/></hostdev>"),
              "<hostdev mode='capabilities' type='net'>\n"
              "  <source>\n"
              "    <interface>eth0</interface>\n"
              "  </source>\n"
              "  <ip address='192.168.122.2' family='ipv4'/>\n"
              "  <route family='ipv4' address='0.0.0.0' gateway='192.168.122.1'/>\n"
              "</hostdev>\n");
}

TEST(Hostdev, Errors) {
    auto msg = [](const char* x) { return parseFailure<Hostdev>(x).message; };
    EXPECT_EQ(msg("<hostdev mode='subsystem' type='pci'><source/><teaming type='persistent'/></hostdev>"),
              "unsupported configuration: teaming hostdev devices must have type='transient'");
    EXPECT_EQ(msg("<hostdev mode='subsystem' type='pci'><source/><address type='drive'/></hostdev>"),
              "internal error: PCI host devices must use 'pci' or 'unassigned' address type");
    EXPECT_EQ(msg("<hostdev mode='subsystem' type='bogus'><source/></hostdev>"),
              "unsupported configuration: unknown host device source address type 'bogus'");
    EXPECT_EQ(msg("<hostdev mode='bogus' type='pci'><source/></hostdev>"),
              "unsupported configuration: unknown hostdev mode 'bogus'");
    EXPECT_EQ(msg("<hostdev mode='subsystem'><source/></hostdev>"), "XML error: missing source address type");
    EXPECT_EQ(msg("<hostdev mode='subsystem' type='pci'/>"), "XML error: Missing <source> element in hostdev device");
    EXPECT_EQ(msg("<hostdev mode='subsystem' type='usb'><source><vendor id='0x1'/></source></hostdev>"),
              "internal error: missing product");
    EXPECT_EQ(msg("<hostdev mode='subsystem' type='scsi_host'><source protocol='vhost' wwpn='x'/></hostdev>"),
              "XML error: malformed 'wwpn' value");
}

TEST(Filesystem, MountVirtiofsRamSocket) {
    EXPECT_EQ(roundTrip<Filesystem>("<filesystem type='mount' accessmode='mapped' fmode='644' dmode='0755' "
                                    "multidevs='remap'><driver type='path' wrpolicy='immediate'/><source dir='/a'/>"
                                    "<target dir='b'/><readonly/><space_hard_limit unit='KiB'>1</space_hard_limit>"
                                    "<alias name='ua-fs'/></filesystem>"),
              "<filesystem type='mount' accessmode='mapped' multidevs='remap' fmode='0644' dmode='0755'>\n"
              "  <driver type='path' wrpolicy='immediate'/>\n"
              "  <source dir='/a'/>\n"
              "  <target dir='b'/>\n"
              "  <readonly/>\n"
              "  <alias name='ua-fs'/>\n"
              "  <space_hard_limit unit='bytes'>1024</space_hard_limit>\n"
              "</filesystem>\n");
    EXPECT_EQ(roundTrip<Filesystem>("<filesystem type='mount'><driver type='virtiofs' queue='1024'/>"
                                    "<binary path='/usr/libexec/virtiofsd' xattr='on'><cache mode='always'/>"
                                    "<sandbox mode='chroot'/><lock posix='on' flock='on'/><thread_pool size='16'/>"
                                    "</binary><source dir='/path'/><target dir='mount_tag'/><boot order='1'/>"
                                    "</filesystem>"),
              "<filesystem type='mount' accessmode='passthrough'>\n"
              "  <driver type='virtiofs' queue='1024'/>\n"
              "  <binary path='/usr/libexec/virtiofsd' xattr='on'>\n"
              "    <cache mode='always'/>\n"
              "    <sandbox mode='chroot'/>\n"
              "    <lock posix='on' flock='on'/>\n"
              "    <thread_pool size='16'/>\n"
              "  </binary>\n"
              "  <source dir='/path'/>\n"
              "  <target dir='mount_tag'/>\n"
              "  <boot order='1'/>\n"
              "</filesystem>\n");
    EXPECT_EQ(roundTrip<Filesystem>("<filesystem type='ram'><source usage='1024' units='MiB'/><target dir='/m'/>"
                                    "</filesystem>"),
              "<filesystem type='ram' accessmode='passthrough'>\n"
              "  <source usage='1048576' units='KiB'/>\n"
              "  <target dir='/m'/>\n"
              "</filesystem>\n");
    EXPECT_EQ(roundTrip<Filesystem>("<filesystem type='mount'><source socket='/tmp/sock'/><target dir='t'/></filesystem>"),
              "<filesystem type='mount'>\n"
              "  <source socket='/tmp/sock'/>\n"
              "  <target dir='t'/>\n"
              "</filesystem>\n");
    auto f = parseFailure<Filesystem>("<filesystem type='mount'><target dir='t'/></filesystem>");
    EXPECT_EQ(f.code, ErrorCode::NoSource);
    EXPECT_EQ(f.message, "missing source information for device t");
    f = parseFailure<Filesystem>("<filesystem type='mount' fmode='999'><source dir='/a'/><target dir='t'/></filesystem>");
    EXPECT_EQ(f.message, "XML error: Invalid value for attribute 'fmode' in element 'filesystem': '999'. Expected "
                         "non-negative integer value");
}

TEST(LeaseHub, FormatAndErrors) {
    EXPECT_EQ(roundTrip<Lease>("<lease><key>k2</key><lockspace>l</lockspace><target path='/p' offset='1024'/></lease>"),
              "<lease>\n  <lockspace>l</lockspace>\n  <key>k2</key>\n  <target path='/p' offset='1024'/>\n</lease>\n");
    EXPECT_EQ(parseFailure<Lease>("<lease><lockspace>l</lockspace><target path='/p'/></lease>").message,
              "XML error: Missing 'key' element for lease");
    EXPECT_EQ(parseFailure<Lease>("<lease><lockspace>l</lockspace><key>k</key></lease>").message,
              "XML error: Missing 'target' element for lease");
    EXPECT_EQ(roundTrip<Hub>("<hub type='usb'/>"), "<hub type='usb'/>\n");
    EXPECT_EQ(parseFailure<Hub>("<hub/>").message, "internal error: missing hub device type");
    EXPECT_EQ(parseFailure<Hub>("<hub type='x'/>").message, "unsupported configuration: unknown hub device type 'x'");
}

}  // namespace
