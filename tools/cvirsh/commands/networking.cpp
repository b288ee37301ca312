// virsh's "Networking" commands: their declarations and handlers.
// Handlers that need a hypervisor connection the API does not offer yet stay
// `notImplementedYet`; docs/cvirsh.md shows how to replace one.

#include <strings.h>

#include <algorithm>

#include <fmt/format.h>

#include "cvirsh/commands/common.hpp"
#include "cvirsh/commands/groups.hpp"
#include "cvirsh/output/table.hpp"

namespace cvirt::shell {

namespace {

bool cmdNetAutostart(Shell& shell, const Invocation& cmd) {
    Network net = networkOption(shell, cmd);
    std::string name = *cmd.string("network");
    bool enable = !cmd.has("disable");
    withContext(shell,
                fmt::format(fmt::runtime(enable ? "failed to mark network {} as autostarted"
                                   : "failed to unmark network {} as autostarted"),
                            name),
                [&] { net.setAutostart(enable); });
    shell.printer().printExtra(
        fmt::format(fmt::runtime(enable ? "Network {} marked as autostarted\n" : "Network {} unmarked as autostarted\n"), name));
    return true;
}

bool cmdNetCreate(Shell& shell, const Invocation& cmd) {
    std::string from = *cmd.string("file");
    unsigned flags = cmd.has("validate") ? 1u : 0u;  // VIR_NETWORK_CREATE_VALIDATE
    std::string xml = readFileForCommand(from);
    Network net = withContext(shell, fmt::format("Failed to create network from {}", from),
                              [&] { return api(shell).createNetwork(xml, flags); });
    shell.printer().printExtra(fmt::format("Network {} created from {}\n", net.name(), from));
    return true;
}

bool cmdNetDefine(Shell& shell, const Invocation& cmd) {
    std::string from = *cmd.string("file");
    unsigned flags = cmd.has("validate") ? 1u : 0u;  // VIR_NETWORK_DEFINE_VALIDATE
    std::string xml = readFileForCommand(from);
    Network net = withContext(shell, fmt::format("Failed to define network from {}", from),
                              [&] { return api(shell).defineNetwork(xml, flags); });
    shell.printer().printExtra(fmt::format("Network {} defined from {}\n", net.name(), from));
    return true;
}

bool cmdNetDestroy(Shell& shell, const Invocation& cmd) {
    Network net = networkOption(shell, cmd);
    std::string name = *cmd.string("network");
    withContext(shell, fmt::format("Failed to destroy network {}", name), [&] { net.destroy(); });
    shell.printer().printExtra(fmt::format("Network {} destroyed\n", name));
    return true;
}

bool cmdNetDumpxml(Shell& shell, const Invocation& cmd) {
    Network net = networkOption(shell, cmd);
    unsigned flags = cmd.has("inactive") ? 1u : 0u;  // VIR_NETWORK_XML_INACTIVE
    auto xpath = cmd.raw("xpath");
    if (xpath && xpath->empty())
        throw CommandFailed{};
    std::string xml = net.xmlDesc(flags);
    printXml(shell, xml, "network", xpath, cmd.has("wrap"));
    return true;
}

bool cmdNetInfo(Shell& shell, const Invocation& cmd) {
    Network net = networkOption(shell, cmd);
    Printer& p = shell.printer();
    p.keyValue("Name:", net.name());
    p.keyValue("UUID:", net.uuid().format());
    try {
        p.keyValue("Active:", net.isActive() ? "yes" : "no");
    } catch (const Error&) {
    }
    try {
        p.keyValue("Persistent:", net.isPersistent() ? "yes" : "no");
    } catch (const Error&) {
        p.keyValue("Persistent:", "unknown");
    }
    try {
        p.keyValue("Autostart:", net.autostart() ? "yes" : "no");
    } catch (const Error&) {
        p.keyValue("Autostart:", "no autostart");
    }
    try {
        p.keyValue("Bridge:", net.bridgeName());
    } catch (const Error&) {
    }
    return true;
}

// Networks sorted by name, case-insensitively, as virsh lists them.
std::vector<Network> collectNetworks(Shell& shell, unsigned flags) {
    std::vector<Network> list;
    try {
        list = api(shell).listAllNetworks(flags);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::InvalidArg) {
            shell.printer().error("Failed to list networks");
            throw;
        }
        // Ask for what every driver supports, then filter here.
        list = withContext(shell, "Failed to list networks", [&] {
            return api(shell).listAllNetworks(flags & (flags::kNetListActive | flags::kNetListInactive));
        });
        std::erase_if(list, [&](const Network& net) {
            if (flags & (flags::kNetListPersistent | flags::kNetListTransient)) {
                bool persistent = net.isPersistent();
                if (!(((flags & flags::kNetListPersistent) && persistent) ||
                      ((flags & flags::kNetListTransient) && !persistent)))
                    return true;
            }
            if (flags & (flags::kNetListAutostart | flags::kNetListNoAutostart)) {
                bool autostart = net.autostart();
                if (!(((flags & flags::kNetListAutostart) && autostart) ||
                      ((flags & flags::kNetListNoAutostart) && !autostart)))
                    return true;
            }
            return false;
        });
    }
    std::sort(list.begin(), list.end(), [](const Network& a, const Network& b) {
        return strcasecmp(a.name().c_str(), b.name().c_str()) < 0;
    });
    return list;
}

bool cmdNetList(Shell& shell, const Invocation& cmd) {
    bool optName = cmd.has("name"), optTable = cmd.has("table"), optUuid = cmd.has("uuid");
    unsigned flags = flags::kNetListActive;
    if (cmd.has("inactive"))
        flags = flags::kNetListInactive;
    if (cmd.has("all"))
        flags = flags::kNetListActive | flags::kNetListInactive;
    if (cmd.has("persistent"))
        flags |= flags::kNetListPersistent;
    if (cmd.has("transient"))
        flags |= flags::kNetListTransient;
    if (cmd.has("autostart"))
        flags |= flags::kNetListAutostart;
    if (cmd.has("no-autostart"))
        flags |= flags::kNetListNoAutostart;
    if (optTable + optName + optUuid > 1)
        failCommand(shell, "Only one argument from --table, --name and --uuid may be specified.");
    if (!optUuid && !optName)
        optTable = true;

    auto list = collectNetworks(shell, flags);
    Table table({"Name", "State", "Autostart", "Persistent"});
    for (const auto& net : list) {
        if (optTable) {
            std::string autostart;
            try {
                autostart = net.autostart() ? "yes" : "no";
            } catch (const Error&) {
                autostart = "no autostart";
            }
            bool active = true, persistent = true;
            try {
                active = net.isActive();
            } catch (const Error&) {
            }
            try {
                persistent = net.isPersistent();
            } catch (const Error&) {
            }
            table.addRow({net.name(), active ? "active" : "inactive", autostart, persistent ? "yes" : "no"});
        } else if (optUuid) {
            shell.printer().print(net.uuid().format() + "\n");
        } else {
            shell.printer().print(net.name() + "\n");
        }
    }
    if (optTable)
        table.print(shell.printer());
    return true;
}

bool cmdNetName(Shell& shell, const Invocation& cmd) {
    Network net = networkOption(shell, cmd, kByUuid);
    shell.printer().print(net.name() + "\n");
    return true;
}

bool cmdNetStart(Shell& shell, const Invocation& cmd) {
    Network net = networkOption(shell, cmd);
    std::string name = *cmd.string("network");
    withContext(shell, fmt::format("Failed to start network {}", name), [&] { net.create(); });
    shell.printer().printExtra(fmt::format("Network {} started\n", name));
    return true;
}

bool cmdNetUndefine(Shell& shell, const Invocation& cmd) {
    Network net = networkOption(shell, cmd);
    std::string name = *cmd.string("network");
    withContext(shell, fmt::format("Failed to undefine network {}", name), [&] { net.undefine(); });
    shell.printer().printExtra(fmt::format("Network {} has been undefined\n", name));
    return true;
}

bool cmdNetUuid(Shell& shell, const Invocation& cmd) {
    Network net = networkOption(shell, cmd, kByName);
    shell.printer().print(net.uuid().format() + "\n");
    return true;
}

}  // namespace

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
            .handler = cmdNetAutostart,
        },
        {
            .name = "net-create",
            .help = "create a network from an XML file",
            .desc = "Create a network.",
            .options = {
                opt::data("file", kRequired | kPositional, "file containing an XML network description"),
                opt::flag("validate", "validate the XML against the schema"),
            },
            .handler = cmdNetCreate,
        },
        {
            .name = "net-define",
            .help = "define an inactive persistent virtual network or modify an existing persistent one from an XML file",
            .desc = "Define or modify a persistent virtual network.",
            .options = {
                opt::data("file", kRequired | kPositional, "file containing an XML network description"),
                opt::flag("validate", "validate the XML against the schema"),
            },
            .handler = cmdNetDefine,
        },
        {
            .name = "net-destroy",
            .help = "destroy (stop) a network",
            .desc = "Forcefully stop a given network.",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
            },
            .handler = cmdNetDestroy,
        },
        {
            .name = "net-dhcp-leases",
            .help = "print lease info for a given network",
            .desc = "Print lease info for a given network",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
                opt::string("mac", kPositional, "MAC address"),
            },
            .handler = notImplementedYet,
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
            .handler = cmdNetDumpxml,
        },
        {
            .name = "net-edit",
            .help = "edit XML configuration for a network",
            .desc = "Edit the XML configuration for a network.",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
            },
            .handler = notImplementedYet,
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
            .handler = notImplementedYet,
        },
        {
            .name = "net-info",
            .help = "network information",
            .desc = "Returns basic information about the network",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
            },
            .handler = cmdNetInfo,
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
            .handler = cmdNetList,
        },
        {
            .name = "net-name",
            .help = "convert a network UUID to network name",
            .desc = "",
            .options = {
                opt::data("network", kRequired | kPositional, "network uuid"),
            },
            .handler = cmdNetName,
        },
        {
            .name = "net-start",
            .help = "start a (previously defined) inactive network",
            .desc = "Start a network.",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
            },
            .handler = cmdNetStart,
        },
        {
            .name = "net-undefine",
            .help = "undefine a persistent network",
            .desc = "Undefine the configuration for a persistent network.",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
            },
            .handler = cmdNetUndefine,
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
            .handler = notImplementedYet,
        },
        {
            .name = "net-uuid",
            .help = "convert a network name to network UUID",
            .desc = "",
            .options = {
                opt::data("network", kRequired | kPositional, "network name"),
            },
            .handler = cmdNetUuid,
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
            .handler = notImplementedYet,
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
            .handler = notImplementedYet,
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
            .handler = notImplementedYet,
        },
        {
            .name = "net-port-delete",
            .help = "delete the specified network port",
            .desc = "Delete the specified network port.",
            .options = {
                opt::data("network", kRequired | kPositional, "network name or uuid"),
                opt::data("port", kRequired | kPositional, "port UUID"),
            },
            .handler = notImplementedYet,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
