// virsh's "Secret" commands: their declarations and handlers.
// Handlers that need a hypervisor connection are `notImplementedYet` until the public
// API exists; docs/cvirsh.md shows how to replace one.

#include "cvirsh/commands/groups.hpp"

namespace cvirt::shell {

const CommandGroup& secretGroup() {
    static const CommandGroup group{"Secret", "secret", {
        {
            .name = "secret-define",
            .help = "define or modify a secret from an XML file",
            .desc = "Define or modify a secret.",
            .options = {
                opt::data("file", kRequired | kPositional, "file containing secret attributes in XML"),
                opt::flag("validate", "validate the XML against the schema"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "secret-dumpxml",
            .help = "secret attributes in XML",
            .desc = "Output attributes of a secret as an XML dump to stdout.",
            .options = {
                opt::data("secret", kRequired | kPositional, "secret UUID"),
                opt::string("xpath", 0, "xpath expression to filter the XML document"),
                opt::flag("wrap", "wrap xpath results in an common root element"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "secret-event",
            .help = "Secret Events",
            .desc = "List event types, or wait for secret events to occur",
            .options = {
                opt::string("secret", kPositional, "filter by secret name or uuid"),
                opt::string("event", kPositional, "which event type to wait for"),
                opt::flag("loop", "loop until timeout or interrupt, rather than one-shot"),
                opt::number("timeout", kPositional, "timeout seconds"),
                opt::flag("list", "list valid event types"),
                opt::flag("timestamp", "show timestamp for each printed event"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "secret-get-value",
            .help = "Output a secret value",
            .desc = "Output a secret value to stdout.",
            .options = {
                opt::data("secret", kRequired | kPositional, "secret UUID"),
                opt::flag("plain", "get value without converting to base64"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "secret-list",
            .help = "list secrets",
            .desc = "Returns a list of secrets",
            .options = {
                opt::flag("ephemeral", "list ephemeral secrets"),
                opt::flag("no-ephemeral", "list non-ephemeral secrets"),
                opt::flag("private", "list private secrets"),
                opt::flag("no-private", "list non-private secrets"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "secret-set-value",
            .help = "set a secret value",
            .desc = "Set a secret value.",
            .options = {
                opt::data("secret", kRequired | kPositional, "secret UUID"),
                opt::string("file", 0, "read secret from file"),
                opt::flag("plain", "read the secret from file without converting from base64"),
                opt::flag("interactive", "read the secret from the terminal"),
                opt::string("base64", kPositional, "base64-encoded secret value"),
            },
            .handler = notImplementedYet,
        },
        {
            .name = "secret-undefine",
            .help = "undefine a secret",
            .desc = "Undefine a secret.",
            .options = {
                opt::data("secret", kRequired | kPositional, "secret UUID"),
            },
            .handler = notImplementedYet,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
