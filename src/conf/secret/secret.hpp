#pragma once
// A secret definition (libvirt's <secret> XML, secret_conf.c of libvirt
// 9.6): its flags, UUID, description and what it is used for. The secret
// value itself is never part of the XML.

#include <string>
#include <string_view>

#include "conf/xml/schema.hpp"
#include "util/uuid.hpp"

namespace cvirt::conf::secret {

enum class UsageType { None, Volume, Ceph, Iscsi, Tls, Vtpm };
CVIRT_ENUM_STRINGS_UNSET(UsageType, "none", "volume", "ceph", "iscsi", "tls", "vtpm");

// <usage type=...>: the volume path, Ceph/TLS/vTPM name or iSCSI target
// the secret belongs to.
struct Usage {
    UsageType type{};
    std::string id;
};

struct Secret {
    bool ephemeral = false;  // kept in memory only
    bool isPrivate = false;  // value never revealed through the API
    Uuid uuid;
    std::string description;
    Usage usage;
};

struct SecretParseOptions {
    bool validateSchema = false;  // VIR_SECRET_DEFINE_VALIDATE
    std::string schemaPath = "/usr/share/libvirt/schemas/secret.rng";
};

// Parses a <secret> document; the UUID is generated when absent. Throws
// cvirt::Error with libvirt's codes and messages.
Secret parseSecretXml(std::string_view xml, const SecretParseOptions& options = {});
std::string formatSecretXml(const Secret& secret);

}  // namespace cvirt::conf::secret
