#include "daemon/daemon_options.hpp"

#include "util/error.hpp"
#include "util/strings.hpp"

namespace cvirt::daemon {

std::string DaemonOptions::usage(const std::string& program) {
    return fmt::format(
        "\n"
        "Usage:\n"
        "  {} [options]\n"
        "\n"
        "Options:\n"
        "  -h | --help            Display program help\n"
        "  -v | --verbose         Verbose messages\n"
        "  -d | --daemon          Run as a daemon & write PID file\n"
        "  -l | --listen          Listen for TCP/IP connections\n"
        "  -t | --timeout <secs>  Exit after timeout period\n"
        "  -f | --config <file>   Configuration file\n"
        "  -V | --version         Display version information\n"
        "  -p | --pid-file <file> Change name of PID file\n"
        "       --root <dir>      Keep every file of the daemon under <dir>\n"
        "       --session         Run as the user's session daemon (XDG paths), even as root\n"
        "\n"
        "cvirt management daemon:\n"
        "\n"
        "  Default paths:\n"
        "\n"
        "    Configuration file (unless overridden by -f):\n"
        "      /etc/cvirt/cvirtd.conf\n"
        "\n"
        "    Sockets:\n"
        "      /run/cvirt/libvirt-sock\n"
        "      /run/cvirt/libvirt-sock-ro\n"
        "\n"
        "    PID file (unless overridden by -p):\n"
        "      /run/cvirt/cvirtd.pid\n"
        "\n",
        program);
}

DaemonOptions DaemonOptions::parse(const std::vector<std::string>& args) {
    DaemonOptions o;
    for (size_t i = 0; i < args.size(); ++i) {
        std::string arg = args[i];
        std::optional<std::string> inlineValue;
        if (arg.starts_with("--") && arg.find('=') != std::string::npos) {
            inlineValue = arg.substr(arg.find('=') + 1);
            arg = arg.substr(0, arg.find('='));
        } else if (arg.size() > 2 && arg[0] == '-' && arg[1] != '-' && std::string_view("ftp").find(arg[1]) != std::string_view::npos) {
            // getopt's attached value: -t30, -f/etc/x.conf
            inlineValue = arg.substr(2);
            arg = arg.substr(0, 2);
        }
        auto value = [&]() -> std::string {
            if (inlineValue)
                return *inlineValue;
            if (i + 1 >= args.size())
                fail(ErrorCode::InvalidArg, ErrorDomain::None, "option '{}' requires an argument", arg);
            return args[++i];
        };
        if (arg == "-d" || arg == "--daemon")
            o.daemonize = true;
        else if (arg == "-f" || arg == "--config")
            o.configFile = value();
        else if (arg == "-l" || arg == "--listen")
            o.listen = true;
        else if (arg == "-p" || arg == "--pid-file")
            o.pidFile = value();
        else if (arg == "-t" || arg == "--timeout") {
            std::string v = value();
            auto t = parseInt<int>(v);
            if (!t || *t <= 0)
                fail(ErrorCode::InvalidArg, ErrorDomain::None, "Invalid value for timeout '{}'", v);
            o.timeout = *t;
        } else if (arg == "-v" || arg == "--verbose")
            o.verbose = true;
        else if (arg == "-V" || arg == "--version")
            o.version = true;
        else if (arg == "-h" || arg == "--help")
            o.help = true;
        else if (arg == "--session")
            o.session = true;
        else if (arg == "--root") {
            o.root = value();
            if (o.root.empty() || o.root.front() != '/')
                fail(ErrorCode::InvalidArg, ErrorDomain::None, "root directory '{}' must be an absolute path", o.root);
            while (o.root.size() > 1 && o.root.back() == '/')
                o.root.pop_back();
        } else
            fail(ErrorCode::InvalidArg, ErrorDomain::None, "unrecognized option '{}'", arg);
    }
    if (o.session && !o.root.empty())
        fail(ErrorCode::InvalidArg, ErrorDomain::None, "{}", "options --session and --root are mutually exclusive");
    return o;
}

}  // namespace cvirt::daemon
