#include "conf/domain/domain.hpp"

#include "util/error.hpp"
#include "util/xml.hpp"

namespace cvirt::conf::domain {

CVIRT_XML_FIELDS(Domain,
    attr("type", &Self::type, kRequired | kAlways),
    attr("id", &Self::id, kLiveOnly),
    textChild("name", &Self::name),
    textChild("uuid", &Self::uuid),
    child("devices", &Self::devices));

Domain parseDomainXml(std::string_view text, const DomainParseOptions& options) {
    auto doc = cvirt::xml::Document::parse(text, "(domain_definition)", ErrorDomain::Domain);
    auto root = doc.root();
    if (root.name() != "domain")
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "unexpected root element <{}>, expecting <domain>",
             root.name());
    xml::ParseContext ctx;
    ctx.inactive = options.inactive;
    Domain d = xml::parseElement<Domain>(root, ctx);
    if (options.hooks)
        options.hooks->postParseBasic(d);
    if (d.uuid.isNull())
        d.uuid = Uuid::generate();
    if (options.hooks) {
        options.hooks->postParse(d);
        options.hooks->validate(d);
    }
    return d;
}

std::string formatDomainXml(const Domain& d, const DomainFormatOptions& options) {
    xml::Writer w;
    xml::FormatContext ctx;
    ctx.inactive = options.inactive;
    ctx.secure = options.secure;
    ctx.migratable = options.migratable;
    xml::formatElement(w, "domain", d, ctx, true);
    return std::move(w.out());
}

}  // namespace cvirt::conf::domain
