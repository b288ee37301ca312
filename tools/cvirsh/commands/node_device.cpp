// virsh's "Node Device" commands: their declarations and handlers.
// Handlers that need a hypervisor connection are `notImplementedYet` until the public
// API exists; docs/cvirsh.md shows how to replace one.

#include "cvirsh/commands/groups.hpp"

namespace cvirt::shell {

const CommandGroup& nodeDeviceGroup() {
    static const CommandGroup group{"Node Device", "nodedev", {
        {
            .name = "nodedev-create",
            .help = "create a device defined by an XML file on the node",
            .desc = "Create a device on the node.  Note that this command creates devices on the physical host that can then be assigned to a virtual machine.",
            .options = {
                opt::data("file", kRequired | kPositional, "file containing an XML description of the device"),
                opt::flag("validate", "validate the XML against the schema"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nodedev-destroy",
            .help = "destroy (stop) a device on the node",
            .desc = "Destroy a device on the node.  Note that this command destroys devices on the physical host",
            .options = {
                opt::alias("name", "device"),
                opt::data("device", kRequired | kPositional, "device name or wwn pair in 'wwnn,wwpn' format"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nodedev-detach",
            .help = "detach node device from its device driver",
            .desc = "Detach node device from its device driver before assigning to a domain.",
            .options = {
                opt::data("device", kRequired | kPositional, "device key"),
                opt::string("driver", kPositional, "pci device assignment backend driver (e.g. 'vfio' or 'xen')"),
            },
            .handler = notImplementedYet,
        },
        {.name = "nodedev-dettach", .flags = kHidden, .aliasOf = "nodedev-detach"},
        {
            .name = "nodedev-dumpxml",
            .help = "node device details in XML",
            .desc = "Output the node device details as an XML dump to stdout.",
            .options = {
                opt::data("device", kRequired | kPositional, "device name or wwn pair in 'wwnn,wwpn' format"),
                opt::string("xpath", 0, "xpath expression to filter the XML document"),
                opt::flag("wrap", "wrap xpath results in an common root element"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nodedev-list",
            .help = "enumerate devices on this host",
            .desc = "",
            .options = {
                opt::flag("tree", "list devices in a tree"),
                opt::string("cap", kPositional, "capability names, separated by comma"),
                opt::flag("inactive", "list inactive devices"),
                opt::flag("all", "list inactive & active devices"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nodedev-reattach",
            .help = "reattach node device to its device driver",
            .desc = "Reattach node device to its device driver once released by the domain.",
            .options = {
                opt::data("device", kRequired | kPositional, "device key"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nodedev-reset",
            .help = "reset node device",
            .desc = "Reset node device before or after assigning to a domain.",
            .options = {
                opt::data("device", kRequired | kPositional, "device key"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nodedev-event",
            .help = "Node Device Events",
            .desc = "List event types, or wait for node device events to occur",
            .options = {
                opt::string("device", kPositional, "filter by node device name"),
                opt::string("event", kPositional, "which event type to wait for"),
                opt::flag("loop", "loop until timeout or interrupt, rather than one-shot"),
                opt::number("timeout", kPositional, "timeout seconds"),
                opt::flag("list", "list valid event types"),
                opt::flag("timestamp", "show timestamp for each printed event"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nodedev-define",
            .help = "Define a device by an xml file on a node",
            .desc = "Defines a persistent device on the node that can be assigned to a domain. The device must be started before it can be assigned to a domain.",
            .options = {
                opt::data("file", kRequired | kPositional, "file containing an XML description of the device"),
                opt::flag("validate", "validate the XML against the schema"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nodedev-undefine",
            .help = "Undefine an inactive node device",
            .desc = "Undefines the configuration for an inactive node device",
            .options = {
                opt::data("device", kRequired | kPositional, "device name or wwn pair in 'wwnn,wwpn' format"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nodedev-start",
            .help = "Start an inactive node device",
            .desc = "Starts an inactive node device that was previously defined",
            .options = {
                opt::data("device", kRequired | kPositional, "device name"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nodedev-autostart",
            .help = "autostart a defined node device",
            .desc = "Configure a node device to be automatically started at boot.",
            .options = {
                opt::data("device", kRequired | kPositional, "device name or wwn pair in 'wwnn,wwpn' format"),
                opt::flag("disable", "disable autostarting"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "nodedev-info",
            .help = "node device information",
            .desc = "Returns basic information about the node device",
            .options = {
                opt::data("device", kRequired | kPositional, "device name or wwn pair in 'wwnn,wwpn' format"),
            },
            .handler = notImplementedYet,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
