// Device aliases (QEMU's device ids) as libvirt's qemuAssignDeviceAliases
// names them. The command line refers to devices by these names, and a
// running domain's XML shows them.
#include <fmt/format.h>

#include "drivers/qemu/command/command_line.hpp"
#include "drivers/qemu/domain_defaults/machine.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

// "net3" -> 3 for prefix "net"; -1 when the alias is another kind.
int aliasIndex(const std::string& alias, std::string_view prefix) {
    if (!alias.starts_with(prefix))
        return -1;
    auto n = parseInt<int>(std::string_view(alias).substr(prefix.size()));
    return n ? *n : -1;
}

template <typename List>
int nextIndex(const List& list, std::string_view prefix) {
    int next = 0;
    for (const auto& dev : list) {
        int i = aliasIndex(dev.info.alias, prefix);
        if (i >= next)
            next = i + 1;
    }
    return next;
}

void setIfEmpty(DeviceInfo& info, std::string alias) {
    if (info.alias.empty())
        info.alias = std::move(alias);
}

void diskAlias(const Domain& def, Disk& disk) {
    if (!disk.info.alias.empty())
        return;
    std::string prefix(toString(disk.bus));
    if (auto* a = std::get_if<DriveAddress>(&disk.info.address)) {
        bool fourPart = false;
        if (disk.bus == DiskBus::Scsi) {
            const Controller* c = findController(def, ControllerType::Scsi, static_cast<int>(a->controller));
            if (!c)
                fail(ErrorCode::InternalError, ErrorDomain::Qemu, "unable to find a SCSI controller for idx={}",
                     a->controller);
            auto* m = std::get_if<ScsiControllerModel>(&c->model);
            fourPart = !m || *m != ScsiControllerModel::Lsilogic;
        }
        disk.info.alias = fourPart ? fmt::format("{}{}-{}-{}-{}", prefix, a->controller, a->bus, a->target, a->unit)
                                   : fmt::format("{}{}-{}-{}", prefix, a->controller, a->bus, a->unit);
    } else {
        disk.info.alias = fmt::format("{}-disk{}", prefix, diskNameToIndex(disk.dst).value_or(0));
    }
}

void controllerAlias(const Domain& def, Controller& c) {
    if (!c.info.alias.empty())
        return;
    auto* pci = std::get_if<PciControllerModel>(&c.model);
    switch (c.type) {
    case ControllerType::Pci:
        c.info.alias = fmt::format("{}.{}", pci && *pci == PciControllerModel::PcieRoot ? "pcie" : "pci", c.index);
        return;
    case ControllerType::Ide:
        if (c.index == 0 && hasBuiltinIde(def)) {
            c.info.alias = "ide";
            return;
        }
        break;
    case ControllerType::Sata:
        if (c.index == 0 && isQ35(def)) {
            c.info.alias = "ide";
            return;
        }
        break;
    case ControllerType::Usb:
        if (c.index == 0) {
            c.info.alias = "usb";
            return;
        }
        break;
    case ControllerType::Scsi: {
        auto* m = std::get_if<ScsiControllerModel>(&c.model);
        if (c.index == 0 && m && *m == ScsiControllerModel::Ncr53c90) {
            c.info.alias = "scsi";
            return;
        }
        break;
    }
    default:
        break;
    }
    c.info.alias = fmt::format("{}{}", toString(c.type), c.index);
}

const char* chardevPrefix(ChardevDeviceType t) {
    switch (t) {
    case ChardevDeviceType::Parallel: return "parallel";
    case ChardevDeviceType::Serial: return "serial";
    case ChardevDeviceType::Console: return "console";
    case ChardevDeviceType::Channel: return "channel";
    }
    return "serial";
}

std::string memoryAlias(const Domain& def, const MemoryDevice& mem) {
    const char* prefix = "dimm";
    switch (mem.model()) {
    case MemoryModel::Nvdimm: prefix = "nvdimm"; break;
    case MemoryModel::VirtioPmem: prefix = "virtiopmem"; break;
    case MemoryModel::VirtioMem: prefix = "virtiomem"; break;
    case MemoryModel::SgxEpc: prefix = "epc"; break;
    default: break;
    }
    auto model = mem.model();
    // DIMMs are named after their slot, the rest count up.
    if (model == MemoryModel::Dimm || model == MemoryModel::Nvdimm) {
        auto* a = std::get_if<DimmAddress>(&mem.info.address);
        return fmt::format("{}{}", prefix, a ? a->slot : 0);
    }
    return fmt::format("{}{}", prefix, nextIndex(def.devices.memories, prefix));
}

}  // namespace

void assignDeviceAliases(Domain& def) {
    auto& d = def.devices;
    for (auto& disk : d.disks)
        diskAlias(def, disk);
    for (auto& net : d.interfaces) {
        if (!net.info.alias.empty())
            continue;
        if (net.type == NetType::Hostdev) {
            int idx = std::max(nextIndex(d.hostdevs, "hostdev"), nextIndex(d.interfaces, "hostdev"));
            net.info.alias = fmt::format("hostdev{}", idx);
        } else {
            net.info.alias = fmt::format("net{}", nextIndex(d.interfaces, "net"));
        }
    }
    for (auto& fs : d.filesystems)
        setIfEmpty(fs.info, fmt::format("fs{}", nextIndex(d.filesystems, "fs")));
    for (size_t i = 0; i < d.sounds.size(); ++i)
        setIfEmpty(d.sounds[i].info, fmt::format("sound{}", i));
    for (auto& h : d.hostdevs)
        if (h.info.alias.empty())
            h.info.alias = fmt::format(
                "hostdev{}", std::max(nextIndex(d.hostdevs, "hostdev"), nextIndex(d.interfaces, "hostdev")));
    for (size_t i = 0; i < d.redirdevs.size(); ++i)
        setIfEmpty(d.redirdevs[i].info, fmt::format("redir{}", i));
    for (size_t i = 0; i < d.videos.size(); ++i)
        setIfEmpty(d.videos[i].info, fmt::format("video{}", i));
    for (auto& c : d.controllers)
        controllerAlias(def, c);
    for (size_t i = 0; i < d.inputs.size(); ++i)
        setIfEmpty(d.inputs[i].info, fmt::format("input{}", i));
    for (auto* list : {&d.parallels, &d.serials, &d.channels})
        for (size_t i = 0; i < list->size(); ++i)
            setIfEmpty((*list)[i].info, fmt::format("{}{}", chardevPrefix((*list)[i].deviceType), i));
    for (size_t i = 0; i < d.consoles.size(); ++i) {
        auto& con = d.consoles[i];
        // The first console of an HVM guest stands for the first serial
        // port and shares its alias.
        if (i == 0 && con.info.alias.empty() && con.consoleTarget == ConsoleTargetType::Serial &&
            def.os.type == OsType::Hvm && !d.serials.empty() && !d.serials[0].info.alias.empty()) {
            con.info.alias = d.serials[0].info.alias;
            continue;
        }
        setIfEmpty(con.info, fmt::format("console{}", i));
    }
    for (size_t i = 0; i < d.hubs.size(); ++i)
        setIfEmpty(d.hubs[i].info, fmt::format("hub{}", i));
    for (size_t i = 0; i < d.shmems.size(); ++i)
        setIfEmpty(d.shmems[i].info, fmt::format("shmem{}", i));
    for (size_t i = 0; i < d.smartcards.size(); ++i)
        setIfEmpty(d.smartcards[i].info, fmt::format("smartcard{}", i));
    for (size_t i = 0; i < d.watchdogs.size(); ++i)
        setIfEmpty(d.watchdogs[i].info, fmt::format("watchdog{}", i));
    if (d.memballoon && d.memballoon->model != MemballoonModel::None)
        setIfEmpty(d.memballoon->info, "balloon0");
    for (auto& r : d.rngs)
        setIfEmpty(r.info, fmt::format("rng{}", nextIndex(d.rngs, "rng")));
    for (size_t i = 0; i < d.tpms.size(); ++i)
        setIfEmpty(d.tpms[i].info, fmt::format("tpm{}", i));
    for (auto& m : d.memories)
        if (m.info.alias.empty())
            m.info.alias = memoryAlias(def, m);
    if (d.vsock)
        setIfEmpty(d.vsock->info, "vsock0");
    if (d.iommu)
        setIfEmpty(d.iommu->info, "iommu0");
    for (auto& c : d.cryptos)
        setIfEmpty(c.info, fmt::format("crypto{}", nextIndex(d.cryptos, "crypto")));
}

}  // namespace cvirt::qemu
