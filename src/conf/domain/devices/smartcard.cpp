#include "conf/domain/devices/smartcard.hpp"

#include "conf/domain/props.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {

using xml::Node;
using xml::Writer;

void xmlParse(Smartcard& card, const Node& node, xml::ParseContext& ctx) {
    card.mode = *propEnum<SmartcardMode>(node, "mode", kPropRequired);
    switch (card.mode) {
    case SmartcardMode::Host:
        break;
    case SmartcardMode::HostCertificates: {
        auto certs = node.children("certificate");
        if (certs.size() != card.certificates.size())
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "host-certificates mode needs exactly three certificates");
        for (size_t i = 0; i < certs.size(); ++i)
            card.certificates[i] = certs[i].text();
        if (Node db = node.child("database")) {
            card.database = db.text();
            if (!card.database->starts_with('/'))
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "expecting absolute path: {}", *card.database);
        }
        break;
    }
    case SmartcardMode::Passthrough: {
        auto type = node.attr("type");
        if (!type)
            fail(ErrorCode::XmlError, ErrorDomain::Domain,
                 "passthrough mode requires a character device type attribute");
        auto t = fromString<ChardevType>(*type);
        if (!t)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                 "unknown type presented to host for character device: {}", *type);
        card.source.type = *t;
        parseChardevSource(card.source, node, ctx);
        if (card.source.type == ChardevType::Spicevmc)
            card.source.spicevmc = SpicevmcChannel::Smartcard;
        break;
    }
    }
    parseDeviceInfo(card.info, node, ctx, 0);
}

void xmlFormat(Writer& w, std::string_view name, const Smartcard& card, xml::FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("mode", toString(card.mode));
    if (card.mode == SmartcardMode::Passthrough)
        formatChardevTypeAttr(el, card.source);
    switch (card.mode) {
    case SmartcardMode::Host:
        break;
    case SmartcardMode::HostCertificates:
        el.beginChildren();
        for (const auto& c : card.certificates)
            w.textElement("certificate", c);
        if (card.database)
            w.textElement("database", *card.database);
        break;
    case SmartcardMode::Passthrough:
        formatChardevSource(el, w, card.source, ctx);
        break;
    }
    formatDeviceInfo(el, w, card.info, ctx, 0);
}

std::vector<unsigned> assignSmartcardAddresses(std::vector<Smartcard>& cards) {
    std::vector<unsigned> controllers;
    for (auto& card : cards) {
        unsigned index = 0;
        if (auto* ccid = std::get_if<CcidAddress>(&card.info.address)) {
            index = ccid->controller;
        } else if (!card.info.hasAddress()) {
            int maxSlot = -1;
            for (const auto& other : cards)
                if (auto* a = std::get_if<CcidAddress>(&other.info.address); a && a->controller == 0)
                    maxSlot = std::max(maxSlot, static_cast<int>(a->slot));
            card.info.address = CcidAddress{0, static_cast<unsigned>(maxSlot + 1)};
        }
        controllers.push_back(index);
    }
    return controllers;
}

void validateSmartcard(const Smartcard& card) {
    if (card.info.hasAddress() && !std::holds_alternative<CcidAddress>(card.info.address))
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Controllers must use the 'ccid' address type");
    if (card.mode == SmartcardMode::Passthrough)
        validateChardevSource(card.source);
}

}  // namespace cvirt::conf::domain
