#include "conf/domain/security.hpp"

#include <cstdio>
#include <cstdlib>

#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

using xml::Writer;

constexpr size_t kSecurityModelBufLen = 256;

enum class Cipher { Aes, Dea };
CVIRT_ENUM_STRINGS(Cipher, "aes", "dea");

Seclabel parseSeclabel(const Node& node, bool inactive) {
    Seclabel s;
    if (auto model = node.attr("model"); model && model->size() < kSecurityModelBufLen)
        s.model = model;
    s.type = propEnum<SeclabelType>(node, "type", kPropNonZero).value_or(SeclabelType::Dynamic);
    if (s.type == SeclabelType::Static || s.type == SeclabelType::None)
        s.relabel = false;
    if (node.attr("relabel"))
        s.relabel = propTriBool(node, "relabel") == TriBool::Yes;
    if (s.type == SeclabelType::Dynamic && !s.relabel)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "dynamic label type must use resource relabeling");
    if (s.type == SeclabelType::None && s.relabel)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
             "resource relabeling is not compatible with 'none' label type");

    // The 'none' security model has no labels at all.
    if (s.model == "none") {
        if (inactive) {
            s.type = SeclabelType::None;
            s.relabel = false;
        } else if (s.type != SeclabelType::None) {
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unsupported type='{}' to model 'none'",
                 toString(s.type));
        }
        return s;
    }
    // Labels are kept for static labels, and in live XML for dynamic ones.
    if (s.type == SeclabelType::Static || (!inactive && s.type != SeclabelType::None)) {
        s.label = childText(node, "label");
        if (!s.label)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "security label is missing");
    }
    if (s.relabel && !inactive && s.type != SeclabelType::None) {
        s.imagelabel = childText(node, "imagelabel");
        if (!s.imagelabel)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "security imagelabel is missing");
    }
    if (s.type == SeclabelType::Dynamic)
        s.baselabel = childText(node, "baselabel");
    return s;
}

}  // namespace

std::vector<Seclabel> parseSeclabels(const Node& domain, bool inactive) {
    std::vector<Seclabel> out;
    for (const auto& node : domain.children("seclabel")) {
        Seclabel s = parseSeclabel(node, inactive);
        for (const auto& prev : out)
            if (prev.model == s.model)
                fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "seclabel for model {} is already provided",
                     s.model.value_or("(null)"));
        out.push_back(std::move(s));
    }
    if (out.size() > 1)
        for (const auto& s : out)
            if (!s.model)
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "missing security model when using multiple labels");
    return out;
}

std::optional<KeyWrap> parseKeyWrap(const Node& domain) {
    Node node = domain.child("keywrap");
    if (!node)
        return std::nullopt;
    KeyWrap k;
    for (const auto& c : node.children("cipher")) {
        auto name = propEnum<Cipher>(c, "name", kPropRequired);
        TriSwitch state = propTriSwitch(c, "state", kPropRequired);
        TriSwitch& slot = *name == Cipher::Aes ? k.aes : k.dea;
        if (isSet(slot))
            fail(ErrorCode::InternalError, ErrorDomain::Domain,
                 "A domain definition can have no more than one cipher node with name {}",
                 *name == Cipher::Aes ? "aes" : "dea");
        slot = state;
    }
    if (!isSet(k.aes) && !isSet(k.dea))
        return std::nullopt;
    return k;
}

std::optional<LaunchSecurity> parseLaunchSecurity(const Node& domain) {
    Node node = domain.child("launchSecurity");
    if (!node)
        return std::nullopt;
    LaunchSecurity s;
    s.type = *propEnum<LaunchSecurityType>(node, "type", kPropRequired | kPropNonZero);
    if (s.type != LaunchSecurityType::Sev)
        return s;
    s.kernelHashes = propTriBool(node, "kernelHashes");
    auto policy = childText(node, "policy");
    char* end = nullptr;
    unsigned long value = policy ? std::strtoul(policy->c_str(), &end, 16) : 0;
    if (!policy || end == policy->c_str() || *end)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "failed to get launch security policy");
    s.policy = value;
    auto number = [&](const char* name, const char* what) -> std::optional<unsigned> {
        auto text = childText(node, name);
        if (!text)
            return std::nullopt;
        auto v = parseInt<unsigned>(*text);
        if (!v)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Invalid format for launch security {}", what);
        return v;
    };
    s.cbitpos = number("cbitpos", "cbitpos");
    s.reducedPhysBits = number("reducedPhysBits", "reduced-phys-bits");
    s.dhCert = childText(node, "dhCert");
    s.session = childText(node, "session");
    return s;
}

void formatSeclabels(Writer& w, const std::vector<Seclabel>& labels, bool migratable) {
    for (const auto& s : labels) {
        if (s.type == SeclabelType::Default)
            continue;
        // Old libvirt knew one seclabel only: implicit dac/none ones stay
        // out of migratable XML.
        if ((s.model == "dac" || s.model == "none") && s.implicit && migratable)
            continue;
        Writer::Element el(w, "seclabel", true);
        el.attr("type", toString(s.type));
        if (s.model)
            el.attr("model", *s.model);
        if (s.type == SeclabelType::None)
            continue;
        el.attr("relabel", s.relabel ? "yes" : "no");
        if (s.label) {
            el.beginChildren();
            w.textElement("label", *s.label);
        }
        if (s.relabel && s.imagelabel) {
            el.beginChildren();
            w.textElement("imagelabel", *s.imagelabel);
        }
        if (s.type == SeclabelType::Dynamic && s.baselabel) {
            el.beginChildren();
            w.textElement("baselabel", *s.baselabel);
        }
    }
}

void formatKeyWrap(Writer& w, const std::optional<KeyWrap>& k) {
    if (!k)
        return;
    Writer::Element el(w, "keywrap", true);
    el.beginChildren();
    if (isSet(k->aes)) {
        Writer::Element c(w, "cipher", true);
        c.attr("name", "aes");
        c.attr("state", toString(k->aes));
    }
    if (isSet(k->dea)) {
        Writer::Element c(w, "cipher", true);
        c.attr("name", "dea");
        c.attr("state", toString(k->dea));
    }
}

void formatLaunchSecurity(Writer& w, const std::optional<LaunchSecurity>& s) {
    if (!s || !isSet(s->type))
        return;
    Writer::Element el(w, "launchSecurity", true);
    el.attr("type", toString(s->type));
    if (s->type != LaunchSecurityType::Sev)
        return;
    if (isSet(s->kernelHashes))
        el.attr("kernelHashes", toString(s->kernelHashes));
    el.beginChildren();
    if (s->cbitpos)
        w.textElement("cbitpos", std::to_string(*s->cbitpos));
    if (s->reducedPhysBits)
        w.textElement("reducedPhysBits", std::to_string(*s->reducedPhysBits));
    char policy[32];
    std::snprintf(policy, sizeof(policy), "0x%04lx", s->policy);
    w.textElement("policy", policy);
    if (s->dhCert)
        w.textElement("dhCert", *s->dhCert);
    if (s->session)
        w.textElement("session", *s->session);
}

}  // namespace cvirt::conf::domain
