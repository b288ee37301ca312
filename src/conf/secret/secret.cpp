#include "conf/secret/secret.hpp"

#include "util/error.hpp"
#include "util/xml.hpp"

namespace cvirt::conf::secret {
namespace {

using xml::FormatContext;
using xml::Node;
using xml::ParseContext;
using xml::Writer;

// ephemeral='yes|no', private='yes|no': always written, strictly read.
struct YesNoCodec {
    static bool parse(std::string_view text, const Node&, const char* attr) {
        // An empty value reads as absent, as libvirt's XPath lookup does.
        if (!text.empty() && text != "yes" && text != "no")
            fail(ErrorCode::XmlError, ErrorDomain::Secret, "invalid value of '{}'", attr);
        return text == "yes";
    }
    static std::string format(bool v) { return v ? "yes" : "no"; }
    static bool present(bool) { return true; }
};

struct UuidCodec {
    static Uuid parse(std::string_view text, const Node&, const char*) {
        if (text.empty())
            return Uuid();  // generated after parsing
        auto u = Uuid::parse(text);
        if (!u)
            throw Error(ErrorCode::InternalError, ErrorDomain::Secret, "malformed uuid element");
        return *u;
    }
    static std::string format(const Uuid& u) { return u.format(); }
    static bool present(const Uuid&) { return true; }
};

// The element holding the usage id for each type.
const char* usageIdElement(UsageType type) {
    switch (type) {
        case UsageType::Volume:
            return "volume";
        case UsageType::Iscsi:
            return "target";
        case UsageType::Ceph:
        case UsageType::Tls:
        case UsageType::Vtpm:
            return "name";
        case UsageType::None:
            break;
    }
    return nullptr;
}

const char* missingUsageIdMessage(UsageType type) {
    switch (type) {
        case UsageType::Volume:
            return "volume usage specified, but volume path is missing";
        case UsageType::Ceph:
            return "Ceph usage specified, but name is missing";
        case UsageType::Iscsi:
            return "iSCSI usage specified, but target is missing";
        case UsageType::Tls:
            return "TLS usage specified, but name is missing";
        case UsageType::Vtpm:
            return "vTPM usage specified, but name is missing";
        case UsageType::None:
            break;
    }
    return "";
}

}  // namespace

void xmlParse(Usage& usage, const Node& node, ParseContext&) {
    auto type = node.attr("type");
    if (!type || type->empty())
        throw Error(ErrorCode::XmlError, ErrorDomain::Secret, "unknown secret usage type");
    auto t = fromString<UsageType>(*type);
    if (!t)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Secret, "unknown secret usage type {}", *type);
    usage.type = *t;
    if (const char* element = usageIdElement(usage.type)) {
        auto id = node.child(element);
        usage.id = id ? id.text() : "";
        if (usage.id.empty())
            throw Error(ErrorCode::InternalError, ErrorDomain::Secret, missingUsageIdMessage(usage.type));
    }
}

void xmlFormat(Writer& w, std::string_view name, const Usage& usage, FormatContext&) {
    if (!isSet(usage.type))
        return;
    Writer::Element el(w, name, true);
    el.keepOpen();
    el.attr("type", toString(usage.type));
    el.beginChildren();
    if (const char* element = usageIdElement(usage.type))
        w.textElement(element, usage.id);
}

CVIRT_XML_FIELDS(Secret, attr<YesNoCodec>("ephemeral", &Self::ephemeral, kAlways),
                 attr<YesNoCodec>("private", &Self::isPrivate, kAlways),
                 textChild<UuidCodec>("uuid", &Self::uuid), textChild("description", &Self::description),
                 child("usage", &Self::usage));

Secret parseSecretXml(std::string_view text, const SecretParseOptions& options) {
    auto doc = cvirt::xml::Document::parse(text, "(definition_of_secret)", ErrorDomain::Secret);
    auto root = doc.root();
    if (root.name() != "secret")
        fail(ErrorCode::XmlError, ErrorDomain::Xml, "expecting root element of 'secret', not '{}'",
             root.name());
    if (options.validateSchema)
        cvirt::xml::RngSchema::load(options.schemaPath)->validate(doc);
    ParseContext ctx;
    auto secret = xml::parseElement<Secret>(root, ctx);
    if (auto uuid = root.child("uuid"); !uuid || uuid.text().empty())
        secret.uuid = Uuid::generate();
    return secret;
}

std::string formatSecretXml(const Secret& secret) {
    Writer w;
    FormatContext ctx;
    xml::formatElement(w, "secret", secret, ctx, true);
    return std::move(w.out());
}

}  // namespace cvirt::conf::secret
