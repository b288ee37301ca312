#pragma once
// <disk>: a guest block device (libvirt's virDomainDiskDef) over a storage
// source chain, parsed, checked and formatted as libvirt's generic code does.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "conf/domain/devices/storage_source.hpp"

namespace cvirt::conf::domain {

enum class DiskDevice { Disk, Cdrom, Floppy, Lun };
CVIRT_ENUM_STRINGS(DiskDevice, "disk", "cdrom", "floppy", "lun");
enum class DiskBus { None, Ide, Fdc, Scsi, Virtio, Xen, Usb, Uml, Sata, Sd };
CVIRT_ENUM_STRINGS_UNSET(DiskBus, "none", "ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd");
enum class DiskModel { Default, Virtio, VirtioTransitional, VirtioNonTransitional };
CVIRT_ENUM_STRINGS_UNSET(DiskModel, "default", "virtio", "virtio-transitional", "virtio-non-transitional");
enum class SnapshotLocation { Default, No, Internal, External, Manual };
CVIRT_ENUM_STRINGS_UNSET(SnapshotLocation, "default", "no", "internal", "external", "manual");
enum class DiskCache { Default, None, Writethrough, Writeback, Directsync, Unsafe };
CVIRT_ENUM_STRINGS_UNSET(DiskCache, "default", "none", "writethrough", "writeback", "directsync", "unsafe");
enum class DiskErrorPolicy { Default, Stop, Report, Ignore, Enospace };
CVIRT_ENUM_STRINGS_UNSET(DiskErrorPolicy, "default", "stop", "report", "ignore", "enospace");
enum class DiskIo { Default, Native, Threads, IoUring };
CVIRT_ENUM_STRINGS_UNSET(DiskIo, "default", "native", "threads", "io_uring");
enum class DiskDiscard { Default, Unmap, Ignore };
CVIRT_ENUM_STRINGS_UNSET(DiskDiscard, "default", "unmap", "ignore");
enum class DetectZeroes { Default, Off, On, Unmap };
CVIRT_ENUM_STRINGS_UNSET(DetectZeroes, "default", "off", "on", "unmap");
enum class DiskTray { Closed, Open };
CVIRT_ENUM_STRINGS(DiskTray, "closed", "open");
enum class GeometryTrans { Default, None, Auto, Lba };
CVIRT_ENUM_STRINGS_UNSET(GeometryTrans, "default", "none", "auto", "lba");
enum class BlockJobType { Unknown, Pull, Copy, Commit, ActiveCommit, Backup };
CVIRT_ENUM_STRINGS_UNSET(BlockJobType, "", "pull", "copy", "commit", "active-commit", "backup");
enum class MirrorState { None, Ready, Abort, Pivot };
CVIRT_ENUM_STRINGS_UNSET(MirrorState, "none", "yes", "abort", "pivot");

struct DiskIotune {
    // total/read/write bytes/iops and their _max and _max_length, in
    // libvirt's field order; 0 = not set.
    static constexpr const char* kNames[] = {
        "total_bytes_sec", "read_bytes_sec", "write_bytes_sec", "total_iops_sec", "read_iops_sec",
        "write_iops_sec", "total_bytes_sec_max", "read_bytes_sec_max", "write_bytes_sec_max",
        "total_iops_sec_max", "read_iops_sec_max", "write_iops_sec_max", "size_iops_sec",
        "total_bytes_sec_max_length", "read_bytes_sec_max_length", "write_bytes_sec_max_length",
        "total_iops_sec_max_length", "read_iops_sec_max_length", "write_iops_sec_max_length"};
    static constexpr size_t kCount = std::size(kNames);
    unsigned long long values[kCount] = {};
    std::optional<std::string> groupName;

    unsigned long long get(std::string_view name) const;
    bool hasAny() const;
};

struct DiskMirror {
    BlockJobType job = BlockJobType::Copy;
    MirrorState ready{};
    StorageSource source;
};

struct Disk {
    StorageSource src;
    DiskDevice device = DiskDevice::Disk;
    DiskModel model{};
    SnapshotLocation snapshot{};
    TriBool rawio{};
    DeviceSgio sgio{};
    StartupPolicy startupPolicy{};
    // <driver>
    std::string driverName;
    DiskCache cache{};
    DiskErrorPolicy errorPolicy{}, rerrorPolicy{};
    DiskIo io{};
    TriSwitch ioeventfd{}, eventIdx{}, copyOnRead{};
    DiskDiscard discard{};
    unsigned iothread = 0;
    DetectZeroes detectZeroes{};
    TriSwitch discardNoUnref{};
    unsigned queues = 0, queueSize = 0;
    TriSwitch iommu{}, ats{}, packed{}, pagePerVq{};
    // <target>
    std::string dst;
    DiskBus bus{};
    DiskTray tray{};
    TriSwitch removable{};
    unsigned rotationRate = 0;
    // <geometry>
    unsigned cylinders = 0, heads = 0, sectors = 0;
    GeometryTrans trans{};
    // <blockio>
    unsigned logicalBlockSize = 0, physicalBlockSize = 0, discardGranularity = 0;
    std::optional<DiskMirror> mirror;  // live only
    bool authOnDisk = false;           // <auth> was a child of <disk>, not <source>
    bool encryptionOnDisk = false;     // same for <encryption>
    bool transient = false;
    TriBool transientShareBacking{};
    DiskIotune iotune;
    std::string backendDomain;
    std::optional<std::string> serial, wwn, vendor, product;
    DeviceInfo info;
};

void xmlParse(Disk& disk, const Node& node, ParseContext& ctx);
void xmlFormat(Writer& w, std::string_view name, const Disk& disk, FormatContext& ctx);

// libvirt's virDiskNameToIndex: "sda" -> 0, "hdc" -> 2, "vdaa" -> 26;
// nullopt for names without a known prefix.
std::optional<int> diskNameToIndex(std::string_view name);

// virDomainDiskInsert: where a newly parsed disk goes so that disks on one
// bus stay together, ordered by target name.
void insertDisk(std::vector<Disk>& disks, Disk disk);

// The generic post-parse of one disk (virDomainDiskDefPostParse): bus from
// the target name, cdroms read-only, default snapshot, iSCSI LUN suffix,
// NVMe managed, a drive address from the target name (`scsiBusMaxUnit` is
// 7 for narrow SCSI buses), group iotune copied from a disk of the group.
// `scsiHostdevAddresses` are drive addresses used by SCSI hostdevs.
void postParseDisk(Disk& disk, const std::vector<Disk>& allDisks, unsigned scsiBusMaxUnit,
                   const std::vector<DriveAddress>& scsiHostdevAddresses);
// virDomainDiskDefValidate (generic checks of one disk).
void validateDisk(const Disk& disk);
// Checks across disks: duplicate targets, duplicate drive addresses.
void validateDiskSet(const std::vector<Disk>& disks);

}  // namespace cvirt::conf::domain
