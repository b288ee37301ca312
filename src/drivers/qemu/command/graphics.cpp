// Graphical consoles: SDL, VNC, SPICE, EGL headless and D-Bus displays.
#include <fmt/format.h>

#include "drivers/qemu/command/families.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

const GraphicsListen& firstListen(const Graphics& g) {
    if (g.listens.empty())
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "missing listen element");
    return g.listens.front();
}

void sdl(Build& b, const Graphics& g) {
    if (g.xauth)
        b.env("XAUTHORITY", *g.xauth);
    if (g.display)
        b.env("DISPLAY", *g.display);
    if (g.fullscreen)
        b.arg("-full-screen");
    std::string opt = "sdl";
    if (g.gl != conf::TriBool::Absent)
        opt += fmt::format(",gl={}", g.gl == conf::TriBool::Yes ? "on" : "off");
    b.arg("-display", opt);
}

void vnc(Build& b, const Graphics& g) {
    const auto& cfg = b.ctx.config;
    std::string audio = audioId(b, g.audioId);
    const GraphicsListen& l = firstListen(g);
    std::string opt;
    switch (l.type) {
    case GraphicsListenType::Socket: opt = "vnc=unix:" + escapeComma(l.socket.value_or("")); break;
    case GraphicsListenType::Address:
    case GraphicsListenType::Network: {
        if (!g.autoport && (g.port < 5900 || g.port > 65535))
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "vnc port must be in range [5900,65535]");
        std::string addr = l.address ? *l.address : (l.type == GraphicsListenType::Address ? cfg.vncListen : "");
        if (!addr.empty())
            opt = addr.find(':') != std::string::npos ? "[" + addr + "]" : addr;
        opt += fmt::format(":{}", g.port - 5900);
        if (g.websocket)
            opt += fmt::format(",websocket={}", g.websocket);
        break;
    }
    case GraphicsListenType::None: opt = "none"; break;
    }
    if (g.sharePolicy != VncSharePolicy::Default)
        opt += fmt::format(",share={}", toString(g.sharePolicy));
    if (g.auth.passwd || cfg.vncPassword)
        opt += ",password=on";
    if (cfg.vncTls) {
        std::string alias = "vnc-tls-creds0";
        b.object(Props{{"qom-type", "tls-creds-x509"},
                       {"id", alias},
                       {"dir", cfg.vncTlsCertDir},
                       {"endpoint", "server"},
                       {"verify-peer", cfg.vncTlsVerify}});
        opt += ",tls-creds=" + alias;
    }
    if (cfg.vncSasl) {
        opt += ",sasl=on";
        if (!cfg.vncSaslDir.empty())
            b.env("SASL_CONF_PATH", cfg.vncSaslDir);
    }
    if (g.powerControl != conf::TriBool::Absent)
        opt += fmt::format(",power-control={}", g.powerControl == conf::TriBool::Yes ? "on" : "off");
    opt += ",audiodev=" + audio;
    b.arg("-vnc", opt);
    if (g.keymap)
        b.arg("-k", *g.keymap);
}

void spice(Build& b, const Graphics& g) {
    const auto& cfg = b.ctx.config;
    const GraphicsListen& l = firstListen(g);
    std::string opt;
    bool secure = false, insecure = false;
    switch (l.type) {
    case GraphicsListenType::Socket:
        opt = "unix,addr=" + escapeComma(l.socket.value_or("")) + ",";
        insecure = true;
        break;
    case GraphicsListenType::Address:
    case GraphicsListenType::Network:
        if (g.port > 0) {
            opt += fmt::format("port={},", g.port);
            insecure = true;
        }
        if (g.tlsPort > 0) {
            opt += fmt::format("tls-port={},", g.tlsPort);
            secure = true;
        }
        if (g.port > 0 || g.tlsPort > 0) {
            std::string addr = l.address ? *l.address : (l.type == GraphicsListenType::Address ? cfg.spiceListen : "");
            if (!addr.empty())
                opt += fmt::format("addr={},", addr);
        }
        break;
    case GraphicsListenType::None:
        // QEMU needs a port or tls-port when nothing else is given.
        opt = "port=0,";
        insecure = true;
        break;
    }
    if (cfg.spiceSasl) {
        opt += "sasl=on,";
        if (!cfg.spiceSaslDir.empty())
            b.env("SASL_CONF_PATH", cfg.spiceSaslDir);
    }
    if (g.mouse == MouseMode::Server)
        opt += "agent-mouse=off,";
    else if (g.mouse == MouseMode::Client)
        opt += "agent-mouse=on,";
    // A password is set over the monitor, never on the command line.
    if (!g.auth.passwd && !cfg.spicePassword)
        opt += "disable-ticketing=on,";
    if (secure)
        opt += "x509-dir=" + escapeComma(cfg.spiceTlsCertDir) + ",";
    if (g.defaultMode == SpiceChannelMode::Secure) {
        if (!secure)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
                 "spice defaultMode secure requested in XML configuration, but TLS connection is not available");
        opt += "tls-channel=default,";
    } else if (g.defaultMode == SpiceChannelMode::Insecure) {
        if (!insecure)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
                 "spice defaultMode insecure requested in XML configuration, but plaintext connection is not available");
        opt += "plaintext-channel=default,";
    }
    for (size_t i = 0; i < g.channels.size(); ++i) {
        auto name = toString(static_cast<SpiceChannelName>(i));
        if (g.channels[i] == SpiceChannelMode::Secure) {
            if (!secure)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
                     "spice secure channels set in XML configuration, but TLS connection is not available");
            opt += fmt::format("tls-channel={},", name);
        } else if (g.channels[i] == SpiceChannelMode::Insecure) {
            if (!insecure)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu,
                     "spice insecure channels set in XML configuration, but plaintext connection is not available");
            opt += fmt::format("plaintext-channel={},", name);
        }
    }
    if (g.image != SpiceImageCompression::Default)
        opt += fmt::format("image-compression={},", toString(g.image));
    if (g.jpeg != SpiceJpegCompression::Default)
        opt += fmt::format("jpeg-wan-compression={},", toString(g.jpeg));
    if (g.zlib != SpiceZlibCompression::Default)
        opt += fmt::format("zlib-glz-wan-compression={},", toString(g.zlib));
    if (g.playback != conf::TriSwitch::Absent)
        opt += fmt::format("playback-compression={},", toString(g.playback));
    if (g.streaming != SpiceStreamingMode::Default)
        opt += fmt::format("streaming-video={},", toString(g.streaming));
    if (g.copypaste == conf::TriBool::No)
        opt += "disable-copy-paste=on,";
    if (g.filetransfer == conf::TriBool::No)
        opt += "disable-agent-file-xfer=on,";
    if (g.gl == conf::TriBool::Yes) {
        opt += "gl=on,";
        if (g.rendernode)
            opt += "rendernode=" + escapeComma(*g.rendernode) + ",";
    }
    // Seamless migration falls back silently where the target lacks it.
    opt += "seamless-migration=on";
    b.arg("-spice", opt);
    if (g.keymap)
        b.arg("-k", *g.keymap);
}

void eglHeadless(Build& b, const Graphics& g) {
    std::string opt = "egl-headless";
    if (g.rendernode)
        opt += ",rendernode=" + escapeComma(*g.rendernode);
    b.arg("-display", opt);
}

void dbus(Build& b, const Graphics& g) {
    std::string opt = "dbus";
    if (g.p2p)
        opt += ",p2p=on";
    else
        opt += ",addr=" + escapeComma(g.address.value_or(""));
    if (g.gl != conf::TriBool::Absent)
        opt += fmt::format(",gl={}", g.gl == conf::TriBool::Yes ? "on" : "off");
    if (g.rendernode)
        opt += ",rendernode=" + escapeComma(*g.rendernode);
    if (g.audioId > 0)
        opt += ",audiodev=" + audioId(b, g.audioId);
    b.arg("-display", opt);
}

}  // namespace

void buildGraphics(Build& b) {
    for (const auto& g : b.def.devices.graphics) {
        switch (g.type) {
        case GraphicsType::Sdl: sdl(b, g); break;
        case GraphicsType::Vnc: vnc(b, g); break;
        case GraphicsType::Spice: spice(b, g); break;
        case GraphicsType::EglHeadless: eglHeadless(b, g); break;
        case GraphicsType::Dbus: dbus(b, g); break;
        default:
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "unsupported graphics type '{}'", toString(g.type));
        }
    }
}

}  // namespace cvirt::qemu
