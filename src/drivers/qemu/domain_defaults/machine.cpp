#include "drivers/qemu/domain_defaults/machine.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

const std::string& machineOf(const Domain& def) {
    static const std::string none;
    return def.os.machine ? *def.os.machine : none;
}

bool startsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

bool rootModelIs(const Domain& def, PciControllerModel model) {
    const Controller* c = findController(def, ControllerType::Pci, 0);
    if (!c)
        return false;
    const auto* m = std::get_if<PciControllerModel>(&c->model);
    return m && *m == model;
}

}  // namespace

bool isX86(const Domain& def) { return def.os.arch == Arch::X86_64 || def.os.arch == Arch::I686; }

bool isQ35(const Domain& def) {
    const auto& m = machineOf(def);
    return m == "q35" || startsWith(m, "pc-q35-");
}

bool isI440fx(const Domain& def) {
    const auto& m = machineOf(def);
    return m == "pc" || startsWith(m, "pc-0.") || startsWith(m, "pc-1.") || startsWith(m, "pc-i440fx-") ||
           startsWith(m, "rhel");
}

bool hasBuiltinIde(const Domain& def) {
    const auto& m = machineOf(def);
    return isI440fx(def) || m == "malta" || m == "sun4u" || m == "g3beige";
}

bool needsExplicitFdc(const Domain& def) {
    if (!isQ35(def))
        return false;
    const auto& m = machineOf(def);
    if (!startsWith(m, "pc-q35-"))
        return true;
    std::string v = m.substr(7);
    return !(startsWith(v, "1.") || v == "2.0" || v == "2.1" || v == "2.2" || v == "2.3");
}

bool supportsPci(const Domain& def) {
    if (!isX86(def))
        return true;
    const auto& m = machineOf(def);
    return m != "isapc" && m != "microvm";
}

bool hasPciRoot(const Domain& def) { return rootModelIs(def, PciControllerModel::PciRoot); }
bool hasPcieRoot(const Domain& def) { return rootModelIs(def, PciControllerModel::PcieRoot); }

const Controller* findController(const Domain& def, ControllerType type, int index) {
    for (const auto& c : def.devices.controllers)
        if (c.type == type && c.index == index)
            return &c;
    return nullptr;
}

}  // namespace cvirt::qemu
