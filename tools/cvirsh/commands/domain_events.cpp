// virsh's "Domain Events" commands: their declarations and handlers.
// Handlers that need a hypervisor connection are `needsApi` until the public
// API exists; docs/cvirsh.md shows how to replace one.

#include "cvirsh/commands/groups.hpp"

namespace cvirt::shell {

const CommandGroup& domainEventsGroup() {
    static const CommandGroup group{"Domain Events", "events", {
        {
            .name = "event",
            .help = "Domain Events",
            .desc = "List event types, or wait for domain events to occur",
            .options = {
                opt::string("domain", kPositional, "filter by domain name, id or uuid"),
                opt::string("event", kPositional, "which event type to wait for"),
                opt::flag("all", "wait for all events instead of just one type"),
                opt::flag("loop", "loop until timeout or interrupt, rather than one-shot"),
                opt::number("timeout", kPositional, "timeout seconds"),
                opt::flag("list", "list valid event types"),
                opt::flag("timestamp", "show timestamp for each printed event"),
            },
            .handler = needsApi,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
