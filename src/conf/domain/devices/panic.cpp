#include "conf/domain/devices/panic.hpp"

#include "util/error.hpp"

namespace cvirt::conf::domain {

void xmlParse(Panic& panic, const Node& node, ParseContext& ctx) {
    parseDeviceInfo(panic.info, node, ctx, 0);
    if (auto model = node.attr("model")) {
        auto m = fromString<PanicModel>(*model);
        if (!m)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown panic model '{}'", *model);
        panic.model = *m;
    }
}

void xmlFormat(Writer& w, std::string_view name, const Panic& panic, FormatContext& ctx) {
    Writer::Element el(w, name, false);
    if (isSet(panic.model))
        el.attr("model", toString(panic.model));
    formatDeviceInfo(el, w, panic.info, ctx, 0);
}

}  // namespace cvirt::conf::domain
