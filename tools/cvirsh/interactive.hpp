#pragma once
// The interactive shell: banner, readline editing and completion, history.

#include <string>

namespace cvirt::shell {

class Shell;

// Reads and runs lines until quit, exit or end of input. Returns the exit
// status (virsh's interactive mode always ends with success).
int runInteractive(Shell& shell);

// Where history is kept: $XDG_CACHE_HOME/cvirsh/history, else
// ~/.cache/cvirsh/history.
std::string historyPath();

}  // namespace cvirt::shell
