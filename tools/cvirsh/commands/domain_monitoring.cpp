// virsh's "Domain Monitoring" commands: their declarations and handlers.
// Handlers that need a hypervisor connection are `needsApi` until the public
// API exists; docs/cvirsh.md shows how to replace one.

#include "cvirsh/commands/groups.hpp"

namespace cvirt::shell {

const CommandGroup& domainMonitoringGroup() {
    static const CommandGroup group{"Domain Monitoring", "monitor", {
        {
            .name = "domblkerror",
            .help = "Show errors on block devices",
            .desc = "Show block device errors",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
            },
            .handler = needsApi,
        },
        {
            .name = "domblkinfo",
            .help = "domain block device size information",
            .desc = "Get block device size info for a domain.",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("device", kPositional, "block device"),
                opt::flag("human", "Human readable output"),
                opt::flag("all", "display all block devices info"),
            },
            .handler = needsApi,
        },
        {
            .name = "domblklist",
            .help = "list all domain blocks",
            .desc = "Get the summary of block devices for a domain.",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::flag("inactive", "get inactive rather than running configuration"),
                opt::flag("details", "additionally display the type and device value"),
            },
            .handler = needsApi,
        },
        {
            .name = "domblkstat",
            .help = "get device block stats for a domain",
            .desc = "Get device block stats for a running domain. See man page or use --human for explanation of fields",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("device", kPositional, "block device"),
                opt::flag("human", "print a more human readable output"),
            },
            .handler = needsApi,
        },
        {
            .name = "domcontrol",
            .help = "domain control interface state",
            .desc = "Returns state of a control interface to the domain.",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
            },
            .handler = needsApi,
        },
        {
            .name = "domif-getlink",
            .help = "get link state of a virtual interface",
            .desc = "Get link state of a domain's virtual interface.",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::data("interface", kRequired | kPositional, "interface device (MAC Address)"),
                opt::alias("persistent", "config"),
                opt::flag("config", "Get persistent interface state"),
            },
            .handler = needsApi,
        },
        {
            .name = "domifaddr",
            .help = "Get network interfaces' addresses for a running domain",
            .desc = "Get network interfaces' addresses for a running domain",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("interface", kPositional, "network interface name"),
                opt::flag("full", "always display names and MACs of interfaces"),
                opt::string("source", kPositional, "address source: 'lease', 'agent', or 'arp'"),
            },
            .handler = needsApi,
        },
        {
            .name = "domiflist",
            .help = "list all domain virtual interfaces",
            .desc = "Get the summary of virtual interfaces for a domain.",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::flag("inactive", "get inactive rather than running configuration"),
            },
            .handler = needsApi,
        },
        {
            .name = "domifstat",
            .help = "get network interface stats for a domain",
            .desc = "Get network interface stats for a running domain.",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::data("interface", kRequired | kPositional, "interface device specified by name or MAC Address"),
            },
            .handler = needsApi,
        },
        {
            .name = "dominfo",
            .help = "domain information",
            .desc = "Returns basic information about the domain.",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
            },
            .handler = needsApi,
        },
        {
            .name = "dommemstat",
            .help = "get memory statistics for a domain",
            .desc = "Get memory statistics for a running domain.",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::number("period", 0, "period in seconds to set collection"),
                opt::flag("config", "affect next boot"),
                opt::flag("live", "affect running domain"),
                opt::flag("current", "affect current domain"),
            },
            .handler = needsApi,
        },
        {
            .name = "domstate",
            .help = "domain state",
            .desc = "Returns state about a domain.",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::flag("reason", "also print reason for the state"),
            },
            .handler = needsApi,
        },
        {
            .name = "domstats",
            .help = "get statistics about one or multiple domains",
            .desc = "Gets statistics about one or more (or all) domains",
            .options = {
                opt::flag("state", "report domain state"),
                opt::flag("cpu-total", "report domain physical cpu usage"),
                opt::flag("balloon", "report domain balloon statistics"),
                opt::flag("vcpu", "report domain virtual cpu information"),
                opt::flag("interface", "report domain network interface information"),
                opt::flag("block", "report domain block device statistics"),
                opt::flag("perf", "report domain perf event statistics"),
                opt::flag("iothread", "report domain IOThread information"),
                opt::flag("memory", "report domain memory usage"),
                opt::flag("dirtyrate", "report domain dirty rate information"),
                opt::flag("vm", "report hypervisor-specific statistics"),
                opt::flag("list-active", "list only active domains"),
                opt::flag("list-inactive", "list only inactive domains"),
                opt::flag("list-persistent", "list only persistent domains"),
                opt::flag("list-transient", "list only transient domains"),
                opt::flag("list-running", "list only running domains"),
                opt::flag("list-paused", "list only paused domains"),
                opt::flag("list-shutoff", "list only shutoff domains"),
                opt::flag("list-other", "list only domains in other states"),
                opt::flag("raw", "do not pretty-print the fields"),
                opt::flag("enforce", "enforce requested stats parameters"),
                opt::flag("backing", "add backing chain information to block stats"),
                opt::flag("nowait", "report only stats that are accessible instantly"),
                opt::argv("domain", kPositional, "list of domains to get stats for"),
            },
            .handler = needsApi,
        },
        {
            .name = "domtime",
            .help = "domain time",
            .desc = "Gets or sets the domain's system time",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::flag("now", "set to the time of the host running virsh"),
                opt::flag("pretty", "print domain's time in human readable form"),
                opt::flag("sync", "instead of setting given time, synchronize from domain's RTC"),
                opt::number("time", kPositional, "time to set"),
            },
            .handler = needsApi,
        },
        {
            .name = "list",
            .help = "list domains",
            .desc = "Returns list of domains.",
            .options = {
                opt::flag("inactive", "list inactive domains"),
                opt::flag("all", "list inactive & active domains"),
                opt::flag("transient", "list transient domains"),
                opt::flag("persistent", "list persistent domains"),
                opt::flag("with-snapshot", "list domains with existing snapshot"),
                opt::flag("without-snapshot", "list domains without a snapshot"),
                opt::flag("with-checkpoint", "list domains with existing checkpoint"),
                opt::flag("without-checkpoint", "list domains without a checkpoint"),
                opt::flag("state-running", "list domains in running state"),
                opt::flag("state-paused", "list domains in paused state"),
                opt::flag("state-shutoff", "list domains in shutoff state"),
                opt::flag("state-other", "list domains in other states"),
                opt::flag("autostart", "list domains with autostart enabled"),
                opt::flag("no-autostart", "list domains with autostart disabled"),
                opt::flag("with-managed-save", "list domains with managed save state"),
                opt::flag("without-managed-save", "list domains without managed save"),
                opt::flag("uuid", "list uuid's only"),
                opt::flag("name", "list domain names only"),
                opt::flag("id", "list domain IDs only"),
                opt::flag("table", "list table (default)"),
                opt::flag("managed-save", "mark inactive domains with managed save state"),
                opt::flag("title", "show domain title"),
            },
            .handler = needsApi,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
