// Disks: the -blockdev chain of each disk and its -device (IDE, SATA,
// SCSI, virtio-blk, USB, floppy), plus the floppy controller's boot order.
#include <fmt/format.h>

#include "drivers/qemu/command/blockdev.hpp"
#include "drivers/qemu/command/families.hpp"
#include "drivers/qemu/domain_defaults/machine.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

bool isEmptySource(const StorageSource& src) {
    if (src.type == StorageType::None)
        return true;
    if ((src.type == StorageType::File || src.type == StorageType::Block || src.type == StorageType::Dir) &&
        (!src.path || src.path->empty()))
        return true;
    if (src.type == StorageType::Network && src.protocol != NetProtocol::Nbd && !src.path)
        return true;
    return false;
}

const char* errorPolicy(DiskErrorPolicy p) {
    switch (p) {
    case DiskErrorPolicy::Stop: return "stop";
    case DiskErrorPolicy::Report: return "report";
    case DiskErrorPolicy::Ignore: return "ignore";
    case DiskErrorPolicy::Enospace: return "enospace";
    default: return nullptr;
    }
}

void floppyController(Build& b) {
    unsigned a = 0, bIndex = 0;
    bool any = false;
    for (const auto& d : b.def.devices.disks) {
        if (d.bus != DiskBus::Fdc)
            continue;
        any = true;
        auto* addr = std::get_if<DriveAddress>(&d.info.address);
        (addr && addr->unit ? bIndex : a) = b.bootIndexOf(d.info);
    }
    if (!any)
        return;
    if (needsExplicitFdc(b.def)) {
        Props p{{"driver", "isa-fdc"}};
        putPositive(p, "bootindexA", a);
        putPositive(p, "bootindexB", bIndex);
        b.device(p);
        return;
    }
    if (a)
        b.arg("-global", fmt::format("isa-fdc.bootindexA={}", a));
    if (bIndex)
        b.arg("-global", fmt::format("isa-fdc.bootindexB={}", bIndex));
}

Props diskDevice(Build& b, const Disk& disk, const std::optional<std::string>& drive) {
    Props p;
    std::optional<std::string> deviceId;
    conf::TriSwitch removable = conf::TriSwitch::Absent;
    switch (disk.bus) {
    case DiskBus::Ide:
    case DiskBus::Sata: p["driver"] = disk.device == DiskDevice::Cdrom ? "ide-cd" : "ide-hd"; break;
    case DiskBus::Scsi:
        if (disk.device == DiskDevice::Lun) {
            p["driver"] = "scsi-block";
        } else {
            if (disk.device == DiskDevice::Cdrom) {
                p["driver"] = "scsi-cd";
            } else {
                p["driver"] = "scsi-hd";
                removable = disk.removable;
            }
            // QEMU used the -drive name as the SCSI device id when there
            // was no serial; the guest must keep seeing the same one.
            deviceId = disk.serial ? *disk.serial : "drive-" + disk.info.alias;
        }
        break;
    case DiskBus::Virtio: {
        p = b.virtioProps("virtio-blk", disk.info, disk.model == DiskModel::VirtioTransitional,
                          disk.model == DiskModel::VirtioNonTransitional, nullptr);
        VirtioOptions opts{disk.iommu, disk.ats, disk.packed, disk.pagePerVq};
        putSwitch(p, "iommu_platform", opts.iommu);
        putSwitch(p, "ats", opts.ats);
        putSwitch(p, "packed", opts.packed);
        putSwitch(p, "page-per-vq", opts.pagePerVq);
        if (disk.iothread)
            p["iothread"] = fmt::format("iothread{}", disk.iothread);
        putSwitch(p, "ioeventfd", disk.ioeventfd);
        putSwitch(p, "event_idx", disk.eventIdx);
        putPositive(p, "num-queues", disk.queues);
        putPositive(p, "queue-size", disk.queueSize);
        break;
    }
    case DiskBus::Usb:
        p["driver"] = "usb-storage";
        removable = disk.removable == conf::TriSwitch::Absent ? conf::TriSwitch::Off : disk.removable;
        break;
    case DiskBus::Fdc: p["driver"] = "floppy"; break;
    default:
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "unsupported disk bus '{}' with device setup",
             toString(disk.bus));
    }
    if (auto* a = std::get_if<DriveAddress>(&disk.info.address))
        driveAddressProps(b, p, *a, disk.bus);
    else
        b.address(p, disk.info);
    putString(p, "device_id", deviceId);
    if (disk.src.shared)
        p["share-rw"] = true;
    putString(p, "drive", drive);
    p["id"] = disk.info.alias;
    if (disk.device != DiskDevice::Floppy)
        putPositive(p, "bootindex", b.bootIndexOf(disk.info));
    putPositive(p, "logical_block_size", disk.logicalBlockSize);
    putPositive(p, "physical_block_size", disk.physicalBlockSize);
    putPositive(p, "discard_granularity", disk.discardGranularity);
    if (disk.wwn) {
        auto w = parseInt<unsigned long long>("0x" + (disk.wwn->starts_with("0x") ? disk.wwn->substr(2) : *disk.wwn),
                                              true);
        if (!w)
            fail(ErrorCode::InvalidArg, ErrorDomain::Qemu, "Failed to parse wwn '{}' as number", *disk.wwn);
        p["wwn"] = *w;
    }
    putPositive(p, "rotation_rate", disk.rotationRate);
    putString(p, "vendor", disk.vendor);
    putString(p, "product", disk.product);
    putSwitch(p, "removable", removable);
    bool wb, direct, noFlush;
    if (disk.device != DiskDevice::Lun && cacheModeFlags(disk.cache, wb, direct, noFlush))
        p["write-cache"] = wb ? "on" : "off";
    putPositive(p, "cyls", disk.cylinders);
    putPositive(p, "heads", disk.heads);
    putPositive(p, "secs", disk.sectors);
    if (disk.trans != GeometryTrans::Default)
        p["bios-chs-trans"] = toString(disk.trans);
    if (disk.serial) {
        std::string s;
        for (char c : *disk.serial) {
            if (c == ' ')
                s += '\\';
            s += c;
        }
        p["serial"] = s;
    }
    const char* w = errorPolicy(disk.errorPolicy);
    const char* r = errorPolicy(disk.rerrorPolicy);
    if (disk.errorPolicy == DiskErrorPolicy::Enospace)
        w = "enospc";
    else if (!r)
        r = w;
    if (w)
        p["werror"] = w;
    if (r)
        p["rerror"] = r;
    return p;
}

}  // namespace

void driveAddressProps(Build& b, Props& p, const DriveAddress& a, DiskBus bus) {
    switch (bus) {
    case DiskBus::Ide: {
        std::string alias = hasBuiltinIde(b.def) ? "ide" : b.controllerAlias(ControllerType::Ide, a.controller);
        p["bus"] = fmt::format("{}.{}", alias, a.bus);
        p["unit"] = a.unit;
        break;
    }
    case DiskBus::Sata: {
        std::string alias = isQ35(b.def) && a.controller == 0 ? "ide"
                                                              : b.controllerAlias(ControllerType::Sata, a.controller);
        p["bus"] = fmt::format("{}.{}", alias, a.unit);
        break;
    }
    case DiskBus::Fdc: p["unit"] = a.unit; break;
    case DiskBus::Scsi: {
        const Controller* c = findController(b.def, ControllerType::Scsi, static_cast<int>(a.controller));
        if (!c)
            fail(ErrorCode::InternalError, ErrorDomain::Qemu, "unable to find a SCSI controller for idx={}",
                 a.controller);
        auto* m = std::get_if<ScsiControllerModel>(&c->model);
        ScsiControllerModel model = m ? *m : ScsiControllerModel::Auto;
        if (model == ScsiControllerModel::Lsilogic || model == ScsiControllerModel::Ncr53c90 ||
            model == ScsiControllerModel::Dc390 || model == ScsiControllerModel::Am53c974) {
            p["bus"] = fmt::format("{}.{}", c->info.alias, a.bus);
            p["scsi-id"] = a.unit;
        } else {
            p["bus"] = c->info.alias + ".0";
            p["channel"] = a.bus;
            p["scsi-id"] = a.target;
            p["lun"] = a.unit;
        }
        break;
    }
    default:
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "address type drive is not supported for bus '{}'",
             toString(bus));
    }
}

void buildDisks(Build& b) {
    floppyController(b);
    for (const auto& disk : b.def.devices.disks) {
        // Transient disks sharing their backing image are hotplugged later.
        if (disk.transient && disk.transientShareBacking == conf::TriBool::Yes)
            continue;
        std::optional<std::string> drive;
        if (!isEmptySource(disk.src)) {
            BlockdevSettings s{disk.cache, disk.io, disk.discard, disk.detectZeroes};
            drive = buildBlockdevChain(b, disk.src, s);
            if (disk.copyOnRead == conf::TriSwitch::On) {
                std::string cor = "libvirt-CoR-" + disk.dst;
                b.blockdev(Props{{"driver", "copy-on-read"}, {"node-name", cor}, {"file", *drive}, {"discard", "unmap"}});
                drive = cor;
            }
        }
        b.device(diskDevice(b, disk, drive));
    }
}

}  // namespace cvirt::qemu
