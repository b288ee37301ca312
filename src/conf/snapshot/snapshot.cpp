#include "conf/snapshot/snapshot.hpp"

#include <chrono>
#include <span>

#include <fmt/format.h>

#include "conf/snapshot/xml_subtree.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"
#include "util/xml.hpp"

namespace cvirt::conf::snapshot {
namespace {

using cvirt::xml::Node;
constexpr ErrorDomain kDom = ErrorDomain::DomainSnapshot;

// libvirt's storage types and image formats, for the new images of
// external disk snapshots (virStorageType, virStorageFileFormat).
constexpr std::string_view kStorageTypes[] = {"none",   "file",   "block",     "dir",      "network",
                                              "volume", "nvme",   "vhostuser", "vhostvdpa"};
constexpr std::string_view kImageFormats[] = {"none", "raw",   "dir",  "bochs", "cloop", "dmg",   "iso", "vpc", "vdi",
                                              "fat",  "vhd",   "ploop", "cow",  "qcow",  "qcow2", "qed", "vmdk"};

bool isOneOf(std::string_view value, std::span<const std::string_view> table, bool allowFirst) {
    for (size_t i = allowFirst ? 0 : 1; i < table.size(); ++i)
        if (table[i] == value)
            return true;
    return false;
}

// virXPathString: an absent or empty text is "no value".
std::optional<std::string> childText(const Node& node, std::string_view name) {
    Node c = node.child(name);
    if (!c)
        return std::nullopt;
    std::string t = c.text();
    if (t.empty())
        return std::nullopt;
    return t;
}

// virXMLPropEnumDefault with VIR_XML_PROP_NONZERO: the attribute may be
// missing, but "default" itself is not accepted.
SnapshotLocation locationAttr(const Node& node) {
    auto v = node.attr("snapshot");
    if (!v)
        return SnapshotLocation::Default;
    auto loc = fromString<SnapshotLocation>(*v);
    if (!loc || *loc == SnapshotLocation::Default)
        fail(ErrorCode::XmlError, ErrorDomain::Xml, "Invalid value for attribute '{}' in element '{}': '{}'.",
             "snapshot", node.name(), *v);
    return *loc;
}

bool isAbsolute(std::string_view path) { return !path.empty() && path.front() == '/'; }

SnapshotDisk parseDisk(const Node& node) {
    SnapshotDisk disk;
    auto name = node.attr("name");
    if (!name)
        fail(ErrorCode::InternalError, kDom, "missing name from disk snapshot element");
    disk.snapshot = locationAttr(node);
    if (auto type = node.attr("type")) {
        if (!isOneOf(*type, kStorageTypes, false))
            fail(ErrorCode::XmlError, ErrorDomain::Xml, "Invalid value for attribute '{}' in element '{}': '{}'.",
                 "type", node.name(), *type);
        disk.sourceType = *type;
    }
    if (disk.sourceType == "volume" || disk.sourceType == "dir")
        fail(ErrorCode::XmlError, kDom, "unsupported disk snapshot type '{}'", disk.sourceType);
    if (Node source = node.child("source")) {
        auto path = disk.sourceType == "block" ? source.attr("dev") : source.attr("file");
        if (path && !path->empty())
            disk.path = *path;
    }
    if (Node driver = node.child("driver")) {
        if (auto type = driver.attr("type"); type && !type->empty()) {
            if (!isOneOf(*type, kImageFormats, false))
                fail(ErrorCode::ConfigUnsupported, kDom, "unknown disk snapshot driver '{}'", *type);
            disk.driverType = *type;
        }
    }
    if (disk.path && (disk.sourceType == "file" || disk.sourceType == "block") && !isAbsolute(*disk.path))
        fail(ErrorCode::XmlError, kDom, "disk snapshot image path '{}' must be absolute", *disk.path);
    if (disk.snapshot == SnapshotLocation::Default && (disk.path || disk.driverType))
        disk.snapshot = SnapshotLocation::External;
    disk.name = std::move(*name);
    return disk;
}

domain::Domain parseEmbeddedDomain(const Node& node, const SnapshotParseOptions& options) {
    domain::DomainParseOptions domainOptions;
    domainOptions.inactive = true;
    domainOptions.hooks = options.domainHooks;
    return domain::parseDomainXml(subtreeAsDocument(node), domainOptions);
}

long long clockSeconds() {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

void parseMemory(const Node& root, DomainSnapshot& def, bool offline, bool redefine) {
    if (Node memory = root.child("memory")) {
        if (auto file = memory.attr("file"))
            def.memoryFile = *file;
        def.memory = locationAttr(memory);
        if (def.memory == SnapshotLocation::Manual)
            fail(ErrorCode::XmlError, kDom, "'manual' memory snapshot mode not supported");
    }
    if (def.memory == SnapshotLocation::Default) {
        if (def.memoryFile)
            def.memory = SnapshotLocation::External;
        else if (redefine)
            def.memory = offline ? SnapshotLocation::No : SnapshotLocation::Internal;
    }
    if (def.memoryFile && def.memory != SnapshotLocation::External)
        fail(ErrorCode::XmlError, kDom, "memory filename '{}' requires external snapshot", *def.memoryFile);
    if (!def.memoryFile && def.memory == SnapshotLocation::External)
        fail(ErrorCode::XmlError, kDom, "external memory snapshots require a filename");
    if (offline && def.memory != SnapshotLocation::Default && def.memory != SnapshotLocation::No)
        fail(ErrorCode::XmlError, kDom, "memory state cannot be saved with offline or disk-only snapshot");
    if (def.memoryFile && !isAbsolute(*def.memoryFile))
        fail(ErrorCode::XmlError, kDom, "memory snapshot file path ({}) must be absolute", *def.memoryFile);
}

}  // namespace

ParsedSnapshot parseSnapshotNode(const Node& root, const SnapshotParseOptions& options) {
    if (root.name() != "domainsnapshot")
        fail(ErrorCode::XmlError, kDom, "domainsnapshot");
    ParsedSnapshot out;
    DomainSnapshot& def = out.def;
    bool offline = options.offline;

    auto name = childText(root, "name");
    if (!name && options.redefine)
        fail(ErrorCode::XmlError, kDom, "a redefined snapshot must have a name");
    def.description = childText(root, "description");

    if (options.redefine) {
        auto created = childText(root, "creationTime");
        auto seconds = created ? parseInt<long long>(trim(*created)) : std::nullopt;
        if (!seconds)
            fail(ErrorCode::InternalError, kDom, "missing creationTime from existing snapshot");
        def.creationTime = *seconds;
        if (Node parent = root.child("parent"))
            def.parent = childText(parent, "name");
        auto state = childText(root, "state");
        if (!state)
            fail(ErrorCode::XmlError, kDom, "missing state from existing snapshot");
        auto parsed = fromString<SnapshotState>(*state);
        if (!parsed || *parsed == SnapshotState::NoState)
            fail(ErrorCode::ConfigUnsupported, kDom, "Invalid state '{}' in domain snapshot XML", *state);
        def.state = *parsed;
        offline = def.state == SnapshotState::Shutoff || def.state == SnapshotState::DiskSnapshot;
        // Old snapshots carry only <domain><uuid>; their domain stays unknown.
        if (Node dom = root.child("domain"); dom && dom.attr("type"))
            def.domain = parseEmbeddedDomain(dom, options);
        if (Node inactive = root.child("inactiveDomain"))
            def.inactiveDomain = parseEmbeddedDomain(inactive, options);
        def.name = std::move(*name);
    } else {
        // virDomainMomentDefPostParse: new snapshots are named after their
        // creation time unless named.
        def.creationTime = options.now ? *options.now : clockSeconds();
        def.name = name ? std::move(*name) : std::to_string(def.creationTime);
    }

    parseMemory(root, def, offline, options.redefine);

    if (options.parseDisks) {
        if (Node disks = root.child("disks"))
            for (const Node& d : disks.children())
                def.disks.push_back(parseDisk(d));
    } else if (root.child("disks")) {
        fail(ErrorCode::ConfigUnsupported, kDom, "unable to handle disk requests in snapshot");
    }

    if (options.internal) {
        auto active = childText(root, "active");
        auto value = active ? parseInt<int>(trim(*active)) : std::nullopt;
        if (!value)
            fail(ErrorCode::InternalError, kDom, "Could not find 'active' element");
        out.current = *value != 0;
    }
    return out;
}

ParsedSnapshot parseSnapshotXml(std::string_view text, const SnapshotParseOptions& options) {
    auto doc = cvirt::xml::Document::parse(text, "(domain_snapshot)", kDom);
    Node root = doc.root();
    if (root.name() != "domainsnapshot")
        fail(ErrorCode::XmlError, ErrorDomain::Xml, "expecting root element of '{}', not '{}'", "domainsnapshot",
             root.name());
    if (options.validateSchema)
        cvirt::xml::RngSchema::load(options.schemaPath)->validate(doc);
    return parseSnapshotNode(root, options);
}

namespace {

void appendIndented(std::string& out, std::string_view block, std::string_view pad) {
    size_t start = 0;
    while (start < block.size()) {
        size_t end = block.find('\n', start);
        if (end == std::string_view::npos)
            end = block.size();
        if (end > start) {
            out += pad;
            out.append(block.substr(start, end - start));
        }
        out += '\n';
        start = end + 1;
    }
}

// The domain XML with its root element renamed (<inactiveDomain>).
std::string renameRoot(std::string xml, std::string_view name) {
    if (xml.rfind("<domain", 0) == 0)
        xml.replace(1, 6, name);
    auto close = xml.rfind("</domain>");
    if (close != std::string::npos)
        xml.replace(close + 2, 6, name);
    return xml;
}

void formatDisk(std::string& out, const SnapshotDisk& disk) {
    if (disk.name.empty())
        return;
    std::string attrs = fmt::format(" name='{}'", xmlEscape(disk.name));
    if (disk.snapshot != SnapshotLocation::Default)
        attrs += fmt::format(" snapshot='{}'", toString(disk.snapshot));
    std::string children;
    if (disk.path || disk.driverType) {
        attrs += fmt::format(" type='{}'", disk.sourceType);
        if (disk.driverType)
            children += fmt::format("      <driver type='{}'/>\n", *disk.driverType);
        if (disk.path)
            children += fmt::format("      <source {}='{}'/>\n", disk.sourceType == "block" ? "dev" : "file",
                                    xmlEscape(*disk.path));
    }
    if (children.empty())
        out += fmt::format("    <disk{}/>\n", attrs);
    else
        out += fmt::format("    <disk{}>\n{}    </disk>\n", attrs, children);
}

}  // namespace

std::string formatSnapshotXml(const DomainSnapshot& def, const SnapshotFormatOptions& options) {
    std::string out = "<domainsnapshot>\n";
    out += fmt::format("  <name>{}</name>\n", xmlEscape(def.name));
    if (def.description)
        out += fmt::format("  <description>{}</description>\n", xmlEscape(*def.description));
    if (def.state != SnapshotState::NoState)
        out += fmt::format("  <state>{}</state>\n", toString(def.state));
    if (def.parent)
        out += fmt::format("  <parent>\n    <name>{}</name>\n  </parent>\n", xmlEscape(*def.parent));
    if (def.creationTime)
        out += fmt::format("  <creationTime>{}</creationTime>\n", def.creationTime);
    if (def.memory != SnapshotLocation::Default) {
        out += fmt::format("  <memory snapshot='{}'", toString(def.memory));
        if (def.memoryFile)
            out += fmt::format(" file='{}'", xmlEscape(*def.memoryFile));
        out += "/>\n";
    }
    if (!def.disks.empty()) {
        out += "  <disks>\n";
        for (const auto& d : def.disks)
            formatDisk(out, d);
        out += "  </disks>\n";
    }
    domain::DomainFormatOptions domainOptions;
    domainOptions.inactive = true;
    domainOptions.secure = options.secure;
    if (def.domain)
        appendIndented(out, domain::formatDomainXml(*def.domain, domainOptions), "  ");
    else if (options.domainUuid)
        out += fmt::format("  <domain>\n    <uuid>{}</uuid>\n  </domain>\n", options.domainUuid->format());
    if (def.inactiveDomain)
        appendIndented(out, renameRoot(domain::formatDomainXml(*def.inactiveDomain, domainOptions), "inactiveDomain"),
                       "  ");
    if (options.internal)
        out += fmt::format("  <active>{}</active>\n", options.current ? 1 : 0);
    out += "</domainsnapshot>\n";
    return out;
}

bool isExternal(const DomainSnapshot& def) {
    if (def.memory == SnapshotLocation::External)
        return true;
    for (const auto& d : def.disks)
        if (d.snapshot == SnapshotLocation::External)
            return true;
    return false;
}

}  // namespace cvirt::conf::snapshot
