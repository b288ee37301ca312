#include "conf/domain/devices/vsock.hpp"

#include "conf/domain/props.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {

void xmlParse(Vsock& vsock, const Node& node, ParseContext& ctx) {
    vsock.model = propEnum<VsockModel>(node, "model").value_or(VsockModel::Default);
    if (auto cid = node.child("cid")) {
        vsock.guestCid = propInt<unsigned>(cid, "address", kPropNonZero).value_or(0);
        vsock.autoCid = propTriBool(cid, "auto");
    }
    parseDeviceInfo(vsock.info, node, ctx, 0);
    vsock.virtio = parseVirtioDriver(node, ctx);
}

void xmlFormat(Writer& w, std::string_view name, const Vsock& vsock, FormatContext& ctx) {
    Writer::Element el(w, name, false);
    if (isSet(vsock.model))
        el.attr("model", toString(vsock.model));
    {
        el.beginChildren();
        Writer::Element cid(w, "cid", false);
        if (isSet(vsock.autoCid))
            cid.attr("auto", toString(vsock.autoCid));
        if (vsock.guestCid != 0)
            cid.attr("address", std::to_string(vsock.guestCid));
    }
    formatDeviceInfo(el, w, vsock.info, ctx, 0);
    formatVirtioDriver(el, w, vsock.virtio, ctx);
}

void postParseVsock(Vsock& vsock) {
    if (!isSet(vsock.autoCid))
        vsock.autoCid = vsock.guestCid != 0 ? TriBool::No : TriBool::Yes;
}

void validateVsock(const Vsock& vsock) {
    if (vsock.guestCid > 0 && vsock.guestCid <= 2)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "guest CIDs must be >= 3");
    if (!isSet(vsock.model))
        requireNoVirtioOptions(vsock.virtio);
}

}  // namespace cvirt::conf::domain
