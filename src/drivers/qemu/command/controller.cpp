// Controllers: PCI bridges and ports, USB, SCSI, IDE, SATA, virtio-serial
// and CCID, skipping the ones the machine type has built in.
#include <fmt/format.h>

#include "drivers/qemu/command/families.hpp"
#include "drivers/qemu/domain_defaults/machine.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

const char* usbDevice(UsbControllerModel m) {
    switch (m) {
    case UsbControllerModel::Piix3Uhci: return "piix3-usb-uhci";
    case UsbControllerModel::Piix4Uhci: return "piix4-usb-uhci";
    case UsbControllerModel::Ehci: return "usb-ehci";
    case UsbControllerModel::Ich9Ehci1: return "ich9-usb-ehci1";
    case UsbControllerModel::Ich9Uhci1: return "ich9-usb-uhci1";
    case UsbControllerModel::Ich9Uhci2: return "ich9-usb-uhci2";
    case UsbControllerModel::Ich9Uhci3: return "ich9-usb-uhci3";
    case UsbControllerModel::Vt82c686bUhci: return "vt82c686b-usb-uhci";
    case UsbControllerModel::PciOhci: return "pci-ohci";
    case UsbControllerModel::NecXhci: return "nec-usb-xhci";
    case UsbControllerModel::Qusb1: return "qusb1";
    case UsbControllerModel::Qusb2: return "qusb2";
    case UsbControllerModel::QemuXhci: return "qemu-xhci";
    case UsbControllerModel::None: return "none";
    }
    return "";
}

bool isBuiltin(const Build& b, const Controller& c) {
    const Domain& def = b.def;
    if (c.type == ControllerType::Pci) {
        auto* m = std::get_if<PciControllerModel>(&c.model);
        return m && (*m == PciControllerModel::PcieRoot || *m == PciControllerModel::PciRoot);
    }
    if (c.index != 0)
        return false;
    if (c.type == ControllerType::Sata)
        return isQ35(def);
    if (c.type == ControllerType::Ide)
        return hasBuiltinIde(def);
    return false;
}

std::optional<Props> usbProps(Build& b, const Controller& c) {
    auto* m = std::get_if<UsbControllerModel>(&c.model);
    if (!m)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "no model provided for USB controller");
    if (c.ports != -1 && *m != UsbControllerModel::NecXhci && *m != UsbControllerModel::QemuXhci)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
             "usb controller type '{}' doesn't support 'ports' with this QEMU binary", toString(*m));
    if (b.ctx.caps && !b.ctx.caps->deviceTypes.empty() && !b.ctx.caps->hasDevice(usbDevice(*m)))
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
             "USB controller model '{}' not supported in this QEMU binary", toString(*m));
    Props p{{"driver", usbDevice(*m)}};
    putNonNegative(p, "p2", c.ports);
    putNonNegative(p, "p3", c.ports);
    if (c.info.masterStartport) {
        std::string master;
        for (const auto& o : b.def.devices.controllers)
            if (o.type == ControllerType::Usb && o.index == c.index && !o.info.masterStartport) {
                master = o.info.alias;
                break;
            }
        if (master.empty())
            fail(ErrorCode::InternalError, ErrorDomain::Qemu, "masterbus not found");
        p["masterbus"] = master + ".0";
        p["firstport"] = *c.info.masterStartport;
    } else {
        p["id"] = c.info.alias;
    }
    return p;
}

std::optional<Props> scsiProps(Build& b, const Controller& c) {
    auto* m = std::get_if<ScsiControllerModel>(&c.model);
    ScsiControllerModel model = m ? *m : ScsiControllerModel::Auto;
    const char* driver = nullptr;
    switch (model) {
    case ScsiControllerModel::VirtioScsi:
    case ScsiControllerModel::VirtioTransitional:
    case ScsiControllerModel::VirtioNonTransitional: {
        VirtioOptions opts{c.iommu, c.ats, c.packed, c.pagePerVq};
        Props p = b.virtioProps("virtio-scsi", c.info, model == ScsiControllerModel::VirtioTransitional,
                                model == ScsiControllerModel::VirtioNonTransitional, &opts);
        if (c.iothread)
            p["iothread"] = fmt::format("iothread{}", c.iothread);
        p["id"] = c.info.alias;
        putPositive(p, "num_queues", c.queues);
        putPositive(p, "cmd_per_lun", c.cmdPerLun);
        putPositive(p, "max_sectors", c.maxSectors);
        putSwitch(p, "ioeventfd", c.ioeventfd);
        return p;
    }
    case ScsiControllerModel::Lsilogic: driver = "lsi"; break;
    case ScsiControllerModel::Ibmvscsi: driver = "spapr-vscsi"; break;
    case ScsiControllerModel::Lsisas1068: driver = "mptsas1068"; break;
    case ScsiControllerModel::Lsisas1078: driver = "megasas"; break;
    case ScsiControllerModel::Vmpvscsi: driver = "pvscsi"; break;
    case ScsiControllerModel::Am53c974: driver = "am53c974"; break;
    case ScsiControllerModel::Dc390: driver = "dc-390"; break;
    default:
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "Unsupported controller model: {}", toString(model));
    }
    return Props{{"driver", driver}, {"id", c.info.alias}};
}

std::optional<Props> pciProps(const Controller& c) {
    auto* m = std::get_if<PciControllerModel>(&c.model);
    if (!m)
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "Unexpected PCI controller model");
    const auto& o = c.pci;
    std::string name(toString(o.modelName));
    switch (*m) {
    case PciControllerModel::PciBridge:
        return Props{{"driver", name}, {"chassis_nr", o.chassisNr}, {"id", c.info.alias}};
    case PciControllerModel::PciExpanderBus:
    case PciControllerModel::PcieExpanderBus: {
        Props p{{"driver", name}, {"bus_nr", o.busNr}, {"id", c.info.alias}};
        if (o.numaNode != -1)
            p["numa_node"] = o.numaNode;
        return p;
    }
    case PciControllerModel::DmiToPciBridge:
    case PciControllerModel::PcieSwitchUpstreamPort:
    case PciControllerModel::PcieToPciBridge: return Props{{"driver", name}, {"id", c.info.alias}};
    case PciControllerModel::PcieRootPort:
    case PciControllerModel::PcieSwitchDownstreamPort: {
        Props p{{"driver", name}, {"port", o.port}, {"chassis", o.chassis}, {"id", c.info.alias}};
        putSwitch(p, "hotplug", o.hotplug);
        return p;
    }
    case PciControllerModel::PciRoot:
        return Props{{"driver", name}, {"index", o.targetIndex}, {"id", c.info.alias}};
    case PciControllerModel::PcieRoot:
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "Unsupported PCI Express root controller");
    }
    return std::nullopt;
}

std::optional<Props> controllerProps(Build& b, const Controller& c) {
    std::optional<Props> p;
    switch (c.type) {
    case ControllerType::Scsi: p = scsiProps(b, c); break;
    case ControllerType::VirtioSerial: {
        auto* m = std::get_if<VirtioSerialControllerModel>(&c.model);
        VirtioOptions opts{c.iommu, c.ats, c.packed, c.pagePerVq};
        p = b.virtioProps("virtio-serial", c.info, m && *m == VirtioSerialControllerModel::VirtioTransitional,
                          m && *m == VirtioSerialControllerModel::VirtioNonTransitional, &opts);
        (*p)["id"] = c.info.alias;
        putNonNegative(*p, "max_ports", c.ports);
        putNonNegative(*p, "vectors", c.vectors);
        break;
    }
    case ControllerType::Ccid: p = Props{{"driver", "usb-ccid"}, {"id", c.info.alias}}; break;
    case ControllerType::Sata: p = Props{{"driver", "ahci"}, {"id", c.info.alias}}; break;
    case ControllerType::Usb: p = usbProps(b, c); break;
    case ControllerType::Pci: p = pciProps(c); break;
    default:
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "Unsupported controller type: {}", toString(c.type));
    }
    if (p)
        b.address(*p, c.info);
    return p;
}

}  // namespace

void buildGlobalControllers(Build& b) {
    for (const auto& c : b.def.devices.controllers) {
        if (c.type != ControllerType::Pci || !c.pci.pcihole64)
            continue;
        auto* m = std::get_if<PciControllerModel>(&c.model);
        const char* host = nullptr;
        if (m && *m == PciControllerModel::PciRoot)
            host = "i440FX-pcihost";
        else if (m && *m == PciControllerModel::PcieRoot)
            host = "q35-pcihost";
        else
            fail(ErrorCode::InternalError, ErrorDomain::Qemu,
                 "64-bit PCI hole setting is only for root PCI controllers");
        b.arg("-global", fmt::format("{}.pci-hole64-size={}K", host, c.pci.pcihole64KiB));
    }
}

void buildControllersOfType(Build& b, ControllerType type) {
    for (const auto& c : b.def.devices.controllers) {
        if (c.type != type)
            continue;
        auto* pm = std::get_if<PciControllerModel>(&c.model);
        if (c.type == ControllerType::Pci && pm && *pm == PciControllerModel::PciRoot && c.index == 0 &&
            c.pci.hotplug != conf::TriSwitch::Absent)
            b.arg("-global", fmt::format("PIIX4_PM.acpi-root-pci-hotplug={}", toString(c.pci.hotplug)));
        if (isBuiltin(b, c) || c.isUsbNone())
            continue;
        auto* sm = std::get_if<ScsiControllerModel>(&c.model);
        if (c.type == ControllerType::Scsi && c.index == 0 && sm && *sm == ScsiControllerModel::Ncr53c90)
            continue;
        // A USB controller with no model is QEMU's legacy -usb.
        if (c.type == ControllerType::Usb && std::holds_alternative<std::monostate>(c.model) && !isQ35(b.def))
            continue;
        if (auto p = controllerProps(b, c))
            b.device(*p);
    }
}

void buildControllers(Build& b) {
    for (auto type : {ControllerType::Pci, ControllerType::Usb, ControllerType::Scsi, ControllerType::Ide,
                      ControllerType::Sata, ControllerType::VirtioSerial})
        buildControllersOfType(b, type);
    size_t legacy = 0, usb = 0;
    for (const auto& c : b.def.devices.controllers) {
        if (c.type != ControllerType::Usb)
            continue;
        if (c.isUsbNone())
            return;
        if (std::holds_alternative<std::monostate>(c.model))
            ++legacy;
        else
            ++usb;
    }
    if (legacy > 1)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "Multiple legacy USB controllers are not supported");
    if (usb == 0 && !isQ35(b.def))
        b.arg("-usb");
}

}  // namespace cvirt::qemu
