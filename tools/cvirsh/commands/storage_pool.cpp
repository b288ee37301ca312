// virsh's "Storage Pool" commands: their declarations and handlers.
// Handlers that need a hypervisor connection the API does not offer yet stay
// `notImplementedYet`; docs/cvirsh.md shows how to replace one.

#include <strings.h>

#include <algorithm>

#include <fmt/format.h>

#include "cvirsh/commands/common.hpp"
#include "cvirsh/commands/groups.hpp"
#include "cvirsh/output/capacity.hpp"
#include "cvirsh/output/table.hpp"

namespace cvirt::shell {

namespace {

// virStoragePoolCreateFlags (pool-start, pool-create, pool-create-as).
constexpr unsigned kCreateWithBuild = 1, kCreateWithBuildOverwrite = 2, kCreateWithBuildNoOverwrite = 4;
// virStoragePoolBuildFlags.
constexpr unsigned kBuildNoOverwrite = 4, kBuildOverwrite = 8;
// virStoragePoolDefineFlags, virStorageXMLFlags.
constexpr unsigned kDefineValidate = 1, kXmlInactive = 1;
// virStoragePoolState.
constexpr int kPoolRunning = 2, kPoolDegraded = 3;

// Pool type names in virStoragePoolType order; pool-list --type turns
// them into listing flags, which start at bit 6 in this same order except
// for iscsi-direct, added last.
struct PoolType {
    std::string_view name;
    unsigned listFlag;
};
constexpr PoolType kPoolTypes[] = {
    {"dir", 1u << 6},      {"fs", 1u << 7},        {"netfs", 1u << 8},     {"logical", 1u << 9},
    {"disk", 1u << 10},    {"iscsi", 1u << 11},    {"iscsi-direct", 1u << 19}, {"scsi", 1u << 12},
    {"mpath", 1u << 13},   {"rbd", 1u << 14},      {"sheepdog", 1u << 15}, {"gluster", 1u << 16},
    {"zfs", 1u << 17},     {"vstorage", 1u << 18},
};

std::string_view poolStateName(int state) {
    static constexpr std::string_view kNames[] = {"inactive", "building", "running", "degraded", "inaccessible"};
    return state >= 0 && state < 5 ? kNames[state] : "unknown";
}

// --build / --overwrite / --no-overwrite for starting or creating a pool.
unsigned buildFlags(const Invocation& cmd) {
    requireExclusive(cmd, "overwrite", "no-overwrite");
    unsigned flags = 0;
    if (cmd.has("build"))
        flags |= kCreateWithBuild;
    if (cmd.has("overwrite"))
        flags |= kCreateWithBuildOverwrite;
    if (cmd.has("no-overwrite"))
        flags |= kCreateWithBuildNoOverwrite;
    return flags;
}

// The pool XML pool-define-as and pool-create-as build from their options,
// written exactly as virsh writes it (values are not escaped).
std::string buildPoolXml(const Invocation& cmd) {
    requireExclusive(cmd, "secret-usage", "secret-uuid");
    auto get = [&](std::string_view name) { return cmd.string(name); };
    auto name = get("name"), type = get("type");
    auto srcHost = get("source-host"), srcPath = get("source-path"), srcDev = get("source-dev");
    auto srcName = get("source-name"), srcFormat = get("source-format"), target = get("target");
    auto authType = get("auth-type"), authUsername = get("auth-username");
    auto secretUsage = get("secret-usage"), secretUuid = get("secret-uuid");
    auto adapterName = get("adapter-name"), adapterWwnn = get("adapter-wwnn"), adapterWwpn = get("adapter-wwpn");
    auto adapterParent = get("adapter-parent"), adapterParentWwnn = get("adapter-parent-wwnn");
    auto adapterParentWwpn = get("adapter-parent-wwpn"), adapterParentFabricWwn = get("adapter-parent-fabric-wwn");
    auto protoVer = get("source-protocol-ver"), srcInitiator = get("source-initiator");

    std::string xml = fmt::format("<pool type='{}'>\n  <name>{}</name>\n", *type, *name);
    if (srcHost || srcPath || srcDev || srcInitiator || srcFormat || srcName || (adapterWwnn && adapterWwpn) ||
        adapterName) {
        xml += "  <source>\n";
        if (srcHost)
            xml += fmt::format("    <host name='{}'/>\n", *srcHost);
        if (srcPath)
            xml += fmt::format("    <dir path='{}'/>\n", *srcPath);
        if (srcDev)
            xml += fmt::format("    <device path='{}'/>\n", *srcDev);
        if (srcInitiator)
            xml += fmt::format("    <initiator>\n      <iqn name='{}'/>\n    </initiator>\n", *srcInitiator);
        if (adapterWwnn && adapterWwpn) {
            xml += "    <adapter type='fc_host'";
            if (adapterParent)
                xml += fmt::format(" parent='{}'", *adapterParent);
            else if (adapterParentWwnn && adapterParentWwpn)
                xml += fmt::format(" parent_wwnn='{}' parent_wwpn='{}'", *adapterParentWwnn, *adapterParentWwpn);
            else if (adapterParentFabricWwn)
                xml += fmt::format(" parent_fabric_wwn='{}'", *adapterParentFabricWwn);
            xml += fmt::format(" wwnn='{}' wwpn='{}'/>\n", *adapterWwnn, *adapterWwpn);
        } else if (adapterName) {
            xml += fmt::format("    <adapter type='scsi_host' name='{}'/>\n", *adapterName);
        }
        if (authType && authUsername && (secretUsage || secretUuid)) {
            xml += fmt::format("    <auth type='{}' username='{}'>\n", *authType, *authUsername);
            if (secretUsage)
                xml += fmt::format("      <secret usage='{}'/>\n", *secretUsage);
            else
                xml += fmt::format("      <secret uuid='{}'/>\n", *secretUuid);
            xml += "    </auth>\n";
        }
        if (srcFormat)
            xml += fmt::format("    <format type='{}'/>\n", *srcFormat);
        if (srcName)
            xml += fmt::format("    <name>{}</name>\n", *srcName);
        if (protoVer)
            xml += fmt::format("    <protocol ver='{}'/>\n", *protoVer);
        xml += "  </source>\n";
    }
    if (target)
        xml += fmt::format("  <target>\n    <path>{}</path>\n  </target>\n", *target);
    xml += "</pool>\n";
    return xml;
}

bool cmdPoolAutostart(Shell& shell, const Invocation& cmd) {
    StoragePool pool = poolOption(shell, cmd);
    std::string name = *cmd.string("pool");
    bool enable = !cmd.has("disable");
    withContext(shell,
                fmt::format(fmt::runtime(enable ? "failed to mark pool {} as autostarted" : "failed to unmark pool {} as autostarted"),
                            name),
                [&] { pool.setAutostart(enable); });
    shell.printer().printExtra(
        fmt::format(fmt::runtime(enable ? "Pool {} marked as autostarted\n" : "Pool {} unmarked as autostarted\n"), name));
    return true;
}

bool cmdPoolBuild(Shell& shell, const Invocation& cmd) {
    StoragePool pool = poolOption(shell, cmd);
    std::string name = *cmd.string("pool");
    unsigned flags = 0;
    if (cmd.has("no-overwrite"))
        flags |= kBuildNoOverwrite;
    if (cmd.has("overwrite"))
        flags |= kBuildOverwrite;
    withContext(shell, fmt::format("Failed to build pool {}", name), [&] { pool.build(flags); });
    shell.printer().printExtra(fmt::format("Pool {} built\n", name));
    return true;
}

bool cmdPoolCreate(Shell& shell, const Invocation& cmd) {
    std::string from = *cmd.string("file");
    unsigned flags = buildFlags(cmd);
    std::string xml = readFileForCommand(from);
    StoragePool pool = withContext(shell, fmt::format("Failed to create pool from {}", from),
                                   [&] { return api(shell).createStoragePool(xml, flags); });
    shell.printer().printExtra(fmt::format("Pool {} created from {}\n", pool.name(), from));
    return true;
}

bool cmdPoolCreateAs(Shell& shell, const Invocation& cmd) {
    unsigned flags = buildFlags(cmd);
    std::string xml = buildPoolXml(cmd);
    std::string name = *cmd.string("name");
    if (cmd.has("print-xml")) {
        shell.printer().print(xml);
        return true;
    }
    withContext(shell, fmt::format("Failed to create pool {}", name),
                [&] { return api(shell).createStoragePool(xml, flags); });
    shell.printer().printExtra(fmt::format("Pool {} created\n", name));
    return true;
}

bool cmdPoolDefine(Shell& shell, const Invocation& cmd) {
    std::string from = *cmd.string("file");
    unsigned flags = cmd.has("validate") ? kDefineValidate : 0;
    std::string xml = readFileForCommand(from);
    StoragePool pool = withContext(shell, fmt::format("Failed to define pool from {}", from),
                                   [&] { return api(shell).defineStoragePool(xml, flags); });
    shell.printer().printExtra(fmt::format("Pool {} defined from {}\n", pool.name(), from));
    return true;
}

bool cmdPoolDefineAs(Shell& shell, const Invocation& cmd) {
    std::string xml = buildPoolXml(cmd);
    std::string name = *cmd.string("name");
    if (cmd.has("print-xml")) {
        shell.printer().print(xml);
        return true;
    }
    withContext(shell, fmt::format("Failed to define pool {}", name),
                [&] { return api(shell).defineStoragePool(xml, 0); });
    shell.printer().printExtra(fmt::format("Pool {} defined\n", name));
    return true;
}

bool cmdPoolDelete(Shell& shell, const Invocation& cmd) {
    StoragePool pool = poolOption(shell, cmd);
    std::string name = *cmd.string("pool");
    withContext(shell, fmt::format("Failed to delete pool {}", name), [&] { pool.remove(); });
    shell.printer().printExtra(fmt::format("Pool {} deleted\n", name));
    return true;
}

bool cmdPoolDestroy(Shell& shell, const Invocation& cmd) {
    StoragePool pool = poolOption(shell, cmd);
    std::string name = *cmd.string("pool");
    withContext(shell, fmt::format("Failed to destroy pool {}", name), [&] { pool.destroy(); });
    shell.printer().printExtra(fmt::format("Pool {} destroyed\n", name));
    return true;
}

bool cmdPoolDumpxml(Shell& shell, const Invocation& cmd) {
    unsigned flags = cmd.has("inactive") ? kXmlInactive : 0;
    StoragePool pool = poolOption(shell, cmd);
    auto xpath = cmd.raw("xpath");
    if (xpath && xpath->empty())
        throw CommandFailed{};
    std::string xml = pool.xmlDesc(flags);
    printXml(shell, xml, "pool", xpath, cmd.has("wrap"));
    return true;
}

bool cmdPoolInfo(Shell& shell, const Invocation& cmd) {
    StoragePool pool = poolOption(shell, cmd);
    bool bytes = cmd.has("bytes");
    Printer& p = shell.printer();
    p.keyValue("Name:", pool.name());
    p.keyValue("UUID:", pool.uuid().format());
    StoragePoolInfo info = pool.info();
    p.keyValue("State:", poolStateName(info.state));
    try {
        p.keyValue("Persistent:", pool.isPersistent() ? "yes" : "no");
    } catch (const Error&) {
        p.keyValue("Persistent:", "unknown");
    }
    try {
        p.keyValue("Autostart:", pool.autostart() ? "yes" : "no");
    } catch (const Error&) {
        p.keyValue("Autostart:", "no autostart");
    }
    if (info.state == kPoolRunning || info.state == kPoolDegraded) {
        auto size = [&](uint64_t value) { return bytes ? std::to_string(value) : formatCapacity(value); };
        p.keyValue("Capacity:", size(info.capacity));
        p.keyValue("Allocation:", size(info.allocation));
        p.keyValue("Available:", size(info.available));
    }
    return true;
}

// Pools sorted by name, case-insensitively, as virsh lists them.
std::vector<StoragePool> collectPools(Shell& shell, unsigned flags) {
    std::vector<StoragePool> list;
    try {
        list = api(shell).listAllStoragePools(flags);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::InvalidArg) {
            shell.printer().error("Failed to list pools");
            throw;
        }
        // Ask for what every driver supports, then filter here.
        list = withContext(shell, "Failed to list pools", [&] {
            return api(shell).listAllStoragePools(flags & (flags::kPoolListActive | flags::kPoolListInactive));
        });
        std::erase_if(list, [&](const StoragePool& pool) {
            if (flags & (flags::kPoolListPersistent | flags::kPoolListTransient)) {
                bool persistent = pool.isPersistent();
                if (!(((flags & flags::kPoolListPersistent) && persistent) ||
                      ((flags & flags::kPoolListTransient) && !persistent)))
                    return true;
            }
            if (flags & (flags::kPoolListAutostart | flags::kPoolListNoAutostart)) {
                bool autostart = pool.autostart();
                if (!(((flags & flags::kPoolListAutostart) && autostart) ||
                      ((flags & flags::kPoolListNoAutostart) && !autostart)))
                    return true;
            }
            return false;
        });
    }
    std::sort(list.begin(), list.end(), [](const StoragePool& a, const StoragePool& b) {
        return strcasecmp(a.name().c_str(), b.name().c_str()) < 0;
    });
    return list;
}

bool cmdPoolList(Shell& shell, const Invocation& cmd) {
    bool details = cmd.has("details"), uuid = cmd.has("uuid"), name = cmd.has("name");
    requireExclusive(cmd, "all", "inactive");
    unsigned flags = flags::kPoolListActive;
    if (cmd.has("inactive"))
        flags = flags::kPoolListInactive;
    if (cmd.has("all"))
        flags = flags::kPoolListActive | flags::kPoolListInactive;
    if (cmd.has("autostart"))
        flags |= flags::kPoolListAutostart;
    if (cmd.has("no-autostart"))
        flags |= flags::kPoolListNoAutostart;
    if (cmd.has("persistent"))
        flags |= flags::kPoolListPersistent;
    if (cmd.has("transient"))
        flags |= flags::kPoolListTransient;
    auto type = cmd.string("type");
    requireExclusive(cmd, "details", "uuid");
    requireExclusive(cmd, "details", "name");
    if (type) {
        for (const auto& item : splitCommaList(*type)) {
            auto known = std::find_if(std::begin(kPoolTypes), std::end(kPoolTypes),
                                      [&](const PoolType& t) { return t.name == item; });
            if (known == std::end(kPoolTypes))
                failCommand(shell, fmt::format("Invalid pool type '{}'", item));
            flags |= known->listFlag;
        }
    }

    auto list = collectPools(shell, flags);
    struct Row {
        std::string state, autostart, persistent, capacity, allocation, available;
    };
    std::vector<Row> rows;
    for (const auto& pool : list) {
        Row row;
        try {
            row.autostart = pool.autostart() ? "yes" : "no";
        } catch (const Error&) {
            row.autostart = "no autostart";
        }
        if (details) {
            try {
                row.persistent = pool.isPersistent() ? "yes" : "no";
            } catch (const Error&) {
                row.persistent = "unknown";
            }
        }
        StoragePoolInfo info;
        bool haveInfo = true;
        try {
            info = pool.info();
        } catch (const Error&) {
            haveInfo = false;
        }
        if (!haveInfo) {
            shell.printer().error("Could not retrieve pool information");
            row.state = "unknown";
            if (details)
                row.capacity = row.allocation = row.available = "unknown";
        } else if (details) {
            row.state = std::string(poolStateName(info.state));
            if (info.state == kPoolRunning || info.state == kPoolDegraded) {
                row.capacity = formatCapacity(info.capacity);
                row.allocation = formatCapacity(info.allocation);
                row.available = formatCapacity(info.available);
            } else {
                row.capacity = row.allocation = row.available = "-";
            }
        } else {
            bool active = true;
            try {
                active = pool.isActive();
            } catch (const Error&) {
            }
            row.state = active ? "active" : "inactive";
        }
        rows.push_back(std::move(row));
    }

    Printer& p = shell.printer();
    if (!details) {
        if (uuid || name) {
            for (const auto& pool : list) {
                if (uuid)
                    p.printf("{:<36}{}", pool.uuid().format(), name ? ' ' : '\n');
                if (name)
                    p.printf("{:<20}\n", pool.name());
            }
            return true;
        }
        Table table({"Name", "State", "Autostart"});
        for (size_t i = 0; i < list.size(); ++i)
            table.addRow({list[i].name(), rows[i].state, rows[i].autostart});
        table.print(p);
        return true;
    }
    Table table({"Name", "State", "Autostart", "Persistent", "Capacity", "Allocation", "Available"});
    for (size_t i = 0; i < list.size(); ++i)
        table.addRow({list[i].name(), rows[i].state, rows[i].autostart, rows[i].persistent, rows[i].capacity,
                      rows[i].allocation, rows[i].available});
    table.print(p);
    return true;
}

bool cmdPoolName(Shell& shell, const Invocation& cmd) {
    StoragePool pool = poolOption(shell, cmd, "pool", kByUuid);
    shell.printer().print(pool.name() + "\n");
    return true;
}

bool cmdPoolRefresh(Shell& shell, const Invocation& cmd) {
    StoragePool pool = poolOption(shell, cmd);
    std::string name = *cmd.string("pool");
    withContext(shell, fmt::format("Failed to refresh pool {}", name), [&] { pool.refresh(); });
    shell.printer().printExtra(fmt::format("Pool {} refreshed\n", name));
    return true;
}

bool cmdPoolStart(Shell& shell, const Invocation& cmd) {
    StoragePool pool = poolOption(shell, cmd);
    std::string name = *cmd.string("pool");
    unsigned flags = buildFlags(cmd);
    withContext(shell, fmt::format("Failed to start pool {}", name), [&] { pool.create(flags); });
    shell.printer().printExtra(fmt::format("Pool {} started\n", name));
    return true;
}

bool cmdPoolUndefine(Shell& shell, const Invocation& cmd) {
    StoragePool pool = poolOption(shell, cmd);
    std::string name = *cmd.string("pool");
    withContext(shell, fmt::format("Failed to undefine pool {}", name), [&] { pool.undefine(); });
    shell.printer().printExtra(fmt::format("Pool {} has been undefined\n", name));
    return true;
}

bool cmdPoolUuid(Shell& shell, const Invocation& cmd) {
    StoragePool pool = poolOption(shell, cmd, "pool", kByName);
    shell.printer().print(pool.uuid().format() + "\n");
    return true;
}

}  // namespace

const CommandGroup& storagePoolGroup() {
    static const CommandGroup group{"Storage Pool", "pool", {
        {
            .name = "find-storage-pool-sources-as",
            .help = "find potential storage pool sources",
            .desc = "Returns XML <sources> document.",
            .options = {
                opt::data("type", kRequired | kPositional, "type of storage pool sources to find"),
                opt::string("host", kPositional, "optional host to query"),
                opt::string("port", kPositional, "optional port to query"),
                opt::string("initiator", kPositional, "optional initiator IQN to use for query"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "find-storage-pool-sources",
            .help = "discover potential storage pool sources",
            .desc = "Returns XML <sources> document.",
            .options = {
                opt::data("type", kRequired | kPositional, "type of storage pool sources to discover"),
                opt::string("srcSpec", kPositional, "optional file of source xml to query for pools"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "pool-autostart",
            .help = "autostart a pool",
            .desc = "Configure a pool to be automatically started at boot.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
                opt::flag("disable", "disable autostarting"),
            },
            .handler = cmdPoolAutostart,
        },
        {
            .name = "pool-build",
            .help = "build a pool",
            .desc = "Build a given pool.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
                opt::flag("no-overwrite", "do not overwrite any existing data"),
                opt::flag("overwrite", "overwrite any existing data"),
            },
            .handler = cmdPoolBuild,
        },
        {
            .name = "pool-create-as",
            .help = "create a pool from a set of args",
            .desc = "Create a pool.",
            .options = {
                opt::data("name", kRequired | kPositional, "name of the pool"),
                opt::data("type", kRequired | kPositional, "type of the pool"),
                opt::flag("print-xml", "print XML document, but don't define/create"),
                opt::string("source-host", kPositional, "source-host for underlying storage"),
                opt::string("source-path", kPositional, "source path for underlying storage"),
                opt::string("source-dev", kPositional, "source device for underlying storage"),
                opt::string("source-name", kPositional, "source name for underlying storage"),
                opt::string("target", kPositional, "target for underlying storage"),
                opt::string("source-format", kPositional, "format for underlying storage"),
                opt::string("auth-type", kPositional, "auth type to be used for underlying storage"),
                opt::string("auth-username", kPositional, "auth username to be used for underlying storage"),
                opt::string("secret-usage", kPositional, "auth secret usage to be used for underlying storage"),
                opt::string("secret-uuid", kPositional, "auth secret UUID to be used for underlying storage"),
                opt::string("adapter-name", kPositional, "adapter name to be used for underlying storage"),
                opt::string("adapter-wwnn", kPositional, "adapter wwnn to be used for underlying storage"),
                opt::string("adapter-wwpn", kPositional, "adapter wwpn to be used for underlying storage"),
                opt::string("adapter-parent", kPositional, "adapter parent scsi_hostN to be used for underlying vHBA storage"),
                opt::string("adapter-parent-wwnn", kPositional, "adapter parent scsi_hostN wwnn to be used for underlying vHBA storage"),
                opt::string("adapter-parent-wwpn", kPositional, "adapter parent scsi_hostN wwpn to be used for underlying vHBA storage"),
                opt::string("adapter-parent-fabric-wwn", kPositional, "adapter parent scsi_hostN fabric_wwn to be used for underlying vHBA storage"),
                opt::string("source-protocol-ver", kPositional, "nfsvers value for NFS pool mount option"),
                opt::string("source-initiator", kPositional, "initiator iqn for underlying storage"),
                opt::flag("build", "build the pool as normal"),
                opt::flag("no-overwrite", "do not overwrite any existing data"),
                opt::flag("overwrite", "overwrite any existing data"),
            },
            .handler = cmdPoolCreateAs,
        },
        {
            .name = "pool-create",
            .help = "create a pool from an XML file",
            .desc = "Create a pool.",
            .options = {
                opt::data("file", kRequired | kPositional, "file containing an XML pool description"),
                opt::flag("build", "build the pool as normal"),
                opt::flag("no-overwrite", "do not overwrite any existing data"),
                opt::flag("overwrite", "overwrite any existing data"),
            },
            .handler = cmdPoolCreate,
        },
        {
            .name = "pool-define-as",
            .help = "define a pool from a set of args",
            .desc = "Define a pool.",
            .options = {
                opt::data("name", kRequired | kPositional, "name of the pool"),
                opt::data("type", kRequired | kPositional, "type of the pool"),
                opt::flag("print-xml", "print XML document, but don't define/create"),
                opt::string("source-host", kPositional, "source-host for underlying storage"),
                opt::string("source-path", kPositional, "source path for underlying storage"),
                opt::string("source-dev", kPositional, "source device for underlying storage"),
                opt::string("source-name", kPositional, "source name for underlying storage"),
                opt::string("target", kPositional, "target for underlying storage"),
                opt::string("source-format", kPositional, "format for underlying storage"),
                opt::string("auth-type", kPositional, "auth type to be used for underlying storage"),
                opt::string("auth-username", kPositional, "auth username to be used for underlying storage"),
                opt::string("secret-usage", kPositional, "auth secret usage to be used for underlying storage"),
                opt::string("secret-uuid", kPositional, "auth secret UUID to be used for underlying storage"),
                opt::string("adapter-name", kPositional, "adapter name to be used for underlying storage"),
                opt::string("adapter-wwnn", kPositional, "adapter wwnn to be used for underlying storage"),
                opt::string("adapter-wwpn", kPositional, "adapter wwpn to be used for underlying storage"),
                opt::string("adapter-parent", kPositional, "adapter parent scsi_hostN to be used for underlying vHBA storage"),
                opt::string("adapter-parent-wwnn", kPositional, "adapter parent scsi_hostN wwnn to be used for underlying vHBA storage"),
                opt::string("adapter-parent-wwpn", kPositional, "adapter parent scsi_hostN wwpn to be used for underlying vHBA storage"),
                opt::string("adapter-parent-fabric-wwn", kPositional, "adapter parent scsi_hostN fabric_wwn to be used for underlying vHBA storage"),
                opt::string("source-protocol-ver", kPositional, "nfsvers value for NFS pool mount option"),
                opt::string("source-initiator", kPositional, "initiator iqn for underlying storage"),
            },
            .handler = cmdPoolDefineAs,
        },
        {
            .name = "pool-define",
            .help = "define an inactive persistent storage pool or modify an existing persistent one from an XML file",
            .desc = "Define or modify a persistent storage pool.",
            .options = {
                opt::data("file", kRequired | kPositional, "file containing an XML pool description"),
                opt::flag("validate", "validate the XML against the schema"),
            },
            .handler = cmdPoolDefine,
        },
        {
            .name = "pool-delete",
            .help = "delete a pool",
            .desc = "Delete a given pool.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
            },
            .handler = cmdPoolDelete,
        },
        {
            .name = "pool-destroy",
            .help = "destroy (stop) a pool",
            .desc = "Forcefully stop a given pool. Raw data in the pool is untouched",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
            },
            .handler = cmdPoolDestroy,
        },
        {
            .name = "pool-dumpxml",
            .help = "pool information in XML",
            .desc = "Output the pool information as an XML dump to stdout.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
                opt::flag("inactive", "show inactive defined XML"),
                opt::string("xpath", 0, "xpath expression to filter the XML document"),
                opt::flag("wrap", "wrap xpath results in an common root element"),
            },
            .handler = cmdPoolDumpxml,
        },
        {
            .name = "pool-edit",
            .help = "edit XML configuration for a storage pool",
            .desc = "Edit the XML configuration for a storage pool.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "pool-info",
            .help = "storage pool information",
            .desc = "Returns basic information about the storage pool.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
                opt::flag("bytes", "Return pool info in bytes"),
            },
            .handler = cmdPoolInfo,
        },
        {
            .name = "pool-list",
            .help = "list pools",
            .desc = "Returns list of pools.",
            .options = {
                opt::flag("inactive", "list inactive pools"),
                opt::flag("all", "list inactive & active pools"),
                opt::flag("transient", "list transient pools"),
                opt::flag("persistent", "list persistent pools"),
                opt::flag("autostart", "list pools with autostart enabled"),
                opt::flag("no-autostart", "list pools with autostart disabled"),
                opt::string("type", kPositional, "only list pool of specified type(s) (if supported)"),
                opt::flag("details", "display extended details for pools"),
                opt::flag("uuid", "list UUID of active pools only"),
                opt::flag("name", "list name of active pools only"),
            },
            .handler = cmdPoolList,
        },
        {
            .name = "pool-name",
            .help = "convert a pool UUID to pool name",
            .desc = "",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
            },
            .handler = cmdPoolName,
        },
        {
            .name = "pool-refresh",
            .help = "refresh a pool",
            .desc = "Refresh a given pool.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
            },
            .handler = cmdPoolRefresh,
        },
        {
            .name = "pool-start",
            .help = "start a (previously defined) inactive pool",
            .desc = "Start a pool.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
                opt::flag("build", "build the pool as normal"),
                opt::flag("no-overwrite", "do not overwrite any existing data"),
                opt::flag("overwrite", "overwrite any existing data"),
            },
            .handler = cmdPoolStart,
        },
        {
            .name = "pool-undefine",
            .help = "undefine an inactive pool",
            .desc = "Undefine the configuration for an inactive pool.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
            },
            .handler = cmdPoolUndefine,
        },
        {
            .name = "pool-uuid",
            .help = "convert a pool name to pool UUID",
            .desc = "",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
            },
            .handler = cmdPoolUuid,
        },
        {
            .name = "pool-event",
            .help = "Storage Pool Events",
            .desc = "List event types, or wait for storage pool events to occur",
            .options = {
                opt::string("pool", kPositional, "filter by storage pool name or uuid"),
                opt::string("event", kPositional, "which event type to wait for"),
                opt::flag("loop", "loop until timeout or interrupt, rather than one-shot"),
                opt::number("timeout", kPositional, "timeout seconds"),
                opt::flag("list", "list valid event types"),
                opt::flag("timestamp", "show timestamp for each printed event"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "pool-capabilities",
            .help = "storage pool capabilities",
            .desc = "Returns capabilities of storage pool support.",
            .handler = notImplementedYet,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
