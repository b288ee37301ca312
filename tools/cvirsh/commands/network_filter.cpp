// virsh's "Network Filter" commands: their declarations and handlers.
// Handlers that need a hypervisor connection are `notImplementedYet` until the public
// API exists; docs/cvirsh.md shows how to replace one.

#include "cvirsh/commands/groups.hpp"

namespace cvirt::shell {

const CommandGroup& networkFilterGroup() {
    static const CommandGroup group{"Network Filter", "filter", {
        {
            .name = "nwfilter-define",
            .help = "define or update a network filter from an XML file",
            .desc = "Define a new network filter or update an existing one.",
            .options = {
                opt::data("file", kRequired | kPositional, "file containing an XML network filter description"),
                opt::flag("validate", "validate the XML against the schema"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nwfilter-dumpxml",
            .help = "network filter information in XML",
            .desc = "Output the network filter information as an XML dump to stdout.",
            .options = {
                opt::data("nwfilter", kRequired | kPositional, "network filter name or uuid"),
                opt::string("xpath", 0, "xpath expression to filter the XML document"),
                opt::flag("wrap", "wrap xpath results in an common root element"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nwfilter-edit",
            .help = "edit XML configuration for a network filter",
            .desc = "Edit the XML configuration for a network filter.",
            .options = {
                opt::data("nwfilter", kRequired | kPositional, "network filter name or uuid"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nwfilter-list",
            .help = "list network filters",
            .desc = "Returns list of network filters.",
            .handler = notImplementedYet,
        },
        {
            .name = "nwfilter-undefine",
            .help = "undefine a network filter",
            .desc = "Undefine a given network filter.",
            .options = {
                opt::data("nwfilter", kRequired | kPositional, "network filter name or uuid"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nwfilter-binding-create",
            .help = "create a network filter binding from an XML file",
            .desc = "Create a new network filter binding.",
            .options = {
                opt::data("file", kRequired | kPositional, "file containing an XML network filter binding description"),
                opt::flag("validate", "validate the XML against the schema"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nwfilter-binding-delete",
            .help = "delete a network filter binding",
            .desc = "Delete a given network filter binding.",
            .options = {
                opt::data("binding", kRequired | kPositional, "network filter binding port dev"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nwfilter-binding-dumpxml",
            .help = "network filter information in XML",
            .desc = "Output the network filter information as an XML dump to stdout.",
            .options = {
                opt::data("binding", kRequired | kPositional, "network filter binding portdev"),
                opt::string("xpath", 0, "xpath expression to filter the XML document"),
                opt::flag("wrap", "wrap xpath results in an common root element"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nwfilter-binding-list",
            .help = "list network filter bindings",
            .desc = "Returns list of network filter bindings.",
            .handler = notImplementedYet,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
