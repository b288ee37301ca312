#include "conf/domain/devices/watchdog.hpp"

#include "util/error.hpp"

namespace cvirt::conf::domain {

void xmlParse(Watchdog& watchdog, const Node& node, ParseContext& ctx) {
    auto model = node.attr("model");
    if (!model)
        fail(ErrorCode::InternalError, ErrorDomain::Domain, "watchdog must contain model name");
    auto m = fromString<WatchdogModel>(*model);
    if (!m)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown watchdog model '{}'", *model);
    watchdog.model = *m;
    if (auto action = node.attr("action")) {
        auto a = fromString<WatchdogAction>(*action);
        if (!a)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown watchdog action '{}'", *action);
        watchdog.action = *a;
    }
    parseDeviceInfo(watchdog.info, node, ctx, 0);
}

void xmlFormat(Writer& w, std::string_view name, const Watchdog& watchdog, FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("model", toString(watchdog.model));
    el.attr("action", toString(watchdog.action));
    formatDeviceInfo(el, w, watchdog.info, ctx, 0);
}

}  // namespace cvirt::conf::domain
