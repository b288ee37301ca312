// virsh's "Storage Volume" commands: their declarations and handlers.
// Handlers that need a hypervisor connection the API does not offer yet stay
// `notImplementedYet`; docs/cvirsh.md shows how to replace one.

#include <strings.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include <fmt/format.h>

#include "cvirsh/commands/common.hpp"
#include "cvirsh/commands/groups.hpp"
#include "cvirsh/output/capacity.hpp"
#include "cvirsh/output/table.hpp"
#include "util/units.hpp"

namespace cvirt::shell {

namespace {

std::string_view volumeTypeName(int type) {
    static constexpr std::string_view kNames[] = {"file", "block", "dir", "network", "netdir", "ploop"};
    return type >= 0 && type < 6 ? kNames[type] : "unknown";
}

// A size with an optional unit, in bytes by default (virshVolSize).
std::optional<uint64_t> volumeSize(const std::string& text) {
    size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || (text[i] >= '\t' && text[i] <= '\r')))
        ++i;
    if (i < text.size() && text[i] == '-')
        return std::nullopt;
    char* end = nullptr;
    errno = 0;
    unsigned long long value = std::strtoull(text.c_str(), &end, 10);
    if (errno != 0 || end == text.c_str())
        return std::nullopt;
    try {
        return scaleInteger(value, std::string_view(end), 1);
    } catch (const Error&) {
        return std::nullopt;
    }
}

// The pool of vol-create-as and vol-create (name or UUID, must exist).
StoragePool volumePool(Shell& shell, const Invocation& cmd) { return poolOption(shell, cmd, "pool"); }

bool cmdVolCreateAs(Shell& shell, const Invocation& cmd) {
    unsigned flags = cmd.has("prealloc-metadata") ? 1u : 0u;  // VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA
    StoragePool pool = volumePool(shell, cmd);
    std::string name = *cmd.string("name");
    std::string capacityText = *cmd.string("capacity");
    auto capacity = volumeSize(capacityText);
    if (!capacity)
        failCommand(shell, fmt::format("Malformed size {}", capacityText));
    auto allocationText = cmd.raw("allocation");
    if (allocationText && allocationText->empty())
        allocationText.reset();
    std::optional<uint64_t> allocation;
    if (allocationText) {
        allocation = volumeSize(*allocationText);
        if (!allocation)
            failCommand(shell, fmt::format("Malformed size {}", *allocationText));
    }
    auto format = cmd.string("format");
    auto backingVol = cmd.string("backing-vol");
    auto backingFormat = cmd.string("backing-vol-format");

    std::string xml = fmt::format("<volume>\n  <name>{}</name>\n  <capacity>{}</capacity>\n", name, *capacity);
    if (allocation)
        xml += fmt::format("  <allocation>{}</allocation>\n", *allocation);
    if (format)
        xml += fmt::format("  <target>\n    <format type='{}'/>\n  </target>\n", *format);
    if (backingVol) {
        // The backing volume by name in this pool, else by key, else by path.
        std::optional<StorageVolume> backing;
        std::optional<Error> last;
        for (int how = 0; how < 3 && !backing; ++how) {
            try {
                if (how == 0)
                    backing = pool.lookupVolumeByName(*backingVol);
                else if (how == 1)
                    backing = api(shell).lookupStorageVolumeByKey(*backingVol);
                else
                    backing = api(shell).lookupStorageVolumeByPath(*backingVol);
            } catch (const Error& e) {
                last = e;
            }
        }
        if (!backing) {
            // virsh reports the last lookup's error (by path) after its own.
            shell.printer().errorf("failed to get vol '{}'", *backingVol);
            if (last)
                throw *last;
            throw CommandFailed{};
        }
        xml += fmt::format("  <backingStore>\n    <path>{}</path>\n", backing->path());
        if (backingFormat)
            xml += fmt::format("    <format type='{}'/>\n", *backingFormat);
        xml += "  </backingStore>\n";
    }
    xml += "</volume>\n";

    if (cmd.has("print-xml")) {
        shell.printer().print(xml);
        return true;
    }
    withContext(shell, fmt::format("Failed to create vol {}", name), [&] { return pool.createVolume(xml, flags); });
    shell.printer().printExtra(fmt::format("Vol {} created\n", name));
    return true;
}

bool cmdVolCreate(Shell& shell, const Invocation& cmd) {
    unsigned flags = 0;
    if (cmd.has("prealloc-metadata"))
        flags |= 1;  // VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA
    if (cmd.has("validate"))
        flags |= 4;  // VIR_STORAGE_VOL_CREATE_VALIDATE
    StoragePool pool = volumePool(shell, cmd);
    std::string from = *cmd.string("file");
    std::string xml = readFileForCommand(from);
    StorageVolume vol = withContext(shell, fmt::format("Failed to create vol from {}", from),
                                    [&] { return pool.createVolume(xml, flags); });
    shell.printer().printExtra(fmt::format("Vol {} created from {}\n", vol.name(), from));
    return true;
}

bool cmdVolDelete(Shell& shell, const Invocation& cmd) {
    StorageVolume vol = volumeOption(shell, cmd);
    std::string name = *cmd.string("vol");
    unsigned flags = cmd.has("delete-snapshots") ? 2u : 0u;  // VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS
    withContext(shell, fmt::format("Failed to delete vol {}", name), [&] { vol.remove(flags); });
    shell.printer().printExtra(fmt::format("Vol {} deleted\n", name));
    return true;
}

bool cmdVolDumpxml(Shell& shell, const Invocation& cmd) {
    StorageVolume vol = volumeOption(shell, cmd);
    auto xpath = cmd.raw("xpath");
    if (xpath && xpath->empty())
        throw CommandFailed{};
    std::string xml = vol.xmlDesc();
    printXml(shell, xml, "volume", xpath, cmd.has("wrap"));
    return true;
}

bool cmdVolInfo(Shell& shell, const Invocation& cmd) {
    StorageVolume vol = volumeOption(shell, cmd);
    bool bytes = cmd.has("bytes"), physical = cmd.has("physical");
    Printer& p = shell.printer();
    p.keyValue("Name:", vol.name());
    // The API has no virStorageVolGetInfoFlags yet.
    if (physical)
        throw Error(ErrorCode::NoSupport, ErrorDomain::Storage, "virStorageVolGetInfoFlags");
    StorageVolInfo info = vol.info();
    p.keyValue("Type:", volumeTypeName(info.type));
    if (bytes) {
        p.keyValue("Capacity:", fmt::format("{} bytes", info.capacity));
        p.keyValue(physical ? "Physical:" : "Allocation:", fmt::format("{} bytes", info.allocation));
    } else {
        p.keyValue("Capacity:", formatCapacity(info.capacity));
        p.keyValue(physical ? "Physical:" : "Allocation:", formatCapacity(info.allocation));
    }
    return true;
}

bool cmdVolKey(Shell& shell, const Invocation& cmd) {
    StorageVolume vol = volumeOption(shell, cmd);
    shell.printer().print(vol.key() + "\n");
    return true;
}

bool cmdVolList(Shell& shell, const Invocation& cmd) {
    bool details = cmd.has("details");
    StoragePool pool = poolOption(shell, cmd);
    auto list = withContext(shell, "Failed to list volumes", [&] { return pool.listAllVolumes(); });
    std::sort(list.begin(), list.end(), [](const StorageVolume& a, const StorageVolume& b) {
        return strcasecmp(a.name().c_str(), b.name().c_str()) < 0;
    });
    Table table(details ? std::vector<std::string>{"Name", "Path", "Type", "Capacity", "Allocation"}
                        : std::vector<std::string>{"Name", "Path"});
    for (const auto& vol : list) {
        std::string path;
        try {
            path = vol.path();
        } catch (const Error&) {
            path = "unknown";
        }
        if (!details) {
            table.addRow({vol.name(), path});
            continue;
        }
        try {
            StorageVolInfo info = vol.info();
            table.addRow({vol.name(), path, std::string(volumeTypeName(info.type)), formatCapacity(info.capacity),
                          formatCapacity(info.allocation)});
        } catch (const Error&) {
            table.addRow({vol.name(), path, "unknown", "unknown", "unknown"});
        }
    }
    table.print(shell.printer());
    return true;
}

bool cmdVolName(Shell& shell, const Invocation& cmd) {
    StorageVolume vol = volumeOption(shell, cmd, std::nullopt, kByUuid);
    shell.printer().print(vol.name() + "\n");
    return true;
}

bool cmdVolPath(Shell& shell, const Invocation& cmd) {
    StorageVolume vol = volumeOption(shell, cmd);
    shell.printer().print(vol.path() + "\n");
    return true;
}

bool cmdVolPool(Shell& shell, const Invocation& cmd) {
    StorageVolume vol = volumeOption(shell, cmd, std::nullopt, kByUuid);
    std::optional<StoragePool> pool;
    try {
        pool = vol.pool();
    } catch (const Error&) {
        failCommand(shell, "failed to get parent pool");
    }
    shell.printer().print((cmd.has("uuid") ? pool->uuid().format() : pool->name()) + "\n");
    return true;
}

bool cmdVolWipe(Shell& shell, const Invocation& cmd) {
    StorageVolume vol = volumeOption(shell, cmd);
    std::string name = *cmd.string("vol");
    static constexpr std::string_view kAlgorithms[] = {"zero", "nnsa", "dod", "bsi", "gutmann",
                                                       "schneier", "pfitzner7", "pfitzner33", "random", "trim"};
    auto algorithm = cmd.string("algorithm");
    if (algorithm && std::find(std::begin(kAlgorithms), std::end(kAlgorithms), *algorithm) == std::end(kAlgorithms))
        failCommand(shell, fmt::format("Unsupported algorithm '{}'", *algorithm));
    withContext(shell, fmt::format("Failed to wipe vol {}", name), [&] {
        // The API wipes with zeroes only (virStorageVolWipe).
        if (algorithm && *algorithm != "zero")
            throw Error(ErrorCode::NoSupport, ErrorDomain::Storage, "virStorageVolWipePattern");
        vol.wipe();
    });
    shell.printer().printExtra(fmt::format("Vol {} wiped\n", name));
    return true;
}

}  // namespace

const CommandGroup& storageVolumeGroup() {
    static const CommandGroup group{"Storage Volume", "volume", {
        {
            .name = "vol-clone",
            .help = "clone a volume.",
            .desc = "Clone an existing volume within the parent pool.",
            .options = {
                opt::data("vol", kRequired | kPositional, "vol name, key or path"),
                opt::data("newname", kRequired | kPositional, "clone name"),
                opt::string("pool", kPositional, "pool name or uuid"),
                opt::flag("prealloc-metadata", "preallocate metadata (for qcow2 instead of full allocation)"),
                opt::flag("reflink", "use btrfs COW lightweight copy"),
                opt::flag("print-xml", "print XML document rather than clone the volume"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "vol-create-as",
            .help = "create a volume from a set of args",
            .desc = "Create a vol.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name"),
                opt::data("name", kRequired | kPositional, "name of the volume"),
                opt::data("capacity", kRequired | kPositional, "size of the vol, as scaled integer (default bytes)"),
                opt::string("allocation", kPositional, "initial allocation size, as scaled integer (default bytes)"),
                opt::string("format", kPositional, "file format type raw,bochs,qcow,qcow2,qed,vmdk"),
                opt::string("backing-vol", kPositional, "the backing volume if taking a snapshot"),
                opt::string("backing-vol-format", kPositional, "format of backing volume if taking a snapshot"),
                opt::flag("prealloc-metadata", "preallocate metadata (for qcow2 instead of full allocation)"),
                opt::flag("print-xml", "print XML document, but don't define/create"),
            },
            .handler = cmdVolCreateAs,
        },
        {
            .name = "vol-create",
            .help = "create a vol from an XML file",
            .desc = "Create a vol.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name"),
                opt::data("file", kRequired | kPositional, "file containing an XML vol description"),
                opt::flag("prealloc-metadata", "preallocate metadata (for qcow2 instead of full allocation)"),
                opt::flag("validate", "validate the XML against the schema"),
            },
            .handler = cmdVolCreate,
        },
        {
            .name = "vol-create-from",
            .help = "create a vol, using another volume as input",
            .desc = "Create a vol from an existing volume.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
                opt::data("file", kRequired | kPositional, "file containing an XML vol description"),
                opt::data("vol", kRequired | kPositional, "vol name, key or path"),
                opt::string("inputpool", kPositional, "pool name or uuid of the input volume's pool"),
                opt::flag("prealloc-metadata", "preallocate metadata (for qcow2 instead of full allocation)"),
                opt::flag("reflink", "use btrfs COW lightweight copy"),
                opt::flag("validate", "validate the XML against the schema"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "vol-delete",
            .help = "delete a vol",
            .desc = "Delete a given vol.",
            .options = {
                opt::data("vol", kRequired | kPositional, "vol name, key or path"),
                opt::string("pool", kPositional, "pool name or uuid"),
                opt::flag("delete-snapshots", "delete snapshots associated with volume (must be supported by storage driver)"),
            },
            .handler = cmdVolDelete,
        },
        {
            .name = "vol-download",
            .help = "download volume contents to a file",
            .desc = "Download volume contents to a file",
            .options = {
                opt::data("vol", kRequired | kPositional, "vol name, key or path"),
                opt::data("file", kRequired | kPositional, "file"),
                opt::string("pool", kPositional, "pool name or uuid"),
                opt::number("offset", kPositional, "volume offset to download from"),
                opt::number("length", kPositional, "amount of data to download"),
                opt::flag("sparse", "preserve sparseness of volume"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "vol-dumpxml",
            .help = "vol information in XML",
            .desc = "Output the vol information as an XML dump to stdout.",
            .options = {
                opt::data("vol", kRequired | kPositional, "vol name, key or path"),
                opt::string("pool", kPositional, "pool name or uuid"),
                opt::string("xpath", 0, "xpath expression to filter the XML document"),
                opt::flag("wrap", "wrap xpath results in an common root element"),
            },
            .handler = cmdVolDumpxml,
        },
        {
            .name = "vol-info",
            .help = "storage vol information",
            .desc = "Returns basic information about the storage vol.",
            .options = {
                opt::data("vol", kRequired | kPositional, "vol name, key or path"),
                opt::string("pool", kPositional, "pool name or uuid"),
                opt::flag("bytes", "sizes are represented in bytes rather than pretty units"),
                opt::flag("physical", "return the physical size of the volume in allocation field"),
            },
            .handler = cmdVolInfo,
        },
        {
            .name = "vol-key",
            .help = "returns the volume key for a given volume name or path",
            .desc = "",
            .options = {
                opt::data("vol", kRequired | kPositional, "volume name or path"),
                opt::string("pool", kPositional, "pool name or uuid"),
            },
            .handler = cmdVolKey,
        },
        {
            .name = "vol-list",
            .help = "list vols",
            .desc = "Returns list of vols by pool.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
                opt::flag("details", "display extended details for volumes"),
            },
            .handler = cmdVolList,
        },
        {
            .name = "vol-name",
            .help = "returns the volume name for a given volume key or path",
            .desc = "",
            .options = {
                opt::data("vol", kRequired | kPositional, "volume key or path"),
            },
            .handler = cmdVolName,
        },
        {
            .name = "vol-path",
            .help = "returns the volume path for a given volume name or key",
            .desc = "",
            .options = {
                opt::data("vol", kRequired | kPositional, "volume name or key"),
                opt::string("pool", kPositional, "pool name or uuid"),
            },
            .handler = cmdVolPath,
        },
        {
            .name = "vol-pool",
            .help = "returns the storage pool for a given volume key or path",
            .desc = "",
            .options = {
                opt::data("vol", kRequired | kPositional, "volume key or path"),
                opt::flag("uuid", "return the pool uuid rather than pool name"),
            },
            .handler = cmdVolPool,
        },
        {
            .name = "vol-resize",
            .help = "resize a vol",
            .desc = "Resizes a storage volume. This is safe only for storage volumes not in use by an active guest.\nSee blockresize for live resizing.",
            .options = {
                opt::data("vol", kRequired | kPositional, "vol name, key or path"),
                opt::data("capacity", kRequired | kPositional, "new capacity for the vol, as scaled integer (default bytes)"),
                opt::string("pool", kPositional, "pool name or uuid"),
                opt::flag("allocate", "allocate the new capacity, rather than leaving it sparse"),
                opt::flag("delta", "use capacity as a delta to current size, rather than the new size"),
                opt::flag("shrink", "allow the resize to shrink the volume"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "vol-upload",
            .help = "upload file contents to a volume",
            .desc = "Upload file contents to a volume",
            .options = {
                opt::data("vol", kRequired | kPositional, "vol name, key or path"),
                opt::data("file", kRequired | kPositional, "file"),
                opt::string("pool", kPositional, "pool name or uuid"),
                opt::number("offset", kPositional, "volume offset to upload to"),
                opt::number("length", kPositional, "amount of data to upload"),
                opt::flag("sparse", "preserve sparseness of volume"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "vol-wipe",
            .help = "wipe a vol",
            .desc = "Ensure data previously on a volume is not accessible to future reads",
            .options = {
                opt::data("vol", kRequired | kPositional, "vol name, key or path"),
                opt::string("pool", kPositional, "pool name or uuid"),
                opt::string("algorithm", kPositional, "perform selected wiping algorithm"),
            },
            .handler = cmdVolWipe,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
