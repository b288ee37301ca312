#pragma once
// Tab completion from the command tables: command names, option names not
// yet given, and option values through an option's Completer.

#include <string>
#include <string_view>
#include <vector>

namespace cvirt::shell {

class Shell;

// Candidates for the last (possibly empty) word of `line`, the text before
// the cursor. Unfinished quoting is tolerated.
std::vector<std::string> completeLine(Shell& shell, std::string_view line);

}  // namespace cvirt::shell
