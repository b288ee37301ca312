// virsh's "Domain Monitoring" commands: their declarations and handlers.
// Handlers that need a hypervisor connection the API does not offer yet stay
// `notImplementedYet`; docs/cvirsh.md shows how to replace one.

#include <strings.h>

#include <algorithm>
#include <climits>

#include <fmt/format.h>

#include "cvirsh/commands/common.hpp"
#include "cvirsh/commands/domain_util.hpp"
#include "cvirsh/commands/groups.hpp"
#include "cvirsh/output/table.hpp"

namespace cvirt::shell {

namespace {

// ---- list -----------------------------------------------------------------

// Active domains by id, then inactive ones by name, as virsh sorts them.
bool domainBefore(const Domain& a, const Domain& b) {
    bool activeA = a.id() != -1, activeB = b.id() != -1;
    if (activeA && activeB)
        return static_cast<unsigned>(a.id()) < static_cast<unsigned>(b.id());
    if (activeA != activeB)
        return activeA;
    return strcasecmp(a.name().c_str(), b.name().c_str()) < 0;
}

// Applies virsh's client-side filters, for drivers that reject some of
// the listing flags (virshDomainListCollect's "filter" step).
bool keepDomain(const Domain& dom, unsigned flags) {
    auto any = [&](unsigned mask) { return (flags & mask) != 0; };
    using namespace flags;
    if (any(kListPersistent | kListTransient)) {
        bool persistent = dom.isPersistent();
        if (!((any(kListPersistent) && persistent) || (any(kListTransient) && !persistent)))
            return false;
    }
    if (any(kListRunning | kListPaused | kListShutoff | kListOther)) {
        auto state = dom.state().first;
        bool other = state != DomainState::Running && state != DomainState::Paused && state != DomainState::Shutoff;
        if (!((any(kListRunning) && state == DomainState::Running) ||
              (any(kListPaused) && state == DomainState::Paused) ||
              (any(kListShutoff) && state == DomainState::Shutoff) || (any(kListOther) && other)))
            return false;
    }
    if (any(kListAutostart | kListNoAutostart)) {
        bool autostart = dom.autostart();
        if (!((any(kListAutostart) && autostart) || (any(kListNoAutostart) && !autostart)))
            return false;
    }
    if (any(kListManagedSave | kListNoManagedSave)) {
        bool saved = dom.hasManagedSaveImage();
        if (!((any(kListManagedSave) && saved) || (any(kListNoManagedSave) && !saved)))
            return false;
    }
    if (any(kListHasSnapshot | kListNoSnapshot)) {
        int snapshots = dom.snapshotCount();
        if (!((any(kListHasSnapshot) && snapshots > 0) || (any(kListNoSnapshot) && snapshots == 0)))
            return false;
    }
    return true;
}

std::vector<Domain> collectDomains(Shell& shell, unsigned flags) {
    std::vector<Domain> list;
    try {
        list = api(shell).listAllDomains(flags);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::InvalidArg) {
            shell.printer().error("Failed to list domains");
            throw;
        }
        // Ask for what every driver supports, then filter here.
        list = withContext(shell, "Failed to list domains", [&] {
            return api(shell).listAllDomains(flags & (flags::kListActive | flags::kListInactive));
        });
        std::erase_if(list, [&](const Domain& dom) { return !keepDomain(dom, flags); });
    }
    std::sort(list.begin(), list.end(), domainBefore);
    return list;
}

bool cmdList(Shell& shell, const Invocation& cmd) {
    bool managed = cmd.has("managed-save");
    bool optTitle = cmd.has("title");
    bool optTable = cmd.has("table");
    bool optUuid = cmd.has("uuid");
    bool optName = cmd.has("name");
    bool optId = cmd.has("id");

    unsigned flags = flags::kListActive;
    if (cmd.has("inactive") || cmd.has("state-shutoff"))
        flags = flags::kListInactive;
    if (cmd.has("all"))
        flags = flags::kListInactive | flags::kListActive;
    static constexpr std::pair<std::string_view, unsigned> kFilters[] = {
        {"persistent", flags::kListPersistent},         {"transient", flags::kListTransient},
        {"with-managed-save", flags::kListManagedSave}, {"without-managed-save", flags::kListNoManagedSave},
        {"autostart", flags::kListAutostart},           {"no-autostart", flags::kListNoAutostart},
        {"with-snapshot", flags::kListHasSnapshot},     {"without-snapshot", flags::kListNoSnapshot},
        {"with-checkpoint", flags::kListHasCheckpoint}, {"without-checkpoint", flags::kListNoCheckpoint},
        {"state-running", flags::kListRunning},         {"state-paused", flags::kListPaused},
        {"state-shutoff", flags::kListShutoff},         {"state-other", flags::kListOther},
    };
    for (const auto& [option, flag] : kFilters)
        if (cmd.has(option))
            flags |= flag;

    requireExclusive(cmd, "table", "name");
    requireExclusive(cmd, "table", "id");
    requireExclusive(cmd, "table", "uuid");
    if (!optUuid && !optName && !optId)
        optTable = true;

    auto list = collectDomains(shell, flags);

    std::optional<Table> table;
    if (optTable) {
        std::vector<std::string> header{"Id", "Name", "State"};
        if (optTitle)
            header.emplace_back("Title");
        if (optUuid)
            header.emplace_back("UUID");
        table.emplace(std::move(header));
    }
    Printer& p = shell.printer();
    for (const auto& dom : list) {
        std::string id = dom.id() != -1 ? std::to_string(dom.id()) : "-";
        if (optTable) {
            DomainState state;
            try {
                state = domainState(dom).first;
            } catch (const Error&) {
                continue;  // the domain went away meanwhile
            }
            std::string stateText(domainStateName(state));
            if (managed && state == DomainState::Shutoff) {
                try {
                    if (dom.hasManagedSaveImage())
                        stateText = "saved";
                } catch (const Error&) {
                }
            }
            std::vector<std::string> row{id, dom.name(), stateText};
            if (optTitle)
                row.push_back(domainDescription(shell, dom, true));
            if (optUuid)
                row.push_back(dom.uuid().format());
            table->addRow(std::move(row));
            continue;
        }
        std::string line, sep;
        if (optUuid) {
            line += dom.uuid().format();
            sep = " ";
        }
        if (optId) {
            // IDs alone list only running domains.
            if (dom.id() == -1 && !optUuid && !optName)
                continue;
            line += sep + id;
            sep = " ";
        }
        if (optName)
            line += sep + dom.name();
        p.print(line + "\n");
    }
    if (table)
        table->print(p);
    return true;
}

// ---- dominfo, domstate ------------------------------------------------------

bool cmdDominfo(Shell& shell, const Invocation& cmd) {
    Domain dom = domainOption(shell, cmd);
    Printer& p = shell.printer();
    // Like virsh, print what can be read and report the last failure.
    std::optional<Error> failure;
    auto attempt = [&](auto&& call) {
        try {
            call();
            return true;
        } catch (const Error& e) {
            failure = e;
            return false;
        }
    };
    bool ok = true;

    p.keyValue("Id:", dom.id() == -1 ? std::string("-") : std::to_string(dom.id()));
    p.keyValue("Name:", dom.name());
    p.keyValue("UUID:", dom.uuid().format());
    attempt([&] { p.keyValue("OS Type:", dom.osType()); });
    ok &= attempt([&] {
        DomainInfo info = dom.info();
        p.keyValue("State:", domainStateName(info.state));
        p.keyValue("CPU(s):", std::to_string(info.nrVirtCpu));
        if (info.cpuTime != 0)
            p.keyValue("CPU time:", fmt::format("{:.1f}s", static_cast<double>(info.cpuTime) / 1e9));
        if (info.maxMem != UINT_MAX)
            p.keyValue("Max memory:", fmt::format("{} KiB", info.maxMem));
        else
            p.keyValue("Max memory:", "no limit");
        p.keyValue("Used memory:", fmt::format("{} KiB", info.memory));
    });
    if (!attempt([&] { p.keyValue("Persistent:", dom.isPersistent() ? "yes" : "no"); }))
        p.keyValue("Persistent:", "unknown");
    attempt([&] { p.keyValue("Autostart:", dom.autostart() ? "enable" : "disable"); });
    if (!attempt([&] { p.keyValue("Managed save:", dom.hasManagedSaveImage() ? "yes" : "no"); }))
        p.keyValue("Managed save:", "unknown");

    std::optional<SecurityModel> model;
    try {
        model = api(shell).nodeSecurityModel();
    } catch (const Error& e) {
        if (e.code() != ErrorCode::NoSupport)
            throw;
    }
    if (model && !model->model.empty()) {
        p.keyValue("Security model:", model->model);
        p.keyValue("Security DOI:", model->doi);
        SecurityLabel label = dom.securityLabel();
        if (!label.label.empty())
            p.keyValue("Security label:",
                       fmt::format("{} ({})", label.label, label.enforcing ? "enforcing" : "permissive"));
    }

    std::vector<std::string> messages;
    attempt([&] { messages = dom.messages(); });
    for (size_t i = 0; i < messages.size(); ++i)
        p.keyValue(i == 0 ? "Messages:" : "", messages[i]);

    if (!ok && failure)
        throw *failure;
    return ok;
}

bool cmdDomstate(Shell& shell, const Invocation& cmd) {
    Domain dom = domainOption(shell, cmd);
    auto [state, reason] = domainState(dom);
    if (cmd.has("reason"))
        shell.printer().printf("{} ({})\n", domainStateName(state), domainStateReasonName(state, reason));
    else
        shell.printer().printf("{}\n", domainStateName(state));
    return true;
}

// ---- domiflist, domblklist ---------------------------------------------------

std::string orMinus(const std::optional<std::string>& text) { return text.value_or("-"); }

// "nvme://0000:01:00.0/1" for an NVMe disk's PCI address and namespace.
std::optional<std::string> nvmeSource(XPathDocument& doc) {
    auto ns = doc.string("string(./source/@namespace)");
    auto address = doc.nodes("./source/address");
    if (!ns || address.empty())
        return std::nullopt;
    auto field = [&](const char* name) -> std::optional<unsigned> {
        xmlChar* value = xmlGetProp(address.front(), reinterpret_cast<const xmlChar*>(name));
        if (!value)
            return 0u;
        std::string text(reinterpret_cast<const char*>(value));
        xmlFree(value);
        char* end = nullptr;
        unsigned long v = std::strtoul(text.c_str(), &end, 0);
        if (end == text.c_str() || *end)
            return std::nullopt;
        return static_cast<unsigned>(v);
    };
    auto domain = field("domain"), bus = field("bus"), slot = field("slot"), function = field("function");
    if (!domain || !bus || !slot || !function)
        return std::nullopt;
    return fmt::format("nvme://{:04x}:{:02x}:{:02x}.{}/{}", *domain, *bus, *slot, *function, *ns);
}

bool cmdDomblklist(Shell& shell, const Invocation& cmd) {
    unsigned flags = cmd.has("inactive") ? flags::kXmlInactive : 0;
    bool details = cmd.has("details");
    Domain dom = domainOption(shell, cmd);
    auto doc = domainXml(shell, dom, flags);
    auto disks = doc.nodes("./devices/disk");
    Table table(details ? std::vector<std::string>{"Type", "Device", "Target", "Source"}
                        : std::vector<std::string>{"Target", "Source"});
    for (xmlNodePtr disk : disks) {
        doc.setContext(disk);
        auto type = doc.string("string(./@type)");
        std::optional<std::string> device;
        if (details) {
            device = doc.string("string(./@device)");
            if (!type || !device) {
                shell.printer().print("unable to query block list details");
                throw CommandFailed{};
            }
        }
        auto target = doc.string("string(./target/@dev)");
        if (!target)
            failCommand(shell, "unable to query block list");
        std::optional<std::string> source;
        if (type == "nvme") {
            source = nvmeSource(doc);
            if (!source)
                failCommand(shell, "Unable to query NVMe disk address");
        } else {
            source = doc.string("string(./source/@file|./source/@dev|./source/@dir|./source/@name"
                                "|./source/@volume|./source/@path)");
        }
        if (details)
            table.addRow({*type, *device, *target, orMinus(source)});
        else
            table.addRow({*target, orMinus(source)});
    }
    table.print(shell.printer());
    return true;
}

bool cmdDomiflist(Shell& shell, const Invocation& cmd) {
    unsigned flags = cmd.has("inactive") ? flags::kXmlInactive : 0;
    Domain dom = domainOption(shell, cmd);
    auto doc = domainXml(shell, dom, flags);
    auto interfaces = doc.nodes("./devices/interface");
    Table table({"Interface", "Type", "Source", "Model", "MAC"});
    for (xmlNodePtr iface : interfaces) {
        doc.setContext(iface);
        table.addRow({orMinus(doc.string("string(./target/@dev)")), doc.string("string(./@type)").value_or(""),
                      orMinus(doc.string("string(./source/@bridge|./source/@dev|./source/@network"
                                         "|./source/@name|./source/@path)")),
                      orMinus(doc.string("string(./model/@type)")), orMinus(doc.string("string(./mac/@address)"))});
    }
    table.print(shell.printer());
    return true;
}

}  // namespace

const CommandGroup& domainMonitoringGroup() {
    static const CommandGroup group{"Domain Monitoring", "monitor", {
        {
            .name = "domblkerror",
            .help = "Show errors on block devices",
            .desc = "Show block device errors",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
            },
            .handler = notImplementedYet,
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
            .handler = notImplementedYet,
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
            .handler = cmdDomblklist,
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
            .handler = notImplementedYet,
        },
        {
            .name = "domcontrol",
            .help = "domain control interface state",
            .desc = "Returns state of a control interface to the domain.",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
            },
            .handler = notImplementedYet,
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
            .handler = notImplementedYet,
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
            .handler = notImplementedYet,
        },
        {
            .name = "domiflist",
            .help = "list all domain virtual interfaces",
            .desc = "Get the summary of virtual interfaces for a domain.",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::flag("inactive", "get inactive rather than running configuration"),
            },
            .handler = cmdDomiflist,
        },
        {
            .name = "domifstat",
            .help = "get network interface stats for a domain",
            .desc = "Get network interface stats for a running domain.",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::data("interface", kRequired | kPositional, "interface device specified by name or MAC Address"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "dominfo",
            .help = "domain information",
            .desc = "Returns basic information about the domain.",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
            },
            .handler = cmdDominfo,
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
            .handler = notImplementedYet,
        },
        {
            .name = "domstate",
            .help = "domain state",
            .desc = "Returns state about a domain.",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::flag("reason", "also print reason for the state"),
            },
            .handler = cmdDomstate,
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
            .handler = notImplementedYet,
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
            .handler = notImplementedYet,
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
            .handler = cmdList,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
