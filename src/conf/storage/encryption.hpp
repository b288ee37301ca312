#pragma once
// <encryption> of a volume or disk (libvirt's virStorageEncryption): the
// format, the engine doing the work, the passphrase secrets and, for LUKS,
// the cipher and IV generator.

#include <optional>
#include <string>
#include <vector>

#include "conf/storage/auth.hpp"

namespace cvirt::conf::storage {

enum class EncryptionFormat { Default, Qcow, Luks, Luks2, LuksAny };
CVIRT_ENUM_STRINGS(EncryptionFormat, "default", "qcow", "luks", "luks2", "luks-any");

enum class EncryptionEngine { Default, Qemu, Librbd };
CVIRT_ENUM_STRINGS_UNSET(EncryptionEngine, "default", "qemu", "librbd");

enum class EncryptionSecretType { Passphrase };
CVIRT_ENUM_STRINGS(EncryptionSecretType, "passphrase");

struct EncryptionSecret {
    EncryptionSecretType type{};
    SecretLookup lookup;
};

struct EncryptionCipher {
    std::string name;
    unsigned size = 0;
    std::string mode, hash;
};

struct EncryptionIvgen {
    std::string name, hash;
};

struct Encryption {
    EncryptionFormat format{};
    EncryptionEngine engine{};
    std::vector<EncryptionSecret> secrets;
    std::optional<EncryptionCipher> cipher;  // LUKS only
    std::optional<EncryptionIvgen> ivgen;    // LUKS only, needs a cipher
};

Encryption parseEncryption(const xml::Node& node);
void formatEncryption(xml::Writer& w, const Encryption& enc);

}  // namespace cvirt::conf::storage
