#include "conf/domain/clock.hpp"

#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

using xml::Writer;

Timer parseTimer(const Node& node) {
    Timer t;
    t.name = *propEnum<TimerName>(node, "name", kPropRequired);
    t.present = propTriBool(node, "present");
    t.tickpolicy = propEnum<TimerTickpolicy>(node, "tickpolicy", kPropNonZero).value_or(TimerTickpolicy::None);
    t.track = propEnum<TimerTrack>(node, "track", kPropNonZero).value_or(TimerTrack::None);
    t.frequency = propInt<unsigned long long>(node, "frequency").value_or(0);
    t.mode = propEnum<TimerMode>(node, "mode", kPropNonZero).value_or(TimerMode::None);
    if (auto catchup = node.child("catchup")) {
        t.catchupThreshold = propInt<unsigned long long>(catchup, "threshold").value_or(0);
        t.catchupSlew = propInt<unsigned long long>(catchup, "slew").value_or(0);
        t.catchupLimit = propInt<unsigned long long>(catchup, "limit").value_or(0);
    }
    return t;
}

}  // namespace

void parseClock(Clock& c, const Node& domain) {
    Node clock = domain.child("clock");
    if (!clock)
        return;
    if (auto offset = clock.attr("offset"); offset && !offset->empty()) {
        auto o = fromString<ClockOffset>(*offset);
        if (!o)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown clock offset '{}'", *offset);
        c.offset = *o;
    }
    auto adjustment = clock.attr("adjustment");
    if (adjustment && adjustment->empty())
        adjustment.reset();
    switch (c.offset) {
    case ClockOffset::Localtime:
    case ClockOffset::Utc:
        if (!adjustment)
            break;
        if (*adjustment == "reset") {
            c.utcReset = true;
        } else {
            auto v = parseInt<int64_t>(*adjustment);
            if (!v)
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "unknown clock adjustment '{}'", *adjustment);
            c.adjustment = *v;
            c.basis = c.offset == ClockOffset::Localtime ? ClockBasis::Localtime : ClockBasis::Utc;
            c.offset = ClockOffset::Variable;
        }
        break;
    case ClockOffset::Variable:
        // Unparsable adjustments read as 0, as libvirt reads them.
        c.adjustment = adjustment ? parseInt<int64_t>(*adjustment).value_or(0) : 0;
        if (auto a0 = clock.attr("adjustment0"))
            c.adjustment0 = parseInt<int64_t>(*a0).value_or(0);
        if (auto basis = clock.attr("basis"); basis && !basis->empty()) {
            auto b = fromString<ClockBasis>(*basis);
            if (!b)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown clock basis '{}'", *basis);
            c.basis = *b;
        }
        break;
    case ClockOffset::Timezone:
        c.timezone = clock.attr("timezone");
        if (!c.timezone || c.timezone->empty())
            fail(ErrorCode::InternalError, ErrorDomain::Domain,
                 "missing 'timezone' attribute for clock with offset='timezone'");
        break;
    case ClockOffset::Absolute: {
        auto start = parseInt<uint64_t>(clock.attr("start").value_or(""));
        if (!start)
            fail(ErrorCode::InternalError, ErrorDomain::Domain,
                 "missing 'start' attribute for clock with offset='absolute'");
        c.start = *start;
        break;
    }
    }
    for (const auto& t : clock.children("timer"))
        c.timers.push_back(parseTimer(t));
}

void formatClock(Writer& w, const Clock& c, bool adjust0) {
    Writer::Element el(w, "clock", true);
    el.attr("offset", toString(c.offset));
    switch (c.offset) {
    case ClockOffset::Localtime:
    case ClockOffset::Utc:
        if (c.utcReset)
            el.attr("adjustment", "reset");
        break;
    case ClockOffset::Variable:
        el.attr("adjustment", std::to_string(c.adjustment));
        el.attr("basis", toString(c.basis));
        if (adjust0 && c.adjustment0)
            el.attr("adjustment0", std::to_string(c.adjustment0));
        break;
    case ClockOffset::Timezone:
        el.attr("timezone", c.timezone.value_or(""));
        break;
    case ClockOffset::Absolute:
        el.attr("start", std::to_string(c.start));
        break;
    }
    for (const auto& t : c.timers) {
        el.beginChildren();
        Writer::Element e(w, "timer", true);
        e.attr("name", toString(t.name));
        if (isSet(t.present))
            e.attr("present", toString(t.present));
        if (isSet(t.tickpolicy))
            e.attr("tickpolicy", toString(t.tickpolicy));
        if ((t.name == TimerName::Platform || t.name == TimerName::Rtc) && isSet(t.track))
            e.attr("track", toString(t.track));
        if (t.name == TimerName::Tsc) {
            if (t.frequency > 0)
                e.attr("frequency", std::to_string(t.frequency));
            if (isSet(t.mode))
                e.attr("mode", toString(t.mode));
        }
        if (t.catchupThreshold || t.catchupSlew || t.catchupLimit) {
            e.beginChildren();
            Writer::Element cu(w, "catchup", true);
            if (t.catchupThreshold)
                cu.attr("threshold", std::to_string(t.catchupThreshold));
            if (t.catchupSlew)
                cu.attr("slew", std::to_string(t.catchupSlew));
            if (t.catchupLimit)
                cu.attr("limit", std::to_string(t.catchupLimit));
        }
    }
}

void postParseClock(const Clock& c) {
    for (const auto& t : c.timers) {
        std::string_view name = toString(t.name);
        if ((t.name == TimerName::Kvmclock || t.name == TimerName::Hypervclock) && isSet(t.tickpolicy))
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "timer {} doesn't support setting of timer tickpolicy",
                 name);
        if (t.tickpolicy != TimerTickpolicy::Catchup && (t.catchupThreshold || t.catchupLimit || t.catchupSlew))
            fail(ErrorCode::XmlError, ErrorDomain::Domain,
                 "setting of timer catchup policies is only supported with tickpolicy='catchup'");
        if (t.name != TimerName::Tsc) {
            if (t.frequency != 0)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                     "timer {} doesn't support setting of timer frequency", name);
            if (isSet(t.mode))
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "timer {} doesn't support setting of timer mode",
                     name);
        }
        if (t.name != TimerName::Platform && t.name != TimerName::Rtc && isSet(t.track))
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "timer {} doesn't support setting of timer track",
                 name);
    }
}

}  // namespace cvirt::conf::domain
