// Host devices passed to the guest: USB devices, PCI functions (VFIO) and
// mediated devices.
#include <fmt/format.h>

#include "drivers/qemu/command/families.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

void usbHostdev(Build& b, const Hostdev& h, const HostdevUsbSource& usb) {
    Props p{{"driver", "usb-host"}};
    if (!usb.missing) {
        if (usb.bus == 0 && usb.device == 0)
            fail(ErrorCode::InternalError, ErrorDomain::Qemu, "USB host device is missing bus/device information");
        p["hostdevice"] = fmt::format("/dev/bus/usb/{:03d}/{:03d}", usb.bus, usb.device);
    }
    p["id"] = h.info.alias;
    putPositive(p, "bootindex", h.info.bootOrder.value_or(0));
    switch (usb.guestReset) {
    case UsbGuestReset::Off: p["guest-reset"] = false; break;
    case UsbGuestReset::Uninitialized:
        p["guest-reset"] = true;
        p["guest-resets-all"] = false;
        break;
    case UsbGuestReset::On:
        p["guest-reset"] = true;
        p["guest-resets-all"] = true;
        break;
    default: break;
    }
    b.address(p, h.info);
    b.device(p);
}

void pciHostdev(Build& b, const Hostdev& h, const HostdevPciSource& pci) {
    if (pci.backend != HostdevPciBackend::Default && pci.backend != HostdevPciBackend::Vfio)
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "invalid PCI passthrough type '{}'", toString(pci.backend));
    const auto& a = pci.address;
    Props p{{"driver", "vfio-pci"},
            {"host", fmt::format("{:04x}:{:02x}:{:02x}.{}", a.domain, a.bus, a.slot, a.function)},
            {"id", h.info.alias}};
    putPositive(p, "bootindex", b.bootIndexOf(h.info));
    if (h.teaming == TeamingType::Transient && !h.teamingPersistent.empty())
        p["failover_pair_id"] = h.teamingPersistent;
    b.address(p, h.info);
    if (h.info.romEnabled == conf::TriBool::No) {
        p["romfile"] = "";
    } else {
        if (h.info.romBar != conf::TriSwitch::Absent)
            p["rombar"] = h.info.romBar == conf::TriSwitch::On ? 1 : 0;
        putString(p, "romfile", h.info.romFile);
    }
    b.device(p);
}

void mdevHostdev(Build& b, const Hostdev& h, const HostdevMdevSource& m) {
    const char* driver = "vfio-pci";
    if (m.model == MdevModel::VfioPci && m.ramfb == conf::TriSwitch::On)
        driver = "vfio-pci-nohotplug";
    else if (m.model == MdevModel::VfioCcw)
        driver = "vfio-ccw";
    else if (m.model == MdevModel::VfioAp)
        driver = "vfio-ap";
    Props p{{"driver", driver}, {"id", h.info.alias}, {"sysfsdev", "/sys/bus/mdev/devices/" + m.uuid.format()}};
    if (m.display != conf::TriSwitch::Absent)
        p["display"] = toString(m.display);
    if (m.ramfb == conf::TriSwitch::On)
        p["ramfb"] = true;
    putPositive(p, "bootindex", h.info.bootOrder.value_or(0));
    b.address(p, h.info);
    b.device(p);
}

}  // namespace

void buildHostdevs(Build& b) {
    for (const auto& h : b.def.devices.hostdevs) {
        const auto* s = h.subsys();
        if (!s)
            continue;
        if (auto* usb = std::get_if<HostdevUsbSource>(s))
            usbHostdev(b, h, *usb);
        else if (auto* pci = std::get_if<HostdevPciSource>(s)) {
            if (!std::holds_alternative<UnassignedAddress>(h.info.address))
                pciHostdev(b, h, *pci);
        } else if (auto* mdev = std::get_if<HostdevMdevSource>(s))
            mdevHostdev(b, h, *mdev);
        else
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "this host device type is not supported yet");
    }
}

}  // namespace cvirt::qemu
