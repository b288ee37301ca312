#include "conf/domain/devices/redirdev.hpp"

#include "util/error.hpp"

namespace cvirt::conf::domain {

using xml::Node;
using xml::Writer;

void xmlParse(Redirdev& dev, const Node& node, xml::ParseContext& ctx) {
    if (auto bus = node.attr("bus")) {
        auto b = fromString<RedirdevBus>(*bus);
        if (!b)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown redirdev bus '{}'", *bus);
        dev.bus = *b;
    }
    auto type = node.attr("type");
    if (!type)
        fail(ErrorCode::InternalError, ErrorDomain::Domain, "missing type in redirdev");
    auto t = fromString<ChardevType>(*type);
    if (!t)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown redirdev character device type '{}'", *type);
    dev.source.type = *t;
    parseChardevSource(dev.source, node, ctx);
    if (dev.source.type == ChardevType::Spicevmc)
        dev.source.spicevmc = SpicevmcChannel::Usbredir;
    // D-Bus displays carry USB redirection on a channel of this name.
    if (dev.source.type == ChardevType::Dbus && !dev.source.channel)
        dev.source.channel = "org.qemu.usbredir";
    parseDeviceInfo(dev.info, node, ctx, kInfoAllowBoot);
    if (dev.bus == RedirdevBus::Usb && dev.info.hasAddress() && !std::holds_alternative<UsbAddress>(dev.info.address))
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Invalid address for a USB device");
}

void xmlFormat(Writer& w, std::string_view name, const Redirdev& dev, xml::FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("bus", toString(dev.bus));
    formatChardevTypeAttr(el, dev.source);
    el.keepOpen();
    el.beginChildren();
    formatChardevSource(el, w, dev.source, ctx);
    formatDeviceInfo(el, w, dev.info, ctx, kInfoAllowBoot);
}

void validateRedirdev(const Redirdev& dev, bool domainHasUsb) {
    if (dev.bus == RedirdevBus::Usb && !domainHasUsb)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
             "cannot add redirected USB device: USB is disabled for this domain");
    validateChardevSource(dev.source);
}

}  // namespace cvirt::conf::domain
