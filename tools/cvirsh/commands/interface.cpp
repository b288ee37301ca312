// virsh's "Interface" commands: their declarations and handlers.
// Handlers that need a hypervisor connection are `notImplementedYet` until the public
// API exists; docs/cvirsh.md shows how to replace one.

#include "cvirsh/commands/groups.hpp"

namespace cvirt::shell {

const CommandGroup& interfaceGroup() {
    static const CommandGroup group{"Interface", "interface", {
        {
            .name = "iface-begin",
            .help = "create a snapshot of current interfaces settings, which can be later committed (iface-commit) or restored (iface-rollback)",
            .desc = "Create a restore point for interfaces settings",
            .handler = notImplementedYet,
        },
        {
            .name = "iface-bridge",
            .help = "create a bridge device and attach an existing network device to it",
            .desc = "bridge an existing network device",
            .options = {
                opt::data("interface", kRequired | kPositional, "existing interface name"),
                opt::data("bridge", kRequired | kPositional, "new bridge device name"),
                opt::flag("no-stp", "do not enable STP for this bridge"),
                opt::number("delay", kPositional, "number of seconds to squelch traffic on newly connected ports"),
                opt::flag("no-start", "don't start the bridge immediately"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "iface-commit",
            .help = "commit changes made since iface-begin and free restore point",
            .desc = "commit changes and free restore point",
            .handler = notImplementedYet,
        },
        {
            .name = "iface-define",
            .help = "define an inactive persistent physical host interface or modify an existing persistent one from an XML file",
            .desc = "Define or modify a persistent physical host interface.",
            .options = {
                opt::data("file", kRequired | kPositional, "file containing an XML interface description"),
                opt::flag("validate", "validate the XML against the schema"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "iface-destroy",
            .help = "destroy a physical host interface (disable it / \"if-down\")",
            .desc = "forcefully stop a physical host interface.",
            .options = {
                opt::data("interface", kRequired | kPositional, "interface name or MAC address"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "iface-dumpxml",
            .help = "interface information in XML",
            .desc = "Output the physical host interface information as an XML dump to stdout.",
            .options = {
                opt::data("interface", kRequired | kPositional, "interface name or MAC address"),
                opt::flag("inactive", "show inactive defined XML"),
                opt::string("xpath", 0, "xpath expression to filter the XML document"),
                opt::flag("wrap", "wrap xpath results in an common root element"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "iface-edit",
            .help = "edit XML configuration for a physical host interface",
            .desc = "Edit the XML configuration for a physical host interface.",
            .options = {
                opt::data("interface", kRequired | kPositional, "interface name or MAC address"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "iface-list",
            .help = "list physical host interfaces",
            .desc = "Returns list of physical host interfaces.",
            .options = {
                opt::flag("inactive", "list inactive interfaces"),
                opt::flag("all", "list inactive & active interfaces"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "iface-mac",
            .help = "convert an interface name to interface MAC address",
            .desc = "",
            .options = {
                opt::data("interface", kRequired | kPositional, "interface name"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "iface-name",
            .help = "convert an interface MAC address to interface name",
            .desc = "",
            .options = {
                opt::data("interface", kRequired | kPositional, "interface mac"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "iface-rollback",
            .help = "rollback to previous saved configuration created via iface-begin",
            .desc = "rollback to previous restore point",
            .handler = notImplementedYet,
        },
        {
            .name = "iface-start",
            .help = "start a physical host interface (enable it / \"if-up\")",
            .desc = "start a physical host interface.",
            .options = {
                opt::data("interface", kRequired | kPositional, "interface name or MAC address"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "iface-unbridge",
            .help = "undefine a bridge device after detaching its device(s)",
            .desc = "unbridge a network device",
            .options = {
                opt::data("bridge", kRequired | kPositional, "current bridge device name"),
                opt::flag("no-start", "don't start the detached interface immediately (not recommended)"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "iface-undefine",
            .help = "undefine a physical host interface (remove it from configuration)",
            .desc = "undefine an interface.",
            .options = {
                opt::data("interface", kRequired | kPositional, "interface name or MAC address"),
            },
            .handler = notImplementedYet,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
