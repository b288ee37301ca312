// <lease> and <hub>: two small device families.
#include <climits>

#include "conf/domain/devices/hub.hpp"
#include "conf/domain/devices/lease.hpp"
#include "conf/domain/props.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {

void xmlParse(Lease& lease, const Node& node, ParseContext&) {
    lease = Lease{};
    auto key = childText(node, "key");
    if (!key)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Missing 'key' element for lease");
    auto lockspace = childText(node, "lockspace");
    // libvirt fails here without setting an error; this is what its
    // clients then print.
    if (!lockspace)
        throw Error::raw(ErrorCode::InternalError, ErrorDomain::Domain, "An error occurred, but the cause is unknown");
    auto target = node.child("target");
    if (!target)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Missing 'target' element for lease");
    auto path = target.attr("path");
    if (!path)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Missing 'path' attribute to 'target' element for lease");
    lease.offset = propInt<unsigned long long>(target, "offset").value_or(0);
    lease.key = *key;
    lease.lockspace = *lockspace;
    lease.path = *path;
}

void xmlFormat(Writer& w, std::string_view name, const Lease& lease, FormatContext&) {
    Writer::Element el(w, name, true);
    el.beginChildren();
    w.textElement("lockspace", lease.lockspace);
    w.textElement("key", lease.key);
    Writer::Element t(w, "target", true);
    t.attr("path", lease.path);
    if (lease.offset)
        t.attr("offset", std::to_string(lease.offset));
}

void xmlParse(Hub& hub, const Node& node, ParseContext& ctx) {
    hub = Hub{};
    auto type = node.attr("type");
    if (!type)
        fail(ErrorCode::InternalError, ErrorDomain::Domain, "missing hub device type");
    auto t = fromString<HubType>(*type);
    if (!t)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown hub device type '{}'", *type);
    hub.type = *t;
    parseDeviceInfo(hub.info, node, ctx, 0);
}

void xmlFormat(Writer& w, std::string_view name, const Hub& hub, FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("type", toString(hub.type));
    formatDeviceInfo(el, w, hub.info, ctx, 0);
}

}  // namespace cvirt::conf::domain
