#include "conf/domain/devices/tpm.hpp"

#include "conf/domain/props.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

TpmEmulator parseEmulator(const Node& backend) {
    TpmEmulator emulator;
    emulator.version = propEnum<TpmVersion>(backend, "version", kPropNonZero).value_or(TpmVersion::Default);
    if (auto encryption = backend.child("encryption")) {
        auto secret = encryption.attr("secret");
        if (secret && !secret->empty()) {
            emulator.secret = Uuid::parse(*secret);
            if (!emulator.secret)
                fail(ErrorCode::InternalError, ErrorDomain::Domain, "Unable to parse secret uuid '{}'", *secret);
        }
    }
    if (auto persistent = backend.attr("persistent_state")) {
        if (*persistent == "yes")
            emulator.persistentState = true;
        else if (*persistent != "no")
            fail(ErrorCode::InternalError, ErrorDomain::Domain,
                 "Invalid persistent_state value, either 'yes' or 'no'");
    }
    for (const auto& banks : backend.children("active_pcr_banks")) {
        for (const auto& bank : banks.children()) {
            auto b = fromString<TpmPcrBank>(bank.name());
            if (!b)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Unsupported PCR banks '{}'", bank.name());
            emulator.pcrBanks |= 1u << static_cast<unsigned>(*b);
        }
    }
    return emulator;
}

TpmExternal parseExternal(const Node& backend, const ParseContext& ctx) {
    Node source = backend.child("source");
    auto type = source ? source.attr("type") : std::nullopt;
    if (!type || type->empty())
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "missing external TPM backend source type");
    auto chrType = fromString<ChardevType>(*type);
    if (!chrType)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown backend source type '{}' for external TPM",
             *type);
    TpmExternal external;
    external.source.type = *chrType;
    parseChardevSource(external.source, backend, ctx);
    return external;
}

}  // namespace

void xmlParse(Tpm& tpm, const Node& node, ParseContext& ctx) {
    tpm.model = propEnum<TpmModel>(node, "model", kPropNonZero).value_or(TpmModel::Default);
    auto backends = node.children("backend");
    if (backends.size() > 1)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "only one TPM backend is supported");
    if (backends.empty())
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "missing TPM device backend");
    const Node& backend = backends[0];
    switch (*propEnum<TpmBackendType>(backend, "type", kPropRequired)) {
    case TpmBackendType::Passthrough: {
        TpmPassthrough passthrough;
        if (auto device = backend.child("device"))
            if (auto path = device.attr("path"); path && !path->empty())
                passthrough.path = *path;
        tpm.backend = passthrough;
        break;
    }
    case TpmBackendType::Emulator:
        tpm.backend = parseEmulator(backend);
        break;
    case TpmBackendType::External:
        tpm.backend = parseExternal(backend, ctx);
        break;
    }
    parseDeviceInfo(tpm.info, node, ctx, 0);
}

void xmlFormat(Writer& w, std::string_view name, const Tpm& tpm, FormatContext& ctx) {
    Writer::Element el(w, name, true);
    if (isSet(tpm.model))
        el.attr("model", toString(tpm.model));
    el.beginChildren();
    {
        Writer::Element backend(w, "backend", true);
        backend.attr("type", toString(tpm.type()));
        std::visit(
            [&](const auto& b) {
                using B = std::decay_t<decltype(b)>;
                if constexpr (std::is_same_v<B, TpmPassthrough>) {
                    backend.beginChildren();
                    Writer::Element device(w, "device", true);
                    device.attr("path", b.path);
                } else if constexpr (std::is_same_v<B, TpmEmulator>) {
                    if (isSet(b.version))
                        backend.attr("version", toString(b.version));
                    if (b.persistentState)
                        backend.attr("persistent_state", "yes");
                    if (b.secret) {
                        backend.beginChildren();
                        Writer::Element encryption(w, "encryption", true);
                        encryption.attr("secret", b.secret->format());
                    }
                    if (b.pcrBanks) {
                        backend.beginChildren();
                        Writer::Element banks(w, "active_pcr_banks", false);
                        banks.beginChildren();
                        for (auto bank : {TpmPcrBank::Sha1, TpmPcrBank::Sha256, TpmPcrBank::Sha384, TpmPcrBank::Sha512})
                            if (b.hasBank(bank))
                                Writer::Element(w, toString(bank), true);
                    }
                } else {
                    // libvirt prints only the (valid) unix socket form.
                    if (b.source.type == ChardevType::Unix) {
                        backend.beginChildren();
                        Writer::Element source(w, "source", true);
                        source.attr("type", "unix");
                        source.attr("mode", "connect");
                        if (b.source.path)
                            source.attr("path", *b.source.path);
                    }
                }
            },
            tpm.backend);
    }
    formatDeviceInfo(el, w, tpm.info, ctx, 0);
}

void validateTpm(const Tpm& tpm) {
    if (const auto* emulator = std::get_if<TpmEmulator>(&tpm.backend)) {
        if (emulator->pcrBanks && emulator->version != TpmVersion::V2_0)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "<active_pcr_banks/> requires TPM version '2.0'");
    } else if (const auto* external = std::get_if<TpmExternal>(&tpm.backend)) {
        if (external->source.type != ChardevType::Unix)
            fail(ErrorCode::XmlError, ErrorDomain::Domain,
                 "only source type 'unix' is supported for external TPM device");
        // libvirt's own wording, although the XML calls the mode 'connect'.
        if (external->source.listen)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "only 'client' mode is supported for external TPM device");
        if (!external->source.path)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "missing socket path for external TPM device");
    }
}

}  // namespace cvirt::conf::domain
