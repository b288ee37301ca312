#include "conf/domain/devices/chardev.hpp"

#include <algorithm>

#include "conf/domain/props.hpp"
#include "conf/xml/c_number.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

using xml::Node;
using xml::Writer;

// QEMU's (and libvirt's) limit for ISA serial ports (VIR_MAX_ISA_SERIAL_PORTS).
constexpr int kMaxIsaSerialPorts = 4;

[[noreturn]] void unknownTargetType(const std::optional<std::string>& type) {
    fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
         "unknown target type '{}' specified for character device", type ? *type : "(null)");
}

// virDomainChrTargetTypeFromString for the element's device type.
void parseTargetType(Chardev& chr, const std::optional<std::string>& type) {
    auto pick = [&]<typename E>(E& out) {
        if (!type)
            return;  // the device type's default
        // "none" names value 0 and is accepted like any other value.
        auto v = fromString<E>(*type);
        if (!v)
            unknownTargetType(type);
        out = *v;
    };
    switch (chr.deviceType) {
    case ChardevDeviceType::Channel:
        if (!type)
            unknownTargetType(type);  // libvirt's "target type must be specified" is overwritten by this one
        pick(chr.channelTarget);
        break;
    case ChardevDeviceType::Console:
        pick(chr.consoleTarget);
        break;
    case ChardevDeviceType::Serial:
        pick(chr.serialTarget);
        break;
    case ChardevDeviceType::Parallel:
        break;
    }
}

void parseTarget(Chardev& chr, const Node& target, const xml::ParseContext& ctx) {
    parseTargetType(chr, target.attr("type"));

    // string(./model/@name): an empty name counts as none given.
    Node modelNode = target.child("model");
    auto model = modelNode ? modelNode.attr("name") : std::nullopt;
    if (model && !model->empty() && chr.deviceType == ChardevDeviceType::Serial) {
        auto v = fromString<SerialTargetModel>(*model);
        if (!v)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                 "unknown target model '{}' specified for character device", *model);
        chr.targetModel = *v;
    }

    if (chr.deviceType == ChardevDeviceType::Channel) {
        switch (chr.channelTarget) {
        case ChannelTargetType::Guestfwd: {
            auto addr = target.attr("address");
            if (!addr)
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "guestfwd channel does not define a target address");
            auto ip = network::IpAddress::parseOrFail(*addr);
            if (!ip.isV4())
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                     "guestfwd channel only supports IPv4 addresses");
            chr.guestfwdAddress = ip;
            chr.guestfwdPort = *propInt<unsigned>(target, "port", kPropRequired);
            break;
        }
        case ChannelTargetType::Xen:
        case ChannelTargetType::Virtio:
            chr.name = target.attr("name");
            if (chr.channelTarget == ChannelTargetType::Virtio && !ctx.inactive)
                chr.state = propEnum<ChannelState>(target, "state", kPropNonZero).value_or(ChannelState::Default);
            break;
        case ChannelTargetType::None:
            break;
        }
        return;
    }

    // Serial, parallel and console ports: absent means "pick one later".
    if (auto port = target.attr("port")) {
        auto v = xml::cParseUInt(*port);
        if (!v)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Invalid port number: {}", *port);
        chr.port = static_cast<int>(*v);
    }
}

void formatTarget(Writer& w, const Chardev& chr, const xml::FormatContext& ctx) {
    Writer::Element el(w, "target", true);
    switch (chr.deviceType) {
    case ChardevDeviceType::Channel:
        el.attr("type", toString(chr.channelTarget));
        if (chr.channelTarget == ChannelTargetType::Guestfwd) {
            el.attr("address", chr.guestfwdAddress ? chr.guestfwdAddress->format() : "");
            el.attr("port", std::to_string(chr.guestfwdPort));
        } else if (chr.channelTarget == ChannelTargetType::Virtio || chr.channelTarget == ChannelTargetType::Xen) {
            if (chr.name)
                el.attr("name", *chr.name);
            // libvirt tests a parse flag here whose bit is the SECURE format
            // flag: the state is left out of secure output.
            if (chr.channelTarget == ChannelTargetType::Virtio && isSet(chr.state) && !ctx.secure)
                el.attr("state", toString(chr.state));
        }
        break;
    case ChardevDeviceType::Console:
        el.attr("type", toString(chr.consoleTarget));
        el.attr("port", std::to_string(chr.port));
        break;
    case ChardevDeviceType::Serial:
        if (isSet(chr.serialTarget))
            el.attr("type", toString(chr.serialTarget));
        el.attr("port", std::to_string(chr.port));
        if (isSet(chr.targetModel)) {
            el.beginChildren();
            Writer::Element m(w, "model", true);
            m.attr("name", toString(chr.targetModel));
        }
        break;
    case ChardevDeviceType::Parallel:
        el.attr("port", std::to_string(chr.port));
        break;
    }
}

std::vector<Chardev>& listFor(ChardevDeviceType type, std::vector<Chardev>& serials, std::vector<Chardev>& parallels,
                              std::vector<Chardev>& consoles, std::vector<Chardev>& channels) {
    switch (type) {
    case ChardevDeviceType::Serial: return serials;
    case ChardevDeviceType::Parallel: return parallels;
    case ChardevDeviceType::Console: return consoles;
    case ChardevDeviceType::Channel: break;
    }
    return channels;
}

// virDomainChrIsaSerialDefPostParse: at most four ISA serial ports, each on
// its own port; those without one get the lowest free ports.
void postParseIsaSerials(std::vector<Chardev>& serials) {
    bool used[kMaxIsaSerialPorts] = {};
    int count = 0;
    for (const auto& s : serials) {
        if (s.serialTarget != SerialTargetType::IsaSerial)
            continue;
        if (count++ >= kMaxIsaSerialPorts || s.port >= kMaxIsaSerialPorts)
            fail(ErrorCode::InternalError, ErrorDomain::Domain,
                 "Maximum supported number of ISA serial ports is '{}'", kMaxIsaSerialPorts);
        if (s.port != -1) {
            if (used[s.port])
                fail(ErrorCode::InternalError, ErrorDomain::Domain, "target port '{}' already allocated", s.port);
            used[s.port] = true;
        }
    }
    for (auto& s : serials) {
        if (s.serialTarget != SerialTargetType::IsaSerial || s.port != -1)
            continue;
        for (int p = 0; p < kMaxIsaSerialPorts; ++p) {
            if (!used[p]) {
                s.port = p;
                used[p] = true;
                break;
            }
        }
    }
}

// virDomainChrDefPostParse
void postParseOne(Chardev& chr, std::vector<Chardev>& sameKind, const ChardevDomainInfo& dom) {
    if (chr.deviceType == ChardevDeviceType::Console && chr.consoleTarget == ConsoleTargetType::None)
        chr.consoleTarget = ConsoleTargetType::Serial;
    if (chr.deviceType == ChardevDeviceType::Serial && chr.serialTarget == SerialTargetType::IsaDebug && !dom.x86)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
             "isa-debug serial type only valid on x86 architecture");
    if (chr.port == -1 && chr.deviceType != ChardevDeviceType::Channel) {
        int maxPort = -1;
        for (const auto& other : sameKind)
            maxPort = std::max(maxPort, other.port);
        chr.port = maxPort + 1;
    }
}

// What the domain parser does while collecting serial and parallel ports:
// one without a port gets the next after the highest port before it.
void numberPorts(std::vector<Chardev>& list) {
    for (size_t i = 0; i < list.size(); ++i) {
        if (list[i].port != -1)
            continue;
        int maxPort = -1;
        for (size_t j = 0; j < i; ++j)
            maxPort = std::max(maxPort, list[j].port);
        list[i].port = maxPort + 1;
    }
}

Chardev stubConsole() {
    Chardev c;
    c.deviceType = ChardevDeviceType::Console;
    c.consoleTarget = ConsoleTargetType::Serial;
    return c;
}

bool servesAsSerial(const Chardev& console) {
    return console.consoleTarget == ConsoleTargetType::Serial || console.consoleTarget == ConsoleTargetType::None;
}

// The serial port kinds a guest OS uses as its console, which therefore get
// a <console> standing for them; USB, PCI and isa-debug ports do not.
bool hasStubConsole(SerialTargetType type) {
    switch (type) {
    case SerialTargetType::None:
    case SerialTargetType::IsaSerial:
    case SerialTargetType::SpaprVioSerial:
    case SerialTargetType::SystemSerial:
    case SerialTargetType::SclpSerial:
        return true;
    case SerialTargetType::UsbSerial:
    case SerialTargetType::PciSerial:
    case SerialTargetType::IsaDebug:
        break;
    }
    return false;
}

// virDomainDefAddConsoleCompat: historically the first <console> of an HVM
// guest was an alias for the first <serial>. The console's configuration
// moves to the serial port (unless there is one already) and the console
// becomes a stub that is printed as a copy of the serial port.
void consoleCompat(std::vector<Chardev>& serials, std::vector<Chardev>& consoles, const ChardevDomainInfo& dom) {
    for (size_t i = 1; i < consoles.size(); ++i)
        if (consoles[i].consoleTarget == ConsoleTargetType::Serial)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Only the first console can be a serial port");

    if (!consoles.empty() && dom.hvm && servesAsSerial(consoles[0])) {
        if (serials.empty()) {
            Chardev serial = consoles[0];
            serial.deviceType = ChardevDeviceType::Serial;
            serial.serialTarget = SerialTargetType::None;
            serial.port = 0;
            serials.push_back(std::move(serial));
            // libvirt moves the definition; what stays behind is a stub.
            consoles[0] = stubConsole();
        } else if (!sameSource(serials[0].source, consoles[0].source)) {
            consoles[0] = stubConsole();
        }
    } else if (dom.hvm && !serials.empty() && hasStubConsole(serials[0].serialTarget) && dom.stubConsole) {
        consoles.insert(consoles.begin(), stubConsole());
    }
}

}  // namespace

int Chardev::targetTypeValue() const {
    switch (deviceType) {
    case ChardevDeviceType::Serial: return static_cast<int>(serialTarget);
    case ChardevDeviceType::Channel: return static_cast<int>(channelTarget);
    case ChardevDeviceType::Console: return static_cast<int>(consoleTarget);
    case ChardevDeviceType::Parallel: break;
    }
    return 0;
}

void xmlParse(Chardev& chr, const Node& node, xml::ParseContext& ctx) {
    chr.source.type = ChardevType::Pty;
    if (auto type = node.attr("type")) {
        auto t = fromString<ChardevType>(*type);
        if (!t)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                 "unknown type presented to host for character device: {}", *type);
        chr.source.type = *t;
    }
    auto deviceType = fromString<ChardevDeviceType>(node.name());
    if (!deviceType)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown character device type: {}", node.name());
    chr.deviceType = *deviceType;

    if (auto target = node.child("target"))
        parseTarget(chr, target, ctx);
    else if (chr.deviceType == ChardevDeviceType::Channel)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "target type must be specified for channel device");

    parseChardevSource(chr.source, node, ctx, kChardevSeclabels);

    if (chr.source.type == ChardevType::Spicevmc) {
        // libvirt compares the raw target type with the virtio channel's
        // value, whatever the device type.
        if (chr.targetTypeValue() != static_cast<int>(ChannelTargetType::Virtio))
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "spicevmc device type only supports virtio");
        chr.source.spicevmc = SpicevmcChannel::Vdagent;
    }

    parseDeviceInfo(chr.info, node, ctx, 0);

    if (chr.deviceType == ChardevDeviceType::Serial && chr.serialTarget == SerialTargetType::UsbSerial &&
        chr.info.hasAddress() && !std::holds_alternative<UsbAddress>(chr.info.address))
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "usb-serial requires address of usb type");
}

void xmlFormat(Writer& w, std::string_view name, const Chardev& chr, xml::FormatContext& ctx) {
    Writer::Element el(w, name, true);
    // The legacy <console tty='/dev/pts/N'> attribute, for the first console.
    bool ttyCompat = chr.deviceType == ChardevDeviceType::Console && chr.port == 0 &&
                     chr.source.type == ChardevType::Pty && !ctx.inactive && chr.source.path;
    formatChardevTypeAttr(el, chr.source, ttyCompat);
    formatChardevSource(el, w, chr.source, ctx);
    el.beginChildren();
    formatTarget(w, chr, ctx);
    formatDeviceInfo(el, w, chr.info, ctx, 0);
}

bool sameSource(const ChardevSource& a, const ChardevSource& b) {
    if (a.type != b.type)
        return false;
    switch (a.type) {
    case ChardevType::File:
        return a.append == b.append && a.path == b.path;
    case ChardevType::Pty:
    case ChardevType::Dev:
    case ChardevType::Pipe:
        return a.path == b.path;
    case ChardevType::Nmdm:
        return a.master == b.master && a.slave == b.slave;
    case ChardevType::Udp:
        return a.bindHost == b.bindHost && a.bindService == b.bindService && a.connectHost == b.connectHost &&
               a.connectService == b.connectService;
    case ChardevType::Tcp:
        return a.listen == b.listen && a.protocol == b.protocol && a.host == b.host && a.service == b.service &&
               a.reconnect.enabled == b.reconnect.enabled && a.reconnect.timeout == b.reconnect.timeout;
    case ChardevType::Unix:
        return a.listen == b.listen && a.path == b.path && a.reconnect.enabled == b.reconnect.enabled &&
               a.reconnect.timeout == b.reconnect.timeout;
    case ChardevType::Spiceport:
    case ChardevType::Dbus:
        return a.channel == b.channel;
    case ChardevType::Spicevmc:
        return a.spicevmc == b.spicevmc;
    case ChardevType::QemuVdagent:
        return a.clipboard == b.clipboard && a.mouse == b.mouse;
    case ChardevType::Null:
    case ChardevType::Vc:
    case ChardevType::Stdio:
        break;
    }
    return true;
}

void postParseChardevs(std::vector<Chardev>& serials, std::vector<Chardev>& parallels,
                       std::vector<Chardev>& consoles, std::vector<Chardev>& channels, const ChardevDomainInfo& dom) {
    numberPorts(serials);
    numberPorts(parallels);
    // The domain parser numbers consoles by position, whatever they say.
    for (size_t i = 0; i < consoles.size(); ++i)
        consoles[i].port = static_cast<int>(i);
    postParseIsaSerials(serials);
    // libvirt's device iteration order: serials, parallels, channels, consoles.
    for (auto* list : {&serials, &parallels, &channels, &consoles})
        for (auto& chr : *list)
            postParseOne(chr, listFor(chr.deviceType, serials, parallels, consoles, channels), dom);
}

void addConsoleCompat(std::vector<Chardev>& serials, std::vector<Chardev>& consoles, const ChardevDomainInfo& dom) {
    consoleCompat(serials, consoles, dom);
    // A serial port created from a console gets its own post-parse.
    if (!serials.empty())
        postParseOne(serials[0], serials, dom);
}

void validateChardev(const Chardev& chr) {
    bool generatedPath = chr.deviceType == ChardevDeviceType::Channel &&
                         (chr.channelTarget == ChannelTargetType::Xen ||
                          chr.channelTarget == ChannelTargetType::Virtio);
    validateChardevSource(chr.source, generatedPath);
}

Chardev consoleForFormat(const std::vector<Chardev>& serials, const std::vector<Chardev>& consoles, size_t index,
                         bool hvm) {
    const Chardev& console = consoles[index];
    if (hvm && servesAsSerial(console) && index < serials.size()) {
        Chardev copy = serials[index];
        copy.deviceType = ChardevDeviceType::Console;
        copy.consoleTarget = ConsoleTargetType::Serial;
        return copy;
    }
    return console;
}

}  // namespace cvirt::conf::domain
