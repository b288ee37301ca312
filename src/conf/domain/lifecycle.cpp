#include "conf/domain/lifecycle.hpp"

#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

using xml::Writer;

template <StringEnum E>
E action(const Node& domain, const char* name, E fallback) {
    auto text = childText(domain, name);
    if (!text)
        return fallback;
    auto v = fromString<E>(*text);
    if (!v)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown {} action: {}", name, *text);
    return *v;
}

void checkAllowed(const char* event, LifecycleAction a) {
    if (a == LifecycleAction::CoredumpDestroy || a == LifecycleAction::CoredumpRestart)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Lifecycle event '{}' doesn't support '{}' action",
             event, toString(a));
}

}  // namespace

void parseLifecycle(Lifecycle& l, const Node& domain) {
    l.onReboot = action(domain, "on_reboot", LifecycleAction::Restart);
    l.onPoweroff = action(domain, "on_poweroff", LifecycleAction::Destroy);
    l.onCrash = action(domain, "on_crash", LifecycleAction::Destroy);
    l.onLockFailure = action(domain, "on_lockfailure", LockFailureAction::Default);
    if (auto pm = domain.child("pm")) {
        if (auto mem = pm.child("suspend-to-mem"))
            l.suspendToMem = propTriBool(mem, "enabled");
        if (auto disk = pm.child("suspend-to-disk"))
            l.suspendToDisk = propTriBool(disk, "enabled");
    }
}

void parsePerf(Lifecycle& l, const Node& domain) {
    Node perf = domain.child("perf");
    if (!perf)
        return;
    for (const auto& e : perf.children("event")) {
        auto event = *propEnum<PerfEvent>(e, "name", kPropRequired);
        TriBool enabled = propTriBool(e, "enabled", kPropRequired);
        auto& slot = l.perf[static_cast<size_t>(event)];
        if (isSet(slot))
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "perf event '{}' was already specified", toString(event));
        slot = enabled;
    }
}

void formatLifecycle(Writer& w, const Lifecycle& l) {
    w.textElement("on_poweroff", toString(l.onPoweroff));
    w.textElement("on_reboot", toString(l.onReboot));
    w.textElement("on_crash", toString(l.onCrash));
    if (isSet(l.onLockFailure))
        w.textElement("on_lockfailure", toString(l.onLockFailure));
    if (!isSet(l.suspendToMem) && !isSet(l.suspendToDisk))
        return;
    Writer::Element pm(w, "pm", true);
    pm.beginChildren();
    if (isSet(l.suspendToMem)) {
        Writer::Element e(w, "suspend-to-mem", true);
        e.attr("enabled", toString(l.suspendToMem));
    }
    if (isSet(l.suspendToDisk)) {
        Writer::Element e(w, "suspend-to-disk", true);
        e.attr("enabled", toString(l.suspendToDisk));
    }
}

void formatPerf(Writer& w, const Lifecycle& l) {
    Writer::Element perf(w, "perf", false);
    for (size_t i = 0; i < l.perf.size(); ++i) {
        if (!isSet(l.perf[i]))
            continue;
        perf.beginChildren();
        Writer::Element e(w, "event", true);
        e.attr("name", toString(static_cast<PerfEvent>(i)));
        e.attr("enabled", toString(l.perf[i]));
    }
}

void validateLifecycle(const Lifecycle& l) {
    checkAllowed("poweroff", l.onPoweroff);
    checkAllowed("reboot", l.onReboot);
}

}  // namespace cvirt::conf::domain
