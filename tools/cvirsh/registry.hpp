#pragma once
// The table of every cvirsh command, grouped as virsh groups them.

#include <string>
#include <string_view>
#include <vector>

#include "cvirsh/command_def.hpp"

namespace cvirt::shell {

// All groups in virsh's order (the order `help` lists them).
const std::vector<const CommandGroup*>& commandGroups();

// A command by name; an alias resolves to its target. nullptr if unknown.
const CommandDef* findCommand(std::string_view name);
// A group by its name or help keyword. nullptr if unknown.
const CommandGroup* findGroup(std::string_view nameOrKeyword);

// Checks a declaration against the rules the parser relies on (required
// positional options first, argv last, aliases pointing at a later option,
// bool options never required). Returns the problems found, empty if none.
std::vector<std::string> validateCommand(const CommandDef& def);

}  // namespace cvirt::shell
