#pragma once
// How a cvirsh command is declared: one CommandDef per command, held in its
// group's table (commands/<group>.cpp). Parsing, help, error messages and
// completion all read these declarations; nothing about a command's options
// is written anywhere else. docs/cvirsh.md shows how to add one.

#include <string>
#include <string_view>
#include <vector>

namespace cvirt::shell {

class Shell;
class Invocation;

enum class OptionType {
    Bool,    // --name, no value
    String,  // --name <string>
    Number,  // --name <number>; the handler decides the integer type
    Data,    // a required value, normally given without its name
    Argv,    // every remaining value; must be the last option
    Alias,   // a hidden other name; `help` holds "target" or "target=value"
};

// Option flags, as virsh's option table has them.
enum OptionFlag : unsigned {
    kRequired = 1u << 0,    // the command fails to parse without it
    kPositional = 1u << 1,  // a bare value fills it (in declared order)
    kEmptyOk = 1u << 2,     // an empty value is accepted
};

// Candidates for an option's value, for tab completion (e.g. domain names).
using Completer = std::vector<std::string> (*)(Shell& shell, const Invocation& partial);

struct OptionDef {
    std::string_view name;
    OptionType type = OptionType::Bool;
    unsigned flags = 0;
    std::string_view help;
    Completer completer = nullptr;

    bool required() const { return flags & kRequired; }
    bool positional() const { return flags & kPositional; }
    bool takesValue() const { return type != OptionType::Bool && type != OptionType::Alias; }
};

// A handler prints through `shell` and returns false (or throws cvirt::Error)
// when the command failed; the shell then prints the error and the exit
// status becomes 1.
using Handler = bool (*)(Shell& shell, const Invocation& cmd);

enum CommandFlag : unsigned {
    kNoConnect = 1u << 0,  // runs without a hypervisor connection
    kHidden = 1u << 1,     // left out of command listings
};

struct CommandDef {
    std::string_view name;
    std::string_view help;  // one line, shown in listings
    std::string_view desc;  // shown by `help NAME`; may be empty
    std::vector<OptionDef> options;
    Handler handler = nullptr;
    unsigned flags = 0;
    std::string_view aliasOf;  // a hidden old name for another command

    bool needsConnection() const { return !(flags & kNoConnect); }
    bool hidden() const { return flags & kHidden; }
    const OptionDef* option(std::string_view name) const;
};

struct CommandGroup {
    std::string_view name;     // "Domain Management"
    std::string_view keyword;  // "domain", for `help domain`
    std::vector<CommandDef> commands;
};

// Builders that keep the tables short and readable.
namespace opt {
constexpr OptionDef flag(std::string_view name, std::string_view help) {
    return {name, OptionType::Bool, 0, help};
}
constexpr OptionDef string(std::string_view name, unsigned flags, std::string_view help) {
    return {name, OptionType::String, flags, help};
}
constexpr OptionDef number(std::string_view name, unsigned flags, std::string_view help) {
    return {name, OptionType::Number, flags, help};
}
constexpr OptionDef data(std::string_view name, unsigned flags, std::string_view help) {
    return {name, OptionType::Data, flags, help};
}
constexpr OptionDef argv(std::string_view name, unsigned flags, std::string_view help) {
    return {name, OptionType::Argv, flags, help};
}
// `target` is an option declared later in the same command, optionally with
// a fixed value ("mode=shareable").
constexpr OptionDef alias(std::string_view name, std::string_view target) {
    return {name, OptionType::Alias, 0, target};
}
}  // namespace opt

}  // namespace cvirt::shell
