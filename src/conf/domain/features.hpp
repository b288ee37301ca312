#pragma once
// Hypervisor features: <features> with acpi, apic, pae, hap, viridian,
// privnet, hyperv (and its enlightenments), kvm, pvspinlock, capabilities,
// pmu, vmport, gic, smm (tseg), ioapic, hpt, vmcoreinfo, htm, nested-hv,
// msrs, ccf-assist, xen, cfpc, sbbc, ibs, tcg and async-teardown: the set
// libvirt 9.6 knows (any other child element is rejected, as libvirt does).

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "conf/domain/props.hpp"
#include "conf/xml/writer.hpp"

namespace cvirt::conf::domain {

enum class HypervMode { None, Custom, Passthrough };
CVIRT_ENUM_STRINGS_UNSET(HypervMode, "none", "custom", "passthrough");
enum class HypervFeature {
    Relaxed, Vapic, Spinlocks, Vpindex, Runtime, Synic, Stimer, Reset, VendorId, Frequencies, Reenlightenment,
    Tlbflush, Ipi, Evmcs, Avic, Count_
};
CVIRT_ENUM_STRINGS(HypervFeature, "relaxed", "vapic", "spinlocks", "vpindex", "runtime", "synic", "stimer", "reset",
                   "vendor_id", "frequencies", "reenlightenment", "tlbflush", "ipi", "evmcs", "avic");
enum class KvmFeature { Hidden, HintDedicated, PollControl, PvIpi, DirtyRing, Count_ };
CVIRT_ENUM_STRINGS(KvmFeature, "hidden", "hint-dedicated", "poll-control", "pv-ipi", "dirty-ring");
enum class XenFeature { E820Host, Passthrough, Count_ };
CVIRT_ENUM_STRINGS(XenFeature, "e820_host", "passthrough");
enum class XenPassthroughMode { Default, SyncPt, SharePt };
CVIRT_ENUM_STRINGS_UNSET(XenPassthroughMode, "default", "sync_pt", "share_pt");
enum class CapabilitiesPolicy { Default, Allow, Deny };
CVIRT_ENUM_STRINGS(CapabilitiesPolicy, "default", "allow", "deny");
enum class ProcessCapability {
    AuditControl, AuditWrite, BlockSuspend, Chown, DacOverride, DacReadSearch, Fowner, Fsetid, IpcLock, IpcOwner,
    Kill, Lease, LinuxImmutable, MacAdmin, MacOverride, Mknod, NetAdmin, NetBindService, NetBroadcast, NetRaw,
    Setgid, Setfcap, Setpcap, Setuid, SysAdmin, SysBoot, SysChroot, SysModule, SysNice, SysPacct, SysPtrace,
    SysRawio, SysResource, SysTime, SysTtyConfig, Syslog, WakeAlarm, Count_
};
CVIRT_ENUM_STRINGS(ProcessCapability, "audit_control", "audit_write", "block_suspend", "chown", "dac_override",
                   "dac_read_search", "fowner", "fsetid", "ipc_lock", "ipc_owner", "kill", "lease",
                   "linux_immutable", "mac_admin", "mac_override", "mknod", "net_admin", "net_bind_service",
                   "net_broadcast", "net_raw", "setgid", "setfcap", "setpcap", "setuid", "sys_admin", "sys_boot",
                   "sys_chroot", "sys_module", "sys_nice", "sys_pacct", "sys_ptrace", "sys_rawio", "sys_resource",
                   "sys_time", "sys_tty_config", "syslog", "wake_alarm");
enum class GicVersion { None, V2, V3, Host };
CVIRT_ENUM_STRINGS_UNSET(GicVersion, "none", "2", "3", "host");
enum class IoapicDriver { None, Qemu, Kvm };
CVIRT_ENUM_STRINGS_UNSET(IoapicDriver, "none", "qemu", "kvm");
enum class HptResizing { None, Enabled, Disabled, Required };
CVIRT_ENUM_STRINGS_UNSET(HptResizing, "none", "enabled", "disabled", "required");
enum class MsrsUnknown { Ignore, Fault };
CVIRT_ENUM_STRINGS(MsrsUnknown, "ignore", "fault");
// Spectre-class mitigations on POWER (cfpc, sbbc) and AMD (ibs).
enum class Cfpc { None, Broken, Workaround, Fixed };
CVIRT_ENUM_STRINGS_UNSET(Cfpc, "none", "broken", "workaround", "fixed");
enum class Sbbc { None, Broken, Workaround, Fixed };
CVIRT_ENUM_STRINGS_UNSET(Sbbc, "none", "broken", "workaround", "fixed");
enum class Ibs { None, Broken, Workaround, FixedIbs, FixedCcd, FixedNa };
CVIRT_ENUM_STRINGS_UNSET(Ibs, "none", "broken", "workaround", "fixed-ibs", "fixed-ccd", "fixed-na");

struct Hyperv {
    HypervMode mode{};
    std::array<TriSwitch, static_cast<size_t>(HypervFeature::Count_)> features{};
    unsigned spinlockRetries = 0;
    std::string vendorId;
    TriSwitch stimerDirect{};

    TriSwitch& operator[](HypervFeature f) { return features[static_cast<size_t>(f)]; }
    TriSwitch operator[](HypervFeature f) const { return features[static_cast<size_t>(f)]; }
};

struct Features {
    // <acpi/>, <pae/>, <viridian/>, <privnet/>: on when present
    TriSwitch acpi{}, pae{}, viridian{}, privnet{};
    TriSwitch apic{}, apicEoi{};
    // state='on|off' (absent state means on where libvirt says so)
    TriSwitch hap{}, pmu{}, pvspinlock{}, vmport{}, vmcoreinfo{}, htm{}, nestedHv{}, ccfAssist{};
    TriSwitch smm{};
    std::optional<uint64_t> tseg;  // bytes
    Hyperv hyperv;
    bool kvm = false;
    std::array<TriSwitch, static_cast<size_t>(KvmFeature::Count_)> kvmFeatures{};
    unsigned dirtyRingSize = 0;
    bool xen = false;
    std::array<TriSwitch, static_cast<size_t>(XenFeature::Count_)> xenFeatures{};
    XenPassthroughMode xenPassthroughMode{};
    CapabilitiesPolicy capabilitiesPolicy{};
    std::array<TriSwitch, static_cast<size_t>(ProcessCapability::Count_)> capabilities{};
    bool gic = false;
    GicVersion gicVersion{};
    IoapicDriver ioapic{};
    bool hpt = false;
    HptResizing hptResizing{};
    uint64_t hptMaxPageSize = 0;  // KiB
    bool msrs = false;
    MsrsUnknown msrsUnknown{};
    Cfpc cfpc{};
    Sbbc sbbc{};
    Ibs ibs{};
    std::optional<uint64_t> tcgTbCache;  // KiB
    TriBool asyncTeardown{};
};

void parseFeatures(Features& f, const Node& domain);
void formatFeatures(xml::Writer& w, const Features& f);

}  // namespace cvirt::conf::domain
