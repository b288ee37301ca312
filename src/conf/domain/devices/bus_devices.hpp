#pragma once
// The generic post-parse and validation steps that tie disks, controllers,
// host devices and filesystems together (libvirt's domain_postparse.c and
// domain_validate.c for these families): parse-time ordering of disks and
// controllers, controller indexes, drive addresses, implicit controllers
// and the checks across devices. The domain's post-parse calls these.

namespace cvirt::conf::domain {

struct Devices;

struct BusPostParseOptions {
    // Units per SCSI bus: 7 (narrow) unless the driver supports wide SCSI
    // (VIR_DOMAIN_DEF_FEATURE_WIDE_SCSI), then 16.
    unsigned scsiBusMaxUnit = 7;
};

// Run after the driver's post-parse hooks: orders disks and controllers as
// libvirt inserts them while parsing, checks USB controllers, assigns
// controller indexes, runs each disk's and hostdev's post-parse (bus,
// drive address, ...) and adds the implicit IDE/FDC/SCSI/SATA controllers
// the drive addresses need.
void postParseBusDevices(Devices& devices, const BusPostParseOptions& options = {});
// The checks across these devices: duplicate disk targets and drive
// addresses (disks and SCSI hostdevs), duplicate hostdevs.
void validateBusDevices(const Devices& devices);

}  // namespace cvirt::conf::domain
