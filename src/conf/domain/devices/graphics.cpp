#include "conf/domain/devices/graphics.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "conf/domain/props.hpp"
#include "conf/xml/c_number.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

using xml::Node;
using xml::Writer;

// ---- passwdValidTo: YYYY-MM-DDTHH:MM:SS in UTC ---------------------------

int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    auto yoe = static_cast<unsigned>(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    auto doe = static_cast<unsigned>(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<int64_t>(yoe) + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

bool leapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// g_date_time_new() accepts only real dates; for anything else libvirt
// ends up with the epoch.
int64_t toUnix(int year, int mon, int mday, int hour, int min, int sec) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1 || year > 9999 || mon < 1 || mon > 12 || mday < 1 || hour < 0 || hour > 23 || min < 0 ||
        min > 59 || sec < 0 || sec > 59)
        return 0;
    int dim = kDays[mon - 1] + (mon == 2 && leapYear(year) ? 1 : 0);
    if (mday > dim)
        return 0;
    return daysFromCivil(year, static_cast<unsigned>(mon), static_cast<unsigned>(mday)) * 86400 + hour * 3600 +
           min * 60 + sec;
}

std::string formatValidTo(int64_t t) {
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t secs = t - days * 86400;
    int64_t y = 0;
    unsigned m = 0, d = 0;
    civilFromDays(days, y, m, d);
    return fmt::format("{}-{:02}-{:02}T{:02}:{:02}:{:02}", y, m, d, secs / 3600, secs / 60 % 60, secs % 60);
}

// Reads one strtol-style number that must be followed by `sep` (or end the
// text when sep is '\0').
bool readField(std::string_view& s, char sep, int& out) {
    size_t end = sep ? s.find(sep) : s.size();
    if (end == std::string_view::npos)
        return false;
    auto v = xml::cParseSigned<int>(s.substr(0, end));
    if (!v)
        return false;
    out = *v;
    s.remove_prefix(sep ? end + 1 : end);
    return true;
}

void parseAuth(GraphicsAuth& auth, const Node& node, GraphicsType type) {
    auto connected = node.attr("connected");
    auth.passwd = node.attr("passwd");
    if (!auth.passwd)
        return;
    if (auto validTo = node.attr("passwdValidTo")) {
        std::string_view s = *validTo;
        int year = 0, mon = 0, mday = 0, hour = 0, min = 0, sec = 0;
        if (!readField(s, '-', year) || !readField(s, '-', mon) || !readField(s, 'T', mday) ||
            !readField(s, ':', hour) || !readField(s, ':', min) || !readField(s, '\0', sec))
            fail(ErrorCode::InternalError, ErrorDomain::Domain,
                 "cannot parse password validity time '{}', expect YYYY-MM-DDTHH:MM:SS", *validTo);
        auth.validTo = toUnix(year, mon, mday, hour, min, sec);
    }
    if (connected) {
        auto action = fromString<GraphicsConnected>(*connected);
        if (!action || *action == GraphicsConnected::Default)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown connected value {}", *connected);
        if (type == GraphicsType::Vnc && *action != GraphicsConnected::Keep)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "VNC supports connected='keep' only");
        auth.connected = *action;
    }
}

void formatAuth(Writer::Element& el, const GraphicsAuth& auth, const xml::FormatContext& ctx) {
    if (!auth.passwd)
        return;
    if (ctx.secure)
        el.attr("passwd", *auth.passwd);
    if (auth.validTo)
        el.attr("passwdValidTo", formatValidTo(*auth.validTo));
    if (isSet(auth.connected))
        el.attr("connected", toString(auth.connected));
}

// ---- <listen> --------------------------------------------------------------

bool nonEmpty(const std::optional<std::string>& s) { return s && !s->empty(); }

// virDomainGraphicsListenDefParseXML; `parent` is the <graphics> element for
// the first <listen> only, whose listen= and socket= attributes must agree.
GraphicsListen parseListen(const Node& node, const Node* parent, const xml::ParseContext& ctx) {
    GraphicsListen l;
    auto address = node.attr("address");
    auto network = node.attr("network");
    auto socket = node.attr("socket");
    std::optional<std::string> addressCompat, socketCompat;
    if (parent) {
        addressCompat = parent->attr("listen");
        socketCompat = parent->attr("socket");
    }
    l.type = *propEnum<GraphicsListenType>(node, "type", kPropRequired);

    if (l.type == GraphicsListenType::Address) {
        if (address && addressCompat && *address != *addressCompat)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                 "graphics 'listen' attribute '{}' must match 'address' attribute of first listen element "
                 "(found '{}')",
                 *addressCompat, *address);
        if (!address)
            address = addressCompat;
    }
    if (l.type == GraphicsListenType::Socket) {
        if (socket && socketCompat && *socket != *socketCompat)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                 "graphics 'socket' attribute '{}' must match 'socket' attribute of first listen element "
                 "(found '{}')",
                 *socketCompat, *socket);
        if (!socket)
            socket = socketCompat;
    }

    // A network listen's address is the live result of resolving the network.
    if (nonEmpty(address) && (l.type == GraphicsListenType::Address ||
                              (l.type == GraphicsListenType::Network && !ctx.inactive)))
        l.address = address;
    if (nonEmpty(network)) {
        if (l.type != GraphicsListenType::Network)
            fail(ErrorCode::XmlError, ErrorDomain::Domain,
                 "'network' attribute is valid only for listen type 'network'");
        l.network = network;
    }
    if (nonEmpty(socket)) {
        if (l.type != GraphicsListenType::Socket)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "'socket' attribute is valid only for listen type 'socket'");
        l.socket = socket;
    }
    return l;
}

// virDomainGraphicsListensParseXML: the <listen> children, else one listen
// made from the legacy attributes; a VNC socket= attribute overrides an
// address or network first listen.
void parseListens(Graphics& g, const Node& node, const xml::ParseContext& ctx) {
    auto nodes = node.children("listen");
    for (size_t i = 0; i < nodes.size(); ++i)
        g.listens.push_back(parseListen(nodes[i], i == 0 ? &node : nullptr, ctx));

    GraphicsListen legacy;
    std::optional<std::string> socket;
    if (g.type == GraphicsType::Vnc)
        socket = node.attr("socket");
    if (socket) {
        legacy.type = GraphicsListenType::Socket;
        legacy.socket = socket;
    } else {
        legacy.type = GraphicsListenType::Address;
        legacy.address = node.attr("listen");
        if (legacy.address && legacy.address->empty())
            legacy.address.reset();
    }

    if (g.listens.empty()) {
        g.listens.push_back(legacy);
    } else if ((g.listens[0].type == GraphicsListenType::Address ||
                g.listens[0].type == GraphicsListenType::Network) &&
               legacy.type == GraphicsListenType::Socket) {
        g.listens[0] = legacy;
    }
}

void formatListen(Writer& w, const GraphicsListen& l, const xml::FormatContext& ctx) {
    if (ctx.migratable && l.fromConfig)
        return;
    Writer::Element el(w, "listen", true);
    el.attr("type", toString(l.type));
    if (l.address && (l.type == GraphicsListenType::Address ||
                      (l.type == GraphicsListenType::Network && !ctx.inactive)))
        el.attr("address", *l.address);
    if (l.network && l.type == GraphicsListenType::Network)
        el.attr("network", *l.network);
    if (l.socket && l.type == GraphicsListenType::Socket && !(l.autoGenerated && ctx.migratable))
        el.attr("socket", *l.socket);
}

// The legacy listen= attribute, from the first listen.
void formatListenAttr(Writer::Element& el, const Graphics& g, const xml::FormatContext& ctx) {
    if (g.listens.empty())
        return;
    const auto& l = g.listens[0];
    if (ctx.migratable && l.fromConfig)
        return;
    if (l.type == GraphicsListenType::Network && (ctx.inactive || ctx.migratable))
        return;
    if (l.address)
        el.attr("listen", *l.address);
}

// ---- per type ----------------------------------------------------------------

void parseAudioId(Graphics& g, const Node& node) {
    if (Node audio = node.child("audio"))
        g.audioId = *propInt<unsigned>(audio, "id", kPropRequired | kPropNonZero);
}

void parseVnc(Graphics& g, const Node& node, const xml::ParseContext& ctx) {
    auto port = node.attr("port");
    auto websocketGenerated = node.attr("websocketGenerated");
    auto autoport = node.attr("autoport");
    parseListens(g, node, ctx);
    if (port) {
        auto p = xml::cParseSigned<int>(*port);
        if (!p)
            fail(ErrorCode::InternalError, ErrorDomain::Domain, "cannot parse vnc port {}", *port);
        g.port = *p;
        // Legacy syntax: port -1 means "pick one".
        if (g.port == -1) {
            if (ctx.inactive)
                g.port = 0;
            g.autoport = true;
        }
    } else {
        g.port = 0;
        g.autoport = true;
    }
    if (autoport) {
        // A value other than yes/no leaves the default alone.
        if (*autoport == "yes")
            g.autoport = true;
        else if (*autoport == "no")
            g.autoport = false;
        if (g.autoport && ctx.inactive)
            g.port = 0;
    }
    g.websocket = propInt<int>(node, "websocket").value_or(0);
    if (websocketGenerated) {
        if (*websocketGenerated == "yes")
            g.websocketGenerated = true;
        else if (*websocketGenerated == "no")
            g.websocketGenerated = false;
    }
    g.sharePolicy = propEnum<VncSharePolicy>(node, "sharePolicy").value_or(VncSharePolicy::Default);
    g.powerControl = propTriBool(node, "powerControl");
    g.keymap = node.attr("keymap");
    parseAudioId(g, node);
    parseAuth(g.auth, node, g.type);
}

void parseRdp(Graphics& g, const Node& node, const xml::ParseContext& ctx) {
    auto port = node.attr("port");
    auto autoport = node.attr("autoport");
    parseListens(g, node, ctx);
    if (port) {
        auto p = xml::cParseSigned<int>(*port);
        if (!p)
            fail(ErrorCode::InternalError, ErrorDomain::Domain, "cannot parse rdp port {}", *port);
        g.port = *p;
        if (g.port == -1)
            g.autoport = true;
    } else {
        g.port = 0;
        g.autoport = true;
    }
    if (autoport == "yes")
        g.autoport = true;
    if (g.autoport && ctx.inactive)
        g.port = 0;
    g.replaceUser = node.attr("replaceUser") == "yes";
    g.multiUser = node.attr("multiUser") == "yes";
}

template <typename E>
E requiredNonZero(const Node& parent, const char* child, const char* attr, E current) {
    if (Node n = parent.child(child))
        return *propEnum<E>(n, attr, kPropRequired | kPropNonZero);
    return current;
}

void parseSpice(Graphics& g, const Node& node, const xml::ParseContext& ctx) {
    parseListens(g, node, ctx);
    g.port = propInt<int>(node, "port").value_or(0);
    g.tlsPort = propInt<int>(node, "tlsPort").value_or(0);
    g.autoport = propTriBool(node, "autoport") == TriBool::Yes;
    g.defaultMode = propEnum<SpiceChannelMode>(node, "defaultMode").value_or(SpiceChannelMode::Any);
    if (g.port == -1 && g.tlsPort == -1)
        g.autoport = true;  // legacy syntax for autoport
    if (g.autoport && ctx.inactive) {
        g.port = 0;
        g.tlsPort = 0;
    }
    g.keymap = node.attr("keymap");
    parseAuth(g.auth, node, g.type);
    for (const auto& c : node.children("channel")) {
        auto name = *propEnum<SpiceChannelName>(c, "name", kPropRequired);
        auto mode = *propEnum<SpiceChannelMode>(c, "mode", kPropRequired);
        g.channels[static_cast<size_t>(name)] = mode;
    }
    g.image = requiredNonZero(node, "image", "compression", g.image);
    g.jpeg = requiredNonZero(node, "jpeg", "compression", g.jpeg);
    g.zlib = requiredNonZero(node, "zlib", "compression", g.zlib);
    if (Node n = node.child("playback"))
        g.playback = propTriSwitch(n, "compression", kPropRequired);
    g.streaming = requiredNonZero(node, "streaming", "mode", g.streaming);
    if (Node n = node.child("clipboard"))
        g.copypaste = propTriBool(n, "copypaste", kPropRequired);
    if (Node n = node.child("filetransfer"))
        g.filetransfer = propTriBool(n, "enable", kPropRequired);
    if (Node n = node.child("gl")) {
        g.rendernode = n.attr("rendernode");
        g.gl = propTriBool(n, "enable", kPropRequired);
    }
    g.mouse = requiredNonZero(node, "mouse", "mode", g.mouse);
}

void parseDbus(Graphics& g, const Node& node) {
    g.p2p = propTriBool(node, "p2p") == TriBool::Yes;
    g.address = node.attr("address");
    if (Node n = node.child("gl")) {
        g.rendernode = n.attr("rendernode");
        g.gl = propTriBool(n, "enable", kPropRequired);
    }
    parseAudioId(g, node);
}

void formatVncAttrs(Writer::Element& el, const Graphics& g, const xml::FormatContext& ctx) {
    const auto& l = g.listens.at(0);
    switch (l.type) {
    case GraphicsListenType::Socket:
        if (l.socket && !((l.autoGenerated || l.fromConfig) && ctx.migratable))
            el.attr("socket", *l.socket);
        break;
    case GraphicsListenType::Address:
    case GraphicsListenType::Network:
        if (g.port && (!g.autoport || !ctx.inactive))
            el.attr("port", std::to_string(g.port));
        else if (g.autoport)
            el.attr("port", "-1");
        el.attr("autoport", g.autoport ? "yes" : "no");
        if (g.websocketGenerated && ctx.inactive)
            el.attr("websocket", "-1");
        else if (g.websocket)
            el.attr("websocket", std::to_string(g.websocket));
        formatListenAttr(el, g, ctx);
        break;
    case GraphicsListenType::None:
        break;
    }
    if (g.keymap)
        el.attr("keymap", *g.keymap);
    if (isSet(g.sharePolicy))
        el.attr("sharePolicy", toString(g.sharePolicy));
    if (isSet(g.powerControl))
        el.attr("powerControl", toString(g.powerControl));
    formatAuth(el, g.auth, ctx);
}

void formatSpiceAttrs(Writer::Element& el, const Graphics& g, const xml::FormatContext& ctx) {
    const auto& l = g.listens.at(0);
    switch (l.type) {
    case GraphicsListenType::Address:
    case GraphicsListenType::Network:
        if (g.port)
            el.attr("port", std::to_string(g.port));
        if (g.tlsPort)
            el.attr("tlsPort", std::to_string(g.tlsPort));
        el.attr("autoport", g.autoport ? "yes" : "no");
        formatListenAttr(el, g, ctx);
        break;
    case GraphicsListenType::None:
        // Old libvirt expresses "listen nowhere" as autoport='no' without ports.
        if (ctx.migratable)
            el.attr("autoport", "no");
        break;
    case GraphicsListenType::Socket:
        // A socket from the driver's config was an address listen on the source.
        if (ctx.migratable && l.fromConfig)
            el.attr("autoport", "yes");
        break;
    }
    if (g.keymap)
        el.attr("keymap", *g.keymap);
    if (g.defaultMode != SpiceChannelMode::Any)
        el.attr("defaultMode", toString(g.defaultMode));
    formatAuth(el, g.auth, ctx);
}

void formatGl(Writer& w, const Graphics& g, bool withRendernode) {
    if (!isSet(g.gl))
        return;
    Writer::Element gl(w, "gl", true);
    gl.attr("enable", toString(g.gl));
    if (withRendernode && g.rendernode)
        gl.attr("rendernode", *g.rendernode);
}

void formatSpiceChildren(Writer::Element& el, Writer& w, const Graphics& g) {
    el.beginChildren();
    for (size_t i = 0; i < g.channels.size(); ++i) {
        if (g.channels[i] == SpiceChannelMode::Any)
            continue;
        Writer::Element c(w, "channel", true);
        c.attr("name", toString(static_cast<SpiceChannelName>(i)));
        c.attr("mode", toString(g.channels[i]));
    }
    auto one = [&](const char* name, const char* attr, auto value) {
        if (!isSet(value))
            return;
        Writer::Element e(w, name, true);
        e.attr(attr, toString(value));
    };
    one("image", "compression", g.image);
    one("jpeg", "compression", g.jpeg);
    one("zlib", "compression", g.zlib);
    one("playback", "compression", g.playback);
    one("streaming", "mode", g.streaming);
    one("mouse", "mode", g.mouse);
    one("clipboard", "copypaste", g.copypaste);
    one("filetransfer", "enable", g.filetransfer);
    formatGl(w, g, true);
}

bool skipListenForMigration(const Graphics& g, const GraphicsListen& l, const xml::FormatContext& ctx) {
    if (!ctx.migratable)
        return false;
    if (l.fromConfig)
        return true;
    // Old libvirt takes a user's VNC socket from the socket= attribute.
    if (g.type == GraphicsType::Vnc && l.type == GraphicsListenType::Socket && l.socket && !l.autoGenerated)
        return true;
    return g.type == GraphicsType::Spice && l.type == GraphicsListenType::None;
}

}  // namespace

void xmlParse(Graphics& g, const Node& node, xml::ParseContext& ctx) {
    g.type = *propEnum<GraphicsType>(node, "type", kPropRequired);
    switch (g.type) {
    case GraphicsType::Vnc:
        parseVnc(g, node, ctx);
        break;
    case GraphicsType::Sdl:
        g.fullscreen = propTriBool(node, "fullscreen") == TriBool::Yes;
        g.xauth = node.attr("xauth");
        g.display = node.attr("display");
        if (Node gl = node.child("gl"))
            g.gl = propTriBool(gl, "enable", kPropRequired);
        break;
    case GraphicsType::Rdp:
        parseRdp(g, node, ctx);
        break;
    case GraphicsType::Desktop:
        g.fullscreen = propTriBool(node, "fullscreen") == TriBool::Yes;
        g.display = node.attr("display");
        break;
    case GraphicsType::Spice:
        parseSpice(g, node, ctx);
        break;
    case GraphicsType::EglHeadless:
        if (Node gl = node.child("gl"))
            g.rendernode = gl.attr("rendernode");
        break;
    case GraphicsType::Dbus:
        parseDbus(g, node);
        break;
    }
}

void xmlFormat(Writer& w, std::string_view name, const Graphics& g, xml::FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("type", toString(g.type));
    switch (g.type) {
    case GraphicsType::Vnc:
        formatVncAttrs(el, g, ctx);
        // libvirt always opens the VNC element for children.
        el.keepOpen();
        break;
    case GraphicsType::Sdl:
        if (g.display)
            el.attr("display", *g.display);
        if (g.xauth)
            el.attr("xauth", *g.xauth);
        if (g.fullscreen)
            el.attr("fullscreen", "yes");
        el.beginChildren();
        formatGl(w, g, false);
        break;
    case GraphicsType::Rdp:
        if (g.port)
            el.attr("port", std::to_string(g.port));
        else if (g.autoport)
            el.attr("port", "0");
        if (g.autoport)
            el.attr("autoport", "yes");
        if (g.replaceUser)
            el.attr("replaceUser", "yes");
        if (g.multiUser)
            el.attr("multiUser", "yes");
        formatListenAttr(el, g, ctx);
        break;
    case GraphicsType::Desktop:
        if (g.display)
            el.attr("display", *g.display);
        if (g.fullscreen)
            el.attr("fullscreen", "yes");
        break;
    case GraphicsType::Spice:
        formatSpiceAttrs(el, g, ctx);
        break;
    case GraphicsType::EglHeadless:
        if (g.rendernode) {
            el.beginChildren();
            Writer::Element gl(w, "gl", true);
            gl.attr("rendernode", *g.rendernode);
        }
        break;
    case GraphicsType::Dbus:
        if (g.p2p)
            el.attr("p2p", "yes");
        if (g.address)
            el.attr("address", *g.address);
        el.beginChildren();
        formatGl(w, g, true);
        if (g.audioId > 0) {
            Writer::Element a(w, "audio", true);
            a.attr("id", std::to_string(g.audioId));
        }
        break;
    }

    for (const auto& l : g.listens) {
        if (skipListenForMigration(g, l, ctx))
            continue;
        el.beginChildren();
        formatListen(w, l, ctx);
    }
    if (g.type == GraphicsType::Spice)
        formatSpiceChildren(el, w, g);
    if (g.type == GraphicsType::Vnc && g.audioId > 0) {
        el.beginChildren();
        Writer::Element a(w, "audio", true);
        a.attr("id", std::to_string(g.audioId));
    }
}

void postParseGraphics(Graphics& g) {
    if (g.type != GraphicsType::Spice || g.listens.empty())
        return;
    auto& l = g.listens[0];
    if (l.type == GraphicsListenType::Address && g.port == 0 && g.tlsPort == 0 && !g.autoport) {
        l.address.reset();
        l.type = GraphicsListenType::None;
    }
}

void validateGraphics(const Graphics& g, const std::vector<unsigned>& audioIds) {
    if (g.type == GraphicsType::Vnc || g.type == GraphicsType::Spice || g.type == GraphicsType::Rdp) {
        for (const auto& l : g.listens)
            if (l.type == GraphicsListenType::Network && !l.network)
                fail(ErrorCode::XmlError, ErrorDomain::Domain,
                     "'network' attribute is required for listen type 'network'");
    }
    if (g.type == GraphicsType::Vnc) {
        if (g.audioId != 0 && std::find(audioIds.begin(), audioIds.end(), g.audioId) == audioIds.end())
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "no audio device with ID {}", g.audioId);
    } else if (g.type == GraphicsType::Dbus) {
        if (g.p2p && g.address)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "D-Bus p2p with an address is not supported");
    }
}

}  // namespace cvirt::conf::domain
