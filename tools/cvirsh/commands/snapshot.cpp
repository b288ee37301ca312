// virsh's "Snapshot" commands: their declarations and handlers.
// Handlers that need a hypervisor connection the API does not offer yet stay
// `notImplementedYet`; docs/cvirsh.md shows how to replace one.

#include <strings.h>

#include <algorithm>
#include <ctime>

#include <fmt/format.h>

#include "cvirsh/commands/common.hpp"
#include "cvirsh/commands/groups.hpp"
#include "cvirsh/output/escape.hpp"
#include "cvirsh/output/table.hpp"
#include "cvirsh/xpath.hpp"

namespace cvirt::shell {

namespace {

// virDomainSnapshotRevertFlags beyond types.hpp.
constexpr unsigned kRevertResetNvram = 8;

// " name='value'" with the value escaped, or nothing for no value
// (virBufferEscapeString's behaviour with a NULL string).
std::string escapedAttr(std::string_view name, const std::optional<std::string>& value) {
    return value ? fmt::format(" {}='{}'", name, xmlEscapeText(*value)) : std::string();
}

// --memspec [file=]name[,snapshot=type] as a <memory> element.
std::string memspecXml(Shell& shell, const std::string& spec) {
    std::optional<std::string> snapshot, file;
    for (const auto& item : splitCommaList(spec)) {
        if (!snapshot && item.starts_with("snapshot="))
            snapshot = item.substr(9);
        else if (!file && item.starts_with("file="))
            file = item.substr(5);
        else if (!file && item.starts_with("/"))
            file = item;
        else
            failCommand(shell, fmt::format("unable to parse memspec: {}", spec));
    }
    return fmt::format("  <memory{}{}/>\n", escapedAttr("snapshot", snapshot), escapedAttr("file", file));
}

// --diskspec disk[,snapshot=type][,driver=type][,stype=type][,file=name].
std::string diskspecXml(Shell& shell, const std::string& spec) {
    auto items = splitCommaList(spec);
    std::optional<std::string> snapshot, driver, stype, file;
    for (size_t i = 1; i < items.size(); ++i) {
        const auto& item = items[i];
        if (!snapshot && item.starts_with("snapshot="))
            snapshot = item.substr(9);
        else if (!driver && item.starts_with("driver="))
            driver = item.substr(7);
        else if (!stype && item.starts_with("stype="))
            stype = item.substr(6);
        else if (!file && item.starts_with("file="))
            file = item.substr(5);
        else
            failCommand(shell, fmt::format("unable to parse diskspec: {}", spec));
    }
    std::string xml = fmt::format("    <disk name='{}'", xmlEscapeText(items.front()));
    if (snapshot)
        xml += fmt::format(" snapshot='{}'", *snapshot);
    bool isFile = true;
    if (stype) {
        if (*stype == "block")
            isFile = false;
        else if (*stype != "file") {
            shell.printer().errorf("Unknown storage type: '{}'", *stype);
            failCommand(shell, fmt::format("unable to parse diskspec: {}", spec));
        }
        xml += fmt::format(" type='{}'", *stype);
    }
    if (!driver && !file)
        return xml + "/>\n";
    xml += ">\n";
    if (driver)
        xml += fmt::format("      <driver type='{}'/>\n", *driver);
    if (file)
        xml += fmt::format("      <source {}='{}'/>\n", isFile ? "file" : "dev", xmlEscapeText(*file));
    return xml + "    </disk>\n";
}

// virshSnapshotCreate: create, retrying without flags older servers reject.
bool createSnapshot(Shell& shell, Domain& dom, const std::string& xml, unsigned flags,
                    const std::optional<std::string>& from) {
    std::optional<DomainSnapshot> snap;
    try {
        snap = dom.createSnapshot(xml, flags);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::NoSupport || from || !(flags & flags::kSnapshotCreateValidate))
            throw;
    }
    if (!snap)
        snap = dom.createSnapshot(xml, flags & ~flags::kSnapshotCreateValidate);
    if (from)
        shell.printer().printExtra(fmt::format("Domain snapshot {} created from '{}'", snap->name(), *from));
    else
        shell.printer().printExtra(fmt::format("Domain snapshot {} created", snap->name()));
    return true;
}

unsigned createFlags(const Invocation& cmd) {
    static constexpr std::pair<std::string_view, unsigned> kFlags[] = {
        {"redefine", flags::kSnapshotCreateRedefine},     {"current", flags::kSnapshotCreateCurrent},
        {"no-metadata", flags::kSnapshotCreateNoMetadata}, {"halt", flags::kSnapshotCreateHalt},
        {"disk-only", flags::kSnapshotCreateDiskOnly},     {"reuse-external", flags::kSnapshotCreateReuseExt},
        {"quiesce", flags::kSnapshotCreateQuiesce},        {"atomic", flags::kSnapshotCreateAtomic},
        {"live", flags::kSnapshotCreateLive},              {"validate", flags::kSnapshotCreateValidate},
    };
    unsigned flags = 0;
    for (const auto& [name, flag] : kFlags)
        if (cmd.def().option(name) && cmd.has(name))
            flags |= flag;
    return flags;
}

bool cmdSnapshotCreate(Shell& shell, const Invocation& cmd) {
    unsigned flags = createFlags(cmd);
    Domain dom = domainOption(shell, cmd);
    auto from = cmd.string("xmlfile");
    std::string xml = from ? readFileForCommand(*from) : std::string("<domainsnapshot/>");
    return createSnapshot(shell, dom, xml, flags, from);
}

bool cmdSnapshotCreateAs(Shell& shell, const Invocation& cmd) {
    unsigned flags = createFlags(cmd);
    Domain dom = domainOption(shell, cmd);
    auto name = cmd.string("name");
    auto description = cmd.string("description");
    std::string xml = "<domainsnapshot>\n";
    if (name)
        xml += fmt::format("  <name>{}</name>\n", xmlEscapeText(*name));
    if (description)
        xml += fmt::format("  <description>{}</description>\n", xmlEscapeText(*description));
    if (auto memspec = cmd.string("memspec"))
        xml += memspecXml(shell, *memspec);
    if (cmd.has("diskspec")) {
        xml += "  <disks>\n";
        for (const auto& spec : cmd.argv())
            xml += diskspecXml(shell, spec);
        xml += "  </disks>\n";
    }
    xml += "</domainsnapshot>\n";
    if (cmd.has("print-xml")) {
        shell.printer().print(xml + "\n");
        return true;
    }
    return createSnapshot(shell, dom, xml, flags, std::nullopt);
}

// virshLookupSnapshot: the snapshot named by `option`, or with --current
// the current one.
DomainSnapshot snapshotOption(Shell& shell, const Invocation& cmd, std::string_view option, bool exclusive,
                              const Domain& dom) {
    bool current = cmd.has("current");
    auto name = cmd.string(option);
    if (exclusive && current && name)
        failCommand(shell, fmt::format("--{} and --current are mutually exclusive", option));
    if (name)
        return dom.lookupSnapshotByName(*name);
    if (current)
        return dom.currentSnapshot();
    failCommand(shell, fmt::format("--{} or --current is required", option));
}

// virshGetSnapshotParent: the parent's name, nullopt for a root.
std::optional<std::string> snapshotParent(Shell& shell, const DomainSnapshot& snap) {
    try {
        try {
            return snap.parent().name();
        } catch (const Error& e) {
            if (e.code() == ErrorCode::NoDomainSnapshot)
                return std::nullopt;
        }
        // The parent call failed: read it from the XML.
        auto doc = XPathDocument::parse(snap.xmlDesc(), "(domain_snapshot)");
        return doc.string("string(/domainsnapshot/parent/name)");
    } catch (const Error& e) {
        shell.printer().error(e.message());
        failCommand(shell, "unable to determine if snapshot has parent");
    }
}

bool cmdSnapshotCurrent(Shell& shell, const Invocation& cmd) {
    unsigned flags = cmd.has("security-info") ? flags::kXmlSecure : 0;
    requireExclusive(cmd, "name", "snapshotname");
    Domain dom = domainOption(shell, cmd);
    std::string domainName = *cmd.string("domain");
    if (auto name = cmd.string("snapshotname")) {
        DomainSnapshot snap = dom.lookupSnapshotByName(*name);
        std::string xml = snap.xmlDesc(flags::kXmlSecure);
        unsigned redefine = flags::kSnapshotCreateRedefine | flags::kSnapshotCreateCurrent;
        if (xml.find("<state>disk-snapshot</state>") != std::string::npos)
            redefine |= flags::kSnapshotCreateDiskOnly;
        dom.createSnapshot(xml, redefine);
        shell.printer().printExtra(fmt::format("Snapshot {} set as current", *name));
        return true;
    }
    if (!dom.hasCurrentSnapshot())
        failCommand(shell, fmt::format("domain '{}' has no current snapshot", domainName));
    DomainSnapshot snap = dom.currentSnapshot();
    if (cmd.has("name"))
        shell.printer().print(snap.name());
    else
        shell.printer().print(snap.xmlDesc(flags));
    return true;
}

bool cmdSnapshotDelete(Shell& shell, const Invocation& cmd) {
    Domain dom = domainOption(shell, cmd);
    DomainSnapshot snap = snapshotOption(shell, cmd, "snapshotname", true, dom);
    unsigned flags = 0;
    if (cmd.has("children"))
        flags |= flags::kSnapshotDeleteChildren;
    if (cmd.has("children-only"))
        flags |= flags::kSnapshotDeleteChildrenOnly;
    if (cmd.has("metadata"))
        flags |= flags::kSnapshotDeleteMetadataOnly;
    withContext(shell, fmt::format("Failed to delete snapshot {}", snap.name()), [&] { snap.remove(flags); });
    shell.printer().printExtra(fmt::format(fmt::runtime((flags & flags::kSnapshotDeleteChildrenOnly)
                                               ? "Domain snapshot {} children deleted\n"
                                               : "Domain snapshot {} deleted\n"),
                                           snap.name()));
    return true;
}

bool cmdSnapshotDumpxml(Shell& shell, const Invocation& cmd) {
    unsigned flags = cmd.has("security-info") ? flags::kXmlSecure : 0;
    std::string name = *cmd.string("snapshotname");
    Domain dom = domainOption(shell, cmd);
    DomainSnapshot snap = dom.lookupSnapshotByName(name);
    auto xpath = cmd.raw("xpath");
    if (xpath && xpath->empty())
        throw CommandFailed{};
    std::string xml = snap.xmlDesc(flags);
    printXml(shell, xml, "domain-snapshot", xpath, cmd.has("wrap"));
    return true;
}

bool cmdSnapshotInfo(Shell& shell, const Invocation& cmd) {
    Domain dom = domainOption(shell, cmd);
    DomainSnapshot snap = snapshotOption(shell, cmd, "snapshotname", true, dom);
    Printer& p = shell.printer();
    p.keyValue("Name:", snap.name());
    p.keyValue("Domain:", dom.name());
    bool current = false;
    try {
        current = snap.isCurrent();
    } catch (const Error&) {
    }
    p.keyValue("Current:", current ? "yes" : "no");
    auto doc = XPathDocument::parse(snap.xmlDesc(), "(domain_snapshot)");
    auto state = doc.string("string(/domainsnapshot/state)");
    if (!state)
        failCommand(shell, "unexpected problem reading snapshot xml");
    p.keyValue("State:", *state);
    // With a <memory> element, an external memory or disk snapshot makes
    // it external; older snapshots are external only as disk snapshots.
    std::optional<bool> external;
    if (auto hasMemory = doc.boolean("boolean(/domainsnapshot/memory)"); hasMemory && *hasMemory)
        external = doc.boolean("boolean(/domainsnapshot/memory[@snapshot='external'] | "
                               "/domainsnapshot/disks/disk[@snapshot='external'])");
    else if (hasMemory)
        external = *state == "disk-snapshot";
    if (!external)
        failCommand(shell, "unexpected problem reading snapshot xml");
    p.keyValue("Location:", *external ? "external" : "internal");
    p.keyValue("Parent:", doc.string("string(/domainsnapshot/parent/name)").value_or("-"));
    int children = 0;
    try {
        children = snap.childCount();
    } catch (const Error& e) {
        if (e.code() == ErrorCode::NoSupport)
            return true;
        throw;
    }
    p.keyValue("Children:", std::to_string(children));
    p.keyValue("Descendants:", std::to_string(snap.childCount(flags::kSnapshotListDescendants)));
    std::optional<bool> metadata;
    try {
        metadata = snap.hasMetadata();
    } catch (const Error&) {
        try {
            metadata = dom.snapshotCount(flags::kSnapshotListMetadata) != 0;
        } catch (const Error&) {
        }
    }
    if (metadata)
        p.keyValue("Metadata:", *metadata ? "yes" : "no");
    return true;
}

// One snapshot of a listing and, for --tree, its parent's name.
struct ListedSnapshot {
    DomainSnapshot snap;
    std::optional<std::string> parent;
};

// vshTreePrint: `index` and its descendants, drawn as virsh draws them.
void printTree(Printer& p, const std::vector<ListedSnapshot>& list, size_t index, size_t last, bool root,
               std::string& indent) {
    const std::string& name = list[index].snap.name();
    p.print(indent + (root ? "" : "+- ") + name + "\n");
    if (!root) {
        indent += index == last ? ' ' : '|';
        indent += ' ';
    }
    std::optional<size_t> lastChild;
    for (size_t i = 0; i < list.size(); ++i)
        if (list[i].parent == name)
            lastChild = i;
    if (lastChild)
        p.print(indent + "  |\n");
    indent += "  ";
    for (size_t i = 0; i < list.size(); ++i)
        if (list[i].parent == name)
            printTree(p, list, i, *lastChild, false, indent);
    indent.resize(indent.size() - 2);
    if (!lastChild && index == last)
        p.print(indent + "\n");
    if (!root)
        indent.resize(indent.size() - 2);
}

// Older drivers do not filter by state or location: decide from the XML
// (virshSnapshotFilter).
bool snapshotMatches(const DomainSnapshot& snap, unsigned flags) {
    auto doc = XPathDocument::parse(snap.xmlDesc(), "(domain_snapshot)");
    auto state = doc.string("string(/domainsnapshot/state)").value_or("");
    if (state == "disk-snapshot")
        return (flags & flags::kSnapshotListDiskOnly) && (flags & flags::kSnapshotListExternal);
    if (!(flags & flags::kSnapshotListInternal))
        return false;
    if (state == "shutoff")
        return flags & flags::kSnapshotListInactive;
    return flags & flags::kSnapshotListActive;
}

// "2024-05-01 12:00:00 +0000" in local time, as virsh prints creation times.
std::string localTime(long long seconds) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    localtime_r(&t, &tm);
    char text[64];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S %z", &tm);
    return text;
}

bool cmdSnapshotList(Shell& shell, const Invocation& cmd) {
    bool tree = cmd.has("tree"), name = cmd.has("name"), from = cmd.has("from"), parent = cmd.has("parent");
    bool roots = cmd.has("roots"), current = cmd.has("current");
    requireExclusive(cmd, "tree", "name");
    requireExclusive(cmd, "parent", "roots");
    requireExclusive(cmd, "parent", "tree");
    requireExclusive(cmd, "roots", "tree");
    requireExclusive(cmd, "roots", "from");
    requireExclusive(cmd, "roots", "current");
    unsigned flags = 0;
    static constexpr std::pair<std::string_view, unsigned> kFilters[] = {
        {"leaves", flags::kSnapshotListLeaves},     {"no-leaves", flags::kSnapshotListNoLeaves},
        {"inactive", flags::kSnapshotListInactive}, {"active", flags::kSnapshotListActive},
        {"disk-only", flags::kSnapshotListDiskOnly}, {"internal", flags::kSnapshotListInternal},
        {"external", flags::kSnapshotListExternal},
    };
    for (const auto& [option, flag] : kFilters)
        if (cmd.has(option)) {
            if (tree)
                failCommand(shell, fmt::format("--{} and --tree are mutually exclusive", option));
            flags |= flag;
        }
    if (cmd.has("topological"))
        flags |= flags::kSnapshotListTopological;
    if (roots)
        flags |= flags::kSnapshotListRoots;
    if (cmd.has("metadata"))
        flags |= flags::kSnapshotListMetadata;
    if (cmd.has("no-metadata"))
        flags |= flags::kSnapshotListNoMetadata;
    if (cmd.has("descendants")) {
        if (!from && !current)
            failCommand(shell, "--descendants requires either --from or --current");
        flags |= flags::kSnapshotListDescendants;
    }
    Domain dom = domainOption(shell, cmd);
    std::optional<DomainSnapshot> start;
    if (from || current)
        start = snapshotOption(shell, cmd, "from", true, dom);

    constexpr unsigned kStatusAndLocation = flags::kSnapshotListInactive | flags::kSnapshotListActive |
                                            flags::kSnapshotListDiskOnly | flags::kSnapshotListInternal |
                                            flags::kSnapshotListExternal;
    auto listWith = [&](unsigned f) { return start ? start->listAllChildren(f) : dom.listAllSnapshots(f); };
    std::vector<DomainSnapshot> snaps;
    bool filterHere = false;
    try {
        snaps = listWith(flags);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::InvalidArg || !(flags & kStatusAndLocation))
            throw;
        filterHere = true;
        snaps = listWith(flags & ~kStatusAndLocation);
    }
    std::vector<ListedSnapshot> list;
    for (auto& snap : snaps)
        list.push_back({snap, std::nullopt});
    if (tree) {
        for (auto& item : list)
            item.parent = snapshotParent(shell, item.snap);
        if (start)
            list.push_back({*start, std::nullopt});
    }
    if (filterHere)
        std::erase_if(list, [&](const ListedSnapshot& item) { return !snapshotMatches(item.snap, flags); });
    if (!(flags & flags::kSnapshotListTopological))
        std::sort(list.begin(), list.end(), [](const ListedSnapshot& a, const ListedSnapshot& b) {
            return strcasecmp(a.snap.name().c_str(), b.snap.name().c_str()) < 0;
        });

    Printer& p = shell.printer();
    if (tree) {
        for (size_t i = 0; i < list.size(); ++i)
            if (!list[i].parent) {
                std::string indent;
                printTree(p, list, i, i, true, indent);
            }
        return true;
    }
    if (name) {
        for (const auto& item : list)
            p.print(item.snap.name() + "\n");
        return true;
    }
    Table table(parent ? std::vector<std::string>{"Name", "Creation Time", "State", "Parent"}
                       : std::vector<std::string>{"Name", "Creation Time", "State"});
    for (const auto& item : list) {
        // Snapshots whose XML cannot be read are left out, as virsh does.
        try {
            auto doc = XPathDocument::parse(item.snap.xmlDesc(), "(domain_snapshot)");
            auto state = doc.string("string(/domainsnapshot/state)");
            auto created = doc.string("string(/domainsnapshot/creationTime)");
            auto seconds = created ? std::optional<long long>(std::strtoll(created->c_str(), nullptr, 10))
                                   : std::nullopt;
            if (!state || !seconds)
                continue;
            std::vector<std::string> row{item.snap.name(), localTime(*seconds), *state};
            if (parent)
                row.push_back(doc.string("string(/domainsnapshot/parent/name)").value_or(""));
            table.addRow(std::move(row));
        } catch (const Error&) {
        }
    }
    table.print(p);
    return true;
}

bool cmdSnapshotParent(Shell& shell, const Invocation& cmd) {
    Domain dom = domainOption(shell, cmd);
    DomainSnapshot snap = snapshotOption(shell, cmd, "snapshotname", true, dom);
    auto parent = snapshotParent(shell, snap);
    if (!parent)
        failCommand(shell, fmt::format("snapshot '{}' has no parent", snap.name()));
    shell.printer().print(*parent);
    return true;
}

bool cmdSnapshotRevert(Shell& shell, const Invocation& cmd) {
    unsigned flags = 0;
    if (cmd.has("running"))
        flags |= flags::kSnapshotRevertRunning;
    if (cmd.has("paused"))
        flags |= flags::kSnapshotRevertPaused;
    if (cmd.has("reset-nvram"))
        flags |= kRevertResetNvram;
    bool force = cmd.has("force");
    Domain dom = domainOption(shell, cmd);
    DomainSnapshot snap = snapshotOption(shell, cmd, "snapshotname", true, dom);
    withContext(shell, fmt::format("Failed to revert snapshot {}", snap.name()), [&] {
        // --force only when the driver says the revert is risky, so that
        // servers which reject the flag still work.
        try {
            snap.revert(flags);
        } catch (const Error& e) {
            if (!force || e.code() != ErrorCode::SnapshotRevertRisky)
                throw;
            snap.revert(flags | flags::kSnapshotRevertForce);
        }
    });
    shell.printer().printExtra(fmt::format("Domain snapshot {} reverted\n", snap.name()));
    return true;
}

}  // namespace

const CommandGroup& snapshotGroup() {
    static const CommandGroup group{"Snapshot", "snapshot", {
        {
            .name = "snapshot-create",
            .help = "Create a snapshot from XML",
            .desc = "Create a snapshot (disk and RAM) from XML",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("xmlfile", kPositional, "domain snapshot XML"),
                opt::flag("redefine", "redefine metadata for existing snapshot"),
                opt::flag("current", "with redefine, set current snapshot"),
                opt::flag("no-metadata", "take snapshot but create no metadata"),
                opt::flag("halt", "halt domain after snapshot is created"),
                opt::flag("disk-only", "capture disk state but not vm state"),
                opt::flag("reuse-external", "reuse any existing external files"),
                opt::flag("quiesce", "quiesce guest's file systems"),
                opt::flag("atomic", "require atomic operation"),
                opt::flag("live", "take a live snapshot"),
                opt::flag("validate", "validate the XML against the schema"),
            },
            .handler = cmdSnapshotCreate,
        },
        {
            .name = "snapshot-create-as",
            .help = "Create a snapshot from a set of args",
            .desc = "Create a snapshot (disk and RAM) from arguments",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("name", kPositional, "name of snapshot"),
                opt::string("description", kPositional, "description of snapshot"),
                opt::flag("print-xml", "print XML document rather than create"),
                opt::flag("no-metadata", "take snapshot but create no metadata"),
                opt::flag("halt", "halt domain after snapshot is created"),
                opt::flag("disk-only", "capture disk state but not vm state"),
                opt::flag("reuse-external", "reuse any existing external files"),
                opt::flag("quiesce", "quiesce guest's file systems"),
                opt::flag("atomic", "require atomic operation"),
                opt::flag("live", "take a live snapshot"),
                opt::flag("validate", "validate the XML against the schema"),
                opt::string("memspec", 0, "memory attributes: [file=]name[,snapshot=type]"),
                opt::argv("diskspec", kPositional, "disk attributes: disk[,snapshot=type][,driver=type][,stype=type][,file=name]"),
            },
            .handler = cmdSnapshotCreateAs,
        },
        {
            .name = "snapshot-current",
            .help = "Get or set the current snapshot",
            .desc = "Get or set the current snapshot",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::flag("name", "list the name, rather than the full xml"),
                opt::flag("security-info", "include security sensitive information in XML dump"),
                opt::string("snapshotname", kPositional, "name of existing snapshot to make current"),
            },
            .handler = cmdSnapshotCurrent,
        },
        {
            .name = "snapshot-delete",
            .help = "Delete a domain snapshot",
            .desc = "Snapshot Delete",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("snapshotname", kPositional, "snapshot name"),
                opt::flag("current", "delete current snapshot"),
                opt::flag("children", "delete snapshot and all children"),
                opt::flag("children-only", "delete children but not snapshot"),
                opt::flag("metadata", "delete only libvirt metadata, leaving snapshot contents behind"),
            },
            .handler = cmdSnapshotDelete,
        },
        {
            .name = "snapshot-dumpxml",
            .help = "Dump XML for a domain snapshot",
            .desc = "Snapshot Dump XML",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::data("snapshotname", kRequired | kPositional, "snapshot name"),
                opt::flag("security-info", "include security sensitive information in XML dump"),
                opt::string("xpath", 0, "xpath expression to filter the XML document"),
                opt::flag("wrap", "wrap xpath results in an common root element"),
            },
            .handler = cmdSnapshotDumpxml,
        },
        {
            .name = "snapshot-edit",
            .help = "edit XML for a snapshot",
            .desc = "Edit the domain snapshot XML for a named snapshot",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("snapshotname", kPositional, "snapshot name"),
                opt::flag("current", "also set edited snapshot as current"),
                opt::flag("rename", "allow renaming an existing snapshot"),
                opt::flag("clone", "allow cloning to new name"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "snapshot-info",
            .help = "snapshot information",
            .desc = "Returns basic information about a snapshot.",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("snapshotname", kPositional, "snapshot name"),
                opt::flag("current", "info on current snapshot"),
            },
            .handler = cmdSnapshotInfo,
        },
        {
            .name = "snapshot-list",
            .help = "List snapshots for a domain",
            .desc = "Snapshot List",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::flag("parent", "add a column showing parent snapshot"),
                opt::flag("roots", "list only snapshots without parents"),
                opt::flag("leaves", "list only snapshots without children"),
                opt::flag("no-leaves", "list only snapshots that are not leaves (with children)"),
                opt::flag("metadata", "list only snapshots that have metadata that would prevent undefine"),
                opt::flag("no-metadata", "list only snapshots that have no metadata managed by libvirt"),
                opt::flag("inactive", "filter by snapshots taken while inactive"),
                opt::flag("active", "filter by snapshots taken while active (full system snapshots)"),
                opt::flag("disk-only", "filter by disk-only snapshots"),
                opt::flag("internal", "filter by internal snapshots"),
                opt::flag("external", "filter by external snapshots"),
                opt::flag("tree", "list snapshots in a tree"),
                opt::string("from", kPositional, "limit list to children of given snapshot"),
                opt::flag("current", "limit list to children of current snapshot"),
                opt::flag("descendants", "with --from, list all descendants"),
                opt::flag("name", "list snapshot names only"),
                opt::flag("topological", "sort list topologically rather than by name"),
            },
            .handler = cmdSnapshotList,
        },
        {
            .name = "snapshot-parent",
            .help = "Get the name of the parent of a snapshot",
            .desc = "Extract the snapshot's parent, if any",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("snapshotname", kPositional, "find parent of snapshot name"),
                opt::flag("current", "find parent of current snapshot"),
            },
            .handler = cmdSnapshotParent,
        },
        {
            .name = "snapshot-revert",
            .help = "Revert a domain to a snapshot",
            .desc = "Revert domain to snapshot",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("snapshotname", kPositional, "snapshot name"),
                opt::flag("current", "revert to current snapshot"),
                opt::flag("running", "after reverting, change state to running"),
                opt::flag("paused", "after reverting, change state to paused"),
                opt::flag("force", "try harder on risky reverts"),
                opt::flag("reset-nvram", "re-initialize NVRAM from its pristine template"),
            },
            .handler = cmdSnapshotRevert,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
