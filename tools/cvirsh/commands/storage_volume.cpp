// virsh's "Storage Volume" commands: their declarations and handlers.
// Handlers that need a hypervisor connection are `needsApi` until the public
// API exists; docs/cvirsh.md shows how to replace one.

#include "cvirsh/commands/groups.hpp"

namespace cvirt::shell {

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
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
        },
        {
            .name = "vol-key",
            .help = "returns the volume key for a given volume name or path",
            .desc = "",
            .options = {
                opt::data("vol", kRequired | kPositional, "volume name or path"),
                opt::string("pool", kPositional, "pool name or uuid"),
            },
            .handler = needsApi,
        },
        {
            .name = "vol-list",
            .help = "list vols",
            .desc = "Returns list of vols by pool.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
                opt::flag("details", "display extended details for volumes"),
            },
            .handler = needsApi,
        },
        {
            .name = "vol-name",
            .help = "returns the volume name for a given volume key or path",
            .desc = "",
            .options = {
                opt::data("vol", kRequired | kPositional, "volume key or path"),
            },
            .handler = needsApi,
        },
        {
            .name = "vol-path",
            .help = "returns the volume path for a given volume name or key",
            .desc = "",
            .options = {
                opt::data("vol", kRequired | kPositional, "volume name or key"),
                opt::string("pool", kPositional, "pool name or uuid"),
            },
            .handler = needsApi,
        },
        {
            .name = "vol-pool",
            .help = "returns the storage pool for a given volume key or path",
            .desc = "",
            .options = {
                opt::data("vol", kRequired | kPositional, "volume key or path"),
                opt::flag("uuid", "return the pool uuid rather than pool name"),
            },
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
