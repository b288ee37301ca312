#pragma once
// The shell's state (virsh's vshControl): settings from the command line,
// the connection, the output, and the loop that runs parsed commands.

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cvirsh/connection.hpp"
#include "cvirsh/invocation.hpp"
#include "cvirsh/output/printer.hpp"
#include "cvirsh/tokenizer.hpp"

namespace cvirt::shell {

// virsh's debug levels (-d): messages at or above the level are shown.
enum DebugLevel : int { kDebug = 0, kInfo = 1, kNotice = 2, kWarning = 3, kError = 4 };

// Thrown by a handler that has already printed why it failed (virsh's
// `vshError(...); return false;`): the run loop prints nothing more and the
// command's status becomes a failure.
struct CommandFailed {};

struct Settings {
    std::optional<std::string> connectName;  // -c, else VIRSH_DEFAULT_CONNECT_URI
    bool connectGiven = false;               // -c was used: connect before the first command
    bool readonly = false;
    bool quiet = false;
    bool timing = false;
    int debug = kError;
    std::string escapeChar = "^]";  // console escape sequence
    int keepaliveInterval = 5;
    int keepaliveCount = 6;
    std::string logFile;
};

class Shell {
public:
    Shell(Printer& printer, std::unique_ptr<Connector> connector);
    ~Shell();

    Printer& printer() { return printer_; }
    Settings& settings() { return settings_; }
    const Settings& settings() const { return settings_; }
    Connector& connector() { return *connector_; }

    bool interactive() const { return interactive_; }
    void setInteractive(bool on) { interactive_ = on; }

    // Opens the log file (-l); throws cvirt::Error when it cannot.
    void openLog(const std::string& path);
    // A debug message at `level` (to stdout and the log, as virsh does).
    void debug(int level, std::string_view message);

    // Parses and runs a command string or an argument vector. Returns the
    // status of the last command run; false after a syntax error (which
    // runs nothing) or for empty input in argv/string form.
    bool runString(std::string_view line);
    bool runArgv(std::vector<std::string> args);
    bool run(const std::vector<Invocation>& commands);
    // Parses without running; prints the syntax error and returns nullopt.
    std::optional<std::vector<Invocation>> parseString(std::string_view line);
    std::optional<std::vector<Invocation>> parseArgv(std::vector<std::string> args);

    // Makes sure a connection is open, (re)connecting as needed; prints
    // "failed to connect to the hypervisor" and the cause when it cannot.
    bool ensureConnected();
    // Closes any connection and opens `name` (nullopt: the default).
    bool reconnect(const std::optional<std::string>& name, bool readonly);

    // Reports a failed command: "error: <message>" on stderr.
    void reportError(std::string_view message) { printer_.error(message); }

private:
    std::optional<std::vector<Invocation>> parseTokens(TokenSource& tokens);
    bool runOne(const Invocation& cmd);
    Printer& printer_;
    std::unique_ptr<Connector> connector_;
    Settings settings_;
    bool interactive_ = false;
    std::FILE* log_ = nullptr;
};

}  // namespace cvirt::shell
