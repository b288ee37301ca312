// virsh's "Virsh itself" commands: the ones about the shell, which all run
// without a hypervisor connection (except `complete`, as in virsh).

#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "cvirsh/commands/groups.hpp"
#include "cvirsh/completion.hpp"
#include "cvirsh/help.hpp"
#include "cvirsh/invocation.hpp"
#include "cvirsh/output/escape.hpp"
#include "cvirsh/registry.hpp"
#include "cvirsh/shell.hpp"
#include "util/strings.hpp"

namespace cvirt::shell {
namespace {

bool cmdHelp(Shell& shell, const Invocation& cmd) {
    Printer& p = shell.printer();
    auto name = cmd.raw("command");
    if (!name || name->empty()) {
        p.print(allCommandsHelp());
        return true;
    }
    if (const CommandDef* def = findCommand(*name)) {
        p.print(commandHelp(*def));
        return true;
    }
    if (const CommandGroup* group = findGroup(*name)) {
        p.print(groupHelp(*group));
        return true;
    }
    p.errorf("command or command group '{}' doesn't exist", *name);
    return false;
}

bool cmdQuit(Shell& shell, const Invocation&) {
    shell.setInteractive(false);
    return true;
}

// Splits on ',' with ",," standing for a literal comma; "" has no pieces.
std::vector<std::string> splitCommas(std::string_view text) {
    std::vector<std::string> pieces;
    if (text.empty())
        return pieces;
    std::string current;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != ',') {
            current += text[i];
        } else if (i + 1 < text.size() && text[i + 1] == ',') {
            current += ',';
            ++i;
        } else {
            pieces.push_back(std::move(current));
            current.clear();
        }
    }
    pieces.push_back(std::move(current));
    return pieces;
}

// Echo exists to test the shell's own parsing and quoting.
bool cmdEcho(Shell& shell, const Invocation& cmd) {
    requireExclusive(cmd, "shell", "xml");
    requireExclusive(cmd, "shell", "split");
    requireExclusive(cmd, "xml", "split");
    bool shellQuoted = cmd.has("shell"), xml = cmd.has("xml"), split = cmd.has("split");
    std::string out;
    bool first = true;
    for (const auto& arg : cmd.argv()) {
        if (!first)
            out += ' ';
        first = false;
        if (split) {
            for (const auto& piece : splitCommas(arg))
                out += piece + "\n";
        } else if (xml) {
            out += xmlEscapeText(arg);
        } else if (shellQuoted) {
            out += shellQuote(arg);
        } else {
            out += arg;
        }
    }
    if (cmd.has("err"))
        shell.printer().error(out);
    else
        shell.printer().print(out);
    return true;
}

bool cmdCd(Shell& shell, const Invocation& cmd) {
    if (!shell.interactive()) {
        shell.printer().error("cd: command valid only in interactive mode");
        return false;
    }
    std::string dir;
    if (auto given = cmd.raw("dir"); given && !given->empty()) {
        dir = *given;
    } else if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_dir) {
        dir = pw->pw_dir;
    } else {
        dir = "/";
    }
    if (chdir(dir.c_str()) != 0) {
        shell.printer().errorf("cd: {}: {}", std::strerror(errno), dir);
        return false;
    }
    return true;
}

bool cmdPwd(Shell& shell, const Invocation&) {
    std::unique_ptr<char, decltype(&std::free)> cwd(getcwd(nullptr, 0), &std::free);
    if (!cwd) {
        shell.printer().errorf("pwd: cannot get current directory: {}", std::strerror(errno));
        return false;
    }
    shell.printer().printf("{}\n", cwd.get());
    return true;
}

bool cmdConnect(Shell& shell, const Invocation& cmd) {
    // Without a name virsh reconnects to the URI it was using.
    if (auto name = cmd.string("name"))
        shell.settings().connectName = name;
    bool readonly = cmd.has("readonly");
    shell.settings().readonly = readonly;
    return shell.reconnect(shell.settings().connectName, readonly);
}

// The words typed so far, the last one partial; used by bash completion.
bool cmdComplete(Shell& shell, const Invocation& cmd) {
    for (const auto& candidate : completeLine(shell, join(cmd.argv(), " ")))
        shell.printer().print(candidate + "\n");
    return true;
}

// Checks every declaration; a broken table fails here, not in a user's hands.
bool cmdSelfTest(Shell& shell, const Invocation& cmd) {
    bool ok = true;
    bool listMissing = cmd.has("completers-missing");
    for (const auto* group : commandGroups())
        for (const auto& def : group->commands) {
            for (const auto& problem : validateCommand(def)) {
                shell.printer().error(problem);
                ok = false;
            }
            if (!listMissing || def.hidden())
                continue;
            std::vector<std::string> missing;
            for (const auto& o : def.options)
                if (o.takesValue() && o.type != OptionType::Argv && !o.completer)
                    missing.emplace_back(o.name);
            if (!missing.empty())
                shell.printer().printf("{}: {}\n", def.name, join(missing, ", "));
        }
    return ok;
}

std::vector<std::string> helpTopics(Shell&, const Invocation&) {
    std::vector<std::string> out;
    for (const auto* group : commandGroups()) {
        for (const auto& def : group->commands)
            if (!def.hidden())
                out.emplace_back(def.name);
    }
    return out;
}

}  // namespace

const CommandGroup& virshItselfGroup() {
    static const CommandGroup group{"Virsh itself", "virsh", {
        {
            .name = "cd",
            .help = "change the current directory",
            .desc = "Change the current directory.",
            .options = {
                opt::string("dir", kPositional, "directory to switch to (default: home or else root)"),
            },
            .handler = cmdCd,
            .flags = kNoConnect,
        },
        {
            .name = "echo",
            .help = "echo arguments. Used for internal testing.",
            .desc = "Echo back arguments, possibly with quoting. Used for internal testing.",
            .options = {
                opt::flag("shell", "escape for shell use"),
                opt::flag("xml", "escape for XML use"),
                opt::flag("split", "split each argument on ','; ',,' is an escape sequence"),
                opt::flag("err", "output to stderr"),
                opt::alias("str", "string"),
                opt::alias("hi", "string=hello"),
                opt::argv("string", kPositional, "arguments to echo"),
            },
            .handler = cmdEcho,
            .flags = kNoConnect,
        },
        {
            .name = "exit",
            .help = "quit this interactive terminal",
            .desc = "",
            .handler = cmdQuit,
            .flags = kNoConnect,
        },
        {
            .name = "help",
            .help = "print help",
            .desc = "Prints global help, command specific help, or help for a\n    group of related commands",
            .options = {
                {.name = "command",
                 .type = OptionType::String,
                 .flags = kPositional,
                 .help = "Prints global help, command specific help, or help for a group of related commands",
                 .completer = helpTopics},
            },
            .handler = cmdHelp,
            .flags = kNoConnect,
        },
        {
            .name = "pwd",
            .help = "print the current directory",
            .desc = "Print the current directory.",
            .handler = cmdPwd,
            .flags = kNoConnect,
        },
        {
            .name = "quit",
            .help = "quit this interactive terminal",
            .desc = "",
            .handler = cmdQuit,
            .flags = kNoConnect,
        },
        {
            .name = "connect",
            .help = "(re)connect to hypervisor",
            .desc = "Connect to local hypervisor. This is built-in command after shell start up.",
            .options = {
                opt::string("name", kPositional, "hypervisor connection URI"),
                opt::flag("readonly", "read-only connection"),
            },
            .handler = cmdConnect,
            .flags = kNoConnect,
        },
        {
            .name = "complete",
            .help = "internal command for autocompletion",
            .desc = "internal use only",
            .options = {
                opt::argv("string", kPositional, "partial string to autocomplete"),
            },
            .handler = cmdComplete,
            .flags = kHidden,
        },
        {
            .name = "self-test",
            .help = "internal command for testing virt shells",
            .desc = "internal use only",
            .options = {
                opt::flag("completers-missing", "output the list of options which are missing completers"),
            },
            .handler = cmdSelfTest,
            .flags = kNoConnect | kHidden,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
