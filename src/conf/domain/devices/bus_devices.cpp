#include "conf/domain/devices/bus_devices.hpp"

#include "conf/domain/devices.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

const DriveAddress* driveAddress(const DeviceInfo& info) { return std::get_if<DriveAddress>(&info.address); }

std::vector<DriveAddress> scsiDiskAddresses(const std::vector<Disk>& disks) {
    std::vector<DriveAddress> out;
    for (const auto& d : disks)
        if (d.bus == DiskBus::Scsi)
            if (const auto* a = driveAddress(d.info))
                out.push_back(*a);
    return out;
}

std::vector<DriveAddress> scsiHostdevAddresses(const std::vector<Hostdev>& hostdevs) {
    std::vector<DriveAddress> out;
    for (const auto& h : hostdevs)
        if (h.isScsi())
            if (const auto* a = driveAddress(h.info))
                out.push_back(*a);
    return out;
}

std::vector<unsigned> driveControllers(const std::vector<Disk>& disks, DiskBus bus) {
    std::vector<unsigned> out;
    for (const auto& d : disks)
        if (d.bus == bus)
            if (const auto* a = driveAddress(d.info))
                out.push_back(a->controller);
    return out;
}

}  // namespace

void postParseBusDevices(Devices& devices, const BusPostParseOptions& options) {
    // libvirt inserts each parsed disk and controller into its place.
    std::vector<Disk> disks;
    for (auto& d : devices.disks)
        insertDisk(disks, std::move(d));
    devices.disks = std::move(disks);
    checkUsbControllers(devices.controllers);
    std::vector<Controller> controllers;
    for (auto& c : devices.controllers)
        insertController(controllers, std::move(c));
    devices.controllers = std::move(controllers);
    assignControllerIndexes(devices.controllers);

    auto hostdevAddresses = scsiHostdevAddresses(devices.hostdevs);
    for (auto& d : devices.disks)
        postParseDisk(d, devices.disks, options.scsiBusMaxUnit, hostdevAddresses);
    for (auto& h : devices.hostdevs) {
        std::vector<DriveAddress> used = scsiDiskAddresses(devices.disks);
        for (const auto& other : devices.hostdevs)
            if (&other != &h && other.isScsi())
                if (const auto* a = driveAddress(other.info))
                    used.push_back(*a);
        postParseHostdev(h, used, scsiDiskAddresses(devices.disks), options.scsiBusMaxUnit);
    }

    // virDomainDefAddImplicitControllers (the disk and hostdev part)
    addDriveControllers(devices.controllers, ControllerType::Scsi, driveControllers(devices.disks, DiskBus::Scsi));
    addDriveControllers(devices.controllers, ControllerType::Fdc, driveControllers(devices.disks, DiskBus::Fdc));
    addDriveControllers(devices.controllers, ControllerType::Ide, driveControllers(devices.disks, DiskBus::Ide));
    addDriveControllers(devices.controllers, ControllerType::Sata, driveControllers(devices.disks, DiskBus::Sata));
    // virDomainDefMaybeAddHostdevSCSIcontroller: new controllers take the
    // model of the existing controller the last "highest" hostdev sits on.
    std::vector<unsigned> hostdevControllers;
    ControllerModel model;
    long max = -1;
    for (const auto& a : scsiHostdevAddresses(devices.hostdevs)) {
        hostdevControllers.push_back(a.controller);
        if (static_cast<long>(a.controller) <= max)
            continue;
        max = a.controller;
        for (const auto& c : devices.controllers)
            if (c.type == ControllerType::Scsi && c.index == static_cast<int>(a.controller) &&
                !std::holds_alternative<std::monostate>(c.model))
                model = c.model;
    }
    addDriveControllers(devices.controllers, ControllerType::Scsi, hostdevControllers, model);
}

void validateBusDevices(const Devices& devices) {
    for (const auto& d : devices.disks)
        validateDisk(d);
    validateDiskSet(devices.disks);
    for (const auto& c : devices.controllers)
        validateController(c);
    validateHostdevSet(devices.hostdevs);
    // SCSI hostdevs may not share a drive address with each other.
    auto addresses = scsiHostdevAddresses(devices.hostdevs);
    for (size_t i = 0; i < addresses.size(); ++i)
        for (size_t j = i + 1; j < addresses.size(); ++j)
            if (addresses[i] == addresses[j])
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                     "SCSI host address controller='{}' bus='{}' target='{}' unit='{}' in use by another SCSI host "
                     "device",
                     addresses[i].controller, addresses[i].bus, addresses[i].target, addresses[i].unit);
}

}  // namespace cvirt::conf::domain
