#pragma once
// Turns words into commands with virsh's option grammar:
//   --name value, --name=value, bare values filling the positional options
//   in declared order, bool flags, "--" ending option parsing, aliases,
//   --help turning any command into "help <command>".
// Every error carries virsh's message; one error rejects the whole input,
// so no command of a ';' list runs.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cvirsh/invocation.hpp"
#include "cvirsh/tokenizer.hpp"

namespace cvirt::shell {

struct ParseHooks {
    // Errors virsh reports but parses on after (only `help` has them).
    std::function<void(const std::string&)> softError;
    // One line per option parsed, for -d (virsh's debug trace).
    std::function<void(const std::string&)> trace;
};

// Parses every command of the input; throws ParseError on the first error.
std::vector<Invocation> parseCommands(TokenSource& tokens, const ParseHooks& hooks = {});

}  // namespace cvirt::shell
