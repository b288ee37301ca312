// -cpu: the model (custom, host-passthrough, maximum) with its features,
// then the paravirtual and Hyper-V enlightenments QEMU takes as CPU flags.
#include <fmt/format.h>

#include "drivers/qemu/command/families.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

// libvirt's x86 feature names where QEMU spells them differently.
std::string qemuFeatureName(const std::string& name) {
    static const std::pair<const char*, const char*> kRenames[] = {
        {"cmp_legacy", "cmp-legacy"},     {"ds_cpl", "ds-cpl"},         {"fxsr_opt", "fxsr-opt"},
        {"kvm_pv_eoi", "kvm-pv-eoi"},     {"kvm_pv_unhalt", "kvm-pv-unhalt"}, {"lahf_lm", "lahf-lm"},
        {"nodeid_msr", "nodeid-msr"},     {"pclmuldq", "pclmulqdq"},    {"perfctr_core", "perfctr-core"},
        {"perfctr_nb", "perfctr-nb"},     {"tsc_adjust", "tsc-adjust"},
    };
    for (const auto& [from, to] : kRenames)
        if (name == from)
            return to;
    return name;
}

std::string modelPart(const Domain& def, bool kvm) {
    const auto& cpu = *def.cpu;
    std::string s;
    switch (cpu.mode) {
    case CpuMode::HostPassthrough:
    case CpuMode::Maximum:
        s = cpu.mode == CpuMode::Maximum ? "max" : "host";
        if (cpu.migratable != conf::TriSwitch::Absent)
            s += fmt::format(",migratable={}", toString(cpu.migratable));
        break;
    case CpuMode::HostModel:
        // libvirt turns host-model into the host's named model from its CPU
        // map; without that map the closest QEMU offers is the host CPU
        // (KVM) or everything TCG can emulate.
        s = kvm ? "host" : "max";
        break;
    case CpuMode::Custom: s = cpu.model.value_or(""); break;
    }
    if (cpu.vendorId)
        s += ",vendor=" + *cpu.vendorId;
    for (const auto& f : cpu.features) {
        switch (f.policy) {
        case CpuFeaturePolicy::Force:
        case CpuFeaturePolicy::Require: s += "," + qemuFeatureName(f.name) + "=on"; break;
        case CpuFeaturePolicy::Disable:
        case CpuFeaturePolicy::Forbid: s += "," + qemuFeatureName(f.name) + "=off"; break;
        case CpuFeaturePolicy::Optional: break;
        }
    }
    return s;
}

void hypervFlags(const Domain& def, std::string& f) {
    const auto& hv = def.features.hyperv;
    if (hv.mode == HypervMode::None)
        return;
    if (hv.mode == HypervMode::Passthrough)
        f += ",hv-passthrough=on";
    for (size_t i = 0; i < static_cast<size_t>(HypervFeature::Count_); ++i) {
        auto feature = static_cast<HypervFeature>(i);
        if (hv[feature] != conf::TriSwitch::On)
            continue;
        switch (feature) {
        case HypervFeature::Spinlocks: f += fmt::format(",hv-spinlocks=0x{:x}", hv.spinlockRetries); break;
        case HypervFeature::VendorId: f += ",hv-vendor-id=" + hv.vendorId; break;
        default:
            f += fmt::format(",hv-{}=on", toString(feature));
            if (feature == HypervFeature::Stimer && hv.stimerDirect == conf::TriSwitch::On)
                f += ",hv-stimer-direct=on";
            break;
        }
    }
}

}  // namespace

void buildCpu(Build& b) {
    const Domain& def = b.def;
    std::string model;
    if (def.cpu && (def.cpu->mode != CpuMode::Custom || def.cpu->model))
        model = modelPart(def, def.type == VirtType::Kvm);
    else if (def.os.arch == Arch::I686 && def.devices.emulator.find("x86_64") != std::string::npos)
        model = "qemu32";

    std::string f;
    for (const auto& t : def.clock.timers) {
        if (t.name == TimerName::Kvmclock && t.present != conf::TriBool::Absent)
            f += fmt::format(",kvmclock={}", t.present == conf::TriBool::Yes ? "on" : "off");
        else if (t.name == TimerName::Hypervclock && t.present == conf::TriBool::Yes)
            f += ",hv-time=on";
        else if (t.name == TimerName::Tsc && t.frequency > 0)
            f += fmt::format(",tsc-frequency={}", t.frequency);
        else if (t.name == TimerName::Armvtimer && t.tickpolicy == TimerTickpolicy::Delay)
            f += ",kvm-no-adjvtime=off";
        else if (t.name == TimerName::Armvtimer && t.tickpolicy == TimerTickpolicy::Discard)
            f += ",kvm-no-adjvtime=on";
    }
    const auto& feat = def.features;
    if (feat.apicEoi != conf::TriSwitch::Absent)
        f += fmt::format(",kvm-pv-eoi={}", toString(feat.apicEoi));
    if (feat.pvspinlock != conf::TriSwitch::Absent)
        f += fmt::format(",kvm-pv-unhalt={}", toString(feat.pvspinlock));
    hypervFlags(def, f);
    for (const auto& p : def.devices.panics)
        if (p.model == PanicModel::Hyperv) {
            f += ",hv-crash";
            break;
        }
    if (feat.kvm) {
        auto kf = [&](KvmFeature k) { return feat.kvmFeatures[static_cast<size_t>(k)]; };
        if (kf(KvmFeature::Hidden) == conf::TriSwitch::On)
            f += ",kvm=off";
        if (kf(KvmFeature::HintDedicated) == conf::TriSwitch::On)
            f += ",kvm-hint-dedicated=on";
        if (kf(KvmFeature::PollControl) == conf::TriSwitch::On)
            f += ",kvm-poll-control=on";
        if (kf(KvmFeature::PvIpi) == conf::TriSwitch::Off)
            f += ",kvm-pv-ipi=off";
    }
    if (feat.pmu != conf::TriSwitch::Absent)
        f += fmt::format(",pmu={}", toString(feat.pmu));
    if (def.cpu && def.cpu->cache) {
        bool hostOff = false, l3Off = false;
        switch (def.cpu->cache->mode) {
        case CpuCacheMode::Emulate:
            f += ",l3-cache=on";
            hostOff = true;
            break;
        case CpuCacheMode::Passthrough:
            f += ",host-cache-info=on";
            l3Off = true;
            break;
        case CpuCacheMode::Disable: hostOff = l3Off = true; break;
        }
        if (hostOff && (def.cpu->mode == CpuMode::HostPassthrough || def.cpu->mode == CpuMode::Maximum))
            f += ",host-cache-info=off";
        if (l3Off)
            f += ",l3-cache=off";
    }
    if (def.cpu && def.cpu->maxPhysAddr) {
        const auto& a = *def.cpu->maxPhysAddr;
        if (a.mode == MaxPhysAddrMode::Passthrough) {
            f += ",host-phys-bits=on";
            if (a.limit > 0)
                f += fmt::format(",host-phys-bits-limit={}", a.limit);
        } else if (a.bits > 0) {
            f += fmt::format(",phys-bits={}", a.bits);
        } else {
            f += ",host-phys-bits=off";
        }
    }
    if (!f.empty() && model.empty())
        model = def.os.arch == Arch::I686 ? "qemu32" : "qemu64";
    if (!model.empty())
        b.arg("-cpu", model + f);
}

}  // namespace cvirt::qemu
