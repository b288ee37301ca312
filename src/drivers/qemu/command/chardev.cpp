// -chardev backends and the character devices on top of them: the QMP
// monitor, serial and parallel ports, channels and consoles.
#include <fmt/format.h>

#include "drivers/qemu/command/families.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

const char* spicevmcName(SpicevmcChannel c) {
    switch (c) {
    case SpicevmcChannel::Vdagent: return "vdagent";
    case SpicevmcChannel::Smartcard: return "smartcard";
    case SpicevmcChannel::Usbredir: return "usbredir";
    }
    return "vdagent";
}

void reconnect(std::string& s, const ChardevReconnect& r) {
    if (r.enabled == conf::TriBool::Yes)
        s += fmt::format(",reconnect={}", r.timeout);
    else if (r.enabled == conf::TriBool::No)
        s += ",reconnect=0";
}

bool haveTls(const Build& b, const ChardevSource& src) {
    if (src.type != ChardevType::Tcp)
        return false;
    if (src.tls != conf::TriBool::Absent)
        return src.tls == conf::TriBool::Yes;
    return b.ctx.config.chardevTls;
}

// The socket path of a UNIX source whose XML names none: virtio channels
// get one in the channel directory, named after the channel.
std::string unixPath(const Build& b, const ChardevSource& src, const Chardev* chr) {
    if (src.path)
        return *src.path;
    if (chr && chr->name)
        return (b.ctx.channelTargetDir.empty() ? b.ctx.runtimeDir : b.ctx.channelTargetDir) + "/" + *chr->name;
    fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "UNIX socket character device needs a path");
}

std::string chardevArgFor(Build& b, const ChardevSource& src, const std::string& alias, const Chardev* chr) {
    std::string s;
    switch (src.type) {
    case ChardevType::Null: s = "null,id=" + alias; break;
    case ChardevType::Vc: s = "vc,id=" + alias; break;
    case ChardevType::Pty: s = "pty,id=" + alias; break;
    case ChardevType::Dev:
        s = fmt::format("{},id={},path={}", alias.starts_with("charparallel") ? "parallel" : "serial", alias,
                        escapeComma(src.path.value_or("")));
        break;
    case ChardevType::File:
        s = fmt::format("file,id={},path={}", alias, escapeComma(src.path.value_or("")));
        if (src.append != conf::TriSwitch::Absent)
            s += fmt::format(",append={}", toString(src.append));
        break;
    case ChardevType::Pipe: s = fmt::format("pipe,id={},path={}", alias, escapeComma(src.path.value_or(""))); break;
    case ChardevType::Stdio: s = "stdio,id=" + alias; break;
    case ChardevType::Udp:
        s = fmt::format("udp,id={},host={},port={},localaddr={},localport={}", alias, src.connectHost.value_or(""),
                        src.connectService.value_or(""), src.bindHost.value_or(""), src.bindService.value_or("0"));
        break;
    case ChardevType::Tcp:
        s = fmt::format("socket,id={},host={},port={}", alias, src.host.value_or(""), src.service.value_or(""));
        if (src.protocol == ChardevTcpProtocol::Telnet)
            s += ",telnet=on";
        if (src.listen)
            s += ",server=on,wait=off";
        reconnect(s, src.reconnect);
        if (haveTls(b, src))
            s += fmt::format(",tls-creds=obj{}_tls0", alias);
        break;
    case ChardevType::Unix:
        s = "socket,id=" + alias;
        // libvirt opens listening sockets itself and passes them in.
        if (src.listen && b.ctx.listenFd)
            s += fmt::format(",fd={}", *b.ctx.listenFd);
        else
            s += ",path=" + escapeComma(unixPath(b, src, chr));
        if (src.listen)
            s += ",server=on,wait=off";
        reconnect(s, src.reconnect);
        break;
    case ChardevType::Spicevmc: s = fmt::format("spicevmc,id={},name={}", alias, spicevmcName(src.spicevmc)); break;
    case ChardevType::Spiceport: s = fmt::format("spiceport,id={},name={}", alias, src.channel.value_or("")); break;
    case ChardevType::QemuVdagent:
        s = fmt::format("qemu-vdagent,id={},name=vdagent", alias);
        if (src.clipboard != conf::TriBool::Absent)
            s += fmt::format(",clipboard={}", src.clipboard == conf::TriBool::Yes ? "on" : "off");
        if (src.mouse == MouseMode::Client)
            s += ",mouse=on";
        else if (src.mouse == MouseMode::Server)
            s += ",mouse=off";
        break;
    case ChardevType::Dbus: s = fmt::format("dbus,id={},name={}", alias, src.channel.value_or("")); break;
    case ChardevType::Nmdm:
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "unsupported chardev '{}'", toString(src.type));
    }
    if (src.logFile) {
        s += ",logfile=" + escapeComma(*src.logFile);
        if (src.logAppend != conf::TriSwitch::Absent)
            s += fmt::format(",logappend={}", toString(src.logAppend));
    }
    return s;
}

void chardevFor(Build& b, const ChardevSource& src, const std::string& alias, const Chardev* chr) {
    if (haveTls(b, src)) {
        const auto& cfg = b.ctx.config;
        b.object(Props{{"qom-type", "tls-creds-x509"},
                       {"id", fmt::format("obj{}_tls0", alias)},
                       {"dir", cfg.chardevTlsCertDir},
                       {"endpoint", src.listen ? "server" : "client"},
                       {"verify-peer", src.listen ? cfg.chardevTlsVerify : true}});
    }
    b.arg("-chardev", chardevArgFor(b, src, alias, chr));
}

bool isPlatformSerial(const Chardev& s) {
    return s.serialTarget == SerialTargetType::None ||
           (s.serialTarget == SerialTargetType::SystemSerial &&
            (s.targetModel == SerialTargetModel::Pl011 || s.targetModel == SerialTargetModel::Uart16550a));
}

Props virtioSerialPort(Build& b, const Chardev& chr) {
    Props p{{"driver", chr.deviceType == ChardevDeviceType::Console ? "virtconsole" : "virtserialport"}};
    if (chr.deviceType == ChardevDeviceType::Channel && chr.source.type == ChardevType::Spicevmc && chr.name &&
        *chr.name != "com.redhat.spice.0")
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "Unsupported spicevmc target name '{}'", *chr.name);
    b.address(p, chr.info);
    p["chardev"] = "char" + chr.info.alias;
    p["id"] = chr.info.alias;
    if (chr.deviceType == ChardevDeviceType::Channel && (chr.source.type == ChardevType::Spicevmc || chr.name))
        p["name"] = chr.name.value_or("com.redhat.spice.0");
    return p;
}

}  // namespace

std::string chardevArg(Build& b, const ChardevSource& src, const std::string& alias) {
    return chardevArgFor(b, src, alias, nullptr);
}

void buildChardev(Build& b, const ChardevSource& src, const std::string& alias) { chardevFor(b, src, alias, nullptr); }

void buildMonitor(Build& b) {
    std::string where = b.ctx.monitorFd ? fmt::format("fd={}", *b.ctx.monitorFd)
                                        : "path=" + escapeComma(b.ctx.monitorPath);
    b.arg("-chardev", fmt::format("socket,id=charmonitor,{},server=on,wait=off", where));
    b.arg("-mon", "chardev=charmonitor,id=monitor,mode=control");
}

void buildSerials(Build& b) {
    bool spice = false;
    for (const auto& g : b.def.devices.graphics)
        spice = spice || g.type == GraphicsType::Spice;
    for (const auto& s : b.def.devices.serials) {
        if (s.source.type == ChardevType::Spiceport && !spice)
            continue;
        chardevFor(b, s.source, "char" + s.info.alias, &s);
        if (isPlatformSerial(s)) {
            b.arg("-serial", "chardev:char" + s.info.alias);
            continue;
        }
        Props p{{"driver", std::string(toString(s.targetModel))},
                {"chardev", "char" + s.info.alias},
                {"id", s.info.alias}};
        if (s.targetModel == SerialTargetModel::IsaSerial)
            putNonNegative(p, "index", s.port);
        b.address(p, s.info);
        b.device(p);
    }
}

void buildParallels(Build& b) {
    for (const auto& par : b.def.devices.parallels) {
        chardevFor(b, par.source, "char" + par.info.alias, &par);
        b.device(Props{{"driver", "isa-parallel"}, {"chardev", "char" + par.info.alias}, {"id", par.info.alias}});
    }
}

void buildChannels(Build& b) {
    for (const auto& ch : b.def.devices.channels) {
        chardevFor(b, ch.source, "char" + ch.info.alias, &ch);
        if (ch.channelTarget == ChannelTargetType::Guestfwd) {
            std::string addr = ch.guestfwdAddress ? ch.guestfwdAddress->format() : std::string();
            Props fwd{{"str", fmt::format("tcp:{}:{}-chardev:char{}", addr, ch.guestfwdPort, ch.info.alias)}};
            b.netdev(Props{{"type", "user"}, {"guestfwd", Props::array({fwd})}, {"id", ch.info.alias}});
        } else if (ch.channelTarget == ChannelTargetType::Virtio) {
            b.device(virtioSerialPort(b, ch));
        } else {
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "unsupported channel target type '{}'",
                 toString(ch.channelTarget));
        }
    }
}

void buildConsoles(Build& b) {
    for (const auto& con : b.def.devices.consoles) {
        switch (con.consoleTarget) {
        case ConsoleTargetType::Sclp:
        case ConsoleTargetType::Sclplm:
            chardevFor(b, con.source, "char" + con.info.alias, &con);
            b.device(Props{{"driver", con.consoleTarget == ConsoleTargetType::Sclp ? "sclpconsole" : "sclplmconsole"},
                           {"chardev", "char" + con.info.alias},
                           {"id", con.info.alias}});
            break;
        case ConsoleTargetType::Virtio:
            chardevFor(b, con.source, "char" + con.info.alias, &con);
            b.device(virtioSerialPort(b, con));
            break;
        case ConsoleTargetType::Serial: break;
        default:
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "unsupported console target type {}",
                 toString(con.consoleTarget));
        }
    }
}

}  // namespace cvirt::qemu
