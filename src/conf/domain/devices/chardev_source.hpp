#pragma once
// The host side of a character device (libvirt's virDomainChrSourceDef):
// where the guest's serial port, console, channel, smartcard passthrough,
// USB redirection or EGD random source is connected on the host. The
// element that owns it carries the type attribute (<serial type='tcp'>,
// <smartcard type=..>, <redirdev type=..>, <backend model='egd' type=..>),
// and the source itself is written as the children <source>, <protocol>
// and <log>.
//
// Owners parse in two steps: read the type attribute with their own checks
// and messages, then call parseChardevSource(). They format the type with
// formatChardevTypeAttr() and the children with formatChardevSource(), and
// run validateChardevSource() from their validation step.

#include <optional>
#include <string>
#include <vector>

#include "conf/xml/schema.hpp"

namespace cvirt::conf::domain {

// virDomainChrType, in libvirt's order.
enum class ChardevType {
    Null, Vc, Pty, Dev, File, Pipe, Stdio, Udp, Tcp, Unix, Spicevmc, Spiceport, Nmdm, QemuVdagent, Dbus
};
CVIRT_ENUM_STRINGS(ChardevType, "null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp", "tcp", "unix",
                   "spicevmc", "spiceport", "nmdm", "qemu-vdagent", "dbus");

// <protocol type=...> of a TCP source.
enum class ChardevTcpProtocol { Raw, Telnet, Telnets, Tls };
CVIRT_ENUM_STRINGS(ChardevTcpProtocol, "raw", "telnet", "telnets", "tls");

// Which SPICE channel a spicevmc source feeds; set by the owning device,
// never written to XML.
enum class SpicevmcChannel { Vdagent, Smartcard, Usbredir };

// virDomainMouseMode: <mouse mode=...> of qemu-vdagent sources and of SPICE.
enum class MouseMode { Default, Server, Client };
CVIRT_ENUM_STRINGS_UNSET(MouseMode, "default", "server", "client");

// <reconnect enabled=... timeout=.../> inside a TCP or UNIX <source>.
struct ChardevReconnect {
    TriBool enabled{};
    unsigned timeout = 0;  // seconds; meaningful when enabled='yes'
    bool operator==(const ChardevReconnect&) const = default;
};

// <seclabel> overriding the domain's label for this source.
struct ChardevSeclabel {
    std::optional<std::string> model;
    bool relabel = true;
    bool labelskip = false;
    std::optional<std::string> label;
    bool operator==(const ChardevSeclabel&) const = default;
};

struct ChardevSource {
    ChardevType type = ChardevType::Pty;

    // pty, dev, file, pipe: the host path; unix: the socket path.
    std::optional<std::string> path;
    TriSwitch append{};  // file only

    // tcp and unix: mode='bind' (listen) or 'connect'.
    bool listen = false;
    ChardevReconnect reconnect;

    // tcp
    std::optional<std::string> host, service;
    TriBool tls{};
    ChardevTcpProtocol protocol = ChardevTcpProtocol::Raw;

    // udp: up to two <source> elements, one per mode.
    std::optional<std::string> bindHost, bindService, connectHost, connectService;

    // spiceport, dbus
    std::optional<std::string> channel;

    // nmdm
    std::optional<std::string> master, slave;

    // qemu-vdagent
    TriBool clipboard{};
    MouseMode mouse{};

    SpicevmcChannel spicevmc = SpicevmcChannel::Vdagent;

    // Only <serial>, <parallel>, <console> and <channel> read these.
    std::vector<ChardevSeclabel> seclabels;

    // <log file=... append=.../>
    std::optional<std::string> logFile;
    TriSwitch logAppend{};

    bool operator==(const ChardevSource&) const = default;
};

// What the owner's element allows inside its <source>.
enum ChardevSourceFlag : unsigned {
    kChardevSeclabels = 1u << 0,  // <seclabel> children (character devices proper)
};

// Reads the <source>, <log> and <protocol> children of `node` into `src`,
// whose `type` the caller has set (virDomainChrSourceDefParseXML).
void parseChardevSource(ChardevSource& src, const xml::Node& node, const xml::ParseContext& ctx,
                        unsigned flags = 0);

// Writes type='...' (and, for the legacy console syntax, tty='...').
void formatChardevTypeAttr(xml::Writer::Element& el, const ChardevSource& src, bool ttyCompat = false);

// Writes the <source>, <protocol> and <log> children of `el`.
void formatChardevSource(xml::Writer::Element& el, xml::Writer& w, const ChardevSource& src,
                         const xml::FormatContext& ctx);

// libvirt's virDomainChrSourceDefValidate. `generatedPath`: a UNIX source may
// leave its path out (virtio and xen channels, whose path the driver picks).
void validateChardevSource(const ChardevSource& src, bool generatedPath = false);

// <reconnect> inside `source` (also used by vhost-user interfaces).
ChardevReconnect parseChardevReconnect(const xml::Node& source);
void formatChardevReconnect(xml::Writer::Element& parent, xml::Writer& w, const ChardevReconnect& reconnect);

}  // namespace cvirt::conf::domain
