// <disk> and the shared device info: libvirt's generic parse, checks and
// formatting (expected texts from libvirt 9.x's own output).
#include <gtest/gtest.h>

#include "conf/domain/devices.hpp"
#include "conf/domain/devices/bus_devices.hpp"
#include "conf/domain/devices/disk.hpp"
#include "device_test_support.hpp"

namespace {

using namespace cvirt::conf::domain;
using cvirt::ErrorCode;
using cvirt::test::domain::format;
using cvirt::test::domain::parseFailure;
using cvirt::test::domain::parseOne;
using cvirt::test::domain::roundTrip;

TEST(Disk, FullFileDiskInLibvirtOrder) {
    const char* in =
        "<disk type='file' device='disk' snapshot='external'>"
        "<serial>abc</serial>"
        "<target dev='sda' bus='scsi' rotation_rate='7200'/>"
        "<source file='/tmp/a.img' startupPolicy='optional' index='3'><seclabel model='dac' relabel='no'/></source>"
        "<driver name='qemu' type='qcow2' cache='none' io='native' discard='unmap' detect_zeroes='on' "
        "copy_on_read='on' error_policy='stop' rerror_policy='report'>"
        "<metadata_cache><max_size unit='KiB'>5</max_size></metadata_cache></driver>"
        "<geometry cyls='16383' heads='16' secs='63' trans='lba'/>"
        "<blockio logical_block_size='512' physical_block_size='4096'/>"
        "<iotune><total_bytes_sec>1000</total_bytes_sec><group_name>g</group_name>"
        "<total_iops_sec_max_length>3</total_iops_sec_max_length></iotune>"
        "<boot order='1'/><shareable/><transient/><wwn>0x5000c500a0b1c2d3</wwn>"
        "<vendor>V</vendor><encryption format='luks'><secret type='passphrase' "
        "uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></encryption><product>P</product>"
        "<alias name='ua-x'/><address type='drive' controller='0' bus='0' target='0' unit='0'/></disk>";
    EXPECT_EQ(roundTrip<Disk>(in, true),
              "<disk type='file' device='disk' snapshot='external'>\n"
              "  <driver name='qemu' type='qcow2' cache='none' error_policy='stop' rerror_policy='report' "
              "io='native' copy_on_read='on' discard='unmap' detect_zeroes='on'>\n"
              "    <metadata_cache>\n"
              "      <max_size unit='bytes'>5120</max_size>\n"
              "    </metadata_cache>\n"
              "  </driver>\n"
              "  <source file='/tmp/a.img' startupPolicy='optional'>\n"
              "    <seclabel model='dac' relabel='no'/>\n"
              "  </source>\n"
              "  <geometry cyls='16383' heads='16' secs='63' trans='lba'/>\n"
              "  <blockio logical_block_size='512' physical_block_size='4096'/>\n"
              "  <target dev='sda' bus='scsi' rotation_rate='7200'/>\n"
              "  <iotune>\n"
              "    <total_bytes_sec>1000</total_bytes_sec>\n"
              "    <group_name>g</group_name>\n"
              "    <total_iops_sec_max_length>3</total_iops_sec_max_length>\n"
              "  </iotune>\n"
              "  <shareable/>\n"
              "  <transient/>\n"
              "  <serial>abc</serial>\n"
              "  <wwn>0x5000c500a0b1c2d3</wwn>\n"
              "  <vendor>V</vendor>\n"
              "  <product>P</product>\n"
              "  <encryption format='luks'>\n"
              "    <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>\n"
              "  </encryption>\n"
              "  <boot order='1'/>\n"
              "  <alias name='ua-x'/>\n"
              "  <address type='drive' controller='0' bus='0' target='0' unit='0'/>\n"
              "</disk>\n");
}

TEST(Disk, LiveParseKeepsSourceIndex) {
    EXPECT_EQ(roundTrip<Disk>("<disk type='file'><source file='/a' index='3'/><target dev='vda'/></disk>"),
              "<disk type='file' device='disk'>\n"
              "  <source file='/a' index='3'/>\n"
              "  <target dev='vda' bus='virtio'/>\n"
              "</disk>\n");
}

TEST(Disk, NetworkRbdCdromIsReadonlyAndSplitsPoolName) {
    EXPECT_EQ(roundTrip<Disk>("<disk type='network' device='cdrom'><source protocol='rbd' name='pool/img'>"
                              "<host name='mon1' port='6789'/><host name='mon2'/><snapshot name='snap'/>"
                              "<config file='/etc/ceph.conf'/><auth username='admin'>"
                              "<secret type='ceph' usage='mysecret'/></auth></source>"
                              "<target dev='hdc' bus='ide' tray='open'/></disk>",
                              true),
              "<disk type='network' device='cdrom'>\n"
              "  <source protocol='rbd' name='pool/img'>\n"
              "    <host name='mon1' port='6789'/>\n"
              "    <host name='mon2'/>\n"
              "    <snapshot name='snap'/>\n"
              "    <config file='/etc/ceph.conf'/>\n"
              "    <auth username='admin'>\n"
              "      <secret type='ceph' usage='mysecret'/>\n"
              "    </auth>\n"
              "  </source>\n"
              "  <target dev='hdc' bus='ide' tray='open'/>\n"
              "  <readonly/>\n"
              "</disk>\n");
}

TEST(Disk, NetworkDefaultPortsAndHttpExtras) {
    EXPECT_EQ(roundTrip<Disk>("<disk type='network'><driver name='qemu' type='raw'/>"
                              "<source protocol='https' name='test4.img'><host name='example.org'/>"
                              "<ssl verify='yes'/><cookies><cookie name='test'>v</cookie></cookies>"
                              "<readahead size='65536'/><timeout seconds='10'/></source>"
                              "<target dev='vdd' bus='virtio'/></disk>"),
              "<disk type='network' device='disk'>\n"
              "  <driver name='qemu' type='raw'/>\n"
              "  <source protocol='https' name='test4.img'>\n"
              "    <host name='example.org' port='443'/>\n"
              "    <ssl verify='yes'/>\n"
              "    <cookies>\n"
              "      <cookie name='test'>v</cookie>\n"
              "    </cookies>\n"
              "    <readahead size='65536'/>\n"
              "    <timeout seconds='10'/>\n"
              "  </source>\n"
              "  <target dev='vdd' bus='virtio'/>\n"
              "</disk>\n");
}

TEST(Disk, VolumeWithBackingChain) {
    EXPECT_EQ(roundTrip<Disk>("<disk type='volume'><source pool='p' volume='v' mode='host'/><target dev='vdb'/>"
                              "<backingStore type='file' index='1'><format type='raw'/><source file='/b.img'/>"
                              "<backingStore/></backingStore></disk>",
                              true),
              "<disk type='volume' device='disk'>\n"
              "  <source pool='p' volume='v' mode='host'/>\n"
              "  <backingStore type='file'>\n"
              "    <format type='raw'/>\n"
              "    <source file='/b.img'/>\n"
              "    <backingStore/>\n"
              "  </backingStore>\n"
              "  <target dev='vdb' bus='virtio'/>\n"
              "</disk>\n");
}

TEST(Disk, LunWithReservations) {
    EXPECT_EQ(roundTrip<Disk>("<disk type='block' device='lun' rawio='yes' sgio='filtered'>"
                              "<source dev='/dev/sdb'><reservations managed='no'>"
                              "<source type='unix' path='/pr.sock' mode='client'/></reservations></source>"
                              "<target dev='sdb' bus='scsi'/></disk>"),
              "<disk type='block' device='lun' rawio='yes' sgio='filtered'>\n"
              "  <source dev='/dev/sdb'>\n"
              "    <reservations managed='no'>\n"
              "      <source type='unix' path='/pr.sock' mode='client'/>\n"
              "    </reservations>\n"
              "  </source>\n"
              "  <target dev='sdb' bus='scsi'/>\n"
              "</disk>\n");
}

TEST(Disk, MissingSourceMakesTypeFile) {
    EXPECT_EQ(roundTrip<Disk>("<disk type='block' device='cdrom'><target dev='hdc'/></disk>"),
              "<disk type='file' device='cdrom'>\n"
              "  <target dev='hdc' bus='ide'/>\n"
              "  <readonly/>\n"
              "</disk>\n");
}

TEST(Disk, BackendDomainAndNvme) {
    EXPECT_EQ(roundTrip<Disk>("<disk type='nvme' device='disk'><source type='pci' namespace='1'>"
                              "<address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></source>"
                              "<backenddomain name='bar'/><target dev='vde' bus='virtio'/></disk>"),
              "<disk type='nvme' device='disk'>\n"
              "  <source type='pci' managed='yes' namespace='1'>\n"
              "    <address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>\n"
              "  </source>\n"
              "  <backenddomain name='bar'/>\n"
              "  <target dev='vde' bus='virtio'/>\n"
              "</disk>\n");
}

TEST(Disk, Errors) {
    auto f = parseFailure<Disk>("<disk type='file'><source file='/a'/><target dev='sda' bus='usb' removable='on'/>"
                                "<driver queues='2'/></disk>");
    EXPECT_EQ(f.code, ErrorCode::ConfigUnsupported);
    EXPECT_EQ(f.message, "unsupported configuration: queues attribute in disk driver element is only supported for "
                         "virtio bus");

    f = parseFailure<Disk>("<disk type='file' device='cdrom'><source file='/a'/>"
                           "<target dev='sda' bus='scsi' removable='on'/></disk>");
    EXPECT_EQ(f.code, ErrorCode::XmlError);
    EXPECT_EQ(f.message, "XML error: removable is only valid for usb or scsi disks");
    EXPECT_EQ(roundTrip<Disk>("<disk type='file'><source file='/a'/><target dev='sdb' bus='scsi' removable='on'/></disk>"),
              "<disk type='file' device='disk'>\n"
              "  <source file='/a'/>\n"
              "  <target dev='sdb' bus='scsi' removable='on'/>\n"
              "</disk>\n");

    f = parseFailure<Disk>("<disk type='block' device='lun'><source dev='/dev/sda'/><target dev='sda'/>"
                           "<encryption format='luks'><secret type='passphrase' usage='x'/></encryption></disk>");
    EXPECT_EQ(f.message, "unsupported configuration: disk device 'lun' doesn't support encryption");

    f = parseFailure<Disk>("<disk type='file'><source file='/a'/></disk>");
    EXPECT_EQ(f.code, ErrorCode::NoTarget);
    EXPECT_EQ(f.message, "missing target information for device /a");

    f = parseFailure<Disk>("<disk type='file'><target dev='vda'/></disk>");
    EXPECT_EQ(f.code, ErrorCode::NoSource);
    EXPECT_EQ(f.message, "missing source information for device vda");

    f = parseFailure<Disk>("<disk type='file'><source file='/a'/><target dev='vda' bus='bogus'/></disk>");
    EXPECT_EQ(f.message, "XML error: Invalid value for attribute 'bus' in element 'target': 'bogus'.");

    f = parseFailure<Disk>("<disk type='file'><source file='/a'/><target dev='vda'/><driver type='bogus'/></disk>");
    EXPECT_EQ(f.message, "unsupported configuration: unknown driver format value 'bogus'");

    f = parseFailure<Disk>("<disk type='file'><source file='/a'/><target dev='xda'/></disk>");
    EXPECT_EQ(f.code, ErrorCode::InternalError);
    EXPECT_EQ(f.message, "internal error: Invalid harddisk device name: xda");

    f = parseFailure<Disk>("<disk type='file' device='floppy'><source file='/a'/><target dev='fda' bus='ide'/></disk>");
    EXPECT_EQ(f.message, "internal error: Invalid bus type 'ide' for floppy disk");

    f = parseFailure<Disk>("<disk type='file'><source file='/a'/><target dev='vda'/>"
                           "<iotune><total_bytes_sec>1</total_bytes_sec><read_bytes_sec>2</read_bytes_sec></iotune></disk>");
    EXPECT_EQ(f.message, "XML error: total and read/write bytes_sec cannot be set at the same time");

    f = parseFailure<Disk>("<disk type='network'><source protocol='rbd' name='img'/><target dev='vda'/></disk>");
    EXPECT_EQ(f.message, "XML error: can't split path 'img' into pool name and image name");

    f = parseFailure<Disk>("<disk type='file'><source file='/a'/><target dev='vda'/><wwn>0x12</wwn></disk>");
    EXPECT_EQ(f.message, "XML error: Malformed wwn: 0x12");

    f = parseFailure<Disk>("<disk type='file'><source file='/a'/><target dev='vda'/><address type='drive'/></disk>");
    EXPECT_EQ(f.code, ErrorCode::Ok);  // only the controller-based buses insist on drive addresses
    f = parseFailure<Disk>("<disk type='file'><source file='/a'/><target dev='sda'/><address type='pci'/></disk>");
    EXPECT_EQ(f.message,
              "unsupported configuration: Invalid address type 'pci' for the disk 'sda' with the bus type 'scsi'");
}

TEST(Disk, NameToIndex) {
    EXPECT_EQ(diskNameToIndex("sda"), 0);
    EXPECT_EQ(diskNameToIndex("hdc"), 2);
    EXPECT_EQ(diskNameToIndex("vdz"), 25);
    EXPECT_EQ(diskNameToIndex("vdaa"), 26);
    EXPECT_EQ(diskNameToIndex("xvdb1"), 1);
    EXPECT_EQ(diskNameToIndex("nope"), std::nullopt);
    EXPECT_EQ(diskNameToIndex("sda!"), std::nullopt);
}

// Disks keep libvirt's parse-time grouping by (parsed) bus, addresses come
// from target names and the implicit controllers follow.
TEST(BusDevices, OrderAddressesAndImplicitControllers) {
    auto devices = parseOne<Devices>(
        "<devices>"
        "<disk type='file'><source file='/a'/><target dev='hda'/></disk>"
        "<disk type='file'><source file='/b'/><target dev='sdb' bus='scsi'/></disk>"
        "<disk type='file'><source file='/c'/><target dev='hdb' bus='ide'/></disk>"
        "<disk type='file'><source file='/d'/><target dev='sda' bus='scsi'/></disk>"
        "<disk type='network'><source protocol='nbd'><host name='h'/></source><target dev='vdx'/></disk>"
        "</devices>");
    postParseBusDevices(devices);
    validateBusDevices(devices);
    ASSERT_EQ(devices.disks.size(), 5u);
    std::string out;
    for (const auto& d : devices.disks)
        out += format(d, "disk");
    for (const auto& c : devices.controllers)
        out += format(c, "controller");
    EXPECT_EQ(out,
              "<disk type='file' device='disk'>\n"
              "  <source file='/a'/>\n"
              "  <target dev='hda' bus='ide'/>\n"
              "  <address type='drive' controller='0' bus='0' target='0' unit='0'/>\n"
              "</disk>\n"
              "<disk type='network' device='disk'>\n"
              "  <source protocol='nbd'>\n"
              "    <host name='h' port='10809'/>\n"
              "  </source>\n"
              "  <target dev='vdx' bus='virtio'/>\n"
              "</disk>\n"
              "<disk type='file' device='disk'>\n"
              "  <source file='/d'/>\n"
              "  <target dev='sda' bus='scsi'/>\n"
              "  <address type='drive' controller='0' bus='0' target='0' unit='0'/>\n"
              "</disk>\n"
              "<disk type='file' device='disk'>\n"
              "  <source file='/b'/>\n"
              "  <target dev='sdb' bus='scsi'/>\n"
              "  <address type='drive' controller='0' bus='0' target='0' unit='1'/>\n"
              "</disk>\n"
              "<disk type='file' device='disk'>\n"
              "  <source file='/c'/>\n"
              "  <target dev='hdb' bus='ide'/>\n"
              "  <address type='drive' controller='0' bus='0' target='0' unit='1'/>\n"
              "</disk>\n"
              "<controller type='scsi' index='0'/>\n"
              "<controller type='ide' index='0'/>\n");
}

TEST(BusDevices, DuplicateTargetsAndAddresses) {
    auto devices = parseOne<Devices>("<devices>"
                                     "<disk type='file'><source file='/a'/><target dev='vda'/></disk>"
                                     "<disk type='file'><source file='/b'/><target dev='vda'/></disk>"
                                     "</devices>");
    postParseBusDevices(devices);
    try {
        validateBusDevices(devices);
        FAIL() << "duplicate target accepted";
    } catch (const cvirt::Error& e) {
        EXPECT_EQ(e.message(), "XML error: target 'vda' duplicated for disk sources '/a' and '/b'");
    }
    devices = parseOne<Devices>(
        "<devices>"
        "<disk type='file'><source file='/a'/><target dev='sda'/>"
        "<address type='drive' controller='0' bus='0' target='0' unit='1'/></disk>"
        "<disk type='file'><source file='/b'/><target dev='sdb'/></disk>"
        "</devices>");
    postParseBusDevices(devices);
    try {
        validateBusDevices(devices);
        FAIL() << "duplicate drive address accepted";
    } catch (const cvirt::Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::ConfigUnsupported);
        EXPECT_EQ(e.message(), "unsupported configuration: Found duplicate drive address for disk with target name "
                               "'sda' controller='0' bus='0' target='0' unit='1'");
    }
}

}  // namespace
