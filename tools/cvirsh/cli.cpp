#include "cvirsh/cli.hpp"

#include <getopt.h>

#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "cvirsh/help.hpp"
#include "cvirsh/shell.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

#ifndef CVIRT_VERSION
#define CVIRT_VERSION "0.0.0"
#endif

namespace cvirt::shell {
namespace {

const option kLongOptions[] = {
    {"connect", required_argument, nullptr, 'c'},
    {"debug", required_argument, nullptr, 'd'},
    {"escape", required_argument, nullptr, 'e'},
    {"help", no_argument, nullptr, 'h'},
    {"keepalive-interval", required_argument, nullptr, 'k'},
    {"keepalive-count", required_argument, nullptr, 'K'},
    {"log", required_argument, nullptr, 'l'},
    {"quiet", no_argument, nullptr, 'q'},
    {"readonly", no_argument, nullptr, 'r'},
    {"timing", no_argument, nullptr, 't'},
    {"version", optional_argument, nullptr, 'v'},
    {nullptr, 0, nullptr, 0},
};

// "^X" with X in @..._ or a..z, or any one character but '^'.
bool validEscape(std::string_view text) {
    auto allowed = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '@' && c <= '_'); };
    return (text.size() == 2 && text[0] == '^' && allowed(text[1])) ||
           (text.size() == 1 && text[0] != '^');
}

std::optional<int> toInt(const char* text) {
    char* end = nullptr;
    errno = 0;
    long v = std::strtol(text, &end, 10);
    if (errno || end == text || *end || v < INT32_MIN || v > INT32_MAX)
        return std::nullopt;
    return static_cast<int>(v);
}

}  // namespace

std::string usageText(std::string_view progname) {
    std::string out = fmt::format(
        "\n"
        "{0} [options]... [<command_string>]\n"
        "{0} [options]... <command> [args...]\n"
        "\n"
        "  options:\n"
        "    -c | --connect=URI      hypervisor connection URI\n"
        "    -d | --debug=NUM        debug level [0-4]\n"
        "    -e | --escape <char>    set escape sequence for console\n"
        "    -h | --help             this help\n"
        "    -k | --keepalive-interval=NUM\n"
        "                            keepalive interval in seconds, 0 for disable\n"
        "    -K | --keepalive-count=NUM\n"
        "                            number of possible missed keepalive messages\n"
        "    -l | --log=FILE         output logging to file\n"
        "    -q | --quiet            quiet mode\n"
        "    -r | --readonly         connect readonly\n"
        "    -t | --timing           print timing information\n"
        "    -v                      short version\n"
        "    -V                      long version\n"
        "         --version[=TYPE]   version, TYPE is short or long (default short)\n"
        "  commands (non interactive mode):\n"
        "\n",
        progname);
    out += usageCommandList();
    out +=
        "\n"
        "  (specify help <group> for details about the commands in the group)\n"
        "\n"
        "  (specify help <command> for details about the command)\n"
        "\n";
    return out;
}

std::string shortVersion() { return std::string(CVIRT_VERSION) + "\n"; }

std::string longVersion() {
    return fmt::format(
        "Cvirsh command line tool of cvirt {}\n"
        "See web site at https://libvirt.org/\n"
        "\n"
        "Compiled with support for:\n"
        " Hypervisors: QEMU/KVM LXC Test\n"
        " Networking: Remote Network Bridging\n"
        " Storage: Dir Filesystem LVM\n"
        " Miscellaneous: Daemon Readline\n",
        CVIRT_VERSION);
}

std::optional<int> parseCommandLine(int argc, char** argv, Shell& shell, std::vector<std::string>& command) {
    Settings& s = shell.settings();
    Printer& p = shell.printer();
    std::string progname = argc > 0 ? argv[0] : "cvirsh";
    if (auto slash = progname.rfind('/'); slash != std::string::npos)
        progname.erase(0, slash + 1);

    // '+': stop at the first word that is not an option (the command);
    // ':': report a missing argument as ':' rather than printing.
    optind = 0;
    opterr = 0;
    int c;
    int longIndex = -1;
    // Messages name the option as it was written: "-k" or "--keepalive-interval".
    auto spelled = [&](char shortName) {
        return longIndex >= 0 ? fmt::format("--{}", kLongOptions[longIndex].name) : fmt::format("-{}", shortName);
    };
    while ((c = getopt_long(argc, argv, "+:c:d:e:hk:K:l:qrtvV", kLongOptions, &longIndex)) != -1) {
        switch (c) {
            case 'c':
                s.connectName = optarg;
                s.connectGiven = true;
                break;
            case 'd': {
                auto level = toInt(optarg);
                if (!level) {
                    p.errorf("option {} takes a numeric argument", spelled('d'));
                    return EXIT_FAILURE;
                }
                if (*level < kDebug || *level > kError)
                    p.errorf("ignoring debug level {} out of range [{}-{}]", *level, int(kDebug), int(kError));
                else
                    s.debug = *level;
                break;
            }
            case 'e':
                if (!validEscape(optarg)) {
                    p.errorf("Invalid string '{}' for escape sequence", optarg);
                    return EXIT_FAILURE;
                }
                s.escapeChar = optarg;
                break;
            case 'h':
                p.print(usageText(progname));
                return EXIT_SUCCESS;
            case 'k':
            case 'K': {
                auto value = toInt(optarg);
                if (!value) {
                    p.errorf("Invalid value for option {}", spelled(char(c)));
                    return EXIT_FAILURE;
                }
                if (*value < 0) {
                    p.errorf("option {} requires a positive integer argument", spelled(char(c)));
                    return EXIT_FAILURE;
                }
                (c == 'k' ? s.keepaliveInterval : s.keepaliveCount) = *value;
                break;
            }
            case 'l':
                try {
                    shell.openLog(optarg);
                } catch (const Error& e) {
                    p.error(e.message());
                    return EXIT_FAILURE;
                }
                break;
            case 'q':
                s.quiet = true;
                p.setQuiet(true);
                break;
            case 'r':
                s.readonly = true;
                break;
            case 't':
                s.timing = true;
                break;
            case 'v':
                if (!optarg || std::strcmp(optarg, "long") != 0) {
                    p.print(shortVersion());
                    return EXIT_SUCCESS;
                }
                [[fallthrough]];
            case 'V':
                p.print(longVersion());
                return EXIT_SUCCESS;
            case ':': {
                const option* o = kLongOptions;
                while (o->name && o->val != optopt)
                    ++o;
                if (o->name)
                    p.errorf("option '-{}'/'--{}' requires an argument", char(optopt), o->name);
                else
                    p.errorf("option '-{}' requires an argument", char(optopt));
                return EXIT_FAILURE;
            }
            default:
                if (optopt)
                    p.errorf("unsupported option '-{}'. See --help.", char(optopt));
                else
                    p.errorf("unsupported option '{}'. See --help.", argv[optind - 1]);
                return EXIT_FAILURE;
        }
        longIndex = -1;
    }
    for (int i = optind; i < argc; ++i)
        command.emplace_back(argv[i]);
    return std::nullopt;
}

}  // namespace cvirt::shell
