// virsh's "Checkpoint" commands: their declarations and handlers.
// Handlers that need a hypervisor connection are `notImplementedYet` until the public
// API exists; docs/cvirsh.md shows how to replace one.

#include "cvirsh/commands/groups.hpp"

namespace cvirt::shell {

const CommandGroup& checkpointGroup() {
    static const CommandGroup group{"Checkpoint", "checkpoint", {
        {
            .name = "checkpoint-create",
            .help = "Create a checkpoint from XML",
            .desc = "Create a checkpoint from XML for use in future incremental backups",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("xmlfile", kPositional, "domain checkpoint XML"),
                opt::flag("redefine", "redefine metadata for existing checkpoint"),
                opt::flag("redefine-validate", "validate the redefined checkpoint"),
                opt::flag("quiesce", "quiesce guest's file systems"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "checkpoint-create-as",
            .help = "Create a checkpoint from a set of args",
            .desc = "Create a checkpoint from arguments for use in future incremental backups",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("name", kPositional, "name of checkpoint"),
                opt::string("description", kPositional, "description of checkpoint"),
                opt::flag("print-xml", "print XML document rather than create"),
                opt::flag("quiesce", "quiesce guest's file systems"),
                opt::argv("diskspec", kPositional, "disk attributes: disk[,checkpoint=type][,bitmap=name]"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "checkpoint-delete",
            .help = "Delete a domain checkpoint",
            .desc = "Checkpoint Delete",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("checkpointname", kPositional, "checkpoint name"),
                opt::flag("children", "delete checkpoint and all children"),
                opt::flag("children-only", "delete children but not checkpoint"),
                opt::flag("metadata", "delete only libvirt metadata, leaving checkpoint contents behind"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "checkpoint-dumpxml",
            .help = "Dump XML for a domain checkpoint",
            .desc = "Checkpoint Dump XML",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("checkpointname", kPositional, "checkpoint name"),
                opt::flag("security-info", "include security sensitive information in XML dump"),
                opt::flag("no-domain", "exclude <domain> from XML"),
                opt::flag("size", "include backup size estimate in XML dump"),
                opt::string("xpath", 0, "xpath expression to filter the XML document"),
                opt::flag("wrap", "wrap xpath results in an common root element"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "checkpoint-edit",
            .help = "edit XML for a checkpoint",
            .desc = "Edit the domain checkpoint XML for a named checkpoint",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("checkpointname", kPositional, "checkpoint name"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "checkpoint-info",
            .help = "checkpoint information",
            .desc = "Returns basic information about a checkpoint.",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("checkpointname", kPositional, "checkpoint name"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "checkpoint-list",
            .help = "List checkpoints for a domain",
            .desc = "Checkpoint List",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::flag("parent", "add a column showing parent checkpoint"),
                opt::flag("roots", "list only checkpoints without parents"),
                opt::flag("leaves", "list only checkpoints without children"),
                opt::flag("no-leaves", "list only checkpoints that are not leaves (with children)"),
                opt::flag("tree", "list checkpoints in a tree"),
                opt::string("from", kPositional, "limit list to children of given checkpoint"),
                opt::flag("descendants", "with --from, list all descendants"),
                opt::flag("name", "list checkpoint names only"),
                opt::flag("topological", "sort list topologically rather than by name"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "checkpoint-parent",
            .help = "Get the name of the parent of a checkpoint",
            .desc = "Extract the checkpoint's parent, if any",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("checkpointname", kPositional, "find parent of checkpoint name"),
            },
            .handler = notImplementedYet,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
