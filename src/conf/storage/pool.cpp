#include "conf/storage/pool.hpp"

#include "conf/xml/prop.hpp"
#include "util/error.hpp"
#include "util/xml.hpp"

namespace cvirt::conf::storage {
namespace {

using xml::Node;
using xml::Writer;

constexpr const char* kFsNamespace = "http://libvirt.org/schemas/storagepool/fs/1.0";
constexpr const char* kRbdNamespace = "http://libvirt.org/schemas/storagepool/rbd/1.0";

[[noreturn]] void xmlError(const std::string& message) {
    throw Error(ErrorCode::XmlError, ErrorDomain::Storage, message);
}

// virXPathString: the text, or nothing when absent or empty.
std::string childText(const Node& node, std::string_view name) {
    auto c = node.child(name);
    return c ? c.text() : std::string();
}

void parseSource(const Node& node, PoolSource& src, PoolType type) {
    const auto& info = poolTypeInfo(type);
    src.name = childText(node, "name");
    if (type == PoolType::Rbd && src.name.empty())
        xmlError("element 'name' is mandatory for RBD pool");

    if (!info.poolFormats.empty()) {
        auto format = node.child("format").attr("type");
        if (!format || format->empty()) {
            src.format = info.poolFormats.defaultFormat;
        } else {
            src.format = info.poolFormats.parse(*format);
            if (src.format < 0)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Storage, "unknown pool format type {}",
                     *format);
        }
    }

    for (const auto& h : node.children("host")) {
        PoolSourceHost host;
        auto name = h.attr("name");
        if (!name)
            xmlError("missing storage pool host name");
        host.name = *name;
        host.port = xml::propInt(h, "port").value_or(0);
        src.hosts.push_back(std::move(host));
    }

    src.initiatorIqn = node.child("initiator").child("iqn").attr("name").value_or("");

    for (const auto& d : node.children("device")) {
        PoolSourceDevice dev;
        auto path = d.attr("path");
        if (!path)
            xmlError("missing storage pool source device path");
        dev.path = *path;
        dev.partSeparator = xml::propTri<TriBool>(d, "part_separator");
        src.devices.push_back(std::move(dev));
    }

    if (auto dir = node.child("dir").attr("path"); dir && !dir->empty())
        src.dir = sanitizePath(*dir);
    if (src.dir.empty() && type == PoolType::Gluster)
        src.dir = "/";  // a gluster volume's root by default

    if (auto adapter = node.child("adapter"))
        src.adapter = parseAdapter(adapter);

    if (auto auth = node.child("auth")) {
        src.auth = parseStorageAuth(auth);
        if (!isSet(src.auth->type))
            throw Error(ErrorCode::ConfigUnsupported, ErrorDomain::Storage, "storage pool missing auth type");
    }

    if (auto ver = node.child("protocol").attr("ver"); ver && !ver->empty()) {
        src.protocolVer = *ver;
        // libvirt compares against the netfs formats whatever the pool type.
        if (src.format != static_cast<int>(PoolNetfsFormat::Nfs) &&
            src.format != static_cast<int>(PoolNetfsFormat::Auto)) {
            auto name =
                src.format >= 0 && src.format < static_cast<int>(enumStrings(PoolNetfsFormat{}).size())
                    ? toString(static_cast<PoolNetfsFormat>(src.format))
                    : std::string_view("(null)");
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Storage,
                 "storage pool protocol ver unsupported for pool type '{}'", name);
        }
        if (src.protocolVer.find(',') != std::string::npos)
            fail(ErrorCode::XmlDetail, ErrorDomain::Storage,
                 "storage pool protocol ver '{}' must not contain ','", src.protocolVer);
    }

    src.vendor = node.child("vendor").attr("name").value_or("");
    src.product = node.child("product").attr("name").value_or("");
}

// Namespaced children of the root, whatever prefix the document uses.
std::vector<Node> namespacedOptions(const Node& root, const char* uri, std::string_view list) {
    std::vector<Node> out;
    for (const auto& l : root.children())
        if (l.name() == list && l.namespaceUri() == uri)
            for (const auto& o : l.children())
                if (o.name() == "option" && o.namespaceUri() == uri)
                    out.push_back(o);
    return out;
}

void parseNamespaces(const Node& root, StoragePool& pool) {
    if (pool.type == PoolType::Fs || pool.type == PoolType::Netfs) {
        for (const auto& o : namespacedOptions(root, kFsNamespace, "mount_opts")) {
            auto name = o.attr("name");
            if (!name)
                xmlError("no fs mount option name specified");
            pool.fsMountOptions.push_back(*name);
        }
    } else if (pool.type == PoolType::Rbd) {
        for (const auto& o : namespacedOptions(root, kRbdNamespace, "config_opts")) {
            auto name = o.attr("name");
            if (!name)
                xmlError("no rbd option name specified");
            if (name->empty())
                xmlError("empty rbd option name specified");
            auto value = o.attr("value");
            if (!value)
                xmlError(fmt::format("no rbd option value specified for name '{}'", *name));
            pool.rbdConfigOptions.emplace_back(*name, *value);
        }
    }
}

StoragePool parsePool(const Node& root) {
    StoragePool pool;
    pool.type = *xml::propEnum<PoolType>(root, "type", xml::kPropRequired);
    const auto& info = poolTypeInfo(pool.type);

    if (auto source = root.child("source"))
        parseSource(source, pool.source, pool.type);
    else if (!info.poolFormats.empty())
        pool.source.format = info.poolFormats.defaultFormat;

    pool.name = childText(root, "name");
    if (pool.name.empty() && (info.sourceFlags & kSourceName))
        pool.name = pool.source.name;
    if (pool.name.empty())
        xmlError("missing pool source name element");
    if (pool.name.find('/') != std::string::npos)
        xmlError(fmt::format("name {} cannot contain '/'", pool.name));

    if (auto uuid = childText(root, "uuid"); !uuid.empty()) {
        auto u = Uuid::parse(uuid);
        if (!u)
            xmlError("malformed uuid element");
        pool.uuid = *u;
    } else {
        pool.uuid = Uuid::generate();
    }

    pool.cow = xml::propTri<TriBool>(root.child("features").child("cow"), "state");
    if (isSet(pool.cow) && pool.type != PoolType::Fs && pool.type != PoolType::Dir)
        throw Error(ErrorCode::NoSupport, ErrorDomain::Storage,
                    "cow feature may only be used for 'fs' and 'dir' pools");

    if ((info.sourceFlags & kSourceHost) && pool.source.hosts.empty())
        xmlError("missing storage pool source host name");
    if ((info.sourceFlags & kSourceDir) && pool.source.dir.empty())
        xmlError("missing storage pool source path");
    if ((info.sourceFlags & kSourceName) && pool.source.name.empty())
        pool.source.name = pool.name;  // the source name defaults to the pool name
    if (info.sourceFlags & kSourceAdapter)
        validateAdapter(pool.source.adapter);
    // A device is required only where it is the one kind of source.
    if (info.sourceFlags == kSourceDevice && pool.source.devices.empty())
        xmlError("missing storage pool source device name");

    // Network pools have no local target.
    if (!(info.sourceFlags & kSourceNetwork)) {
        std::string target;
        if (pool.type == PoolType::Logical)
            target = "/dev/" + pool.source.name;
        else if (pool.type == PoolType::Zfs)
            target = "/dev/zvol/" + pool.source.name;
        else
            target = childText(root.child("target"), "path");
        if (target.empty())
            xmlError("missing storage pool target path");
        pool.targetPath = sanitizePath(target);
        pool.targetPermissions = parsePermissions(root.child("target"));
    }

    if (pool.type == PoolType::IscsiDirect && pool.source.initiatorIqn.empty())
        throw Error(ErrorCode::ConfigUnsupported, ErrorDomain::Storage, "missing initiator IQN");

    if (auto alloc = root.child("refresh").child("volume").attr("allocation"); alloc && !alloc->empty()) {
        auto v = fromString<VolumeAllocationRefresh>(*alloc);
        if (!v)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Storage,
                 "unknown storage pool volume refresh allocation type {}", *alloc);
        pool.refreshAllocation = *v;
    }

    parseNamespaces(root, pool);
    return pool;
}

void formatSource(Writer& w, const StoragePool& pool) {
    const auto& src = pool.source;
    const auto& info = poolTypeInfo(pool.type);
    unsigned flags = info.sourceFlags;
    Writer::Element el(w, "source", true);
    el.keepOpen();
    el.beginChildren();
    if (flags & kSourceHost) {
        for (const auto& h : src.hosts) {
            Writer::Element e(w, "host", true);
            e.attr("name", h.name);
            if (h.port)
                e.attr("port", std::to_string(h.port));
        }
    }
    if (flags & kSourceDevice) {
        for (const auto& d : src.devices) {
            Writer::Element e(w, "device", true);
            e.attr("path", d.path);
            if (isSet(d.partSeparator))
                e.attr("part_separator", toString(d.partSeparator));
            for (const auto& x : d.freeExtents) {
                e.beginChildren();
                Writer::Element f(w, "freeExtent", true);
                f.attr("start", std::to_string(x.start));
                f.attr("end", std::to_string(x.end));
            }
        }
    }
    if ((flags & kSourceDir) && !src.dir.empty()) {
        Writer::Element e(w, "dir", true);
        e.attr("path", src.dir);
    }
    if ((flags & kSourceAdapter) &&
        (src.adapter.type == AdapterType::FcHost || src.adapter.type == AdapterType::ScsiHost))
        formatAdapter(w, src.adapter);
    if ((flags & kSourceName) && !src.name.empty())
        w.textElement("name", src.name);
    if ((flags & kSourceInitiatorIqn) && !src.initiatorIqn.empty()) {
        Writer::Element init(w, "initiator", true);
        init.beginChildren();
        Writer::Element iqn(w, "iqn", true);
        iqn.attr("name", src.initiatorIqn);
    }
    if (!info.poolFormats.empty()) {
        Writer::Element e(w, "format", true);
        e.attr("type", info.poolFormats.name(src.format));
    }
    if (src.auth)
        formatStorageAuth(w, *src.auth);
    auto named = [&](const char* element, const char* attr, const std::string& value) {
        if (value.empty())
            return;
        Writer::Element e(w, element, true);
        e.attr(attr, value);
    };
    named("protocol", "ver", src.protocolVer);
    named("vendor", "name", src.vendor);
    named("product", "name", src.product);
}

}  // namespace

std::string sanitizePath(std::string_view path) {
    // Two slashes may name a different resource in a URI: leave URIs be.
    auto scheme = path.find("://");
    if (scheme != std::string_view::npos && path.find('/') > scheme)
        return std::string(path);
    std::string out;
    size_t i = 0;
    // POSIX gives "//" at the start a meaning of its own, "///" none.
    if (path.size() >= 2 && path[0] == '/' && path[1] == '/' && (path.size() == 2 || path[2] != '/')) {
        out = "//";
        i = 2;
    }
    while (i < path.size()) {
        if (path[i] != '/') {
            out += path[i++];
            continue;
        }
        while (i < path.size() && path[i] == '/')
            ++i;
        if (!out.empty() && i == path.size())
            break;  // no trailing slash
        out += '/';
    }
    return out;
}

StoragePool parseStoragePoolXml(std::string_view text, const StoragePoolParseOptions& options) {
    auto doc = cvirt::xml::Document::parse(text, "(storage_pool_definition)", ErrorDomain::Storage);
    auto root = doc.root();
    if (root.name() != "pool")
        fail(ErrorCode::XmlError, ErrorDomain::Xml, "expecting root element of 'pool', not '{}'",
             root.name());
    if (options.validateSchema)
        cvirt::xml::RngSchema::load(options.schemaPath)->validate(doc);
    return parsePool(root);
}

std::string formatStoragePoolXml(const StoragePool& pool) {
    Writer w;
    {
        Writer::Element el(w, "pool", true);
        el.attr("type", toString(pool.type));
        if (!pool.fsMountOptions.empty())
            el.attr("xmlns:fs", kFsNamespace);
        if (!pool.rbdConfigOptions.empty())
            el.attr("xmlns:rbd", kRbdNamespace);
        el.beginChildren();
        w.textElement("name", pool.name);
        w.textElement("uuid", pool.uuid.format());
        auto size = [&](const char* name, uint64_t bytes) {
            Writer::Element e(w, name, true);
            e.attr("unit", "bytes");
            e.text(std::to_string(bytes));
        };
        size("capacity", pool.capacity);
        size("allocation", pool.allocation);
        size("available", pool.available);
        if (isSet(pool.cow)) {
            Writer::Element f(w, "features", true);
            f.beginChildren();
            Writer::Element c(w, "cow", true);
            c.attr("state", toString(pool.cow));
        }
        formatSource(w, pool);
        // RBD, Sheepdog, Gluster and iSCSI-direct volumes are not local.
        if (pool.type != PoolType::Rbd && pool.type != PoolType::Sheepdog && pool.type != PoolType::Gluster &&
            pool.type != PoolType::IscsiDirect) {
            Writer::Element t(w, "target", true);
            t.keepOpen();
            t.beginChildren();
            if (!pool.targetPath.empty())
                w.textElement("path", pool.targetPath);
            formatPermissions(w, pool.targetPermissions);
        }
        if (pool.refreshAllocation) {
            Writer::Element r(w, "refresh", true);
            r.beginChildren();
            Writer::Element v(w, "volume", true);
            v.attr("allocation", toString(*pool.refreshAllocation));
        }
        if (!pool.fsMountOptions.empty()) {
            Writer::Element m(w, "fs:mount_opts", true);
            m.beginChildren();
            for (const auto& o : pool.fsMountOptions) {
                Writer::Element e(w, "fs:option", true);
                e.attr("name", o);
            }
        }
        if (!pool.rbdConfigOptions.empty()) {
            Writer::Element c(w, "rbd:config_opts", true);
            c.beginChildren();
            for (const auto& [name, value] : pool.rbdConfigOptions) {
                Writer::Element e(w, "rbd:option", true);
                e.attr("name", name);
                e.attr("value", value);
            }
        }
    }
    return std::move(w.out());
}

}  // namespace cvirt::conf::storage
