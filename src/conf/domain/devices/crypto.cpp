#include "conf/domain/devices/crypto.hpp"

#include "conf/domain/props.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {

void xmlParse(Crypto& crypto, const Node& node, ParseContext& ctx) {
    crypto.model = *propEnum<CryptoModel>(node, "model", kPropRequired);
    crypto.type = *propEnum<CryptoType>(node, "type", kPropRequired);
    auto backends = node.children("backend");
    if (backends.size() != 1)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "only one crypto backend is supported");
    crypto.backend = *propEnum<CryptoBackendModel>(backends[0], "model", kPropRequired);
    crypto.queues = propInt<unsigned>(backends[0], "queues").value_or(0);
    parseDeviceInfo(crypto.info, node, ctx, 0);
    crypto.virtio = parseVirtioDriver(node, ctx);
}

void xmlFormat(Writer& w, std::string_view name, const Crypto& crypto, FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("model", toString(crypto.model));
    el.attr("type", toString(crypto.type));
    el.beginChildren();
    {
        Writer::Element backend(w, "backend", true);
        backend.attr("model", toString(crypto.backend));
        if (crypto.queues)
            backend.attr("queues", std::to_string(crypto.queues));
    }
    formatVirtioDriver(el, w, crypto.virtio, ctx);
    formatDeviceInfo(el, w, crypto.info, ctx, 0);
}

}  // namespace cvirt::conf::domain
