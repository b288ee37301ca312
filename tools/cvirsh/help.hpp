#pragma once
// Help text, all derived from the command tables.

#include <string>
#include <string_view>

#include "cvirsh/command_def.hpp"

namespace cvirt::shell {

// `help CMD`: NAME, SYNOPSIS, DESCRIPTION, OPTIONS.
std::string commandHelp(const CommandDef& def);
// `help GROUP`: " Name (help keyword 'kw'):" and one line per command.
std::string groupHelp(const CommandGroup& group);
// `help`: "Grouped commands:" and every group.
std::string allCommandsHelp();
// The command listing at the end of `cvirsh --help`.
std::string usageCommandList();

}  // namespace cvirt::shell
