#include "conf/domain/devices/hostdev.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "conf/domain/props.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

[[noreturn]] void xmlError(std::string_view message) {
    throw Error(ErrorCode::XmlError, ErrorDomain::Domain, message);
}
[[noreturn]] void internal(std::string_view message) {
    throw Error(ErrorCode::InternalError, ErrorDomain::Domain, message);
}
[[noreturn]] void unsupported(std::string_view message) {
    throw Error(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, message);
}

bool validWwn(std::string_view wwn) {
    if (wwn.starts_with("0x"))
        wwn.remove_prefix(2);
    return wwn.size() == 16 &&
           std::all_of(wwn.begin(), wwn.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

HostdevUsbSource parseUsb(const Node& source) {
    HostdevUsbSource u;
    u.startupPolicy = propEnum<StartupPolicy>(source, "startupPolicy", kPropNonZero).value_or(StartupPolicy::Default);
    u.autoAddress = propTriBool(source, "autoAddress") == TriBool::Yes;
    u.guestReset = propEnum<UsbGuestReset>(source, "guestReset", kPropNonZero).value_or(UsbGuestReset::Default);
    auto vendor = source.child("vendor");
    auto product = source.child("product");
    if (vendor) {
        u.vendor = propInt<unsigned>(vendor, "id", kPropRequired | kPropNonZero | kPropAnyBase);
        if (!product)
            internal("missing product");
    }
    if (product) {
        u.product = propInt<unsigned>(product, "id", kPropRequired | kPropAnyBase);
        if (!vendor)
            internal("missing vendor");
    }
    if (auto a = source.child("address")) {
        u.bus = *propInt<unsigned>(a, "bus", kPropRequired | kPropAnyBase);
        u.device = *propInt<unsigned>(a, "device", kPropRequired | kPropAnyBase);
    }
    return u;
}

HostdevScsiSource parseScsi(const Node& source, ParseContext& ctx) {
    HostdevScsiSource s;
    auto protocol = source.attr("protocol");
    if (protocol && *protocol != "adapter" && *protocol != "iscsi")
        xml::invalidAttr(source, "protocol", *protocol);
    if (protocol == std::optional<std::string>("iscsi")) {
        s.iscsi = true;
        StorageSource& src = s.iscsiSource;
        src.type = StorageType::Network;
        src.protocol = NetProtocol::Iscsi;
        src.path = source.attr("name");
        if (!src.path)
            xmlError("missing iSCSI hostdev source path name");
        auto hosts = source.children("host");
        if (hosts.empty())
            xmlError("missing the host address for the iSCSI hostdev");
        if (hosts.size() > 1)
            xmlError("only one source host address may be specified for the iSCSI hostdev");
        NetHost h;
        h.name = hosts[0].attr("name").value_or("");
        if (h.name.empty())
            xmlError("missing name for host");
        h.port = propInt<unsigned>(hosts[0], "port").value_or(0);
        src.hosts.push_back(h);
        if (auto auth = source.child("auth")) {
            src.auth = parseStorageAuth(auth);
            const std::string& t = src.auth->secret.type;
            static constexpr std::string_view kUsages[] = {"none", "volume", "ceph", "iscsi", "tls", "vtpm"};
            if (std::find(std::begin(kUsages), std::end(kUsages), t) == std::end(kUsages))
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "invalid secret type {}", t);
            if (t != "iscsi")
                fail(ErrorCode::InternalError, ErrorDomain::Domain, "hostdev invalid secret type '{}'", t);
        }
        if (auto i = source.child("initiator"))
            if (auto iqn = i.child("iqn"))
                src.initiatorIqn = iqn.attr("name").value_or("");
        (void)ctx;
        return s;
    }
    auto address = source.child("address");
    if (!address)
        xmlError("'address' must be specified for scsi hostdev source");
    s.bus = *propInt<unsigned>(address, "bus", kPropRequired | kPropAnyBase);
    s.target = *propInt<unsigned>(address, "target", kPropRequired | kPropAnyBase);
    s.unit = *propInt<unsigned long long>(address, "unit", kPropRequired | kPropAnyBase);
    auto adapter = source.child("adapter");
    auto name = adapter ? adapter.attr("name") : std::nullopt;
    if (!name || name->empty())
        xmlError("'adapter' name must be specified for scsi hostdev source");
    s.adapter = *name;
    return s;
}

HostdevScsiHostSource parseScsiHost(const Node& source) {
    HostdevScsiHostSource s;
    auto protocol = source.attr("protocol");
    if (!protocol)
        xml::missingAttr(source, "protocol");
    if (*protocol != "vhost") {
        if (*protocol == "none")
            xmlError("Invalid hostdev protocol 'none'");
        xml::invalidAttr(source, "protocol", *protocol);
    }
    auto wwpn = source.attr("wwpn");
    if (!wwpn)
        xmlError("missing vhost-scsi hostdev source wwpn");
    if (!wwpn->starts_with("naa.") || !validWwn(std::string_view(*wwpn).substr(4)))
        xmlError("malformed 'wwpn' value");
    s.wwpn = *wwpn;
    return s;
}

HostdevMdevSource parseMdev(const Node& source) {
    HostdevMdevSource m;
    auto address = source ? source.child("address") : Node();
    if (!address)
        unsupported("Missing <address> element");
    auto uuid = address.attr("uuid");
    if (!uuid)
        unsupported("Missing 'uuid' attribute for element <address>");
    auto u = Uuid::parse(*uuid);
    if (!u)
        internal("Cannot parse uuid attribute of element <address>");
    m.uuid = *u;
    return m;
}

std::vector<HostdevIp> parseIps(const Node& node) {
    std::vector<HostdevIp> out;
    for (const auto& n : node.children("ip")) {
        HostdevIp ip;
        auto address = n.attr("address");
        if (!address)
            xmlError("Missing required address in <ip>");
        ip.address = *address;
        ip.family = n.attr("family").value_or("");
        ip.peer = n.attr("peer").value_or("");
        if (auto p = n.attr("prefix")) {
            auto v = propInt<unsigned>(n, "prefix");
            unsigned max = (ip.family == "ipv6" || ip.address.find(':') != std::string::npos) ? 128 : 32;
            if (!v || *v > max)
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "Invalid prefix value '{}' in <ip>", *p);
            ip.prefix = v;
        }
        out.push_back(std::move(ip));
    }
    return out;
}

std::vector<HostdevRoute> parseRoutes(const Node& node) {
    std::vector<HostdevRoute> out;
    for (const auto& n : node.children("route")) {
        HostdevRoute r;
        r.family = n.attr("family").value_or("");
        r.address = n.attr("address").value_or("");
        r.netmask = n.attr("netmask").value_or("");
        r.gateway = n.attr("gateway").value_or("");
        r.prefix = propInt<unsigned>(n, "prefix");
        r.metric = propInt<unsigned>(n, "metric");
        out.push_back(std::move(r));
    }
    return out;
}

HostdevCaps parseCaps(const Node& node, HostdevCapsType type) {
    HostdevCaps c;
    c.type = type;
    auto source = node.child("source");
    if (!source)
        xmlError("Missing <source> element in hostdev device");
    switch (type) {
    case HostdevCapsType::Storage:
        if (auto v = childText(source, "block"))
            c.value = *v;
        else
            xmlError("Missing <block> element in hostdev storage device");
        break;
    case HostdevCapsType::Misc:
        if (auto v = childText(source, "char"))
            c.value = *v;
        else
            xmlError("Missing <char> element in hostdev character device");
        break;
    case HostdevCapsType::Net:
        if (auto v = childText(source, "interface"))
            c.value = *v;
        else
            xmlError("Missing <interface> element in hostdev net device");
        c.ips = parseIps(node);
        c.routes = parseRoutes(node);
        break;
    }
    return c;
}

std::string_view ipFamily(const HostdevIp& ip) {
    if (!ip.family.empty())
        return ip.family;
    return ip.address.find(':') != std::string::npos ? "ipv6" : "ipv4";
}

void formatCaps(Writer& w, const HostdevCaps& c) {
    {
        Writer::Element s(w, "source", true);
        s.keepOpen();
        s.beginChildren();
        static constexpr const char* kNames[] = {"block", "char", "interface"};
        w.textElement(kNames[static_cast<int>(c.type)], c.value);
    }
    for (const auto& ip : c.ips) {
        Writer::Element e(w, "ip", true);
        e.attr("address", ip.address);
        e.attr("family", ipFamily(ip));
        if (ip.prefix && *ip.prefix)
            e.attr("prefix", std::to_string(*ip.prefix));
        if (!ip.peer.empty())
            e.attr("peer", ip.peer);
    }
    for (const auto& r : c.routes) {
        Writer::Element e(w, "route", true);
        if (!r.family.empty())
            e.attr("family", r.family);
        e.attr("address", r.address);
        if (!r.netmask.empty())
            e.attr("netmask", r.netmask);
        if (r.prefix)
            e.attr("prefix", std::to_string(*r.prefix));
        e.attr("gateway", r.gateway);
        if (r.metric)
            e.attr("metric", std::to_string(*r.metric));
    }
}

}  // namespace

HostdevSubsys parseHostdevSubsys(const Node& node, HostdevSubsysType type, bool& managed, ParseContext& ctx) {
    managed = node.attr("managed") == std::optional<std::string>("yes");
    auto model = node.attr("model");
    auto source = node.child("source");
    if (!source)
        xmlError("Missing <source> element in hostdev device");
    if (type != HostdevSubsysType::Usb && source.attr("startupPolicy"))
        unsupported("Setting startupPolicy is only allowed for USB devices");
    auto sgio = propEnum<DeviceSgio>(node, "sgio", kPropNonZero);
    if (sgio && type != HostdevSubsysType::Scsi)
        xmlError("sgio is only supported for scsi host device");
    TriBool rawio = propTriBool(node, "rawio");
    if (isSet(rawio) && type != HostdevSubsysType::Scsi)
        xmlError("rawio is only supported for scsi host device");
    if (model && type != HostdevSubsysType::Mdev && type != HostdevSubsysType::ScsiHost)
        fail(ErrorCode::XmlError, ErrorDomain::Domain,
             "'model' attribute in <hostdev> is only supported when type='{}'", toString(type));
    switch (type) {
    case HostdevSubsysType::Pci: {
        HostdevPciSource p;
        p.writeFiltering = propTriBool(source, "writeFiltering");
        if (auto a = source.child("address"))
            p.address = parsePciAddress(a);
        if (auto d = node.child("driver"))
            p.backend = propEnum<HostdevPciBackend>(d, "name", kPropNonZero).value_or(HostdevPciBackend::Default);
        return p;
    }
    case HostdevSubsysType::Usb:
        return parseUsb(source);
    case HostdevSubsysType::Scsi: {
        auto s = parseScsi(source, ctx);
        s.sgio = sgio.value_or(DeviceSgio::Default);
        s.rawio = rawio;
        return s;
    }
    case HostdevSubsysType::ScsiHost: {
        auto s = parseScsiHost(source);
        s.model = propEnum<ScsiHostModel>(node, "model").value_or(ScsiHostModel::Default);
        return s;
    }
    case HostdevSubsysType::Mdev: {
        auto m = parseMdev(source);
        m.model = *propEnum<MdevModel>(node, "model", kPropRequired);
        m.display = propTriSwitch(node, "display");
        m.ramfb = propTriSwitch(node, "ramfb");
        return m;
    }
    }
    unsupported("unknown hostdev subsystem type");
}

void xmlParse(Hostdev& h, const Node& node, ParseContext& ctx) {
    h = Hostdev{};
    if (auto mode = node.attr("mode")) {
        auto m = fromString<HostdevMode>(*mode);
        if (!m)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown hostdev mode '{}'", *mode);
        h.mode = *m;
    }
    auto type = node.attr("type");
    if (!type)
        xmlError("missing source address type");
    if (h.mode == HostdevMode::Subsystem) {
        auto t = fromString<HostdevSubsysType>(*type);
        if (!t)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown host device source address type '{}'",
                 *type);
        h.source = parseHostdevSubsys(node, *t, h.managed, ctx);
    } else {
        auto t = fromString<HostdevCapsType>(*type);
        if (!t)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown host device source address type '{}'",
                 *type);
        h.source = parseCaps(node, *t);
    }
    parseDeviceInfo(h.info, node, ctx, kInfoAllowBoot | kInfoAllowRom);
    if (const auto* s = h.subsys()) {
        const auto& a = h.info.address;
        bool none = !h.info.hasAddress();
        if (std::holds_alternative<HostdevPciSource>(*s)) {
            if (!none && !std::holds_alternative<PciAddress>(a) && !std::holds_alternative<UnassignedAddress>(a))
                internal("PCI host devices must use 'pci' or 'unassigned' address type");
        } else if (std::holds_alternative<HostdevScsiSource>(*s)) {
            if (!none && !std::holds_alternative<DriveAddress>(a))
                internal("SCSI host devices must use 'drive' address type");
            h.readonly = static_cast<bool>(node.child("readonly"));
            h.shareable = static_cast<bool>(node.child("shareable"));
        } else if (std::holds_alternative<HostdevScsiHostSource>(*s)) {
            if (!none && !std::holds_alternative<PciAddress>(a) && !std::holds_alternative<CcwAddress>(a))
                internal("SCSI_host host device must use 'pci' or 'ccw' address type");
        }
    }
    if (auto t = node.child("teaming")) {
        auto typeText = t.attr("type");
        auto tt = typeText ? fromString<TeamingType>(*typeText) : std::nullopt;
        if (!tt || *tt == TeamingType::None)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown teaming type '{}'",
                 typeText.value_or("(null)"));
        h.teaming = *tt;
        h.teamingPersistent = t.attr("persistent").value_or("");
        if (h.teaming != TeamingType::Transient)
            unsupported("teaming hostdev devices must have type='transient'");
    }
    if (const auto* s = h.subsys(); s && std::holds_alternative<HostdevScsiSource>(*s)) {
        auto& scsi = std::get<HostdevScsiSource>(*h.subsys());
        if (scsi.iscsi && scsi.iscsiSource.path && scsi.iscsiSource.path->find('/') == std::string::npos)
            *scsi.iscsiSource.path += "/0";
    }
}

void formatHostdevSubsysSource(Writer& w, const HostdevSubsys& s, FormatContext& ctx, bool withAddressType) {
    std::visit(
        [&](const auto& src) {
            using S = std::decay_t<decltype(src)>;
            if constexpr (std::is_same_v<S, HostdevPciSource>) {
                if (isSet(src.backend)) {
                    Writer::Element d(w, "driver", true);
                    d.attr("name", toString(src.backend));
                }
                Writer::Element el(w, "source", true);
                if (isSet(src.writeFiltering))
                    el.attr("writeFiltering", toString(src.writeFiltering));
                el.beginChildren();
                formatPciSourceAddress(w, src.address, withAddressType);
            } else if constexpr (std::is_same_v<S, HostdevUsbSource>) {
                Writer::Element el(w, "source", false);
                if (isSet(src.startupPolicy))
                    el.attr("startupPolicy", toString(src.startupPolicy));
                if (src.autoAddress && ctx.migratable)
                    el.attr("autoAddress", "yes");
                if (src.missing && !ctx.inactive)
                    el.attr("missing", "yes");
                if (isSet(src.guestReset))
                    el.attr("guestReset", toString(src.guestReset));
                el.beginChildren();
                if (src.vendor) {
                    {
                        Writer::Element v(w, "vendor", true);
                        v.attr("id", xml::formatHex(*src.vendor, 4));
                    }
                    Writer::Element p(w, "product", true);
                    p.attr("id", xml::formatHex(src.product.value_or(0), 4));
                }
                if (src.bus || src.device) {
                    Writer::Element a(w, "address", true);
                    if (withAddressType)
                        a.attr("type", "usb");
                    a.attr("bus", std::to_string(src.bus));
                    a.attr("device", std::to_string(src.device));
                }
            } else if constexpr (std::is_same_v<S, HostdevScsiSource>) {
                Writer::Element el(w, "source", false);
                if (src.iscsi) {
                    const auto& is = src.iscsiSource;
                    el.attr("protocol", "iscsi");
                    el.attr("name", is.path.value_or(""));
                    el.beginChildren();
                    {
                        Writer::Element host(w, "host", true);
                        host.attr("name", is.hosts.empty() ? "" : is.hosts[0].name);
                        if (!is.hosts.empty() && is.hosts[0].port)
                            host.attr("port", std::to_string(is.hosts[0].port));
                    }
                    if (is.auth)
                        formatStorageAuth(w, *is.auth);
                    if (!is.initiatorIqn.empty()) {
                        Writer::Element i(w, "initiator", true);
                        i.beginChildren();
                        Writer::Element iqn(w, "iqn", true);
                        iqn.attr("name", is.initiatorIqn);
                    }
                } else {
                    el.beginChildren();
                    {
                        Writer::Element ad(w, "adapter", true);
                        ad.attr("name", src.adapter);
                    }
                    Writer::Element a(w, "address", true);
                    if (withAddressType)
                        a.attr("type", "scsi");
                    a.attr("bus", std::to_string(src.bus));
                    a.attr("target", std::to_string(src.target));
                    a.attr("unit", std::to_string(src.unit));
                }
            } else if constexpr (std::is_same_v<S, HostdevScsiHostSource>) {
                Writer::Element el(w, "source", true);
                el.attr("protocol", "vhost");
                el.attr("wwpn", src.wwpn);
            } else if constexpr (std::is_same_v<S, HostdevMdevSource>) {
                Writer::Element el(w, "source", true);
                el.beginChildren();
                Writer::Element a(w, "address", true);
                a.attr("uuid", src.uuid.format());
            }
        },
        s);
}

void xmlFormat(Writer& w, std::string_view name, const Hostdev& h, FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("mode", toString(h.mode));
    if (const auto* s = h.subsys()) {
        static constexpr HostdevSubsysType kTypes[] = {HostdevSubsysType::Usb, HostdevSubsysType::Pci,
                                                       HostdevSubsysType::Scsi, HostdevSubsysType::ScsiHost,
                                                       HostdevSubsysType::Mdev};
        el.attr("type", toString(kTypes[s->index()]));
        el.attr("managed", h.managed ? "yes" : "no");
        if (const auto* scsi = std::get_if<HostdevScsiSource>(s)) {
            if (isSet(scsi->sgio))
                el.attr("sgio", toString(scsi->sgio));
            if (isSet(scsi->rawio))
                el.attr("rawio", toString(scsi->rawio));
        }
        if (const auto* sh = std::get_if<HostdevScsiHostSource>(s); sh && isSet(sh->model))
            el.attr("model", toString(sh->model));
        if (const auto* m = std::get_if<HostdevMdevSource>(s)) {
            el.attr("model", toString(m->model));
            if (isSet(m->display))
                el.attr("display", toString(m->display));
            if (isSet(m->ramfb))
                el.attr("ramfb", toString(m->ramfb));
        }
        el.keepOpen();
        el.beginChildren();
        formatHostdevSubsysSource(w, *s, ctx, false);
    } else {
        const auto& c = std::get<HostdevCaps>(h.source);
        el.attr("type", toString(c.type));
        el.keepOpen();
        el.beginChildren();
        formatCaps(w, c);
    }
    if (h.readonly)
        Writer::Element(w, "readonly", true);
    if (h.shareable)
        Writer::Element(w, "shareable", true);
    if (isSet(h.teaming)) {
        Writer::Element t(w, "teaming", true);
        t.attr("type", toString(h.teaming));
        if (!h.teamingPersistent.empty())
            t.attr("persistent", h.teamingPersistent);
    }
    formatDeviceInfo(el, w, h.info, ctx, kInfoAllowBoot | kInfoAllowRom);
}

void postParseHostdev(Hostdev& h, const std::vector<DriveAddress>& usedScsiAddresses,
                      const std::vector<DriveAddress>& scsiDiskAddresses, unsigned scsiBusMaxUnit) {
    auto* s = h.subsys();
    if (!s)
        return;
    if (auto* scsi = std::get_if<HostdevScsiSource>(s)) {
        if (scsi->iscsi && scsi->iscsiSource.path && scsi->iscsiSource.path->find('/') == std::string::npos)
            *scsi->iscsiSource.path += "/0";
        if (!h.info.hasAddress()) {
            for (unsigned controller = 0; !h.info.hasAddress(); ++controller) {
                for (unsigned unit = 0; unit < scsiBusMaxUnit; ++unit) {
                    DriveAddress a{controller, 0, 0, unit};
                    if (std::find(usedScsiAddresses.begin(), usedScsiAddresses.end(), a) == usedScsiAddresses.end()) {
                        h.info.address = a;
                        break;
                    }
                }
            }
        }
        const auto& a = std::get<DriveAddress>(h.info.address);
        if (std::find(scsiDiskAddresses.begin(), scsiDiskAddresses.end(), a) != scsiDiskAddresses.end())
            fail(ErrorCode::XmlError, ErrorDomain::Domain,
                 "SCSI host address controller='{}' bus='{}' target='{}' unit='{}' in use by a SCSI disk",
                 a.controller, a.bus, a.target, a.unit);
    } else if (const auto* m = std::get_if<HostdevMdevSource>(s)) {
        if (!h.info.hasAddress())
            return;
        bool ok = !((m->model == MdevModel::VfioPci && !std::holds_alternative<PciAddress>(h.info.address)) ||
                    (m->model == MdevModel::VfioCcw && !std::holds_alternative<CcwAddress>(h.info.address)));
        if (!ok)
            fail(ErrorCode::XmlError, ErrorDomain::Domain,
                 "Unsupported address type '{}' with mediated device model '{}'", addressTypeName(h.info.address),
                 toString(m->model));
    }
}

namespace {

// virDomainHostdevMatch: the same host device twice.
bool sameHostdev(const Hostdev& a, const Hostdev& b) {
    const auto* sa = a.subsys();
    const auto* sb = b.subsys();
    if (!sa || !sb) {
        const auto* ca = std::get_if<HostdevCaps>(&a.source);
        const auto* cb = std::get_if<HostdevCaps>(&b.source);
        return ca && cb && ca->type == cb->type && ca->value == cb->value;
    }
    if (sa->index() != sb->index())
        return false;
    if (const auto* p = std::get_if<HostdevPciSource>(sa)) {
        const auto& q = std::get<HostdevPciSource>(*sb);
        return p->address.domain == q.address.domain && p->address.bus == q.address.bus &&
               p->address.slot == q.address.slot && p->address.function == q.address.function;
    }
    if (const auto* u = std::get_if<HostdevUsbSource>(sa)) {
        const auto& v = std::get<HostdevUsbSource>(*sb);
        if (u->bus || u->device)
            return u->bus == v.bus && u->device == v.device;
        return u->vendor == v.vendor && u->product == v.product;
    }
    if (const auto* s = std::get_if<HostdevScsiSource>(sa)) {
        const auto& t = std::get<HostdevScsiSource>(*sb);
        if (s->iscsi != t.iscsi)
            return false;
        if (s->iscsi)
            return s->iscsiSource.path == t.iscsiSource.path;
        return s->adapter == t.adapter && s->bus == t.bus && s->target == t.target && s->unit == t.unit;
    }
    if (const auto* s = std::get_if<HostdevScsiHostSource>(sa))
        return s->wwpn == std::get<HostdevScsiHostSource>(*sb).wwpn;
    if (const auto* m = std::get_if<HostdevMdevSource>(sa))
        return m->uuid == std::get<HostdevMdevSource>(*sb).uuid;
    return false;
}

}  // namespace

void validateHostdevSet(const std::vector<Hostdev>& hostdevs) {
    bool ramfb = false;
    for (size_t i = 0; i < hostdevs.size(); ++i) {
        for (size_t j = i + 1; j < hostdevs.size(); ++j)
            if (sameHostdev(hostdevs[i], hostdevs[j]))
                xmlError("Hostdev already exists in the domain configuration");
        if (const auto* s = hostdevs[i].subsys())
            if (const auto* m = std::get_if<HostdevMdevSource>(s); m && m->ramfb == TriSwitch::On) {
                if (ramfb)
                    unsupported("Only one vgpu device can have 'ramfb' enabled");
                ramfb = true;
            }
    }
}

}  // namespace cvirt::conf::domain
