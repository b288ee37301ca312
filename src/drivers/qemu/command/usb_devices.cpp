// USB hubs, USB redirection and smartcard readers.
#include <fmt/format.h>

#include "drivers/qemu/command/families.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

void buildHubs(Build& b) {
    for (const auto& h : b.def.devices.hubs) {
        Props p{{"driver", "usb-hub"}, {"id", h.info.alias}};
        b.address(p, h.info);
        b.device(p);
    }
}

void buildRedirdevs(Build& b) {
    const auto& filter = b.def.devices.redirfilter;
    for (const auto& r : b.def.devices.redirdevs) {
        buildChardev(b, r.source, "char" + r.info.alias);
        Props p{{"driver", "usb-redir"}, {"chardev", "char" + r.info.alias}, {"id", r.info.alias}};
        if (filter) {
            std::vector<std::string> rules;
            for (const auto& d : filter->usbdevs) {
                std::string s;
                s += d.usbClass >= 0 ? fmt::format("0x{:02X}:", d.usbClass) : "-1:";
                s += d.vendor >= 0 ? fmt::format("0x{:04X}:", d.vendor) : "-1:";
                s += d.product >= 0 ? fmt::format("0x{:04X}:", d.product) : "-1:";
                s += d.version >= 0 ? fmt::format("0x{:04X}:", d.version) : "-1:";
                s += d.allow ? "1" : "0";
                rules.push_back(s);
            }
            p["filter"] = join(rules, "|");
        }
        putPositive(p, "bootindex", r.info.bootOrder.value_or(0));
        b.address(p, r.info);
        b.device(p);
    }
}

void buildSmartcards(Build& b) {
    const auto& cards = b.def.devices.smartcards;
    if (cards.empty())
        return;
    const Smartcard& card = cards.front();
    Props p;
    switch (card.mode) {
    case SmartcardMode::Host: p = Props{{"driver", "ccid-card-emulated"}, {"backend", "nss-emulated"}}; break;
    case SmartcardMode::HostCertificates:
        p = Props{{"driver", "ccid-card-emulated"},
                  {"backend", "certificates"},
                  {"cert1", card.certificates[0]},
                  {"cert2", card.certificates[1]},
                  {"cert3", card.certificates[2]},
                  {"db", card.database.value_or("/etc/pki/nssdb")}};
        break;
    case SmartcardMode::Passthrough:
        buildChardev(b, card.source, "char" + card.info.alias);
        p = Props{{"driver", "ccid-card-passthru"}, {"chardev", "char" + card.info.alias}};
        break;
    }
    unsigned controller = 0;
    if (auto* a = std::get_if<CcidAddress>(&card.info.address))
        controller = a->controller;
    p["id"] = card.info.alias;
    p["bus"] = b.controllerAlias(ControllerType::Ccid, controller) + ".0";
    b.device(p);
}

}  // namespace cvirt::qemu
