#pragma once
// Secrets referenced from storage XML: <secret type= uuid=|usage=/>
// (libvirt's virSecretLookupTypeDef) and <auth type= username=> of pool
// sources and network disks (virStorageAuthDef).

#include <optional>
#include <string>

#include "conf/xml/schema.hpp"
#include "util/uuid.hpp"

namespace cvirt::conf::storage {

// A secret named by UUID or by usage string (exactly one of them).
struct SecretLookup {
    std::optional<Uuid> uuid;
    std::string usage;
};

// Reads uuid/usage of a <secret> element (XML_ERROR when neither or both).
SecretLookup parseSecretLookup(const xml::Node& secret);
// <secret [type='..'] uuid='..'|usage='..'/>; `type` empty: no type attribute.
void formatSecretLookup(xml::Writer& w, std::string_view type, const SecretLookup& lookup);

enum class AuthType { None, Chap, Ceph };
CVIRT_ENUM_STRINGS_UNSET(AuthType, "none", "chap", "ceph");

struct StorageAuth {
    AuthType type{};
    std::string username;
    std::string secretType;  // the <secret type=...> as written (checked by disk users)
    SecretLookup secret;
};

StorageAuth parseStorageAuth(const xml::Node& auth);
void formatStorageAuth(xml::Writer& w, const StorageAuth& auth);

}  // namespace cvirt::conf::storage
