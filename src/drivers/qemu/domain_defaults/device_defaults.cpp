#include "drivers/qemu/domain_defaults/device_defaults.hpp"

#include "drivers/qemu/domain_defaults/machine.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

constexpr unsigned kQxlVgamemDefaultKiB = 16 * 1024;
constexpr int kXhciMaxPorts = 15;

void diskDefaults(Disk& disk) {
    if (disk.driverName.empty())
        disk.driverName = "qemu";
    if (disk.src.format == StorageFormat::None && disk.src.type != StorageType::Volume)
        disk.src.format = StorageFormat::Raw;
    if (disk.mirror && disk.mirror->source.format == StorageFormat::None)
        disk.mirror->source.format = StorageFormat::Raw;
    for (StorageSource* s = &disk.src; s && s->type != StorageType::None; s = s->backingStore.get())
        if (s->encryption && s->encryption->engine == EncryptionEngine::Default)
            s->encryption->engine = EncryptionEngine::Qemu;
}

void netDefaults(NetInterface& net, const QemuCaps& caps) {
    if (net.model != NetModel::Unknown || !net.modelString.empty())
        return;
    if (net.type == NetType::Vdpa || net.type == NetType::Vhostuser) {
        net.model = NetModel::Virtio;
    } else if (net.type != NetType::Hostdev) {
        // Each one less likely to work out of the box in a guest OS than
        // the one before.
        if (caps.hasDevice("rtl8139"))
            net.model = NetModel::Rtl8139;
        else if (caps.hasDevice("e1000"))
            net.model = NetModel::E1000;
        else if (caps.hasDevice("virtio-net-pci"))
            net.model = NetModel::Virtio;
        else
            net.model = NetModel::Rtl8139;
    }
}

void videoDefaults(Video& video, const QemuCaps& caps) {
    if (video.type == VideoType::Default) {
        if (caps.hasDevice("cirrus-vga"))
            video.type = VideoType::Cirrus;
        else if (caps.hasDevice("VGA"))
            video.type = VideoType::Vga;
    }
    if (video.type == VideoType::Qxl && video.vgamem == 0)
        video.vgamem = kQxlVgamemDefaultKiB;
}

ScsiControllerModel defaultScsiModel(const QemuCaps& caps) {
    if (caps.hasDevice("lsi53c895a"))
        return ScsiControllerModel::Lsilogic;
    return ScsiControllerModel::VirtioScsi;
}

void controllerDefaults(Controller& c, const Domain& def, const QemuCaps& caps) {
    switch (c.type) {
    case ControllerType::Scsi: {
        auto* m = std::get_if<ScsiControllerModel>(&c.model);
        if (!m || *m == ScsiControllerModel::Auto)
            c.model = defaultScsiModel(caps);
        break;
    }
    case ControllerType::Usb: {
        if (std::holds_alternative<std::monostate>(c.model))
            if (auto m = defaultUsbModel(def, caps))
                c.model = *m;
        auto* m = std::get_if<UsbControllerModel>(&c.model);
        if (m && *m == UsbControllerModel::None)
            c.info.address = std::monostate{};
        if (m && (*m == UsbControllerModel::Qusb1 || *m == UsbControllerModel::Qusb2))
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
                 "USB controller model type 'qusb1' or 'qusb2' is not supported in {}", toString(def.type));
        if (m && (*m == UsbControllerModel::NecXhci || *m == UsbControllerModel::QemuXhci) && c.ports > kXhciMaxPorts)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "'{}' controller only supports up to '{}' ports",
                 toString(*m), kXhciMaxPorts);
        break;
    }
    case ControllerType::Pci: {
        auto* m = std::get_if<PciControllerModel>(&c.model);
        if (m && (*m == PciControllerModel::PciRoot || *m == PciControllerModel::PcieRoot) && c.index > 0)
            fail(ErrorCode::XmlError, ErrorDomain::Qemu, "pci-root and pcie-root controllers should have index 0");
        if (m && *m == PciControllerModel::PciExpanderBus && !isI440fx(def))
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
                 "pci-expander-bus controllers are only supported on 440fx-based machinetypes");
        if (m && *m == PciControllerModel::PcieExpanderBus && !isQ35(def))
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
                 "pcie-expander-bus controllers are not supported with this machine type");
        break;
    }
    default:
        break;
    }
}

void serialDefaults(Chardev& chr, const Domain& def) {
    // isa-serial and the default used to be the same thing; the machine
    // decides what the default is.
    if (chr.serialTarget == SerialTargetType::IsaSerial)
        chr.serialTarget = SerialTargetType::None;
    if (chr.serialTarget == SerialTargetType::None && isX86(def))
        chr.serialTarget = SerialTargetType::IsaSerial;
    if (chr.targetModel != SerialTargetModel::None)
        return;
    switch (chr.serialTarget) {
    case SerialTargetType::IsaSerial: chr.targetModel = SerialTargetModel::IsaSerial; break;
    case SerialTargetType::UsbSerial: chr.targetModel = SerialTargetModel::UsbSerial; break;
    case SerialTargetType::PciSerial: chr.targetModel = SerialTargetModel::PciSerial; break;
    case SerialTargetType::SpaprVioSerial: chr.targetModel = SerialTargetModel::SpaprVty; break;
    case SerialTargetType::SclpSerial: chr.targetModel = SerialTargetModel::Sclpconsole; break;
    case SerialTargetType::IsaDebug: chr.targetModel = SerialTargetModel::IsaDebugcon; break;
    default: break;
    }
}

void tpmDefaults(Tpm& tpm, const Domain& def) {
    if (tpm.model == TpmModel::Default)
        tpm.model = TpmModel::Tis;
    if (auto* emu = std::get_if<TpmEmulator>(&tpm.backend); emu && emu->version == TpmVersion::Default)
        emu->version = tpm.model == TpmModel::Tis && isX86(def) ? TpmVersion::V1_2 : TpmVersion::V2_0;
}

void shmemDefaults(Shmem& shm) {
    if (shm.model != ShmemModel::IvshmemDoorbell && shm.sizeBytes == 0)
        shm.sizeBytes = 4ull << 20;
    if (shm.model == ShmemModel::Ivshmem)
        return;
    if (!shm.server) {
        if (shm.model == ShmemModel::IvshmemDoorbell)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
                 "shmem model '{}' is supported only with server option enabled", toString(shm.model));
        return;
    }
    if (shm.model == ShmemModel::IvshmemPlain)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
             "shmem model '{}' is supported only with server option disabled", toString(shm.model));
    if (!shm.msi)
        shm.msi.emplace();
    if (shm.msi->ioeventfd == TriSwitch::Absent)
        shm.msi->ioeventfd = TriSwitch::On;
}

}  // namespace

std::optional<UsbControllerModel> defaultUsbModel(const Domain& def, const QemuCaps& caps) {
    if (isX86(def)) {
        if (isQ35(def)) {
            // A USB3 controller where QEMU has one, else USB2.
            if (caps.hasDevice("qemu-xhci"))
                return UsbControllerModel::QemuXhci;
            if (caps.hasDevice("nec-usb-xhci"))
                return UsbControllerModel::NecXhci;
            if (caps.hasDevice("ich9-usb-ehci1"))
                return UsbControllerModel::Ich9Ehci1;
            return UsbControllerModel::None;
        }
        if (caps.hasDevice("piix3-usb-uhci"))
            return UsbControllerModel::Piix3Uhci;
    }
    if (caps.hasDevice("pci-ohci"))
        return UsbControllerModel::PciOhci;
    return std::nullopt;
}

void applyDeviceDefaults(Domain& def, const QemuCaps& caps) {
    auto& dev = def.devices;
    for (auto& disk : dev.disks)
        diskDefaults(disk);
    for (auto& net : dev.interfaces)
        netDefaults(net, caps);
    for (auto& video : dev.videos)
        videoDefaults(video, caps);
    for (auto& c : dev.controllers)
        controllerDefaults(c, def, caps);
    for (auto& s : dev.serials)
        serialDefaults(s, def);
    for (auto& tpm : dev.tpms)
        tpmDefaults(tpm, def);
    for (auto& p : dev.panics)
        if (p.model == PanicModel::Default)
            p.model = PanicModel::Isa;
    if (dev.vsock && dev.vsock->model == VsockModel::Default)
        dev.vsock->model = VsockModel::Virtio;
    for (auto& shm : dev.shmems)
        shmemDefaults(shm);
    for (auto& h : dev.hostdevs)
        if (auto* s = h.subsys())
            if (auto* mdev = std::get_if<HostdevMdevSource>(s))
                if (mdev->model == MdevModel::VfioPci && mdev->display == TriSwitch::Absent)
                    mdev->display = TriSwitch::Off;
}

}  // namespace cvirt::qemu
