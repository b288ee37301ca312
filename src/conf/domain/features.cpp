#include "conf/domain/features.hpp"

#include <climits>

#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

using xml::Writer;

constexpr unsigned kMinSpinlockRetries = 0xFFF;
constexpr size_t kHypervVendorIdMax = 12;

// The features libvirt 9.6 accepts under <features>, in its format order.
enum class Feature {
    Acpi, Apic, Pae, Hap, Viridian, Privnet, Hyperv, Kvm, Pvspinlock, Capabilities, Pmu, Vmport, Gic, Smm, Ioapic,
    Hpt, Vmcoreinfo, Htm, NestedHv, Msrs, CcfAssist, Xen, Cfpc, Sbbc, Ibs, Tcg, AsyncTeardown
};
CVIRT_ENUM_STRINGS(Feature, "acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv", "kvm", "pvspinlock",
                   "capabilities", "pmu", "vmport", "gic", "smm", "ioapic", "hpt", "vmcoreinfo", "htm", "nested-hv",
                   "msrs", "ccf-assist", "xen", "cfpc", "sbbc", "ibs", "tcg", "async-teardown");

// state='on|off', on when absent.
TriSwitch stateOrOn(const Node& n) {
    TriSwitch s = propTriSwitch(n, "state");
    return isSet(s) ? s : TriSwitch::On;
}

void parseHyperv(Features& f, const Node& node) {
    auto& h = f.hyperv;
    h.mode = propEnum<HypervMode>(node, "mode", kPropNonZero).value_or(HypervMode::Custom);
    if (h.mode == HypervMode::Passthrough)
        return;
    for (const auto& child : node.children()) {
        auto feature = fromString<HypervFeature>(child.name());
        if (!feature)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unsupported HyperV Enlightenment feature: {}",
                 child.name());
        TriSwitch value = propTriSwitch(child, "state", kPropRequired);
        h[*feature] = value;
        if (value != TriSwitch::On)
            continue;
        switch (*feature) {
        case HypervFeature::Stimer:
            for (const auto& sub : child.children()) {
                if (sub.name() != "direct")
                    fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unsupported Hyper-V stimer feature: {}",
                         sub.name());
                h.stimerDirect = propTriSwitch(sub, "state", kPropRequired);
            }
            break;
        case HypervFeature::Spinlocks:
            h.spinlockRetries = *propInt<unsigned>(child, "retries", kPropRequired | kPropAnyBase);
            if (h.spinlockRetries < kMinSpinlockRetries)
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "HyperV spinlock retry count must be at least 4095");
            break;
        case HypervFeature::VendorId: {
            auto id = child.attr("value");
            if (!id)
                fail(ErrorCode::XmlError, ErrorDomain::Domain,
                     "missing 'value' attribute for HyperV feature 'vendor_id'");
            if (id->size() > kHypervVendorIdMax)
                fail(ErrorCode::XmlError, ErrorDomain::Domain,
                     "HyperV vendor_id value must not be more than {} characters.", kHypervVendorIdMax);
            if (id->find(',') != std::string::npos)
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "HyperV vendor_id value is invalid");
            h.vendorId = *id;
            break;
        }
        default:
            break;
        }
    }
}

void parseKvm(Features& f, const Node& node) {
    for (const auto& child : node.children()) {
        auto feature = fromString<KvmFeature>(child.name());
        if (!feature)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unsupported KVM feature: {}", child.name());
        TriSwitch value = propTriSwitch(child, "state", kPropRequired);
        f.kvmFeatures[static_cast<size_t>(*feature)] = value;
        if (*feature == KvmFeature::DirtyRing && value == TriSwitch::On) {
            unsigned size = *propInt<unsigned>(child, "size", kPropRequired | kPropAnyBase);
            if ((size & (size - 1)) != 0 || size < 1024 || size > 65536)
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "dirty ring must be power of 2 and ranges [1024, 65536]");
            f.dirtyRingSize = size;
        }
    }
    f.kvm = true;
}

void parseXen(Features& f, const Node& node) {
    f.xen = true;
    for (const auto& child : node.children()) {
        auto feature = fromString<XenFeature>(child.name());
        if (!feature)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unsupported Xen feature: {}", child.name());
        TriSwitch value = propTriSwitch(child, "state", kPropRequired);
        f.xenFeatures[static_cast<size_t>(*feature)] = value;
        if (*feature == XenFeature::Passthrough && value == TriSwitch::On)
            f.xenPassthroughMode =
                propEnum<XenPassthroughMode>(child, "mode", kPropNonZero).value_or(XenPassthroughMode::Default);
    }
}

void parseCapabilities(Features& f, const Node& node) {
    f.capabilitiesPolicy = propEnum<CapabilitiesPolicy>(node, "policy").value_or(CapabilitiesPolicy::Default);
    for (const auto& child : node.children()) {
        auto cap = fromString<ProcessCapability>(child.name());
        if (!cap)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unexpected capability feature '{}'",
                 child.name());
        f.capabilities[static_cast<size_t>(*cap)] = stateOrOn(child);
    }
}

void parseSmm(Features& f, const Node& node) {
    f.smm = stateOrOn(node);
    if (f.smm != TriSwitch::On)
        return;
    Node tseg = node.child("tseg");
    if (!tseg)
        return;
    f.tseg = scaledValue(nonEmptyText(tseg), tseg.attr("unit"), "string(./features/smm/tseg)", 1024 * 1024,
                         ULLONG_MAX, false);
}

void parseHpt(Features& f, const Node& node) {
    f.hptResizing = propEnum<HptResizing>(node, "resizing", kPropNonZero).value_or(HptResizing::None);
    Node max = node.child("maxpagesize");
    std::optional<uint64_t> bytes;
    try {
        bytes = scaledValue(max ? nonEmptyText(max) : std::nullopt, max ? max.attr("unit") : std::nullopt,
                            "./features/hpt/maxpagesize", 1024, ULLONG_MAX, false);
    } catch (const Error&) {
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Unable to parse HPT maxpagesize setting");
    }
    f.hptMaxPageSize = (bytes.value_or(0) + 1023) / 1024;
    if (isSet(f.hptResizing) || f.hptMaxPageSize > 0)
        f.hpt = true;
}

template <StringEnum E>
E valueAttr(const Node& node) {
    return propEnum<E>(node, "value", kPropNonZero).value_or(E{});
}

void stateElement(Writer& w, std::string_view name, TriSwitch s) {
    if (!isSet(s))
        return;
    Writer::Element e(w, name, true);
    e.attr("state", toString(s));
}

template <StringEnum E>
void valueElement(Writer& w, const char* name, E value) {
    if (!isSet(value))
        return;
    Writer::Element e(w, name, true);
    e.attr("value", toString(value));
}

}  // namespace

void parseFeatures(Features& f, const Node& domain) {
    Node node = domain.child("features");
    if (!node)
        return;
    for (const auto& child : node.children()) {
        auto feature = fromString<Feature>(child.name());
        if (!feature)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unexpected feature '{}'", child.name());
        switch (*feature) {
        case Feature::Acpi: f.acpi = TriSwitch::On; break;
        case Feature::Pae: f.pae = TriSwitch::On; break;
        case Feature::Viridian: f.viridian = TriSwitch::On; break;
        case Feature::Privnet: f.privnet = TriSwitch::On; break;
        case Feature::Apic:
            f.apicEoi = propTriSwitch(child, "eoi");
            f.apic = TriSwitch::On;
            break;
        case Feature::Msrs:
            f.msrsUnknown = *propEnum<MsrsUnknown>(child, "unknown", kPropRequired);
            f.msrs = true;
            break;
        case Feature::Hyperv: parseHyperv(f, child); break;
        case Feature::Kvm: parseKvm(f, child); break;
        case Feature::Xen: parseXen(f, child); break;
        case Feature::Capabilities: parseCapabilities(f, child); break;
        case Feature::Vmcoreinfo: f.vmcoreinfo = stateOrOn(child); break;
        case Feature::Hap: f.hap = stateOrOn(child); break;
        case Feature::Pmu: f.pmu = stateOrOn(child); break;
        case Feature::Pvspinlock: f.pvspinlock = stateOrOn(child); break;
        case Feature::Vmport: f.vmport = stateOrOn(child); break;
        case Feature::Smm: parseSmm(f, child); break;
        case Feature::Gic:
            f.gicVersion = propEnum<GicVersion>(child, "version", kPropNonZero).value_or(GicVersion::None);
            f.gic = true;
            break;
        case Feature::Ioapic:
            f.ioapic = propEnum<IoapicDriver>(child, "driver", kPropNonZero).value_or(IoapicDriver::None);
            break;
        case Feature::Hpt: parseHpt(f, child); break;
        case Feature::Cfpc: f.cfpc = valueAttr<Cfpc>(child); break;
        case Feature::Sbbc: f.sbbc = valueAttr<Sbbc>(child); break;
        case Feature::Ibs: f.ibs = valueAttr<Ibs>(child); break;
        case Feature::Htm: f.htm = propTriSwitch(child, "state", kPropRequired); break;
        case Feature::NestedHv: f.nestedHv = propTriSwitch(child, "state", kPropRequired); break;
        case Feature::CcfAssist: f.ccfAssist = propTriSwitch(child, "state", kPropRequired); break;
        case Feature::Tcg: {
            Node cache = child.child("tb-cache");
            auto kib = memoryKiB(cache ? nonEmptyText(cache) : std::nullopt,
                                 cache ? cache.attr("unit") : std::nullopt, "./tb-cache", false);
            if (kib && *kib)
                f.tcgTbCache = kib;
            break;
        }
        case Feature::AsyncTeardown: {
            TriBool enabled = propTriBool(child, "enabled");
            f.asyncTeardown = isSet(enabled) ? enabled : TriBool::Yes;
            break;
        }
        }
    }
}

void formatFeatures(Writer& w, const Features& f) {
    Writer::Element el(w, "features", false);
    auto open = [&] { el.beginChildren(); };
    auto simple = [&](const char* name, TriSwitch s) {
        if (s != TriSwitch::On)
            return;
        open();
        Writer::Element e(w, name, true);
    };
    auto state = [&](const char* name, TriSwitch s) {
        if (!isSet(s))
            return;
        open();
        stateElement(w, name, s);
    };

    simple("acpi", f.acpi);
    if (f.apic == TriSwitch::On) {
        open();
        Writer::Element e(w, "apic", true);
        if (isSet(f.apicEoi))
            e.attr("eoi", toString(f.apicEoi));
    }
    simple("pae", f.pae);
    state("hap", f.hap);
    simple("viridian", f.viridian);
    simple("privnet", f.privnet);
    if (isSet(f.hyperv.mode)) {
        open();
        Writer::Element hv(w, "hyperv", true);
        hv.attr("mode", toString(f.hyperv.mode));
        hv.keepOpen();
        hv.beginChildren();
        for (size_t i = 0; i < f.hyperv.features.size(); ++i) {
            TriSwitch s = f.hyperv.features[i];
            if (!isSet(s))
                continue;
            auto feature = static_cast<HypervFeature>(i);
            Writer::Element e(w, toString(feature), true);
            e.attr("state", toString(s));
            if (s != TriSwitch::On)
                continue;
            if (feature == HypervFeature::Spinlocks) {
                e.attr("retries", std::to_string(f.hyperv.spinlockRetries));
            } else if (feature == HypervFeature::VendorId) {
                e.attr("value", f.hyperv.vendorId);
            } else if (feature == HypervFeature::Stimer && f.hyperv.stimerDirect == TriSwitch::On) {
                e.beginChildren();
                Writer::Element d(w, "direct", true);
                d.attr("state", "on");
            }
        }
    }
    if (f.kvm) {
        open();
        Writer::Element kvm(w, "kvm", true);
        kvm.keepOpen();
        kvm.beginChildren();
        for (size_t i = 0; i < f.kvmFeatures.size(); ++i) {
            TriSwitch s = f.kvmFeatures[i];
            if (!isSet(s))
                continue;
            Writer::Element e(w, toString(static_cast<KvmFeature>(i)), true);
            e.attr("state", toString(s));
            if (static_cast<KvmFeature>(i) == KvmFeature::DirtyRing && f.dirtyRingSize > 0)
                e.attr("size", std::to_string(f.dirtyRingSize));
        }
    }
    state("pvspinlock", f.pvspinlock);
    {
        bool anyCap = false;
        for (auto c : f.capabilities)
            anyCap = anyCap || isSet(c);
        if (anyCap || f.capabilitiesPolicy != CapabilitiesPolicy::Default) {
            open();
            Writer::Element caps(w, "capabilities", true);
            caps.attr("policy", toString(f.capabilitiesPolicy));
            for (size_t i = 0; i < f.capabilities.size(); ++i) {
                if (!isSet(f.capabilities[i]))
                    continue;
                caps.beginChildren();
                stateElement(w, toString(static_cast<ProcessCapability>(i)), f.capabilities[i]);
            }
        }
    }
    state("pmu", f.pmu);
    state("vmport", f.vmport);
    if (f.gic) {
        open();
        Writer::Element e(w, "gic", true);
        if (isSet(f.gicVersion))
            e.attr("version", toString(f.gicVersion));
    }
    if (isSet(f.smm)) {
        open();
        Writer::Element e(w, "smm", true);
        e.attr("state", toString(f.smm));
        if (f.smm == TriSwitch::On && f.tseg) {
            const char* unit = nullptr;
            uint64_t value = prettyUnit(*f.tseg, unit);
            e.beginChildren();
            Writer::Element t(w, "tseg", true);
            t.attr("unit", unit);
            t.text(std::to_string(value));
        }
    }
    if (isSet(f.ioapic)) {
        open();
        Writer::Element e(w, "ioapic", true);
        e.attr("driver", toString(f.ioapic));
    }
    if (f.hpt) {
        open();
        Writer::Element e(w, "hpt", false);
        if (isSet(f.hptResizing))
            e.attr("resizing", toString(f.hptResizing));
        if (f.hptMaxPageSize > 0) {
            e.beginChildren();
            Writer::Element m(w, "maxpagesize", true);
            m.attr("unit", "KiB");
            m.text(std::to_string(f.hptMaxPageSize));
        }
    }
    state("vmcoreinfo", f.vmcoreinfo);
    state("htm", f.htm);
    state("nested-hv", f.nestedHv);
    if (f.msrs) {
        open();
        Writer::Element e(w, "msrs", true);
        e.attr("unknown", toString(f.msrsUnknown));
    }
    state("ccf-assist", f.ccfAssist);
    if (f.xen) {
        open();
        Writer::Element xen(w, "xen", true);
        xen.keepOpen();
        xen.beginChildren();
        for (size_t i = 0; i < f.xenFeatures.size(); ++i) {
            TriSwitch s = f.xenFeatures[i];
            if (!isSet(s))
                continue;
            auto feature = static_cast<XenFeature>(i);
            Writer::Element e(w, toString(feature), true);
            e.attr("state", toString(s));
            if (feature == XenFeature::Passthrough && s == TriSwitch::On && isSet(f.xenPassthroughMode))
                e.attr("mode", toString(f.xenPassthroughMode));
        }
    }
    if (isSet(f.cfpc)) {
        open();
        valueElement(w, "cfpc", f.cfpc);
    }
    if (isSet(f.sbbc)) {
        open();
        valueElement(w, "sbbc", f.sbbc);
    }
    if (isSet(f.ibs)) {
        open();
        valueElement(w, "ibs", f.ibs);
    }
    if (f.tcgTbCache) {
        open();
        Writer::Element tcg(w, "tcg", true);
        tcg.beginChildren();
        Writer::Element c(w, "tb-cache", true);
        c.attr("unit", "KiB");
        c.text(std::to_string(*f.tcgTbCache));
    }
    if (isSet(f.asyncTeardown)) {
        open();
        Writer::Element e(w, "async-teardown", true);
        e.attr("enabled", toString(f.asyncTeardown));
    }
}

}  // namespace cvirt::conf::domain
