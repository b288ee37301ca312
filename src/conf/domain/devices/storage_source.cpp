#include "conf/domain/devices/storage_source.hpp"

#include <fmt/format.h>

#include <climits>

#include "conf/domain/props.hpp"
#include "conf/xml/c_number.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

[[noreturn]] void xmlError(std::string_view message) {
    throw Error(ErrorCode::XmlError, ErrorDomain::Domain, message);
}

std::string attrOr(const Node& n, const char* name) { return n.attr(name).value_or(""); }

// virStorageSourceNetworkDefaultPort
unsigned defaultPort(NetProtocol p) {
    switch (p) {
    case NetProtocol::Nbd: return 10809;
    case NetProtocol::Sheepdog: return 7000;
    case NetProtocol::Gluster: return 24007;
    case NetProtocol::Iscsi: return 3260;
    case NetProtocol::Http: return 80;
    case NetProtocol::Https: return 443;
    case NetProtocol::Ftp: return 21;
    case NetProtocol::Ftps: return 990;
    case NetProtocol::Tftp: return 69;
    case NetProtocol::Ssh: return 22;
    case NetProtocol::Vxhs: return 9999;
    default: return 0;
    }
}

SecretRef parseSecretRef(const Node& n) {
    SecretRef s;
    s.type = attrOr(n, "type");
    auto uuid = n.attr("uuid");
    auto usage = n.attr("usage");
    if (uuid && usage)
        xmlError("either uuid or usage attribute is required");
    if (!uuid && !usage)
        xmlError("missing uuid or usage attribute");
    if (uuid) {
        auto u = Uuid::parse(*uuid);
        if (!u)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "invalid UUID '{}'", *uuid);
        s.uuid = *u;
    } else {
        s.usage = *usage;
    }
    return s;
}

void formatSecretRef(Writer& w, const SecretRef& s) {
    Writer::Element el(w, "secret", true);
    if (!s.type.empty())
        el.attr("type", s.type);
    if (s.uuid)
        el.attr("uuid", s.uuid->format());
    else
        el.attr("usage", s.usage);
}

NetHost parseHost(const Node& n) {
    NetHost h;
    if (auto t = n.attr("transport")) {
        auto v = fromString<HostTransport>(*t);
        if (!v)
            xml::invalidAttr(n, "transport", *t);
        h.transport = *v;
    }
    auto socket = n.attr("socket");
    if (h.transport == HostTransport::Unix) {
        if (!socket)
            xmlError("missing socket for unix transport");
        h.socket = *socket;
        return h;
    }
    if (socket)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "transport '{}' does not support socket attribute",
             toString(h.transport));
    if (auto port = n.attr("port")) {
        auto v = xml::cParseUInt(*port, 10, true);
        if (!v || *v > 65535)
            fail(ErrorCode::InternalError, ErrorDomain::Domain, "failed to parse port number '{}'", *port);
        h.port = *v;
    }
    auto name = n.attr("name");
    if (!name)
        xmlError("missing name for host");
    h.name = *name;
    return h;
}

std::vector<DeviceSeclabel> parseSeclabels(const Node& source, const ParseContext& ctx) {
    std::vector<DeviceSeclabel> out;
    for (const auto& n : source.children("seclabel")) {
        DeviceSeclabel l;
        l.model = attrOr(n, "model");
        if (!l.model.empty())
            for (const auto& prev : out)
                if (prev.model == l.model)
                    fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "seclabel for model {} is already provided",
                         l.model);
        TriBool relabel = propTriBool(n, "relabel");
        l.relabel = relabel != TriBool::No;
        if (!ctx.inactive)
            l.labelskip = propTriBool(n, "labelskip") == TriBool::Yes;
        if (auto label = childText(n, "label"); label && label->size() < 4096)
            l.label = *label;
        std::string model = l.model.empty() ? "<null>" : l.model;
        if (!l.label.empty() && !l.relabel)
            fail(ErrorCode::XmlError, ErrorDomain::Domain,
                 "Cannot specify a label if relabelling is turned off. model={}", model);
        if (relabel != TriBool::Absent && ctx.inactive && l.relabel && l.label.empty())
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Cannot specify relabel if label is missing. model={}",
                 model);
        out.push_back(std::move(l));
    }
    return out;
}

void formatSeclabel(Writer& w, const DeviceSeclabel& l, const FormatContext& ctx) {
    Writer::Element el(w, "seclabel", true);
    if (!l.model.empty())
        el.attr("model", l.model);
    if (l.labelskip && !ctx.inactive)
        el.attr("labelskip", "yes");
    else
        el.attr("relabel", l.relabel ? "yes" : "no");
    if (!l.label.empty()) {
        el.beginChildren();
        w.textElement("label", l.label);
    }
}

Reservations parseReservations(const Node& n) {
    Reservations r;
    auto managed = n.attr("managed");
    if (!managed)
        xmlError("missing @managed attribute for <reservations/>");
    auto m = fromString<TriBool>(*managed);
    if (!m)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "invalid value for 'managed': {}", *managed);
    r.managed = *m;
    if (r.managed == TriBool::No) {
        auto src = n.child("source");
        auto type = src ? src.attr("type") : std::nullopt;
        if (!type)
            xmlError("missing connection type for <reservations/>");
        auto path = src.attr("path");
        if (!path)
            xmlError("missing path for <reservations/>");
        auto mode = src.attr("mode");
        if (!mode)
            xmlError("missing connection mode for <reservations/>");
        if (*type != "unix")
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "unsupported connection type for <reservations/>: {}",
                 *type);
        if (*mode != "client")
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "unsupported connection mode for <reservations/>: {}",
                 *mode);
        r.path = *path;
        r.mode = *mode;
    }
    return r;
}

void formatReservations(Writer& w, const Reservations& r) {
    Writer::Element el(w, "reservations", true);
    el.attr("managed", toString(r.managed));
    if (r.managed == TriBool::No) {
        el.beginChildren();
        Writer::Element s(w, "source", true);
        s.attr("type", "unix");
        s.attr("path", r.path);
        s.attr("mode", "client");
    }
}

void parseNetwork(StorageSource& src, const Node& n, const ParseContext& ctx) {
    (void)ctx;
    src.protocol = *propEnum<NetProtocol>(n, "protocol", kPropRequired);
    auto name = n.attr("name");
    if (!name && src.protocol != NetProtocol::Nbd)
        xmlError("missing name for disk source");
    src.path = name;
    src.tls = propTriBool(n, "tls");
    src.tlsHostname = attrOr(n, "tlsHostname");
    if (src.protocol == NetProtocol::Nbd)
        if (auto r = n.child("reconnect"))
            src.reconnectDelay = propInt<unsigned>(r, "delay").value_or(0);
    if (src.path && (src.protocol == NetProtocol::Gluster || src.protocol == NetProtocol::Rbd)) {
        auto slash = src.path->find('/');
        if (slash == std::string::npos || slash == 0)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "can't split path '{}' into pool name and image name",
                 *src.path);
        src.netVolume = src.path->substr(0, slash);
        src.path = src.path->substr(slash + 1);
    }
    if (auto s = n.child("snapshot"))
        src.snapshot = attrOr(s, "name");
    if (auto c = n.child("config"))
        src.configFile = attrOr(c, "file");
    if (src.protocol == NetProtocol::Http || src.protocol == NetProtocol::Https)
        src.query = attrOr(n, "query");
    for (const auto& h : n.children("host"))
        src.hosts.push_back(parseHost(h));
    if (src.protocol == NetProtocol::Nfs)
        if (auto id = n.child("identity")) {
            src.nfsUser = attrOr(id, "user");
            src.nfsGroup = attrOr(id, "group");
        }
    for (auto& h : src.hosts)
        if (h.transport == HostTransport::Tcp && h.port == 0)
            h.port = defaultPort(src.protocol);
    if (auto i = n.child("initiator"))
        if (auto iqn = i.child("iqn"))
            src.initiatorIqn = attrOr(iqn, "name");
    bool https = src.protocol == NetProtocol::Https || src.protocol == NetProtocol::Ftps;
    if (auto ssl = n.child("ssl"); ssl && https)
        src.sslVerify = propTriBool(ssl, "verify");
    bool http = src.protocol == NetProtocol::Http || src.protocol == NetProtocol::Https;
    if (auto cookies = n.child("cookies"); cookies && http) {
        for (const auto& c : cookies.children("cookie")) {
            auto cname = c.attr("name");
            if (!cname || cname->empty())
                xmlError("missing cookie name");
            std::string value = c.text();
            if (value.empty())
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "missing value for cookie '{}'", *cname);
            for (const auto& prev : src.cookies)
                if (prev.name == *cname)
                    fail(ErrorCode::XmlError, ErrorDomain::Domain, "duplicate cookie '{}'", *cname);
            src.cookies.push_back({*cname, value});
        }
    }
    if (http || https) {
        auto readU = [&](const char* child, const char* attr, unsigned long long& out) {
            auto c = n.child(child);
            if (!c)
                return;
            auto text = c.attr(attr);
            if (!text || text->empty())
                return;
            auto v = xml::cParseUnsigned(*text, 10, true);
            if (!v)
                xmlError("invalid readahead size or timeout");
            out = *v;
        };
        readU("readahead", "size", src.readahead);
        readU("timeout", "seconds", src.timeout);
    }
    if (src.protocol == NetProtocol::Ssh) {
        if (auto k = n.child("knownHosts")) {
            auto p = k.attr("path");
            if (!p)
                xml::missingAttr(k, "path");
            src.sshKnownHosts = *p;
        }
        if (auto id = n.child("identity")) {
            auto user = id.attr("username");
            if (!user)
                xml::missingAttr(id, "username");
            src.sshUser = *user;
            src.sshKeyfile = attrOr(id, "keyfile");
            src.sshAgent = attrOr(id, "agentsock");
            if (src.sshKeyfile.empty() && src.sshAgent.empty())
                xmlError("element 'identity' requires either 'keyfile' or 'agentsock' attribute");
        }
    }
}

void parseNvme(StorageSource& src, const Node& n) {
    auto type = n.attr("type");
    if (!type)
        xmlError("missing 'type' attribute to disk source");
    if (*type != "pci")
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "unsupported source type '{}'", *type);
    StorageSource::Nvme nvme;
    nvme.namespaceId = *propInt<unsigned long long>(n, "namespace", kPropRequired);
    nvme.managed = propTriBool(n, "managed");
    auto address = n.child("address");
    if (!address)
        xmlError("NVMe disk source is missing address");
    nvme.address = parsePciAddress(address);
    src.nvme = nvme;
}

void parseVhostUser(StorageSource& src, const Node& n) {
    auto type = n.attr("type");
    if (!type)
        xmlError("missing 'type' attribute for vhostuser disk source");
    if (*type != "unix")
        xmlError("invalid 'type' attribute for vhostuser disk source");
    auto path = n.attr("path");
    if (!path)
        xmlError("missing 'path' attribute for vhostuser disk source");
    src.vhostuserPath = *path;
    if (auto r = n.child("reconnect")) {
        src.reconnectEnabled = propTriBool(r, "enabled");
        if (src.reconnectEnabled == TriBool::Yes) {
            auto t = propInt<unsigned>(r, "timeout");
            if (!t)
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "missing timeout for chardev with reconnect enabled");
            src.reconnectTimeout = *t;
        } else if (r.attr("timeout")) {
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "reconnect attribute 'timeout' is only allowed when 'enabled' is set to 'yes'");
        }
    }
}

void formatNetworkAttrs(Writer::Element& el, const StorageSource& src) {
    el.attr("protocol", toString(src.protocol));
    if (!src.netVolume.empty())
        el.attr("name", src.netVolume + "/" + src.path.value_or(""));
    else if (src.path)
        el.attr("name", *src.path);
    if (!src.query.empty())
        el.attr("query", src.query);
    if (isSet(src.tls))
        el.attr("tls", toString(src.tls));
    if (!src.tlsHostname.empty())
        el.attr("tlsHostname", src.tlsHostname);
}

void formatNetworkChildren(Writer& w, Writer::Element& el, const StorageSource& src, const FormatContext& ctx) {
    auto child = [&]() -> Writer& {
        el.beginChildren();
        return w;
    };
    for (const auto& h : src.hosts) {
        Writer::Element e(child(), "host", true);
        if (!h.name.empty())
            e.attr("name", h.name);
        if (h.port)
            e.attr("port", std::to_string(h.port));
        if (h.transport != HostTransport::Tcp)
            e.attr("transport", toString(h.transport));
        if (!h.socket.empty())
            e.attr("socket", h.socket);
    }
    if (src.protocol == NetProtocol::Nfs && (!src.nfsUser.empty() || !src.nfsGroup.empty())) {
        Writer::Element e(child(), "identity", true);
        if (!src.nfsUser.empty())
            e.attr("user", src.nfsUser);
        if (!src.nfsGroup.empty())
            e.attr("group", src.nfsGroup);
    }
    if (src.reconnectDelay) {
        Writer::Element e(child(), "reconnect", true);
        e.attr("delay", std::to_string(src.reconnectDelay));
    }
    if (!src.snapshot.empty()) {
        Writer::Element e(child(), "snapshot", true);
        e.attr("name", src.snapshot);
    }
    if (!src.configFile.empty()) {
        Writer::Element e(child(), "config", true);
        e.attr("file", src.configFile);
    }
    if (!src.initiatorIqn.empty()) {
        Writer::Element i(child(), "initiator", true);
        i.beginChildren();
        Writer::Element iqn(w, "iqn", true);
        iqn.attr("name", src.initiatorIqn);
    }
    if (isSet(src.sslVerify)) {
        Writer::Element e(child(), "ssl", true);
        e.attr("verify", toString(src.sslVerify));
    }
    if (ctx.secure && !src.cookies.empty()) {
        Writer::Element cs(child(), "cookies", true);
        cs.beginChildren();
        for (const auto& c : src.cookies) {
            Writer::Element e(w, "cookie", true);
            e.attr("name", c.name);
            e.text(c.value);
        }
    }
    if (src.readahead) {
        Writer::Element e(child(), "readahead", true);
        e.attr("size", std::to_string(src.readahead));
    }
    if (src.timeout) {
        Writer::Element e(child(), "timeout", true);
        e.attr("seconds", std::to_string(src.timeout));
    }
    if (src.protocol == NetProtocol::Ssh) {
        if (!src.sshKnownHosts.empty()) {
            Writer::Element e(child(), "knownHosts", true);
            e.attr("path", src.sshKnownHosts);
        }
        if (!src.sshKeyfile.empty() || !src.sshAgent.empty()) {
            Writer::Element e(child(), "identity", true);
            if (!src.sshUser.empty())
                e.attr("username", src.sshUser);
            if (!src.sshKeyfile.empty())
                e.attr("keyfile", src.sshKeyfile);
            if (!src.sshAgent.empty())
                e.attr("agentsock", src.sshAgent);
        }
    }
}

}  // namespace

bool StorageSource::empty() const {
    bool local = type == StorageType::File || type == StorageType::Block || type == StorageType::Dir;
    if (local && !path)
        return true;
    if (type == StorageType::None)
        return true;
    return type == StorageType::Network && protocol == NetProtocol::None;
}

std::optional<std::string> StorageSource::displayPath() const {
    if (type == StorageType::Volume && !pool.empty())
        return pool + "/" + volume;
    if (!netVolume.empty())
        return netVolume + "/" + path.value_or("");
    if (type == StorageType::VhostUser)
        return vhostuserPath;
    return path;
}

StorageFormat parseStorageFormatName(const std::string& name) {
    auto f = fromString<StorageFormat>(name);
    if (!f || *f == StorageFormat::None)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "unknown storage source format '{}'", name);
    return *f;
}

unsigned long long parseMetadataCache(const Node& parent) {
    auto mc = parent.child("metadata_cache");
    auto ms = mc ? mc.child("max_size") : Node();
    if (!ms)
        return 0;
    std::optional<std::string> value = ms.text();
    if (value->empty())
        value.reset();
    return scaledValue(value, ms.attr("unit"), "./metadata_cache/max_size", 1, ULLONG_MAX, false).value_or(0);
}

void formatMetadataCache(Writer& w, unsigned long long bytes) {
    if (!bytes)
        return;
    Writer::Element mc(w, "metadata_cache", true);
    mc.beginChildren();
    Writer::Element ms(w, "max_size", true);
    ms.attr("unit", "bytes");
    ms.text(std::to_string(bytes));
}

StorageAuth parseStorageAuth(const Node& n) {
    StorageAuth a;
    auto user = n.attr("username");
    if (!user)
        xmlError("missing username for auth");
    a.username = *user;
    if (auto t = n.attr("type")) {
        if (*t != "none" && *t != "chap" && *t != "ceph")
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "unknown auth type '{}'", *t);
        if (*t != "none")
            a.authType = *t;
    }
    auto secret = n.child("secret");
    if (!secret)
        xmlError("Missing <secret> element in auth");
    a.secret = parseSecretRef(secret);
    return a;
}

void formatStorageAuth(Writer& w, const StorageAuth& a) {
    Writer::Element el(w, "auth", true);
    if (!a.authType.empty())
        el.attr("type", a.authType);
    el.attr("username", a.username);
    el.beginChildren();
    formatSecretRef(w, a.secret);
}

StorageEncryption parseStorageEncryption(const Node& n) {
    StorageEncryption e;
    if (auto f = n.attr("format")) {
        auto v = fromString<EncryptionFormat>(*f);
        if (!v)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "unknown volume encryption format type {}", *f);
        e.format = *v;
    }
    e.engine = propEnum<EncryptionEngine>(n, "engine", kPropNonZero).value_or(EncryptionEngine::Default);
    for (const auto& s : n.children("secret")) {
        auto type = s.attr("type");
        if (!type)
            xmlError("missing volume encryption secret type");
        if (*type != "passphrase")
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "unknown volume encryption secret type {}", *type);
        e.secrets.push_back(parseSecretRef(s));
    }
    if (auto c = n.child("cipher")) {
        StorageEncryption::Cipher cipher;
        auto name = c.attr("name");
        if (!name)
            xmlError("cipher info missing 'name' attribute");
        cipher.name = *name;
        auto size = c.attr("size");
        if (!size)
            xmlError("cipher info missing 'size' attribute");
        auto v = xml::cParseUInt(*size, 10, true);
        if (!v)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "cannot parse cipher size: '{}'", *size);
        cipher.size = *v;
        cipher.mode = attrOr(c, "mode");
        cipher.hash = attrOr(c, "hash");
        e.cipher = cipher;
    }
    if (auto i = n.child("ivgen")) {
        auto name = i.attr("name");
        if (!name)
            xmlError("missing ivgen info name string");
        e.ivgen = StorageEncryption::Ivgen{*name, attrOr(i, "hash")};
    }
    return e;
}

void formatStorageEncryption(Writer& w, const StorageEncryption& e) {
    Writer::Element el(w, "encryption", true);
    el.attr("format", toString(e.format));
    if (isSet(e.engine))
        el.attr("engine", toString(e.engine));
    for (const auto& s : e.secrets) {
        el.beginChildren();
        formatSecretRef(w, s);
    }
    if (e.cipher) {
        el.beginChildren();
        Writer::Element c(w, "cipher", true);
        c.attr("name", e.cipher->name);
        c.attr("size", std::to_string(e.cipher->size));
        if (!e.cipher->mode.empty())
            c.attr("mode", e.cipher->mode);
        if (!e.cipher->hash.empty())
            c.attr("hash", e.cipher->hash);
    }
    if (e.ivgen) {
        el.beginChildren();
        Writer::Element i(w, "ivgen", true);
        i.attr("name", e.ivgen->name);
        if (!e.ivgen->hash.empty())
            i.attr("hash", e.ivgen->hash);
    }
}

void parseStorageSource(StorageSource& src, const Node& n, ParseContext& ctx) {
    switch (src.type) {
    case StorageType::Volume: {
        auto pool = n.attr("pool");
        auto volume = n.attr("volume");
        if (pool || volume) {
            if (!pool || !volume)
                xmlError("'pool' and 'volume' must be specified together for 'pool' type source");
            src.pool = *pool;
            src.volume = *volume;
            src.poolMode = propEnum<PoolMode>(n, "mode", kPropNonZero).value_or(PoolMode::Default);
        }
        break;
    }
    case StorageType::File:
        src.path = n.attr("file");
        src.fdgroup = attrOr(n, "fdgroup");
        break;
    case StorageType::Block:
        src.path = n.attr("dev");
        break;
    case StorageType::Dir:
        src.path = n.attr("dir");
        break;
    case StorageType::Network:
        parseNetwork(src, n, ctx);
        break;
    case StorageType::Nvme:
        parseNvme(src, n);
        break;
    case StorageType::VhostUser:
        parseVhostUser(src, n);
        break;
    case StorageType::VhostVdpa: {
        auto dev = n.attr("dev");
        if (!dev)
            xml::missingAttr(n, "dev");
        src.vdpaDev = *dev;
        break;
    }
    case StorageType::None:
        fail(ErrorCode::InternalError, ErrorDomain::Domain, "unexpected disk type none");
    }
    if (auto a = n.child("auth"))
        src.auth = parseStorageAuth(a);
    if (auto e = n.child("encryption"))
        src.encryption = parseStorageEncryption(e);
    if (auto r = n.child("reservations"))
        src.reservations = parseReservations(r);
    if (auto slices = n.child("slices")) {
        for (const auto& s : slices.children("slice")) {
            if (s.attr("type") != std::optional<std::string>("storage"))
                continue;
            auto offset = s.attr("offset");
            auto size = s.attr("size");
            if (!offset || offset->empty() || !size || size->empty())
                xmlError("missing offset or size attribute of slice");
            auto o = xml::cParseUnsigned(*offset, 10, true);
            if (!o)
                fail(ErrorCode::XmlError, ErrorDomain::Domain,
                     "malformed value '{}' of 'offset' attribute of slice", *offset);
            auto sz = xml::cParseUnsigned(*size, 10, true);
            if (!sz)
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "malformed value '{}' of 'size' attribute of slice",
                     *size);
            src.sliceStorage = std::make_pair(*o, *sz);
            break;
        }
    }
    src.seclabels = parseSeclabels(n, ctx);
    // A bogus empty path means "no source" (a cdrom without media).
    if (src.path && src.path->empty())
        src.path.reset();
}

void parseBackingStore(StorageSource& src, const Node& parent, ParseContext& ctx) {
    auto bs = parent.child("backingStore");
    if (!bs)
        return;
    auto type = bs.attr("type");
    if (!type) {
        src.backingStore = std::make_shared<StorageSource>();
        src.backingStore->type = StorageType::None;
        return;
    }
    auto next = std::make_shared<StorageSource>();
    std::optional<std::string> idx;
    if (!ctx.inactive)
        idx = bs.attr("index");
    auto formatNode = bs.child("format");
    auto format = formatNode ? formatNode.attr("type") : std::nullopt;
    if (!format || format->empty())
        xmlError("missing disk backing store format");
    auto source = bs.child("source");
    if (!source)
        xmlError("missing disk backing store source");
    auto t = fromString<StorageType>(*type);
    if (!t || *t == StorageType::None)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "unknown storage source type '{}'", *type);
    next->type = *t;
    next->format = parseStorageFormatName(*format);
    if (idx) {
        auto v = xml::cParseUInt(*idx, 10, true);
        if (!v)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "invalid storage source index '{}'", *idx);
        next->index = *v;
    }
    next->metadataCacheMaxSize = parseMetadataCache(formatNode);
    next->readonly = true;
    parseStorageSource(*next, source, ctx);
    parseBackingStore(*next, bs, ctx);
    src.backingStore = std::move(next);
}

void formatStorageSource(Writer& w, const StorageSource& src, const char* element, StartupPolicy policy,
                         bool attrIndex, FormatContext& ctx, bool skipAuth, bool skipEnc) {
    Writer::Element el(w, element, false);
    auto child = [&]() -> Writer& {
        el.beginChildren();
        return w;
    };
    if (src.type == StorageType::Volume && !src.pool.empty()) {
        el.attr("pool", src.pool);
        el.attr("volume", src.volume);
        if (isSet(src.poolMode))
            el.attr("mode", toString(src.poolMode));
    }
    switch (src.type) {
    case StorageType::File:
        if (src.path)
            el.attr("file", *src.path);
        if (!src.fdgroup.empty())
            el.attr("fdgroup", src.fdgroup);
        break;
    case StorageType::Block:
        if (src.path)
            el.attr("dev", *src.path);
        break;
    case StorageType::Dir:
        if (src.path)
            el.attr("dir", *src.path);
        break;
    case StorageType::Network:
        formatNetworkAttrs(el, src);
        break;
    case StorageType::Nvme:
        el.attr("type", "pci");
        if (src.nvme) {
            if (isSet(src.nvme->managed))
                el.attr("managed", toString(src.nvme->managed));
            el.attr("namespace", std::to_string(src.nvme->namespaceId));
        }
        break;
    case StorageType::VhostUser:
        el.attr("type", "unix");
        el.attr("path", src.vhostuserPath);
        break;
    case StorageType::VhostVdpa:
        el.attr("dev", src.vdpaDev);
        break;
    case StorageType::Volume:
    case StorageType::None:
        break;
    }
    if (isSet(policy) && src.type != StorageType::Network)
        el.attr("startupPolicy", toString(policy));
    if (attrIndex && src.index != 0)
        el.attr("index", std::to_string(src.index));
    // children, in libvirt's order
    if (src.type == StorageType::Network)
        formatNetworkChildren(w, el, src, ctx);
    if (src.type == StorageType::Nvme && src.nvme)
        formatPciSourceAddress(child(), src.nvme->address);
    if (src.type == StorageType::VhostUser && isSet(src.reconnectEnabled)) {
        Writer::Element r(child(), "reconnect", true);
        r.attr("enabled", toString(src.reconnectEnabled));
        if (src.reconnectEnabled == TriBool::Yes)
            r.attr("timeout", std::to_string(src.reconnectTimeout));
    }
    if (src.sliceStorage) {
        Writer::Element slices(child(), "slices", true);
        slices.beginChildren();
        Writer::Element s(w, "slice", true);
        s.attr("type", "storage");
        s.attr("offset", std::to_string(src.sliceStorage->first));
        s.attr("size", std::to_string(src.sliceStorage->second));
    }
    if (src.type != StorageType::Network)
        for (const auto& l : src.seclabels)
            formatSeclabel(child(), l, ctx);
    if (src.auth && !skipAuth && src.type != StorageType::Volume)
        formatStorageAuth(child(), *src.auth);
    if (src.encryption && !skipEnc)
        formatStorageEncryption(child(), *src.encryption);
    if (src.reservations)
        formatReservations(child(), *src.reservations);
}

void formatBackingStore(Writer& w, const StorageSource& src, FormatContext& ctx) {
    const auto* bs = src.backingStore.get();
    if (!bs)
        return;
    if (bs->type == StorageType::None) {
        Writer::Element el(w, "backingStore", true);
        return;
    }
    Writer::Element el(w, "backingStore", true);
    el.attr("type", toString(bs->type));
    if (bs->index != 0)
        el.attr("index", std::to_string(bs->index));
    el.beginChildren();
    {
        Writer::Element f(w, "format", true);
        f.attr("type", toString(bs->format));
        if (bs->metadataCacheMaxSize) {
            f.beginChildren();
            formatMetadataCache(w, bs->metadataCacheMaxSize);
        }
    }
    formatStorageSource(w, *bs, "source", StartupPolicy::Default, false, ctx, false, false);
    formatBackingStore(w, *bs, ctx);
}

}  // namespace cvirt::conf::domain
