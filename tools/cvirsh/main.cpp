// cvirsh: the virsh-compatible shell of cvirt.

#include <clocale>
#include <cstdlib>

#include "cvirsh/cli.hpp"
#include "cvirsh/connection.hpp"
#include "cvirsh/interactive.hpp"
#include "cvirsh/shell.hpp"

int main(int argc, char** argv) {
    using namespace cvirt::shell;
    // Table widths follow the user's locale, as virsh's do.
    std::setlocale(LC_ALL, "");

    Printer printer;
    Shell shell(printer, makeConnector([](const char* name) { return std::getenv(name); }));
    for (const char* name : {"CVIRSH_DEFAULT_CONNECT_URI", "VIRSH_DEFAULT_CONNECT_URI"}) {
        const char* uri = std::getenv(name);
        if (uri && *uri) {
            shell.settings().connectName = uri;
            break;
        }
    }

    std::vector<std::string> words;
    if (auto status = parseCommandLine(argc, argv, shell, words))
        return *status;

    // The command is parsed before connecting, so a syntax error is
    // reported even when the connection would fail.
    std::optional<std::vector<Invocation>> commands;
    if (!words.empty()) {
        commands = words.size() == 1 ? shell.parseString(words.front()) : shell.parseArgv(words);
        if (!commands)
            return EXIT_FAILURE;
    }
    // A URI named with -c must connect before anything runs; the default
    // connection waits until a command needs it.
    const Settings& s = shell.settings();
    if (s.connectGiven && !shell.reconnect(s.connectName, s.readonly))
        return EXIT_FAILURE;

    int status = commands ? (shell.run(*commands) ? EXIT_SUCCESS : EXIT_FAILURE) : runInteractive(shell);
    printer.flush();
    return status;
}
