#include "conf/storage/encryption.hpp"

#include "conf/xml/prop.hpp"
#include "util/error.hpp"

namespace cvirt::conf::storage {
namespace {

[[noreturn]] void xmlError(const char* message) {
    throw Error(ErrorCode::XmlError, ErrorDomain::Storage, message);
}

}  // namespace

Encryption parseEncryption(const xml::Node& node) {
    Encryption enc;
    auto format = node.attr("format");
    if (!format || format->empty())
        xmlError("unknown volume encryption format");
    auto f = fromString<EncryptionFormat>(*format);
    if (!f)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Storage, "unknown volume encryption format type {}",
             *format);
    enc.format = *f;
    enc.engine =
        xml::propEnum<EncryptionEngine>(node, "engine", xml::kPropNonZero).value_or(EncryptionEngine{});

    for (const auto& s : node.children("secret")) {
        auto type = s.attr("type");
        if (!type || type->empty())
            xmlError("unknown volume encryption secret type");
        auto t = fromString<EncryptionSecretType>(*type);
        if (!t)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Storage,
                 "unknown volume encryption secret type {}", *type);
        enc.secrets.push_back({*t, parseSecretLookup(s)});
    }

    // Cipher and IV generator settings only mean something for LUKS.
    if (enc.format == EncryptionFormat::Luks) {
        if (auto c = node.child("cipher")) {
            auto name = c.attr("name");
            if (!name)
                xmlError("cipher info missing 'name' attribute");
            EncryptionCipher cipher;
            cipher.name = *name;
            cipher.size = *xml::propUInt(c, "size", 10, xml::kPropRequired);
            cipher.mode = c.attr("mode").value_or("");
            cipher.hash = c.attr("hash").value_or("");
            enc.cipher = cipher;
        }
        if (auto iv = node.child("ivgen")) {
            if (!enc.cipher)
                xmlError("ivgen element found, but cipher is missing");
            auto name = iv.attr("name");
            if (!name)
                xmlError("missing ivgen info name string");
            enc.ivgen = EncryptionIvgen{*name, iv.attr("hash").value_or("")};
        }
    }
    return enc;
}

void formatEncryption(xml::Writer& w, const Encryption& enc) {
    xml::Writer::Element el(w, "encryption", true);
    el.keepOpen();
    el.attr("format", toString(enc.format));
    if (isSet(enc.engine))
        el.attr("engine", toString(enc.engine));
    el.beginChildren();
    for (const auto& s : enc.secrets)
        formatSecretLookup(w, toString(s.type), s.lookup);
    if (enc.format == EncryptionFormat::Luks && enc.cipher) {
        {
            xml::Writer::Element c(w, "cipher", true);
            c.attr("name", enc.cipher->name);
            c.attr("size", std::to_string(enc.cipher->size));
            if (!enc.cipher->mode.empty())
                c.attr("mode", enc.cipher->mode);
            if (!enc.cipher->hash.empty())
                c.attr("hash", enc.cipher->hash);
        }
        if (enc.ivgen) {
            xml::Writer::Element iv(w, "ivgen", true);
            iv.attr("name", enc.ivgen->name);
            if (!enc.ivgen->hash.empty())
                iv.attr("hash", enc.ivgen->hash);
        }
    }
}

}  // namespace cvirt::conf::storage
