#include "conf/domain/devices/controller.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <climits>

#include "conf/domain/props.hpp"
#include "conf/xml/c_number.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

[[noreturn]] void unsupportedModel(const std::string& model) {
    fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Unknown model type '{}'", model);
}

template <typename E>
ControllerModel modelFrom(const std::string& text) {
    auto v = fromString<E>(text);
    if (!v)
        unsupportedModel(text);
    return *v;
}

ControllerModel parseModel(ControllerType type, const std::string& text) {
    switch (type) {
    case ControllerType::Scsi: return modelFrom<ScsiControllerModel>(text);
    case ControllerType::Usb: return modelFrom<UsbControllerModel>(text);
    case ControllerType::Pci: return modelFrom<PciControllerModel>(text);
    case ControllerType::Ide: return modelFrom<IdeControllerModel>(text);
    case ControllerType::VirtioSerial: return modelFrom<VirtioSerialControllerModel>(text);
    default: unsupportedModel(text);
    }
}

bool isUsb2(const Controller& c) {
    const auto* m = std::get_if<UsbControllerModel>(&c.model);
    return c.type == ControllerType::Usb && m &&
           (*m == UsbControllerModel::Ich9Ehci1 || *m == UsbControllerModel::Ich9Uhci1 ||
            *m == UsbControllerModel::Ich9Uhci2 || *m == UsbControllerModel::Ich9Uhci3);
}

int nonNegative(const Node& n, const char* name, int base = 10) {
    unsigned flags = kPropNonNegative;
    if (base == 0)
        flags |= kPropAnyBase;
    auto v = propInt<int>(n, name, flags);
    return v.value_or(-1);
}

void parsePciTarget(Controller& c, const Node& t) {
    c.pci.chassisNr = nonNegative(t, "chassisNr", 0);
    c.pci.chassis = nonNegative(t, "chassis", 0);
    c.pci.port = nonNegative(t, "port", 0);
    c.pci.busNr = nonNegative(t, "busNr", 0);
    c.pci.hotplug = propTriSwitch(t, "hotplug");
    c.pci.targetIndex = nonNegative(t, "index", 0);
    c.pci.memReserve = propInt<unsigned long long>(t, "memReserve", kPropNonZero | kPropAnyBase).value_or(0);
}

}  // namespace

std::string_view Controller::modelName() const {
    return std::visit(
        [](const auto& m) -> std::string_view {
            if constexpr (std::is_same_v<std::decay_t<decltype(m)>, std::monostate>)
                return {};
            else
                return toString(m);
        },
        model);
}

bool Controller::isUsbNone() const {
    const auto* m = std::get_if<UsbControllerModel>(&model);
    return type == ControllerType::Usb && m && *m == UsbControllerModel::None;
}

void xmlParse(Controller& c, const Node& node, ParseContext& ctx) {
    c = Controller{};
    c.type = propEnum<ControllerType>(node, "type").value_or(ControllerType::Ide);
    if (auto model = node.attr("model"))
        c.model = parseModel(c.type, *model);
    c.index = nonNegative(node, "index");
    if (auto d = node.child("driver")) {
        c.queues = propInt<unsigned>(d, "queues").value_or(0);
        c.cmdPerLun = propInt<unsigned>(d, "cmd_per_lun").value_or(0);
        c.maxSectors = propInt<unsigned>(d, "max_sectors").value_or(0);
        c.ioeventfd = propTriSwitch(d, "ioeventfd");
        c.iothread = propInt<unsigned>(d, "iothread").value_or(0);
        c.iommu = propTriSwitch(d, "iommu");
        c.ats = propTriSwitch(d, "ats");
        c.packed = propTriSwitch(d, "packed");
        c.pagePerVq = propTriSwitch(d, "page_per_vq");
    }
    auto models = node.children("model");
    if (models.size() > 1)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Multiple <model> elements in controller definition not allowed");
    if (models.size() == 1 && c.type == ControllerType::Pci)
        c.pci.modelName = propEnum<PciModelName>(models[0], "name").value_or(PciModelName::None);
    auto targets = node.children("target");
    if (targets.size() > 1)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Multiple <target> elements in controller definition not allowed");
    if (targets.size() == 1 && c.type == ControllerType::Pci)
        parsePciTarget(c, targets[0]);
    int numaNode = -1;
    if (!targets.empty()) {
        if (auto n = targets[0].child("node")) {
            std::string text = n.text();
            if (!text.empty()) {
                auto v = xml::cParseSigned<int>(text);
                if (!v || *v < 0)
                    fail(ErrorCode::XmlError, ErrorDomain::Domain, "invalid NUMA node in target");
                numaNode = *v;
            }
        }
    }
    // An address on a disabled USB bus is meaningless; libvirt ignores it.
    if (!c.isUsbNone())
        parseDeviceInfo(c.info, node, ctx, 0);
    int ports = nonNegative(node, "ports");
    switch (c.type) {
    case ControllerType::VirtioSerial:
        c.vectors = nonNegative(node, "vectors");
        c.ports = ports;
        break;
    case ControllerType::Usb: {
        int master = -1;
        if (const auto* m = std::get_if<UsbControllerModel>(&c.model)) {
            if (*m == UsbControllerModel::Ich9Uhci1)
                master = 0;
            else if (*m == UsbControllerModel::Ich9Uhci2)
                master = 2;
            else if (*m == UsbControllerModel::Ich9Uhci3)
                master = 4;
        }
        if (master != -1 && !c.info.masterStartport)
            c.info.masterStartport = master;
        c.ports = ports;
        break;
    }
    case ControllerType::Pci: {
        const auto* m = std::get_if<PciControllerModel>(&c.model);
        if (m && (*m == PciControllerModel::PciRoot || *m == PciControllerModel::PcieRoot)) {
            if (auto hole = node.child("pcihole64")) {
                std::optional<std::string> value = hole.text();
                if (value->empty())
                    value.reset();
                auto bytes = scaledValue(value, hole.attr("unit"), "./pcihole64", 1024, ULLONG_MAX, false);
                if (bytes) {
                    c.pci.pcihole64 = true;
                    c.pci.pcihole64KiB = (*bytes + 1023) / 1024;
                }
            }
        }
        c.pci.numaNode = numaNode;
        break;
    }
    case ControllerType::Xenbus:
        c.maxGrantFrames = nonNegative(node, "maxGrantFrames");
        c.maxEventChannels = nonNegative(node, "maxEventChannels");
        break;
    default:
        break;
    }
    validateController(c);
}

void xmlFormat(Writer& w, std::string_view name, const Controller& c, FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("type", toString(c.type));
    el.attr("index", std::to_string(c.index));
    if (auto m = c.modelName(); !m.empty())
        el.attr("model", m);
    switch (c.type) {
    case ControllerType::VirtioSerial:
        if (c.ports != -1)
            el.attr("ports", std::to_string(c.ports));
        if (c.vectors != -1)
            el.attr("vectors", std::to_string(c.vectors));
        break;
    case ControllerType::Usb:
        if (c.ports != -1)
            el.attr("ports", std::to_string(c.ports));
        break;
    case ControllerType::Xenbus:
        if (c.maxGrantFrames != -1)
            el.attr("maxGrantFrames", std::to_string(c.maxGrantFrames));
        if (c.maxEventChannels != -1)
            el.attr("maxEventChannels", std::to_string(c.maxEventChannels));
        break;
    case ControllerType::Pci: {
        const auto& p = c.pci;
        const auto* m = std::get_if<PciControllerModel>(&c.model);
        el.beginChildren();  // undone by close() when nothing follows
        bool hideName = !isSet(p.modelName) ||
                        (ctx.migratable && m && *m == PciControllerModel::PciRoot &&
                         p.modelName == PciModelName::SpaprPciHostBridge);
        if (!hideName) {
            Writer::Element mn(w, "model", true);
            mn.attr("name", toString(p.modelName));
        }
        Writer::Element t(w, "target", false);
        if (p.chassisNr != -1)
            t.attr("chassisNr", std::to_string(p.chassisNr));
        if (p.chassis != -1)
            t.attr("chassis", std::to_string(p.chassis));
        if (p.port != -1)
            t.attr("port", xml::formatHex(p.port, 1));
        if (p.busNr != -1)
            t.attr("busNr", std::to_string(p.busNr));
        if (p.targetIndex != -1)
            t.attr("index", std::to_string(p.targetIndex));
        if (isSet(p.hotplug))
            t.attr("hotplug", toString(p.hotplug));
        if (p.memReserve)
            t.attr("memReserve", std::to_string(p.memReserve));
        if (p.numaNode != -1) {
            t.beginChildren();
            w.textElement("node", std::to_string(p.numaNode));
        }
        break;
    }
    default:
        break;
    }
    {
        // Opened before we know whether it has attributes; libvirt drops
        // an empty <driver/> the same way.
        bool any = c.queues || c.cmdPerLun || c.maxSectors || isSet(c.ioeventfd) || c.iothread || isSet(c.iommu) ||
                   isSet(c.ats) || isSet(c.packed) || isSet(c.pagePerVq);
        if (any) {
            el.beginChildren();
            Writer::Element d(w, "driver", false);
            if (c.queues)
                d.attr("queues", std::to_string(c.queues));
            if (c.cmdPerLun)
                d.attr("cmd_per_lun", std::to_string(c.cmdPerLun));
            if (c.maxSectors)
                d.attr("max_sectors", std::to_string(c.maxSectors));
            if (isSet(c.ioeventfd))
                d.attr("ioeventfd", toString(c.ioeventfd));
            if (c.iothread)
                d.attr("iothread", std::to_string(c.iothread));
            if (isSet(c.iommu))
                d.attr("iommu", toString(c.iommu));
            if (isSet(c.ats))
                d.attr("ats", toString(c.ats));
            if (isSet(c.packed))
                d.attr("packed", toString(c.packed));
            if (isSet(c.pagePerVq))
                d.attr("page_per_vq", toString(c.pagePerVq));
        }
    }
    formatDeviceInfo(el, w, c.info, ctx, 0);
    if (c.type == ControllerType::Pci && c.pci.pcihole64) {
        el.beginChildren();
        Writer::Element h(w, "pcihole64", true);
        h.attr("unit", "KiB");
        h.text(std::to_string(c.pci.pcihole64KiB));
    }
}

void insertController(std::vector<Controller>& controllers, Controller c) {
    long insertAt = -1;
    for (long i = static_cast<long>(controllers.size()) - 1; i >= 0; --i) {
        const Controller& cur = controllers[i];
        if (cur.type != c.type)
            continue;
        if (c.index == -1) {
            insertAt = i + 1;
            break;
        }
        if (cur.index > c.index)
            insertAt = i;
        else if (!c.info.masterStartport && cur.info.masterStartport && cur.index == c.index)
            insertAt = i;
        else if (insertAt == -1)
            insertAt = i + 1;
    }
    if (insertAt == -1)
        controllers.push_back(std::move(c));
    else
        controllers.insert(controllers.begin() + insertAt, std::move(c));
}

void checkUsbControllers(const std::vector<Controller>& controllers) {
    bool usbNone = false, usbOther = false, usbMaster = false;
    for (const auto& c : controllers) {
        if (c.type != ControllerType::Usb)
            continue;
        if (c.isUsbNone()) {
            if (usbOther || usbNone)
                fail(ErrorCode::XmlDetail, ErrorDomain::Domain,
                     "Can't add another USB controller: USB is disabled for this domain");
            usbNone = true;
        } else {
            if (usbNone)
                fail(ErrorCode::XmlDetail, ErrorDomain::Domain,
                     "Can't add another USB controller: USB is disabled for this domain");
            usbOther = true;
        }
        if (!c.info.masterStartport)
            usbMaster = true;
    }
    if (usbOther && !usbMaster)
        fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "No master USB controller specified");
}

void assignControllerIndexes(std::vector<Controller>& controllers) {
    for (size_t i = 0; i < controllers.size(); ++i) {
        Controller& c = controllers[i];
        if (c.index != -1)
            continue;
        // A USB2 companion joins the set of the controller before it,
        // unless that set already has one of its model.
        if (i > 0 && isUsb2(c) && isUsb2(controllers[i - 1])) {
            int setIndex = controllers[i - 1].index;
            bool taken = false;
            for (size_t j = 0; j < i; ++j)
                if (controllers[j].type == c.type && controllers[j].index == setIndex && controllers[j].model == c.model)
                    taken = true;
            if (!taken) {
                c.index = setIndex;
                continue;
            }
        }
        // virDomainControllerFindUnusedIndex: the lowest free index.
        auto inUse = [&](int idx) {
            return std::any_of(controllers.begin(), controllers.end(),
                               [&](const Controller& o) { return o.type == c.type && o.index == idx; });
        };
        int next = 0;
        while (inUse(next))
            ++next;
        c.index = next;
    }
}

bool addControllerIfMissing(std::vector<Controller>& controllers, ControllerType type, int index,
                            ControllerModel model) {
    for (const auto& c : controllers)
        if (c.type == type && c.index == index)
            return false;
    Controller c;
    c.type = type;
    c.index = index;
    c.model = model;
    // libvirt appends implicit controllers (virDomainDefAddController); only
    // parsed ones are inserted in index order.
    controllers.push_back(std::move(c));
    return true;
}

void addDriveControllers(std::vector<Controller>& controllers, ControllerType type,
                         const std::vector<unsigned>& driveControllers, ControllerModel model) {
    long max = -1;
    for (unsigned idx : driveControllers)
        max = std::max(max, static_cast<long>(idx));
    for (long i = 0; i <= max; ++i)
        addControllerIfMissing(controllers, type, static_cast<int>(i), model);
}

void validateController(const Controller& c) {
    if (c.iothread) {
        const auto* m = std::get_if<ScsiControllerModel>(&c.model);
        bool virtioScsi = m && (*m == ScsiControllerModel::VirtioScsi || *m == ScsiControllerModel::VirtioTransitional ||
                                *m == ScsiControllerModel::VirtioNonTransitional);
        if (!virtioScsi)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "'iothread' attribute only supported for virtio scsi controllers");
    }
    if (c.type != ControllerType::Pci)
        return;
    const auto* m = std::get_if<PciControllerModel>(&c.model);
    const auto& o = c.pci;
    auto bad = [](const std::string& message) { throw Error(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, message); };
    if (m && (*m == PciControllerModel::PciRoot || *m == PciControllerModel::PcieRoot) && c.info.hasAddress())
        bad("pci-root and pcie-root controllers should not have an address");
    if (c.index > 255)
        bad(fmt::format("PCI controller index {} too high, maximum is 255", c.index));
    if (o.targetIndex != -1) {
        if (o.targetIndex < 0 || o.targetIndex > 30)
            bad(fmt::format("PCI controller target index '{}' out of range - must be 0-30", o.targetIndex));
        if ((c.index == 0 && o.targetIndex != 0) || (c.index != 0 && o.targetIndex == 0))
            bad("Only the PCI controller with index 0 can have target index 0, and vice versa");
    }
    if (o.chassisNr != -1 && (o.chassisNr < 1 || o.chassisNr > 255))
        bad(fmt::format("PCI controller chassisNr '{}' out of range - must be 1-255", o.chassisNr));
    if (o.chassis != -1 && (o.chassis < 0 || o.chassis > 255))
        bad(fmt::format("PCI controller chassis '{}' out of range - must be 0-255", o.chassis));
    if (o.port != -1 && (o.port < 0 || o.port > 255))
        bad(fmt::format("PCI controller port '{}' out of range - must be 0-255", o.port));
    if (o.busNr != -1 && (o.busNr < 1 || o.busNr > 254))
        bad(fmt::format("PCI controller busNr '{}' out of range - must be 1-254", o.busNr));
    if (o.numaNode >= 0 && c.index == 0)
        bad("The PCI controller with index=0 can't be associated with a NUMA node");
}

}  // namespace cvirt::conf::domain
