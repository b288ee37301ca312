#pragma once
// cvirsh's own command line:
//   cvirsh [-c URI] [-r] [-q] [-d N] [-e ESC] [-k N] [-K N] [-l FILE] [-t]
//          [-h] [-v] [-V] [COMMAND_STRING | COMMAND [ARGS...]]

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cvirt::shell {

class Shell;

// Reads the options into shell.settings() and leaves the command words in
// `command`. Returns an exit status when the program should stop at once
// (--help, --version, a bad option), nullopt to go on.
std::optional<int> parseCommandLine(int argc, char** argv, Shell& shell, std::vector<std::string>& command);

// `cvirsh --help`, naming the program as it was invoked.
std::string usageText(std::string_view progname);
// -v / --version: the bare version; -V / --version=long: the long form.
std::string shortVersion();
std::string longVersion();

}  // namespace cvirt::shell
