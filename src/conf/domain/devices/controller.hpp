#pragma once
// <controller>: the buses other devices plug into (IDE, SCSI, USB, PCI,
// virtio-serial, ...), libvirt's virDomainControllerDef, with the generic
// checks, index assignment and implicit controllers of libvirt's parser.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "conf/domain/device_info.hpp"

namespace cvirt::conf::domain {

enum class ControllerType { Ide, Fdc, Scsi, Sata, VirtioSerial, Ccid, Usb, Pci, Xenbus, Isa };
CVIRT_ENUM_STRINGS(ControllerType, "ide", "fdc", "scsi", "sata", "virtio-serial", "ccid", "usb", "pci", "xenbus",
                   "isa");

enum class ScsiControllerModel {
    Auto, Buslogic, Lsilogic, Lsisas1068, Vmpvscsi, Ibmvscsi, VirtioScsi, Lsisas1078, VirtioTransitional,
    VirtioNonTransitional, Ncr53c90, Am53c974, Dc390
};
CVIRT_ENUM_STRINGS(ScsiControllerModel, "auto", "buslogic", "lsilogic", "lsisas1068", "vmpvscsi", "ibmvscsi",
                   "virtio-scsi", "lsisas1078", "virtio-transitional", "virtio-non-transitional", "ncr53c90",
                   "am53c974", "dc390");
enum class UsbControllerModel {
    Piix3Uhci, Piix4Uhci, Ehci, Ich9Ehci1, Ich9Uhci1, Ich9Uhci2, Ich9Uhci3, Vt82c686bUhci, PciOhci, NecXhci,
    Qusb1, Qusb2, QemuXhci, None
};
CVIRT_ENUM_STRINGS(UsbControllerModel, "piix3-uhci", "piix4-uhci", "ehci", "ich9-ehci1", "ich9-uhci1",
                   "ich9-uhci2", "ich9-uhci3", "vt82c686b-uhci", "pci-ohci", "nec-xhci", "qusb1", "qusb2",
                   "qemu-xhci", "none");
enum class PciControllerModel {
    PciRoot, PcieRoot, PciBridge, DmiToPciBridge, PcieRootPort, PcieSwitchUpstreamPort,
    PcieSwitchDownstreamPort, PciExpanderBus, PcieExpanderBus, PcieToPciBridge
};
CVIRT_ENUM_STRINGS(PciControllerModel, "pci-root", "pcie-root", "pci-bridge", "dmi-to-pci-bridge", "pcie-root-port",
                   "pcie-switch-upstream-port", "pcie-switch-downstream-port", "pci-expander-bus",
                   "pcie-expander-bus", "pcie-to-pci-bridge");
enum class IdeControllerModel { Piix3, Piix4, Ich6 };
CVIRT_ENUM_STRINGS(IdeControllerModel, "piix3", "piix4", "ich6");
enum class VirtioSerialControllerModel { Virtio, VirtioTransitional, VirtioNonTransitional };
CVIRT_ENUM_STRINGS(VirtioSerialControllerModel, "virtio", "virtio-transitional", "virtio-non-transitional");

// The model attribute, typed by controller type; monostate = not given.
using ControllerModel = std::variant<std::monostate, ScsiControllerModel, UsbControllerModel, PciControllerModel,
                                     IdeControllerModel, VirtioSerialControllerModel>;

// <model name=...> of PCI controllers (the emulated device).
enum class PciModelName {
    None, PciBridge, I82801b11Bridge, Ioh3420, X3130Upstream, Xio3130Downstream, Pxb, PxbPcie, PcieRootPort,
    SpaprPciHostBridge, PciePciBridge
};
CVIRT_ENUM_STRINGS_UNSET(PciModelName, "none", "pci-bridge", "i82801b11-bridge", "ioh3420", "x3130-upstream",
                         "xio3130-downstream", "pxb", "pxb-pcie", "pcie-root-port", "spapr-pci-host-bridge",
                         "pcie-pci-bridge");

struct PciControllerOptions {
    PciModelName modelName{};
    // <target>; -1 = not given
    int chassisNr = -1, chassis = -1, port = -1, busNr = -1, targetIndex = -1;
    TriSwitch hotplug{};
    unsigned long long memReserve = 0;
    int numaNode = -1;  // <target><node>
    bool pcihole64 = false;
    unsigned long long pcihole64KiB = 0;
};

struct Controller {
    ControllerType type = ControllerType::Ide;
    int index = -1;  // -1: not given; assigned after parsing
    ControllerModel model;
    int ports = -1;                     // usb, virtio-serial
    int vectors = -1;                   // virtio-serial
    int maxGrantFrames = -1;            // xenbus
    int maxEventChannels = -1;          // xenbus
    PciControllerOptions pci;           // type pci
    // <driver>
    unsigned queues = 0, cmdPerLun = 0, maxSectors = 0, iothread = 0;
    TriSwitch ioeventfd{}, iommu{}, ats{}, packed{}, pagePerVq{};
    DeviceInfo info;

    // libvirt's name of the model ("" when none).
    std::string_view modelName() const;
    bool isUsbNone() const;
};

void xmlParse(Controller& c, const Node& node, ParseContext& ctx);
void xmlFormat(Writer& w, std::string_view name, const Controller& c, FormatContext& ctx);

// virDomainControllerInsertPreAlloced: keeps controllers of one type
// together, ordered by index, masters before their companions.
void insertController(std::vector<Controller>& controllers, Controller c);
// The checks libvirt makes while collecting parsed controllers: one
// <controller type='usb' model='none'/> excludes other USB controllers,
// and USB companions need a master. XML_DETAIL errors.
void checkUsbControllers(const std::vector<Controller>& controllers);
// virDomainAssignControllerIndexes: controllers without an index get the
// next free one (USB2 companions share their predecessor's).
void assignControllerIndexes(std::vector<Controller>& controllers);
// virDomainDefMaybeAddController: appends a controller of `type` and
// `index` unless one exists. Returns true when it added one.
bool addControllerIfMissing(std::vector<Controller>& controllers, ControllerType type, int index,
                            ControllerModel model = {});
// Implicit controllers for drive addresses (virDomainDefAddDiskControllersForType):
// for each controller index 0..max used by `driveControllers` of one bus.
void addDriveControllers(std::vector<Controller>& controllers, ControllerType type,
                         const std::vector<unsigned>& driveControllers, ControllerModel model = {});
// virDomainControllerDefValidate plus the post-parse iothread check.
void validateController(const Controller& c);

}  // namespace cvirt::conf::domain
