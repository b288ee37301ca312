#include "conf/storage/auth.hpp"

#include "util/error.hpp"

namespace cvirt::conf::storage {

SecretLookup parseSecretLookup(const xml::Node& secret) {
    auto uuid = secret.attr("uuid");
    auto usage = secret.attr("usage");
    if (!uuid && !usage)
        throw Error(ErrorCode::XmlError, ErrorDomain::None, "missing secret uuid or usage attribute");
    if (uuid && usage)
        throw Error(ErrorCode::XmlError, ErrorDomain::None, "either secret uuid or usage expected");
    SecretLookup lookup;
    if (uuid) {
        lookup.uuid = Uuid::parse(*uuid);
        if (!lookup.uuid)
            fail(ErrorCode::XmlError, ErrorDomain::None, "invalid secret uuid '{}'", *uuid);
    } else {
        lookup.usage = *usage;
    }
    return lookup;
}

void formatSecretLookup(xml::Writer& w, std::string_view type, const SecretLookup& lookup) {
    xml::Writer::Element el(w, "secret", true);
    if (!type.empty())
        el.attr("type", type);
    if (lookup.uuid)
        el.attr("uuid", lookup.uuid->format());
    else if (!lookup.usage.empty())
        el.attr("usage", lookup.usage);
}

StorageAuth parseStorageAuth(const xml::Node& node) {
    StorageAuth auth;
    auto username = node.attr("username");
    if (!username || username->empty())
        throw Error(ErrorCode::XmlError, ErrorDomain::Storage, "missing username for auth");
    auth.username = *username;
    if (auto type = node.attr("type"); type && !type->empty()) {
        auto t = fromString<AuthType>(*type);
        if (!t)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Storage, "unknown auth type '{}'", *type);
        auth.type = *t;
    }
    auto secret = node.child("secret");
    if (!secret)
        throw Error(ErrorCode::XmlError, ErrorDomain::Storage, "Missing <secret> element in auth");
    auth.secretType = secret.attr("type").value_or("");
    auth.secret = parseSecretLookup(secret);
    return auth;
}

void formatStorageAuth(xml::Writer& w, const StorageAuth& auth) {
    xml::Writer::Element el(w, "auth", true);
    if (isSet(auth.type))
        el.attr("type", toString(auth.type));
    el.attr("username", auth.username);
    el.beginChildren();
    formatSecretLookup(w, auth.secretType, auth.secret);
}

}  // namespace cvirt::conf::storage
