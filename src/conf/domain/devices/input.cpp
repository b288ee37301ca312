#include "conf/domain/devices/input.hpp"

#include "conf/domain/file_path.hpp"
#include "conf/domain/props.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

using xml::Node;
using xml::Writer;

[[noreturn]] void unsupported(std::string_view message) {
    fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "{}", message);
}

template <typename... Args>
[[noreturn]] void internal(fmt::format_string<Args...> format, Args&&... args) {
    fail(ErrorCode::InternalError, ErrorDomain::Domain, format, std::forward<Args>(args)...);
}

}  // namespace

void xmlParse(Input& in, const Node& node, xml::ParseContext& ctx) {
    auto type = node.attr("type");
    auto bus = node.attr("bus");
    auto model = node.attr("model");
    if (!type)
        internal("missing input device type");
    auto t = fromString<InputType>(*type);
    if (!t)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown input device type '{}'", *type);
    in.type = *t;
    if (model) {
        auto m = fromString<InputModel>(*model);
        if (!m || *m == InputModel::Default)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown input model '{}'", *model);
        in.model = *m;
    }
    if (bus) {
        auto b = fromString<InputBus>(*bus);
        if (!b || *b == InputBus::Default)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown input bus type '{}'", *bus);
        in.bus = *b;
    }

    parseDeviceInfo(in.info, node, ctx, 0);
    if (in.bus == InputBus::Usb && in.info.hasAddress() && !std::holds_alternative<UsbAddress>(in.info.address))
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Invalid address for a USB device");

    if (Node source = node.child("source")) {
        std::optional<std::string> evdev;
        if (in.type == InputType::Passthrough)
            evdev = source.attr("evdev");
        else if (in.type == InputType::Evdev)
            evdev = source.attr("dev");
        if (evdev)
            in.evdev = sanitizeFilePath(*evdev);
        if ((in.type == InputType::Passthrough || in.type == InputType::Evdev) && !in.evdev)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Missing evdev path for input device");
        if (in.type == InputType::Evdev) {
            in.grab = propEnum<InputGrab>(source, "grab", kPropNonZero).value_or(InputGrab::Default);
            in.grabToggle =
                propEnum<InputGrabToggle>(source, "grabToggle", kPropNonZero).value_or(InputGrabToggle::Default);
            in.repeat = propTriSwitch(source, "repeat");
        }
    }
    in.virtio = parseVirtioDriver(node, ctx);
}

void xmlFormat(Writer& w, std::string_view name, const Input& in, xml::FormatContext& ctx) {
    // Old libvirt cannot read a PS/2 or Xen keyboard; migratable XML leaves
    // it out.
    if (ctx.migratable && in.type == InputType::Keyboard && (in.bus == InputBus::Ps2 || in.bus == InputBus::Xen))
        return;
    Writer::Element el(w, name, true);
    el.attr("type", toString(in.type));
    if (in.bus != InputBus::None)
        el.attr("bus", toString(in.bus));
    if (isSet(in.model))
        el.attr("model", toString(in.model));
    formatVirtioDriver(el, w, in.virtio, ctx);
    {
        el.beginChildren();
        Writer::Element source(w, "source", false);
        if (in.evdev)
            source.attr(in.type == InputType::Evdev ? "dev" : "evdev", *in.evdev);
        if (isSet(in.grab))
            source.attr("grab", toString(in.grab));
        if (isSet(in.grabToggle))
            source.attr("grabToggle", toString(in.grabToggle));
        if (isSet(in.repeat))
            source.attr("repeat", toString(in.repeat));
    }
    formatDeviceInfo(el, w, in.info, ctx, 0);
}

void postParseInput(Input& in, const InputDomainInfo& dom) {
    if (in.bus != InputBus::Default)
        return;
    switch (dom.os) {
    case InputDomainInfo::Os::Hvm:
        if ((in.type == InputType::Mouse || in.type == InputType::Keyboard) && dom.x86)
            in.bus = InputBus::Ps2;
        else if (dom.s390 || in.type == InputType::Passthrough)
            in.bus = InputBus::Virtio;
        else if (in.type == InputType::Evdev)
            in.bus = InputBus::None;
        else
            in.bus = InputBus::Usb;
        break;
    case InputDomainInfo::Os::Xen:
        in.bus = InputBus::Xen;
        break;
    case InputDomainInfo::Os::Other:
        if (dom.parallels)
            in.bus = InputBus::Parallels;
        break;
    }
}

void validateInput(const Input& in, const InputDomainInfo& dom) {
    bool mouseOrKeyboard = in.type == InputType::Mouse || in.type == InputType::Keyboard;
    switch (dom.os) {
    case InputDomainInfo::Os::Hvm:
        if (in.bus == InputBus::Ps2 && !mouseOrKeyboard)
            internal("ps2 bus does not support {} input device", toString(in.type));
        if (in.bus == InputBus::Xen)
            internal("unsupported input bus {}", toString(in.bus));
        break;
    case InputDomainInfo::Os::Xen:
        if (in.bus != InputBus::Xen)
            internal("unsupported input bus {}", toString(in.bus));
        if (!mouseOrKeyboard)
            internal("xen bus does not support {} input device", toString(in.type));
        break;
    case InputDomainInfo::Os::Other:
        if (!dom.parallels)
            internal("Input devices are not supported by this virtualization driver.");
        if (in.bus != InputBus::Parallels)
            internal("parallels containers don't support input bus {}", toString(in.bus));
        if (!mouseOrKeyboard)
            internal("parallels bus does not support {} input device", toString(in.type));
        break;
    }

    switch (in.type) {
    case InputType::Mouse:
    case InputType::Tablet:
    case InputType::Keyboard:
        if (in.evdev)
            unsupported("setting source evdev path only supported for passthrough input devices");
        break;
    case InputType::Passthrough:
        if (in.bus != InputBus::Virtio)
            unsupported("only bus 'virtio' is supported for 'passthrough' input devices");
        break;
    case InputType::Evdev:
        if (in.bus != InputBus::None)
            unsupported("input evdev doesn't support bus element");
        break;
    }
    if (isSet(in.model) && in.bus != InputBus::Virtio)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "only bus 'virtio' is supported for input model '{}'",
             toString(in.model));
}

}  // namespace cvirt::conf::domain
