// virsh's "Backup" commands: their declarations and handlers.
// Handlers that need a hypervisor connection are `notImplementedYet` until the public
// API exists; docs/cvirsh.md shows how to replace one.

#include "cvirsh/commands/groups.hpp"

namespace cvirt::shell {

const CommandGroup& backupGroup() {
    static const CommandGroup group{"Backup", "backup", {
        {
            .name = "backup-begin",
            .help = "Start a disk backup of a live domain",
            .desc = "Use XML to start a full or incremental disk backup of a live domain, optionally creating a checkpoint",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("backupxml", kPositional, "domain backup XML"),
                opt::string("checkpointxml", kPositional, "domain checkpoint XML"),
                opt::flag("reuse-external", "reuse files provided by caller"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "backup-dumpxml",
            .help = "Dump XML for an ongoing domain block backup job",
            .desc = "Backup Dump XML",
            .options = {
                opt::data("domain", kRequired | kPositional, "domain name, id or uuid"),
                opt::string("xpath", 0, "xpath expression to filter the XML document"),
                opt::flag("wrap", "wrap xpath results in an common root element"),
            },
            .handler = notImplementedYet,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
