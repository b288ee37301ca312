#include "conf/domain/devices/chardev_source.hpp"

#include "conf/domain/props.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

using xml::Node;
using xml::Writer;

// libvirt caps security labels at VIR_SECURITY_LABEL_BUFLEN - 1 characters.
constexpr size_t kMaxLabelLength = 4096 - 1;

// virDomainChrSourceMode
enum class SourceMode { Connect, Bind };
CVIRT_ENUM_STRINGS(SourceMode, "connect", "bind");

SourceMode sourceMode(const Node& source) {
    return propEnum<SourceMode>(source, "mode").value_or(SourceMode::Connect);
}

[[noreturn]] void internalError(std::string_view message) {
    fail(ErrorCode::InternalError, ErrorDomain::Domain, "{}", message);
}

std::string nullstr(const std::optional<std::string>& s) { return s ? *s : "<null>"; }

// virSecurityDeviceLabelDefParseXML
std::vector<ChardevSeclabel> parseSeclabels(const Node& source, const xml::ParseContext& ctx) {
    std::vector<ChardevSeclabel> out;
    for (const auto& n : source.children("seclabel")) {
        ChardevSeclabel l;
        l.model = n.attr("model");
        if (l.model)
            for (const auto& prev : out)
                if (prev.model == l.model)
                    fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "seclabel for model {} is already provided",
                         *l.model);
        TriBool relabel = propTriBool(n, "relabel");
        l.relabel = relabel != TriBool::No;
        if (!ctx.inactive)
            l.labelskip = propTriBool(n, "labelskip") == TriBool::Yes;
        if (auto label = childText(n, "label"); label && label->size() <= kMaxLabelLength)
            l.label = *label;
        if (l.label && !l.relabel)
            fail(ErrorCode::XmlError, ErrorDomain::Domain,
                 "Cannot specify a label if relabelling is turned off. model={}", nullstr(l.model));
        if (relabel != TriBool::Absent && ctx.inactive && l.relabel && !l.label)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Cannot specify relabel if label is missing. model={}",
                 nullstr(l.model));
        out.push_back(std::move(l));
    }
    return out;
}

// virSecurityDeviceLabelDefFormat
void formatSeclabel(Writer& w, const ChardevSeclabel& l, const xml::FormatContext& ctx) {
    // An inactive definition has no use for a relabel='yes' without a label
    // (what labelskip on a live one leaves behind).
    if (ctx.inactive && !l.label && l.relabel)
        return;
    Writer::Element el(w, "seclabel", true);
    if (l.model)
        el.attr("model", *l.model);
    if (l.labelskip)
        el.attr("labelskip", "yes");
    else
        el.attr("relabel", l.relabel ? "yes" : "no");
    if (l.label) {
        el.beginChildren();
        w.textElement("label", *l.label);
    }
}

void parseUdpSource(ChardevSource& src, const Node& source) {
    if (sourceMode(source) == SourceMode::Connect) {
        if (!src.connectHost && !src.connectService) {
            src.connectHost = source.attr("host");
            src.connectService = source.attr("service");
        }
    } else if (!src.bindHost && !src.bindService) {
        src.bindHost = source.attr("host");
        src.bindService = source.attr("service");
    }
}

void parseSourceElement(ChardevSource& src, const Node& source, const std::vector<Node>& sources,
                        const xml::ParseContext& ctx) {
    switch (src.type) {
    case ChardevType::File:
        src.path = source.attr("path");
        src.append = propTriSwitch(source, "append");
        break;
    case ChardevType::Pty:
        // A pty's path is what the hypervisor allocated: live data only.
        if (!ctx.inactive)
            src.path = source.attr("path");
        break;
    case ChardevType::Dev:
    case ChardevType::Pipe:
        src.path = source.attr("path");
        break;
    case ChardevType::Unix:
        src.listen = sourceMode(source) == SourceMode::Bind;
        src.path = source.attr("path");
        src.reconnect = parseChardevReconnect(source);
        break;
    case ChardevType::Udp:
        for (const auto& s : sources)
            parseUdpSource(src, s);
        break;
    case ChardevType::Tcp:
        src.listen = sourceMode(source) == SourceMode::Bind;
        src.host = source.attr("host");
        src.service = source.attr("service");
        src.tls = propTriBool(source, "tls");
        src.reconnect = parseChardevReconnect(source);
        break;
    case ChardevType::Spiceport:
    case ChardevType::Dbus:
        src.channel = source.attr("channel");
        break;
    case ChardevType::Nmdm:
        src.master = source.attr("master");
        src.slave = source.attr("slave");
        break;
    case ChardevType::QemuVdagent:
        if (auto c = source.child("clipboard"))
            src.clipboard = propTriBool(c, "copypaste", kPropRequired);
        if (auto m = source.child("mouse"))
            src.mouse = *propEnum<MouseMode>(m, "mode", kPropRequired | kPropNonZero);
        break;
    case ChardevType::Null:
    case ChardevType::Vc:
    case ChardevType::Stdio:
    case ChardevType::Spicevmc:
        break;
    }
}

// <source> attributes and children for the path-based types.
void formatPathSource(Writer& w, const ChardevSource& src, const xml::FormatContext& ctx) {
    Writer::Element el(w, "source", false);
    if (src.path)
        el.attr("path", *src.path);
    if (src.type == ChardevType::File && isSet(src.append))
        el.attr("append", toString(src.append));
    for (const auto& l : src.seclabels) {
        el.beginChildren();
        formatSeclabel(w, l, ctx);
    }
}

void formatUdpSource(Writer& w, const char* mode, const std::optional<std::string>& host,
                     const std::optional<std::string>& service) {
    if (!host && !service)
        return;
    Writer::Element el(w, "source", true);
    el.attr("mode", mode);
    if (host)
        el.attr("host", *host);
    if (service)
        el.attr("service", *service);
}

}  // namespace

ChardevReconnect parseChardevReconnect(const Node& source) {
    ChardevReconnect r;
    if (auto n = source.child("reconnect")) {
        r.enabled = propTriBool(n, "enabled");
        if (r.enabled == TriBool::Yes)
            r.timeout = *propInt<unsigned>(n, "timeout", kPropRequired);
    }
    return r;
}

void formatChardevReconnect(Writer::Element& parent, Writer& w, const ChardevReconnect& r) {
    if (!isSet(r.enabled))
        return;
    parent.beginChildren();
    Writer::Element el(w, "reconnect", true);
    el.attr("enabled", toString(r.enabled));
    if (r.enabled == TriBool::Yes)
        el.attr("timeout", std::to_string(r.timeout));
}

void parseChardevSource(ChardevSource& src, const Node& node, const xml::ParseContext& ctx, unsigned flags) {
    auto sources = node.children("source");
    if (!sources.empty()) {
        // Only UDP has a use for a second <source> (one per direction).
        if (sources.size() > 1 && src.type != ChardevType::Udp)
            fail(ErrorCode::XmlError, ErrorDomain::Domain,
                 "only one source element is allowed for character device");
        if (sources.size() > 2)
            fail(ErrorCode::XmlError, ErrorDomain::Domain,
                 "only two source elements are allowed for character device");
        parseSourceElement(src, sources[0], sources, ctx);
        if (flags & kChardevSeclabels)
            src.seclabels = parseSeclabels(sources[0], ctx);
    }

    auto logs = node.children("log");
    if (logs.size() > 1)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "only one log element is allowed for character device");
    if (!logs.empty()) {
        src.logFile = logs[0].attr("file");
        src.logAppend = propTriSwitch(logs[0], "append");
    }

    auto protocols = node.children("protocol");
    if (protocols.size() > 1)
        fail(ErrorCode::XmlError, ErrorDomain::Domain,
             "only one protocol element is allowed for character device");
    if (!protocols.empty() && src.type == ChardevType::Tcp) {
        if (auto prot = protocols[0].attr("type")) {
            auto p = fromString<ChardevTcpProtocol>(*prot);
            if (!p)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Unknown protocol '{}'", *prot);
            src.protocol = *p;
        }
    }
}

void formatChardevTypeAttr(Writer::Element& el, const ChardevSource& src, bool ttyCompat) {
    el.attr("type", toString(src.type));
    if (ttyCompat && src.path)
        el.attr("tty", *src.path);
}

void formatChardevSource(Writer::Element& parent, Writer& w, const ChardevSource& src,
                         const xml::FormatContext& ctx) {
    // Every branch writes children of `parent`; the first one ends its start
    // tag. An element that ends up empty is removed again by the writer.
    parent.beginChildren();
    switch (src.type) {
    case ChardevType::Null:
    case ChardevType::Vc:
    case ChardevType::Stdio:
    case ChardevType::Spicevmc:
        break;
    case ChardevType::QemuVdagent:
        if (isSet(src.mouse) || isSet(src.clipboard)) {
            Writer::Element el(w, "source", true);
            el.beginChildren();
            if (isSet(src.clipboard)) {
                Writer::Element c(w, "clipboard", true);
                c.attr("copypaste", toString(src.clipboard));
            }
            if (isSet(src.mouse)) {
                Writer::Element m(w, "mouse", true);
                m.attr("mode", toString(src.mouse));
            }
        }
        break;
    case ChardevType::Pty:
        if (src.path && !ctx.inactive)
            formatPathSource(w, src, ctx);
        break;
    case ChardevType::Dev:
    case ChardevType::File:
    case ChardevType::Pipe:
        formatPathSource(w, src, ctx);
        break;
    case ChardevType::Nmdm:
        if (src.master && src.slave) {
            Writer::Element el(w, "source", true);
            el.attr("master", *src.master);
            el.attr("slave", *src.slave);
        }
        break;
    case ChardevType::Udp:
        formatUdpSource(w, "bind", src.bindHost, src.bindService);
        formatUdpSource(w, "connect", src.connectHost, src.connectService);
        break;
    case ChardevType::Tcp: {
        {
            Writer::Element el(w, "source", true);
            el.attr("mode", src.listen ? "bind" : "connect");
            if (src.host)
                el.attr("host", *src.host);
            if (src.service)
                el.attr("service", *src.service);
            if (isSet(src.tls))
                el.attr("tls", toString(src.tls));
            formatChardevReconnect(el, w, src.reconnect);
        }
        Writer::Element p(w, "protocol", true);
        p.attr("type", toString(src.protocol));
        break;
    }
    case ChardevType::Unix:
        if (src.path) {
            Writer::Element el(w, "source", true);
            el.attr("mode", src.listen ? "bind" : "connect");
            el.attr("path", *src.path);
            for (const auto& l : src.seclabels) {
                el.beginChildren();
                formatSeclabel(w, l, ctx);
            }
            formatChardevReconnect(el, w, src.reconnect);
        }
        break;
    case ChardevType::Spiceport:
    case ChardevType::Dbus:
        if (src.channel) {
            Writer::Element el(w, "source", true);
            el.attr("channel", *src.channel);
        }
        break;
    }

    if (src.logFile) {
        Writer::Element el(w, "log", true);
        el.attr("file", *src.logFile);
        if (isSet(src.logAppend))
            el.attr("append", toString(src.logAppend));
    }
}

namespace {

void validateChannelName(const std::optional<std::string>& name) {
    if (!name)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Missing source channel attribute for char device");
    for (char c : *name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                  c == '-' || c == '.';
        if (!ok)
            fail(ErrorCode::InvalidArg, ErrorDomain::Domain, "Invalid character in source channel for char device");
    }
}

}  // namespace

void validateChardevSource(const ChardevSource& src, bool generatedPath) {
    switch (src.type) {
    case ChardevType::Null:
    case ChardevType::Pty:
    case ChardevType::Vc:
    case ChardevType::Stdio:
    case ChardevType::Spicevmc:
    case ChardevType::QemuVdagent:
        break;
    case ChardevType::File:
    case ChardevType::Dev:
    case ChardevType::Pipe:
        if (!src.path)
            internalError("Missing source path attribute for char device");
        break;
    case ChardevType::Nmdm:
        if (src.master.has_value() != src.slave.has_value())
            internalError("Should define both master and slave path attributes for nmdm device");
        break;
    case ChardevType::Tcp:
        if (!src.host)
            internalError("Missing source host attribute for char device");
        if (!src.service)
            internalError("Missing source service attribute for char device");
        if (src.listen && isSet(src.reconnect.enabled))
            internalError("chardev reconnect is possible only for connect mode");
        break;
    case ChardevType::Udp:
        if (!src.connectService)
            internalError("Missing source service attribute for char device");
        break;
    case ChardevType::Unix:
        if (!src.path && !generatedPath)
            internalError("Missing source path attribute for char device");
        if (src.listen && isSet(src.reconnect.enabled))
            internalError("chardev reconnect is possible only for connect mode");
        break;
    case ChardevType::Spiceport:
    case ChardevType::Dbus:
        validateChannelName(src.channel);
        break;
    }
}

}  // namespace cvirt::conf::domain
