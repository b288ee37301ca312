#pragma once
// <smartcard>: a CCID smartcard reader (libvirt's virDomainSmartcardDef)
// backed by the host's reader, by three certificate files, or by a
// character device ("passthrough").

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "conf/domain/device_info.hpp"
#include "conf/domain/devices/chardev_source.hpp"

namespace cvirt::conf::domain {

enum class SmartcardMode { Host, HostCertificates, Passthrough };
CVIRT_ENUM_STRINGS(SmartcardMode, "host", "host-certificates", "passthrough");

struct Smartcard {
    SmartcardMode mode = SmartcardMode::Host;
    std::array<std::string, 3> certificates;  // host-certificates
    std::optional<std::string> database;      // host-certificates, absolute
    ChardevSource source;                     // passthrough
    DeviceInfo info;
};

void xmlParse(Smartcard& card, const xml::Node& node, xml::ParseContext& ctx);
void xmlFormat(xml::Writer& w, std::string_view name, const Smartcard& card, xml::FormatContext& ctx);

// The smartcard part of virDomainDefAddImplicitControllers: readers
// without an address get the next free slot of CCID controller 0. Returns
// the CCID controller index each reader needs (the caller adds missing
// <controller type='ccid'> elements, in this order).
std::vector<unsigned> assignSmartcardAddresses(std::vector<Smartcard>& cards);

// virDomainSmartcardDefValidate
void validateSmartcard(const Smartcard& card);

}  // namespace cvirt::conf::domain
