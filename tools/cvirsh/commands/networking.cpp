// virsh's "Networking" commands: their declarations and handlers.
// Handlers that need a hypervisor connection are `needsApi` until the public
// API exists; docs/cvirsh.md shows how to replace one.

#include "cvirsh/commands/groups.hpp"

namespace cvirt::shell {

const CommandGroup& networkingGroup() {
    static const CommandGroup group{"Networking", "network", {
        {
            .name = "net-autostart",
            .help = "autostart a network",
            .desc = "Configure a network to be automatically started at boot.",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
                opt::flag("disable", "disable autostarting"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-create",
            .help = "create a network from an XML file",
            .desc = "Create a network.",
            .options = {
                opt::data("file", kRequired | kPositional, "file containing an XML network description"),
                opt::flag("validate", "validate the XML against the schema"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-define",
            .help = "define an inactive persistent virtual network or modify an existing persistent one from an XML file",
            .desc = "Define or modify a persistent virtual network.",
            .options = {
                opt::data("file", kRequired | kPositional, "file containing an XML network description"),
                opt::flag("validate", "validate the XML against the schema"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-destroy",
            .help = "destroy (stop) a network",
            .desc = "Forcefully stop a given network.",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-dhcp-leases",
            .help = "print lease info for a given network",
            .desc = "Print lease info for a given network",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
                opt::string("mac", kPositional, "MAC address"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-dumpxml",
            .help = "network information in XML",
            .desc = "Output the network information as an XML dump to stdout.",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
                opt::flag("inactive", "show inactive defined XML"),
                opt::string("xpath", 0, "xpath expression to filter the XML document"),
                opt::flag("wrap", "wrap xpath results in an common root element"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-edit",
            .help = "edit XML configuration for a network",
            .desc = "Edit the XML configuration for a network.",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-event",
            .help = "Network Events",
            .desc = "List event types, or wait for network events to occur",
            .options = {
                opt::string("network", kPositional, "filter by network name or uuid"),
                opt::string("event", kPositional, "which event type to wait for"),
                opt::flag("loop", "loop until timeout or interrupt, rather than one-shot"),
                opt::number("timeout", kPositional, "timeout seconds"),
                opt::flag("list", "list valid event types"),
                opt::flag("timestamp", "show timestamp for each printed event"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-info",
            .help = "network information",
            .desc = "Returns basic information about the network",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-list",
            .help = "list networks",
            .desc = "Returns list of networks.",
            .options = {
                opt::flag("inactive", "list inactive networks"),
                opt::flag("all", "list inactive & active networks"),
                opt::flag("persistent", "list persistent networks"),
                opt::flag("transient", "list transient networks"),
                opt::flag("autostart", "list networks with autostart enabled"),
                opt::flag("no-autostart", "list networks with autostart disabled"),
                opt::flag("uuid", "list uuid's only"),
                opt::flag("name", "list network names only"),
                opt::flag("table", "list table (default)"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-name",
            .help = "convert a network UUID to network name",
            .desc = "",
            .options = {
                opt::data("network", kRequired | kPositional, "network uuid"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-start",
            .help = "start a (previously defined) inactive network",
            .desc = "Start a network.",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-undefine",
            .help = "undefine a persistent network",
            .desc = "Undefine the configuration for a persistent network.",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-update",
            .help = "update parts of an existing network's configuration",
            .desc = "",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
                opt::data("command", kRequired | kPositional, "type of update (add-first, add-last (add), delete, or modify)"),
                opt::data("section", kRequired | kPositional, "which section of network configuration to update"),
                opt::data("xml", kRequired | kPositional, "name of file containing xml (or, if it starts with '<', the complete xml element itself) to add/modify, or to be matched for search"),
                opt::number("parent-index", kPositional, "which parent object to search through"),
                opt::flag("config", "affect next network startup"),
                opt::flag("live", "affect running network"),
                opt::flag("current", "affect current state of network"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-uuid",
            .help = "convert a network name to network UUID",
            .desc = "",
            .options = {
                opt::data("network", kRequired | kPositional, "network name"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-port-list",
            .help = "list network ports",
            .desc = "Returns list of network ports.",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
                opt::flag("uuid", "list uuid's only"),
                opt::flag("table", "list table (default)"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-port-create",
            .help = "create a network port from an XML file",
            .desc = "Create a network port.",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
                opt::data("file", kRequired | kPositional, "file containing an XML network port description"),
                opt::flag("validate", "validate the XML against the schema"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-port-dumpxml",
            .help = "network port information in XML",
            .desc = "Output the network port information as an XML dump to stdout.",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
                opt::data("port", kRequired | kPositional, "port UUID"),
                opt::string("xpath", 0, "xpath expression to filter the XML document"),
                opt::flag("wrap", "wrap xpath results in an common root element"),
            },
            .handler = needsApi,
        },
        {
            .name = "net-port-delete",
            .help = "delete the specified network port",
            .desc = "Delete the specified network port.",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
                opt::data("port", kRequired | kPositional, "port UUID"),
            },
            .handler = needsApi,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
