// Domain definition handlers: define, undefine (with its storage removal),
// dumpxml, edit, and the id/name/UUID conversions.

#include <fmt/format.h>

#include "cvirsh/commands/common.hpp"
#include "cvirsh/commands/domain_handlers.hpp"
#include "cvirsh/commands/domain_util.hpp"
#include "cvirsh/editor.hpp"

namespace cvirt::shell {
namespace {

// virshDomainDefine: the flags call, retried without the validate flag
// when the driver does not know it.
Domain defineDomain(Shell& shell, const std::string& xml, unsigned flags) {
    try {
        return api(shell).defineDomain(xml, flags);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::NoSupport || flags != flags::kDefineValidate)
            throw;
    }
    return api(shell).defineDomain(xml, 0);
}

// A volume that undefine --storage / --remove-all-storage will remove.
struct DoomedVolume {
    StorageVolume volume;
    std::string source, target;
};

// The volumes of the domain's disks that the user asked to remove, as
// virsh selects them; reports (and skips) disks it cannot resolve.
std::vector<DoomedVolume> volumesToRemove(Shell& shell, const Domain& dom, const std::optional<std::string>& list) {
    auto doc = domainXml(shell, dom, 0);
    std::vector<std::optional<std::string>> wanted;
    if (list)
        for (auto& item : splitCommaList(*list))
            wanted.emplace_back(std::move(item));
    std::vector<DoomedVolume> out;
    for (xmlNodePtr disk : doc.nodes("./devices/disk")) {
        doc.setContext(disk);
        auto target = doc.string("string(./target/@dev)");
        if (!target)
            throw CommandFailed{};
        auto source = doc.string("string(./source/@file|./source/@dir|./source/@name|./source/@dev"
                                 "|./source/@volume)");
        if (!source)
            continue;
        auto pool = doc.string("string(./source/@pool)");
        if (list) {
            bool found = false;
            for (auto& w : wanted)
                if (w && (*w == *target || *w == *source)) {
                    w.reset();
                    found = true;
                    break;
                }
            if (!found)
                continue;
        }
        std::optional<StorageVolume> vol;
        if (pool) {
            std::optional<StoragePool> found;
            try {
                found = api(shell).lookupStoragePoolByName(*pool);
            } catch (const Error&) {
                shell.printer().errorf("Storage pool '{}' for volume '{}' not found.", *pool, *target);
                continue;
            }
            try {
                vol = found->lookupVolumeByName(*source);
            } catch (const Error&) {
            }
        } else {
            try {
                vol = api(shell).lookupStorageVolumeByPath(*source);
            } catch (const Error&) {
            }
        }
        if (!vol) {
            shell.printer().errorf("Storage volume '{}'({}) is not managed by libvirt. Remove it manually.\n",
                                   *target, *source);
            continue;
        }
        out.push_back({*vol, *source, *target});
    }
    bool missing = false;
    for (const auto& w : wanted)
        if (w) {
            shell.printer().errorf("Volume '{}' was not found in domain's definition.\n", *w);
            missing = true;
        }
    if (missing)
        throw CommandFailed{};
    return out;
}

}  // namespace

bool cmdDefine(Shell& shell, const Invocation& cmd) {
    std::string from = *cmd.string("file");
    unsigned flags = cmd.has("validate") ? flags::kDefineValidate : 0;
    std::string xml = readFileForCommand(from);
    Domain dom = withContext(shell, fmt::format("Failed to define domain from {}", from),
                             [&] { return api(shell).defineDomain(xml, flags); });
    shell.printer().printExtra(fmt::format("Domain '{}' defined from {}\n", dom.name(), from));
    return true;
}

bool cmdUndefine(Shell& shell, const Invocation& cmd) {
    bool managedSave = cmd.has("managed-save");
    bool snapshotsMetadata = cmd.has("snapshots-metadata");
    bool wipeStorage = cmd.has("wipe-storage");
    bool removeAllStorage = cmd.has("remove-all-storage");
    bool nvram = cmd.has("nvram");
    requireOption(cmd, "delete-storage-volume-snapshots", "remove-all-storage");
    requireExclusive(cmd, "nvram", "keep-nvram");
    requireExclusive(cmd, "tpm", "keep-tpm");
    auto storage = cmd.raw("storage");
    if (storage && storage->empty())
        storage.reset();
    if (!(storage || removeAllStorage) && wipeStorage)
        failCommand(shell, "'--wipe-storage' requires '--storage <string>' or '--remove-all-storage'");

    unsigned volFlags = cmd.has("delete-storage-volume-snapshots") ? 2u : 0u;  // VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS
    unsigned flags = 0;
    if (managedSave)
        flags |= flags::kUndefineManagedSave;
    if (snapshotsMetadata)
        flags |= flags::kUndefineSnapshotsMetadata;
    if (cmd.has("checkpoints-metadata"))
        flags |= flags::kUndefineCheckpointsMetadata;
    if (nvram)
        flags |= flags::kUndefineNvram;
    if (cmd.has("keep-nvram"))
        flags |= flags::kUndefineKeepNvram;
    if (cmd.has("tpm"))
        flags |= flags::kUndefineTpm;
    if (cmd.has("keep-tpm"))
        flags |= flags::kUndefineKeepTpm;

    Domain dom = domainOption(shell, cmd);
    std::string name = *cmd.string("domain");

    // Ask for managed save and snapshot removal only when there is
    // something to remove, so older servers see fewer unknown flags; and
    // use the flags call only when it cannot strand data.
    bool running = dom.isActive();
    bool hasManagedSave = false;
    int snapshots = 0, snapshotsWithMetadata = 0;
    bool managedSaveSafe = managedSave, snapshotsSafe = snapshotsMetadata;
    if (!running) {
        try {
            hasManagedSave = dom.hasManagedSaveImage();
        } catch (const Error& e) {
            if (e.code() != ErrorCode::NoSupport)
                throw;
        }
        try {
            snapshots = dom.snapshotCount();
        } catch (const Error& e) {
            if (e.code() != ErrorCode::NoSupport)
                throw;
        }
        if (snapshots) {
            try {
                snapshotsWithMetadata = dom.snapshotCount(flags::kSnapshotListMetadata);
                managedSaveSafe = snapshotsSafe = true;
            } catch (const Error&) {
                snapshotsWithMetadata = snapshots;
            }
        }
    }
    if (!hasManagedSave) {
        flags &= ~flags::kUndefineManagedSave;
        managedSaveSafe = true;
    }
    if (snapshots == 0)
        snapshotsSafe = true;
    if (snapshotsWithMetadata == 0) {
        flags &= ~flags::kUndefineSnapshotsMetadata;
        snapshotsSafe = true;
    }

    std::vector<DoomedVolume> volumes;
    if (storage || removeAllStorage) {
        if (running)
            failCommand(shell, "Storage volume deletion is supported only on stopped domains");
        if (storage && removeAllStorage)
            failCommand(shell, "Specified both --storage and --remove-all-storage");
        volumes = volumesToRemove(shell, dom, storage);
    }

    bool undefined = false;
    if ((managedSaveSafe && snapshotsSafe) || nvram) {
        try {
            dom.undefine(flags);
            undefined = true;
        } catch (const Error& e) {
            if (nvram || (e.code() != ErrorCode::NoSupport && e.code() != ErrorCode::InvalidArg)) {
                shell.printer().errorf("Failed to undefine domain '{}'", name);
                throw;
            }
        }
    }
    if (!undefined) {
        // A driver without the flags call: do it step by step.
        if (hasManagedSave) {
            if (!managedSave)
                failCommand(shell, "Refusing to undefine while domain managed save image exists");
            dom.managedSaveRemove();
        }
        if (snapshotsWithMetadata)
            failCommand(shell, fmt::format(fmt::runtime(snapshotsMetadata ? "Unable to remove metadata of {} snapshots"
                                                             : "Refusing to undefine while {} snapshots exist"),
                                           snapshotsWithMetadata));
        withContext(shell, fmt::format("Failed to undefine domain '{}'", name), [&] { dom.undefine(0); });
    }
    Printer& p = shell.printer();
    p.printExtra(fmt::format("Domain '{}' has been undefined\n", name));

    bool ok = true;
    for (auto& v : volumes) {
        if (wipeStorage) {
            p.printExtra(fmt::format("Wiping volume '{}'({}) ... ", v.target, v.source));
            p.flush();
            try {
                v.volume.wipe();
            } catch (const Error&) {
                p.error("Failed! Volume not removed.");
                ok = false;
                continue;
            }
            p.printExtra("Done.\n");
        }
        try {
            v.volume.remove(volFlags);
        } catch (const Error&) {
            p.errorf("Failed to remove storage volume '{}'({})", v.target, v.source);
            ok = false;
            continue;
        }
        p.printExtra(fmt::format("Volume '{}'({}) removed.\n", v.target, v.source));
    }
    return ok;
}

bool cmdDumpxml(Shell& shell, const Invocation& cmd) {
    unsigned flags = 0;
    if (cmd.has("inactive"))
        flags |= flags::kXmlInactive;
    if (cmd.has("security-info"))
        flags |= flags::kXmlSecure;
    if (cmd.has("update-cpu"))
        flags |= flags::kXmlUpdateCpu;
    if (cmd.has("migratable"))
        flags |= flags::kXmlMigratable;
    Domain dom = domainOption(shell, cmd);
    auto xpath = cmd.raw("xpath");
    if (xpath && xpath->empty())
        throw CommandFailed{};
    std::string xml = dom.xmlDesc(flags);
    printXml(shell, xml, "domain", xpath, cmd.has("wrap"));
    return true;
}

bool cmdEdit(Shell& shell, const Invocation& cmd) {
    Domain dom = domainOption(shell, cmd);
    unsigned defineFlags = cmd.has("skip-validate") ? 0 : flags::kDefineValidate;
    std::optional<Domain> edited;
    EditSteps steps{
        .fetch = [&] { return dom.xmlDesc(flags::kXmlSecure | flags::kXmlInactive); },
        .unchanged =
            [&] {
                shell.printer().printExtra(
                    fmt::format("Domain '{}' XML configuration not changed.\n", dom.name()));
            },
        .define = [&](const std::string& xml) { edited = defineDomain(shell, xml, defineFlags); },
        .relax = [&] { defineFlags &= ~flags::kDefineValidate; },
    };
    if (runEditCycle(shell, steps) == EditOutcome::Unchanged)
        return true;
    // Without a terminal to retry on, virsh reports a refused definition
    // and still prints its success line, naming no domain.
    shell.printer().printExtra(fmt::format("Domain '{}' XML configuration edited.\n",
                                           edited ? edited->name() : std::string("(null)")));
    return true;
}

bool cmdDomid(Shell& shell, const Invocation& cmd) {
    Domain dom = domainOption(shell, cmd, kByName | kByUuid);
    shell.printer().print(dom.id() == -1 ? std::string("-\n") : fmt::format("{}\n", dom.id()));
    return true;
}

bool cmdDomname(Shell& shell, const Invocation& cmd) {
    Domain dom = domainOption(shell, cmd, kById | kByUuid);
    shell.printer().print(dom.name() + "\n");
    return true;
}

bool cmdDomuuid(Shell& shell, const Invocation& cmd) {
    Domain dom = domainOption(shell, cmd, kByName | kById);
    shell.printer().print(dom.uuid().format() + "\n");
    return true;
}

}  // namespace cvirt::shell
