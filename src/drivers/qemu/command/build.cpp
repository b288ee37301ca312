#include "drivers/qemu/command/build.hpp"

#include <fmt/format.h>

#include "drivers/qemu/domain_defaults/machine.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

void putSwitch(Props& p, const char* key, conf::TriSwitch v) {
    if (v != conf::TriSwitch::Absent)
        p[key] = v == conf::TriSwitch::On;
}

void putBool(Props& p, const char* key, conf::TriBool v) {
    if (v != conf::TriBool::Absent)
        p[key] = v == conf::TriBool::Yes;
}

void putPositive(Props& p, const char* key, uint64_t v) {
    if (v > 0)
        p[key] = v;
}

void putNonNegative(Props& p, const char* key, long long v) {
    if (v >= 0)
        p[key] = v;
}

void putString(Props& p, const char* key, const std::optional<std::string>& v) {
    if (v)
        p[key] = *v;
}

std::string jsonArg(const Props& p) { return p.dump(); }

std::string escapeComma(std::string_view value) {
    std::string out;
    for (char c : value) {
        out += c;
        if (c == ',')
            out += ',';
    }
    return out;
}

void Build::env(const std::string& name, const std::string& value) {
    std::string entry = name + "=" + value;
    for (auto& e : cmd_.env)
        if (e.compare(0, name.size() + 1, name + "=") == 0) {
            e = entry;
            return;
        }
    cmd_.env.push_back(std::move(entry));
}

std::string Build::controllerAlias(ControllerType type, unsigned index) const {
    const Controller* c = findController(def, type, static_cast<int>(index));
    if (!c || c->info.alias.empty())
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "Could not find {} controller with index {} required for device",
             toString(type), index);
    return c->info.alias;
}

std::string Build::pciBus(unsigned bus) const {
    for (const auto& c : def.devices.controllers) {
        if (c.type != ControllerType::Pci || c.index != static_cast<int>(bus))
            continue;
        if (c.info.alias.empty())
            fail(ErrorCode::InternalError, ErrorDomain::Qemu,
                 "Device alias was not set for PCI controller with index '{}' required for device", bus);
        if (c.info.alias.starts_with("ua-")) {
            // The implicit root bus keeps QEMU's own name.
            auto* m = std::get_if<PciControllerModel>(&c.model);
            if (m && *m == PciControllerModel::PciRoot)
                return "pci.0";
            if (m && *m == PciControllerModel::PcieRoot)
                return "pcie.0";
        }
        return c.info.alias;
    }
    fail(ErrorCode::InternalError, ErrorDomain::Qemu, "Could not find PCI controller with index '{}' required for device",
         bus);
}

void Build::address(Props& p, const DeviceInfo& info) const {
    if (auto* a = std::get_if<PciAddress>(&info.address)) {
        p["bus"] = pciBus(a->bus);
        putSwitch(p, "multifunction", a->multifunction);
        p["addr"] = a->function ? fmt::format("0x{:x}.0x{:x}", a->slot, a->function) : fmt::format("0x{:x}", a->slot);
        if (info.acpiIndex && *info.acpiIndex)
            p["acpi-index"] = *info.acpiIndex;
    } else if (auto* usb = std::get_if<UsbAddress>(&info.address)) {
        p["bus"] = controllerAlias(ControllerType::Usb, usb->bus) + ".0";
        if (!usb->port.empty())
            p["port"] = usb->port;
    } else if (auto* isa = std::get_if<IsaAddress>(&info.address)) {
        p["iobase"] = isa->iobase.value_or(0);
        if (isa->irq && *isa->irq)
            p["irq"] = *isa->irq;
    } else if (auto* dimm = std::get_if<DimmAddress>(&info.address)) {
        p["slot"] = dimm->slot;
        if (dimm->base && *dimm->base)
            p["addr"] = *dimm->base;
    } else if (auto* vs = std::get_if<VirtioSerialAddress>(&info.address)) {
        p["bus"] = fmt::format("{}.{}", controllerAlias(ControllerType::VirtioSerial, vs->controller), vs->bus);
        p["nr"] = vs->port;
    } else if (auto* ccw = std::get_if<CcwAddress>(&info.address)) {
        p["devno"] = fmt::format("{:x}.{:x}.{:04x}", ccw->cssid, ccw->ssid, ccw->devno);
    }
}

std::string Build::virtioDevice(const std::string& base, const DeviceInfo& info, bool transitional,
                                bool nonTransitional, bool busSuffix) const {
    std::string name = base;
    const char* impl = nullptr;
    if (std::holds_alternative<PciAddress>(info.address))
        impl = "pci";
    else if (std::holds_alternative<VirtioMmioAddress>(info.address))
        impl = "device";
    else if (std::holds_alternative<CcwAddress>(info.address))
        impl = "ccw";
    else
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "Unexpected address type for '{}'", base);
    if (busSuffix)
        name += std::string("-") + impl;
    if ((transitional || nonTransitional) && !std::holds_alternative<PciAddress>(info.address))
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
             "virtio (non-)transitional models are not supported for address type={}", addressTypeName(info.address));
    if (transitional)
        name += "-transitional";
    else if (nonTransitional)
        name += "-non-transitional";
    return name;
}

Props Build::virtioProps(const std::string& base, const DeviceInfo& info, bool transitional, bool nonTransitional,
                         const VirtioOptions* options, bool busSuffix) const {
    Props p;
    p["driver"] = virtioDevice(base, info, transitional, nonTransitional, busSuffix);
    if (options) {
        putSwitch(p, "iommu_platform", options->iommu);
        putSwitch(p, "ats", options->ats);
        putSwitch(p, "packed", options->packed);
        putSwitch(p, "page-per-vq", options->pagePerVq);
    }
    return p;
}

}  // namespace cvirt::qemu
