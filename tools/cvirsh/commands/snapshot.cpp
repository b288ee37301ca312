// virsh's "Snapshot" commands: their declarations and handlers.
// Handlers that need a hypervisor connection are `needsApi` until the public
// API exists; docs/cvirsh.md shows how to replace one.

#include "cvirsh/commands/groups.hpp"

namespace cvirt::shell {

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
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
