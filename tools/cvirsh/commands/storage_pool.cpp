// virsh's "Storage Pool" commands: their declarations and handlers.
// Handlers that need a hypervisor connection are `needsApi` until the public
// API exists; docs/cvirsh.md shows how to replace one.

#include "cvirsh/commands/groups.hpp"

namespace cvirt::shell {

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
            .handler = needsApi,
        },
        {
            .name = "find-storage-pool-sources",
            .help = "discover potential storage pool sources",
            .desc = "Returns XML <sources> document.",
            .options = {
                opt::data("type", kRequired | kPositional, "type of storage pool sources to discover"),
                opt::string("srcSpec", kPositional, "optional file of source xml to query for pools"),
            },
            .handler = needsApi,
        },
        {
            .name = "pool-autostart",
            .help = "autostart a pool",
            .desc = "Configure a pool to be automatically started at boot.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
                opt::flag("disable", "disable autostarting"),
            },
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
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
            .handler = needsApi,
        },
        {
            .name = "pool-define",
            .help = "define an inactive persistent storage pool or modify an existing persistent one from an XML file",
            .desc = "Define or modify a persistent storage pool.",
            .options = {
                opt::data("file", kRequired | kPositional, "file containing an XML pool description"),
                opt::flag("validate", "validate the XML against the schema"),
            },
            .handler = needsApi,
        },
        {
            .name = "pool-delete",
            .help = "delete a pool",
            .desc = "Delete a given pool.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
            },
            .handler = needsApi,
        },
        {
            .name = "pool-destroy",
            .help = "destroy (stop) a pool",
            .desc = "Forcefully stop a given pool. Raw data in the pool is untouched",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
            },
            .handler = needsApi,
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
            .handler = needsApi,
        },
        {
            .name = "pool-edit",
            .help = "edit XML configuration for a storage pool",
            .desc = "Edit the XML configuration for a storage pool.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
            },
            .handler = needsApi,
        },
        {
            .name = "pool-info",
            .help = "storage pool information",
            .desc = "Returns basic information about the storage pool.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
                opt::flag("bytes", "Return pool info in bytes"),
            },
            .handler = needsApi,
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
            .handler = needsApi,
        },
        {
            .name = "pool-name",
            .help = "convert a pool UUID to pool name",
            .desc = "",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
            },
            .handler = needsApi,
        },
        {
            .name = "pool-refresh",
            .help = "refresh a pool",
            .desc = "Refresh a given pool.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
            },
            .handler = needsApi,
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
            .handler = needsApi,
        },
        {
            .name = "pool-undefine",
            .help = "undefine an inactive pool",
            .desc = "Undefine the configuration for an inactive pool.",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
            },
            .handler = needsApi,
        },
        {
            .name = "pool-uuid",
            .help = "convert a pool name to pool UUID",
            .desc = "",
            .options = {
                opt::data("pool", kRequired | kPositional, "pool name or uuid"),
            },
            .handler = needsApi,
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
            .handler = needsApi,
        },
        {
            .name = "pool-capabilities",
            .help = "storage pool capabilities",
            .desc = "Returns capabilities of storage pool support.",
            .handler = needsApi,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
