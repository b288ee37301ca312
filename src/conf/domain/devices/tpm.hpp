#pragma once
// <tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>: a
// TPM and its backend (libvirt's virDomainTPMDef): a host device passed
// through, a swtpm emulator libvirt runs, or an external swtpm socket.

#include <optional>
#include <string>
#include <variant>

#include "conf/domain/device_info.hpp"
#include "conf/domain/devices/chardev_source.hpp"
#include "util/uuid.hpp"

namespace cvirt::conf::domain {

enum class TpmModel { Default, Tis, Crb, Spapr, SpaprProxy };
CVIRT_ENUM_STRINGS_UNSET(TpmModel, "default", "tpm-tis", "tpm-crb", "tpm-spapr", "spapr-tpm-proxy");
enum class TpmBackendType { Passthrough, Emulator, External };
CVIRT_ENUM_STRINGS(TpmBackendType, "passthrough", "emulator", "external");
enum class TpmVersion { Default, V1_2, V2_0 };
CVIRT_ENUM_STRINGS_UNSET(TpmVersion, "default", "1.2", "2.0");
enum class TpmPcrBank { Sha1, Sha256, Sha384, Sha512 };
CVIRT_ENUM_STRINGS(TpmPcrBank, "sha1", "sha256", "sha384", "sha512");

struct TpmPassthrough {
    std::string path = "/dev/tpm0";  // <device path=.../>
};

struct TpmEmulator {
    TpmVersion version{};
    bool persistentState = false;
    std::optional<Uuid> secret;  // <encryption secret=.../>
    unsigned pcrBanks = 0;       // bit per TpmPcrBank; 0: no <active_pcr_banks>

    bool hasBank(TpmPcrBank bank) const { return pcrBanks & (1u << static_cast<unsigned>(bank)); }
};

// An swtpm started by someone else; validation accepts only a unix
// socket to connect to.
struct TpmExternal {
    ChardevSource source;
};

using TpmBackend = std::variant<TpmPassthrough, TpmEmulator, TpmExternal>;

struct Tpm {
    TpmModel model{};
    TpmBackend backend;
    DeviceInfo info;

    TpmBackendType type() const { return static_cast<TpmBackendType>(backend.index()); }
};

void xmlParse(Tpm& tpm, const Node& node, ParseContext& ctx);
void xmlFormat(Writer& w, std::string_view name, const Tpm& tpm, FormatContext& ctx);

// Generic validation (XML_ERROR): PCR banks need TPM 2.0; an external TPM
// needs a unix socket path to connect to.
void validateTpm(const Tpm& tpm);

}  // namespace cvirt::conf::domain
