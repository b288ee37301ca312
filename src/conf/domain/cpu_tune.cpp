#include "conf/domain/cpu_tune.hpp"

#include <algorithm>

#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

// cgroup limits checked by virDomainDefCputuneValidate.
constexpr uint64_t kPeriodMin = 1000, kPeriodMax = 1000000;
constexpr int64_t kQuotaMin = 1000, kQuotaMax = 17592186044415;

// A non-empty cpuset-style attribute ("Invalid value of 'cpuset'" when
// it selects nothing).
Bitmap cpusetAttr(const std::string& text, const char* what = "cpuset") {
    Bitmap b = parseBitmap(text);
    if (b.empty())
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Invalid value of '{}': {}", what, text);
    return b;
}

template <typename T>
std::optional<T> cputuneNumber(const Node& cputune, const char* name) {
    auto text = childText(cputune, name);
    if (!text)
        return std::nullopt;
    auto v = parseInt<T>(trim(*text));
    if (!v) {
        std::string what(name);
        std::replace(what.begin(), what.end(), '_', ' ');
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "can't parse cputune {} value", what);
    }
    return v;
}

ThreadSched schedAttrs(const Node& node) {
    ThreadSched s;
    s.policy = *propEnum<SchedPolicy>(node, "scheduler", kPropRequired | kPropNonZero);
    if (s.policy == SchedPolicy::Fifo || s.policy == SchedPolicy::Rr)
        s.priority = *propInt<int>(node, "priority", kPropRequired);
    return s;
}

// <vcpusched vcpus=..>/<iothreadsched iothreads=..>: one policy for every
// selected thread; a thread may be named by one element only.
template <typename Lookup>
void threadSched(const Node& node, const char* element, const char* attr, Lookup lookup) {
    auto text = node.attr(attr);
    if (!text)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Missing attribute '{}' in element '{}'", attr, element);
    Bitmap map = parseBitmap(*text);
    if (map.empty())
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "'{}' scheduler bitmap '{}' is empty", attr, *text);
    ThreadSched s = schedAttrs(node);
    for (size_t id : map.bits()) {
        ThreadSched& target = lookup(static_cast<unsigned>(id));
        if (target.policy != SchedPolicy::None)
            fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "'{}' attributes '{}' must not overlap", element, attr);
        target = s;
    }
}

IOThread* findIOThread(std::vector<IOThread>& list, unsigned id) {
    for (auto& t : list)
        if (t.id == id)
            return &t;
    return nullptr;
}

IOThread parseIOThread(const Node& node) {
    IOThread t;
    t.id = *propInt<unsigned>(node, "id", kPropRequired | kPropNonZero);
    t.poolMin = propInt<int>(node, "thread_pool_min", kPropNonNegative).value_or(-1);
    t.poolMax = propInt<int>(node, "thread_pool_max", kPropNonNegative).value_or(-1);
    if (auto poll = node.child("poll")) {
        t.pollMax = propInt<unsigned long long>(poll, "max");
        t.pollGrow = propInt<unsigned long long>(poll, "grow");
        t.pollShrink = propInt<unsigned long long>(poll, "shrink");
    }
    return t;
}

void formatSched(Writer& w, const char* name, const char* idAttr, unsigned id, const ThreadSched& s) {
    if (s.policy == SchedPolicy::None)
        return;
    Writer::Element e(w, name, true);
    if (idAttr)
        e.attr(idAttr, std::to_string(id));
    e.attr("scheduler", toString(s.policy));
    if (s.policy == SchedPolicy::Fifo || s.policy == SchedPolicy::Rr)
        e.attr("priority", std::to_string(s.priority));
}

void validatePool(int poolMin, int poolMax) {
    if (poolMax == 0)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "thread_pool_max must be a positive integer");
    if (poolMin > poolMax)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
             "thread_pool_min must be smaller or equal to thread_pool_max");
}

}  // namespace

unsigned VcpuSettings::current() const {
    return static_cast<unsigned>(std::count_if(vcpus.begin(), vcpus.end(), [](const Vcpu& v) { return v.online; }));
}

bool VcpuSettings::hasPin() const {
    return std::any_of(vcpus.begin(), vcpus.end(), [](const Vcpu& v) { return v.pin.has_value(); });
}

const IOThread* VcpuSettings::iothread(unsigned id) const {
    for (const auto& t : iothreads)
        if (t.id == id)
            return &t;
    return nullptr;
}

void parseVcpus(VcpuSettings& v, const Node& domain) {
    unsigned maxvcpus = 1, current = 1;
    if (auto node = domain.child("vcpu")) {
        auto text = parseInt<unsigned>(node.text());
        if (!text)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "maximum vcpus count must be an integer");
        maxvcpus = *text;
        current = propInt<unsigned>(node, "current").value_or(maxvcpus);
        v.placement = propEnum<CpuPlacement>(node, "placement").value_or(CpuPlacement::Static);
        if (v.placement != CpuPlacement::Auto) {
            if (auto cpuset = node.attr("cpuset"))
                v.cpuset = cpusetAttr(*cpuset);
        }
    }
    v.vcpus.assign(maxvcpus, Vcpu{});

    auto individual = domain.child("vcpus") ? domain.child("vcpus").children("vcpu") : std::vector<Node>{};
    if (!individual.empty()) {
        v.individual = true;
        for (const auto& n : individual) {
            unsigned id = *propInt<unsigned>(n, "id", kPropRequired);
            if (id >= maxvcpus)
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "vcpu id '{}' is out of range of maximum vcpu count",
                     id);
            Vcpu& vcpu = v.vcpus[id];
            vcpu.online = propTriBool(n, "enabled", kPropRequired) == TriBool::Yes;
            vcpu.hotpluggable = propTriBool(n, "hotpluggable");
            vcpu.order = propInt<unsigned>(n, "order").value_or(0);
        }
    } else {
        if (current > maxvcpus)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                 "maximum vCPU count must not be less than current vCPU count");
        for (unsigned i = 0; i < maxvcpus; ++i)
            v.vcpus[i].online = i < current;
    }

    unsigned iothreads = 0;
    if (auto text = childText(domain, "iothreads")) {
        auto n = parseInt<unsigned>(trim(*text));
        if (!n)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "invalid iothreads count '{}'", *text);
        iothreads = *n;
    }
    if (auto node = domain.child("defaultiothread")) {
        DefaultIOThread d;
        d.poolMin = propInt<int>(node, "thread_pool_min", kPropNonNegative).value_or(-1);
        d.poolMax = propInt<int>(node, "thread_pool_max", kPropNonNegative).value_or(-1);
        if (d.poolMin != -1 || d.poolMax != -1)
            v.defaultIOThread = d;
    }
    if (auto ids = domain.child("iothreadids")) {
        for (const auto& n : ids.children("iothread")) {
            IOThread t = parseIOThread(n);
            if (findIOThread(v.iothreads, t.id))
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "duplicate iothread id '{}' found", t.id);
            v.iothreads.push_back(std::move(t));
        }
    }
    // virDomainIOThreadIDDefArrayInit: fill up to <iothreads> with the
    // lowest unused ids.
    unsigned next = 1;
    while (v.iothreads.size() < iothreads) {
        while (findIOThread(v.iothreads, next))
            ++next;
        IOThread t;
        t.id = next;
        t.autofill = true;
        v.iothreads.push_back(std::move(t));
    }
}

void parseCputune(VcpuSettings& v, const Node& domain, const ParseContext&) {
    Node ct = domain.child("cputune");
    auto& t = v.tune;
    if (auto shares = cputuneNumber<uint64_t>(ct, "shares")) {
        t.shares = *shares;
        t.sharesSpecified = true;
    }
    t.period = cputuneNumber<uint64_t>(ct, "period").value_or(0);
    t.quota = cputuneNumber<int64_t>(ct, "quota").value_or(0);
    t.globalPeriod = cputuneNumber<uint64_t>(ct, "global_period").value_or(0);
    t.globalQuota = cputuneNumber<int64_t>(ct, "global_quota").value_or(0);
    t.emulatorPeriod = cputuneNumber<uint64_t>(ct, "emulator_period").value_or(0);
    t.emulatorQuota = cputuneNumber<int64_t>(ct, "emulator_quota").value_or(0);
    t.iothreadPeriod = cputuneNumber<uint64_t>(ct, "iothread_period").value_or(0);
    t.iothreadQuota = cputuneNumber<int64_t>(ct, "iothread_quota").value_or(0);
    if (!ct)
        return;

    for (const auto& pin : ct.children("vcpupin")) {
        unsigned id = *propInt<unsigned>(pin, "vcpu", kPropRequired);
        if (id >= v.max())
            continue;  // libvirt ignores pinning of vcpus the domain lacks
        auto cpuset = pin.attr("cpuset");
        if (!cpuset)
            fail(ErrorCode::InternalError, ErrorDomain::Domain, "missing cpuset for vcpupin");
        if (v.vcpus[id].pin)
            fail(ErrorCode::InternalError, ErrorDomain::Domain, "duplicate vcpupin for vcpu '{}'", id);
        v.vcpus[id].pin = cpusetAttr(*cpuset);
    }

    auto emulatorPins = ct.children("emulatorpin");
    if (emulatorPins.size() > 1)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "only one emulatorpin is supported");
    if (!emulatorPins.empty()) {
        auto cpuset = emulatorPins[0].attr("cpuset");
        if (!cpuset)
            fail(ErrorCode::InternalError, ErrorDomain::Domain, "missing cpuset for emulatorpin");
        t.emulatorPin = cpusetAttr(*cpuset);
    }

    for (const auto& pin : ct.children("iothreadpin")) {
        unsigned id = *propInt<unsigned>(pin, "iothread", kPropRequired | kPropNonZero);
        IOThread* thread = findIOThread(v.iothreads, id);
        if (!thread)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Cannot find 'iothread' : {}", id);
        auto cpuset = pin.attr("cpuset");
        if (!cpuset)
            fail(ErrorCode::InternalError, ErrorDomain::Domain, "missing cpuset for iothreadpin");
        Bitmap mask = cpusetAttr(*cpuset);
        if (thread->pin)
            fail(ErrorCode::InternalError, ErrorDomain::Domain, "duplicate iothreadpin for same iothread '{}'", id);
        thread->pin = std::move(mask);
    }

    for (const auto& s : ct.children("vcpusched"))
        threadSched(s, "vcpusched", "vcpus", [&](unsigned id) -> ThreadSched& {
            if (id >= v.max())
                fail(ErrorCode::InvalidArg, ErrorDomain::Domain, "invalid vcpu index '{}'", id);
            return v.vcpus[id].sched;
        });
    for (const auto& s : ct.children("iothreadsched"))
        threadSched(s, "iothreadsched", "iothreads", [&](unsigned id) -> ThreadSched& {
            IOThread* thread = findIOThread(v.iothreads, id);
            if (!thread)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Cannot find 'iothread' : {}", id);
            return thread->sched;
        });

    auto emulatorScheds = ct.children("emulatorsched");
    if (emulatorScheds.size() > 1)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "only one emulatorsched is supported");
    if (!emulatorScheds.empty())
        t.emulatorSched = schedAttrs(emulatorScheds[0]);
}

void formatVcpus(Writer& w, const VcpuSettings& v) {
    {
        Writer::Element e(w, "vcpu", true);
        e.attr("placement", toString(v.placement));
        if (v.cpuset && v.cpuset->count() < kCpumaskLen)
            e.attr("cpuset", v.cpuset->format());
        if (v.current() < v.max())
            e.attr("current", std::to_string(v.current()));
        e.text(std::to_string(v.max()));
    }
    if (!v.individual)
        return;
    Writer::Element list(w, "vcpus", true);
    list.beginChildren();
    for (size_t i = 0; i < v.vcpus.size(); ++i) {
        const Vcpu& c = v.vcpus[i];
        Writer::Element e(w, "vcpu", true);
        e.attr("id", std::to_string(i));
        e.attr("enabled", c.online ? "yes" : "no");
        if (isSet(c.hotpluggable))
            e.attr("hotpluggable", toString(c.hotpluggable));
        if (c.order != 0)
            e.attr("order", std::to_string(c.order));
    }
}

void formatIOThreads(Writer& w, const VcpuSettings& v) {
    if (!v.iothreads.empty())
        w.textElement("iothreads", std::to_string(v.iothreads.size()));
    bool explicitIds = std::any_of(v.iothreads.begin(), v.iothreads.end(), [](const IOThread& t) {
        return !t.autofill || t.pollMax || t.pollGrow || t.pollShrink || t.poolMin >= 0 || t.poolMax >= 0;
    });
    if (explicitIds) {
        Writer::Element ids(w, "iothreadids", true);
        ids.beginChildren();
        for (const auto& t : v.iothreads) {
            Writer::Element e(w, "iothread", true);
            e.attr("id", std::to_string(t.id));
            if (t.poolMin >= 0)
                e.attr("thread_pool_min", std::to_string(t.poolMin));
            if (t.poolMax >= 0)
                e.attr("thread_pool_max", std::to_string(t.poolMax));
            if (t.pollMax || t.pollGrow || t.pollShrink) {
                e.beginChildren();
                Writer::Element poll(w, "poll", true);
                if (t.pollMax)
                    poll.attr("max", std::to_string(*t.pollMax));
                if (t.pollGrow)
                    poll.attr("grow", std::to_string(*t.pollGrow));
                if (t.pollShrink)
                    poll.attr("shrink", std::to_string(*t.pollShrink));
            }
        }
    }
    if (v.defaultIOThread) {
        Writer::Element e(w, "defaultiothread", false);
        if (v.defaultIOThread->poolMin >= 0)
            e.attr("thread_pool_min", std::to_string(v.defaultIOThread->poolMin));
        if (v.defaultIOThread->poolMax >= 0)
            e.attr("thread_pool_max", std::to_string(v.defaultIOThread->poolMax));
    }
}

void formatCputune(Writer& w, const VcpuSettings& v, const FormatContext& ctx) {
    const auto& t = v.tune;
    Writer::Element ct(w, "cputune", false);
    auto number = [&](const char* name, auto value, bool present) {
        if (!present)
            return;
        ct.beginChildren();
        w.textElement(name, std::to_string(value));
    };
    number("shares", t.shares, t.sharesSpecified);
    number("period", t.period, t.period != 0);
    number("quota", t.quota, t.quota != 0);
    number("global_period", t.globalPeriod, t.globalPeriod != 0);
    number("global_quota", t.globalQuota, t.globalQuota != 0);
    number("emulator_period", t.emulatorPeriod, t.emulatorPeriod != 0);
    number("emulator_quota", t.emulatorQuota, t.emulatorQuota != 0);
    number("iothread_period", t.iothreadPeriod, t.iothreadPeriod != 0);
    number("iothread_quota", t.iothreadQuota, t.iothreadQuota != 0);
    for (size_t i = 0; i < v.vcpus.size(); ++i) {
        if (!v.vcpus[i].pin)
            continue;
        ct.beginChildren();
        Writer::Element e(w, "vcpupin", true);
        e.attr("vcpu", std::to_string(i));
        e.attr("cpuset", v.vcpus[i].pin->format());
    }
    if (t.emulatorPin) {
        ct.beginChildren();
        Writer::Element e(w, "emulatorpin", true);
        e.attr("cpuset", t.emulatorPin->format());
    }
    for (const auto& th : v.iothreads) {
        if (!th.pin)
            continue;
        ct.beginChildren();
        Writer::Element e(w, "iothreadpin", true);
        e.attr("iothread", std::to_string(th.id));
        e.attr("cpuset", th.pin->format());
    }
    if (t.emulatorSched && t.emulatorSched->policy != SchedPolicy::None) {
        ct.beginChildren();
        formatSched(w, "emulatorsched", nullptr, 0, *t.emulatorSched);
    }
    for (size_t i = 0; i < v.vcpus.size(); ++i) {
        if (v.vcpus[i].sched.policy == SchedPolicy::None)
            continue;
        ct.beginChildren();
        formatSched(w, "vcpusched", "vcpus", static_cast<unsigned>(i), v.vcpus[i].sched);
    }
    for (const auto& th : v.iothreads) {
        if (th.sched.policy == SchedPolicy::None)
            continue;
        ct.beginChildren();
        formatSched(w, "iothreadsched", "iothreads", th.id, th.sched);
    }
    formatResctrls(ct, w, t.resctrls, ctx.inactive);
}

void postParseVcpus(VcpuSettings& v) {
    for (size_t i = 0; i < v.vcpus.size(); ++i) {
        Vcpu& c = v.vcpus[i];
        if (c.hotpluggable == TriBool::Absent)
            c.hotpluggable = c.online ? TriBool::No : TriBool::Yes;
        else if (c.hotpluggable == TriBool::No && !c.online)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "vcpu '{}' is both offline and not hotpluggable",
                 i);
    }
}

void validateVcpus(const VcpuSettings& v) {
    const auto& t = v.tune;
    auto period = [](const char* name, uint64_t value) {
        if (value > 0 && (value < kPeriodMin || value > kPeriodMax))
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Value of cputune '{}' must be in range [{}, {}]",
                 name, kPeriodMin, kPeriodMax);
    };
    auto quota = [](const char* name, int64_t value) {
        if (value > 0 && (value < kQuotaMin || value > kQuotaMax))
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Value of cputune '{}' must be in range [{}, {}]",
                 name, kQuotaMin, kQuotaMax);
    };
    period("period", t.period);
    period("global_period", t.globalPeriod);
    period("emulator_period", t.emulatorPeriod);
    period("iothread_period", t.iothreadPeriod);
    quota("quota", t.quota);
    quota("global_quota", t.globalQuota);
    quota("emulator_quota", t.emulatorQuota);
    quota("iothread_quota", t.iothreadQuota);
    for (const auto& th : v.iothreads)
        validatePool(th.poolMin, th.poolMax);
    if (v.defaultIOThread)
        validatePool(v.defaultIOThread->poolMin, v.defaultIOThread->poolMax);
}

}  // namespace cvirt::conf::domain
