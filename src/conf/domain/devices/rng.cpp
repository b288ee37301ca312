#include "conf/domain/devices/rng.hpp"

#include "conf/xml/c_number.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

// virXPathUInt on an attribute of <rate>: absent is fine, anything that
// is not a non-negative number is not.
unsigned rateValue(const Node& rate, const char* attr, const char* what) {
    auto text = rate ? rate.attr(attr) : std::nullopt;
    if (!text || text->empty())
        return 0;
    auto v = xml::cParseUInt(*text, 10, true);
    if (!v)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "invalid RNG rate {} value", what);
    return *v;
}

}  // namespace

void xmlParse(Rng& rng, const Node& node, ParseContext& ctx) {
    auto model = node.attr("model");
    if (!model)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "missing RNG device model");
    auto m = fromString<RngModel>(*model);
    if (!m)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown RNG model '{}'", *model);
    rng.model = *m;
    Node rate = node.child("rate");
    rng.rateBytes = rateValue(rate, "bytes", "bytes");
    if (rng.rateBytes > 0)
        rng.ratePeriod = rateValue(rate, "period", "period");
    auto backends = node.children("backend");
    if (backends.size() != 1)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "only one RNG backend is supported");
    const Node& backend = backends[0];
    auto backendModel = backend.attr("model");
    if (!backendModel)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "missing RNG device backend model");
    auto bm = fromString<RngBackendModel>(*backendModel);
    if (!bm)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown RNG backend model '{}'", *backendModel);
    switch (*bm) {
    case RngBackendModel::Random:
        rng.backend = RngRandomBackend{backend.text()};
        break;
    case RngBackendModel::Egd: {
        auto type = backend.attr("type");
        if (!type)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "missing EGD backend type");
        auto chrType = fromString<ChardevType>(*type);
        if (!chrType)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown backend type '{}' for egd", *type);
        RngEgdBackend egd;
        egd.source.type = *chrType;
        parseChardevSource(egd.source, backend, ctx);
        rng.backend = std::move(egd);
        break;
    }
    case RngBackendModel::Builtin:
        rng.backend = RngBuiltinBackend{};
        break;
    }
    parseDeviceInfo(rng.info, node, ctx, 0);
    rng.virtio = parseVirtioDriver(node, ctx);
}

void xmlFormat(Writer& w, std::string_view name, const Rng& rng, FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("model", toString(rng.model));
    el.beginChildren();
    if (rng.rateBytes) {
        Writer::Element rate(w, "rate", true);
        rate.attr("bytes", std::to_string(rng.rateBytes));
        if (rng.ratePeriod)
            rate.attr("period", std::to_string(rng.ratePeriod));
    }
    {
        Writer::Element backend(w, "backend", true);
        backend.attr("model", toString(rng.backendModel()));
        std::visit(
            [&](const auto& b) {
                using B = std::decay_t<decltype(b)>;
                if constexpr (std::is_same_v<B, RngRandomBackend>) {
                    if (!b.path.empty())
                        backend.text(b.path);
                } else if constexpr (std::is_same_v<B, RngEgdBackend>) {
                    formatChardevTypeAttr(backend, b.source);
                    backend.keepOpen();
                    formatChardevSource(backend, w, b.source, ctx);
                }
            },
            rng.backend);
    }
    formatVirtioDriver(el, w, rng.virtio, ctx);
    formatDeviceInfo(el, w, rng.info, ctx, 0);
}

void postParseRng(Rng& rng) {
    if (auto* random = std::get_if<RngRandomBackend>(&rng.backend); random && random->path.empty())
        random->path = "/dev/random";
}

void validateRng(const Rng& rng) {
    if (const auto* egd = std::get_if<RngEgdBackend>(&rng.backend))
        validateChardevSource(egd->source);
}

}  // namespace cvirt::conf::domain
