// -name, -machine, -accel and the TSEG size.
#include <fmt/format.h>

#include "drivers/qemu/command/families.hpp"
#include "drivers/qemu/domain_defaults/machine.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

const MachineType* machineInfo(const Build& b) {
    if (!b.ctx.caps || !b.def.os.machine)
        return nullptr;
    const std::string& name = *b.def.os.machine;
    if (auto* m = b.ctx.caps->machine(name))
        return m;
    for (const auto& m : b.ctx.caps->machines)
        if (m.alias == name)
            return &m;
    return nullptr;
}

void featureParams(const Domain& def, std::string& m) {
    const auto& f = def.features;
    if (f.vmport != conf::TriSwitch::Absent)
        m += fmt::format(",vmport={}", toString(f.vmport));
    if (f.smm != conf::TriSwitch::Absent)
        m += fmt::format(",smm={}", toString(f.smm));
    if (f.ioapic == IoapicDriver::Qemu)
        m += ",kernel_irqchip=split";
    else if (f.ioapic == IoapicDriver::Kvm)
        m += ",kernel_irqchip=on";
    if (f.hpt) {
        if (f.hptResizing != HptResizing::None)
            m += fmt::format(",resize-hpt={}", toString(f.hptResizing));
        if (f.hptMaxPageSize)
            m += fmt::format(",cap-hpt-max-page-size={}k", f.hptMaxPageSize);
    }
    if (f.htm != conf::TriSwitch::Absent)
        m += fmt::format(",cap-htm={}", toString(f.htm));
    if (f.nestedHv != conf::TriSwitch::Absent)
        m += fmt::format(",cap-nested-hv={}", toString(f.nestedHv));
    if (f.ccfAssist != conf::TriSwitch::Absent)
        m += fmt::format(",cap-ccf-assist={}", toString(f.ccfAssist));
    if (f.cfpc != Cfpc::None)
        m += fmt::format(",cap-cfpc={}", toString(f.cfpc));
    if (f.sbbc != Sbbc::None)
        m += fmt::format(",cap-sbbc={}", toString(f.sbbc));
    if (f.ibs != Ibs::None)
        m += fmt::format(",cap-ibs={}", toString(f.ibs));
}

void memoryParams(const Build& b, std::string& m) {
    const auto& def = b.def;
    conf::TriSwitch dump = def.memory.dumpCore;
    if (dump == conf::TriSwitch::Absent)
        dump = b.ctx.config.dumpGuestCore ? conf::TriSwitch::On : conf::TriSwitch::Off;
    m += fmt::format(",dump-guest-core={}", toString(dump));
    if (def.memory.backing.nosharepages)
        m += ",mem-merge=off";
    bool nvdimm = false;
    int epc = 0;
    for (const auto& mem : def.devices.memories) {
        if (mem.model() == MemoryModel::Nvdimm && !nvdimm) {
            m += ",nvdimm=on";
            nvdimm = true;
        } else if (mem.model() == MemoryModel::SgxEpc) {
            int node = mem.targetNode < 0 ? 0 : mem.targetNode;
            m += fmt::format(",sgx-epc.{0}.memdev=mem{1},sgx-epc.{0}.node={2}", epc, mem.info.alias, node);
            ++epc;
        }
    }
    // Guest RAM is a memory-backend object named as QEMU's own default
    // RAM, so migration from older setups keeps working.
    if (def.numa.cells.empty())
        if (auto* mt = machineInfo(b); mt && !mt->defaultRamId.empty())
            m += ",memory-backend=" + mt->defaultRamId;
}

bool oldStyleUefi(const Domain& def) {
    return def.os.loader && def.os.loader->type == LoaderType::Pflash && def.os.loader->path;
}

}  // namespace

void buildName(Build& b) {
    std::string v = "guest=" + escapeComma(b.def.name);
    if (b.ctx.config.setProcessName)
        v += ",process=qemu:" + b.def.name;
    v += ",debug-threads=on";
    b.arg("-name", v);
}

void buildMachine(Build& b) {
    const Domain& def = b.def;
    std::string m = def.os.machine.value_or("");
    // QEMU would otherwise create its own USB controllers.
    m += ",usb=off";
    featureParams(def, m);
    if (def.devices.iommu && def.devices.iommu->model == IommuModel::Smmuv3)
        m += ",iommu=smmuv3";
    memoryParams(b, m);
    if (def.launchSecurity)
        m += ",confidential-guest-support=lsec0";
    if (oldStyleUefi(def)) {
        m += ",pflash0=libvirt-pflash0-format";
        if (def.os.nvram && def.os.nvram->path)
            m += ",pflash1=libvirt-pflash1-format";
    }
    bool hmat = false;
    for (const auto& cell : def.numa.cells)
        hmat = hmat || !cell.caches.empty();
    if (hmat || !def.numa.interconnects.empty())
        m += ",hmat=on";
    if (def.os.biosUseSerial == conf::TriBool::Yes)
        m += ",graphics=off";
    for (const auto& t : def.clock.timers)
        if (t.name == TimerName::Hpet && t.present != conf::TriBool::Absent)
            m += fmt::format(",hpet={}", t.present == conf::TriBool::Yes ? "on" : "off");
    for (const auto& s : def.devices.sounds)
        if (s.model == SoundModel::Pcspk) {
            m += ",pcspk-audiodev=" + audioId(b, s.audioId);
            break;
        }
    // QEMU 7.2's pc and q35 machines take acpi=on|off (libvirt uses it as
    // soon as QEMU reports the property, which 8.0 does).
    if (isX86(def) && (isI440fx(def) || isQ35(def)))
        m += fmt::format(",acpi={}", def.features.acpi == conf::TriSwitch::On ? "on" : "off");
    b.arg("-machine", m);
}

void buildAccel(Build& b) {
    const Domain& def = b.def;
    std::string a;
    switch (def.type) {
    case VirtType::Qemu:
        a = "tcg";
        if (def.features.tcgTbCache && *def.features.tcgTbCache > 0)
            a += fmt::format(",tb-size={}", *def.features.tcgTbCache >> 10);
        break;
    case VirtType::Kvm:
        a = "kvm";
        if (def.features.kvm &&
            def.features.kvmFeatures[static_cast<size_t>(KvmFeature::DirtyRing)] == conf::TriSwitch::On)
            a += fmt::format(",dirty-ring-size={}", def.features.dirtyRingSize);
        break;
    case VirtType::Hvf: a = "hvf"; break;
    default: break;
    }
    b.arg("-accel", a);
}

void buildTseg(Build& b) {
    const auto& f = b.def.features;
    if (!f.tseg)
        return;
    b.arg("-global", fmt::format("mch.extended-tseg-mbytes={}", *f.tseg >> 20));
}

}  // namespace cvirt::qemu
