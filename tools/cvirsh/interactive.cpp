#include "cvirsh/interactive.hpp"

#include <readline/history.h>
#include <readline/readline.h>

#include <cstdlib>
#include <memory>

#include "cvirsh/completion.hpp"
#include "cvirsh/shell.hpp"
#include "util/error.hpp"
#include "util/files.hpp"

namespace cvirt::shell {
namespace {

constexpr int kDefaultHistorySize = 500;
constexpr int kMaxHistorySize = 100000;

// readline's callbacks take no user data, so the shell being completed for
// lives here while runInteractive() runs.
Shell* g_completing = nullptr;
std::vector<std::string> g_matches;

char* nextMatch(const char*, int state) {
    static size_t index;
    if (state == 0)
        index = 0;
    if (index >= g_matches.size())
        return nullptr;
    return strdup(g_matches[index++].c_str());
}

char** attemptCompletion(const char*, int, int end) {
    rl_attempted_completion_over = 1;  // never fall back to file names
    if (!g_completing)
        return nullptr;
    g_matches = completeLine(*g_completing, std::string_view(rl_line_buffer, static_cast<size_t>(end)));
    return rl_completion_matches("", nextMatch);
}

int historySize() {
    for (const char* name : {"CVIRSH_HISTSIZE", "VIRSH_HISTSIZE"}) {
        const char* v = std::getenv(name);
        if (!v || !*v)
            continue;
        char* end = nullptr;
        long n = std::strtol(v, &end, 10);
        if (*end == '\0' && n >= 0 && n <= kMaxHistorySize)
            return static_cast<int>(n);
    }
    return kDefaultHistorySize;
}

// RAII for readline's global state and the history file.
class ReadlineSession {
public:
    explicit ReadlineSession(Shell& shell) : path_(historyPath()) {
        g_completing = &shell;
        rl_readline_name = "cvirsh";
        rl_attempted_completion_function = attemptCompletion;
        rl_basic_word_break_characters = const_cast<char*>(" \t\n\\`@$><=;|&{(");
        stifle_history(historySize());
        read_history(path_.c_str());
    }
    ~ReadlineSession() {
        g_completing = nullptr;
        auto slash = path_.rfind('/');
        try {
            makeDirectories(path_.substr(0, slash), 0755);
            write_history(path_.c_str());
        } catch (const Error&) {
            // History is a convenience; failing to save it is not an error.
        }
        clear_history();
    }
    ReadlineSession(const ReadlineSession&) = delete;
    ReadlineSession& operator=(const ReadlineSession&) = delete;

private:
    std::string path_;
};

struct FreeLine {
    void operator()(char* p) const { std::free(p); }
};

}  // namespace

std::string historyPath() {
    const char* cache = std::getenv("XDG_CACHE_HOME");
    std::string dir;
    if (cache && *cache) {
        dir = cache;
    } else {
        const char* home = std::getenv("HOME");
        dir = std::string(home ? home : "") + "/.cache";
    }
    return dir + "/cvirsh/history";
}

int runInteractive(Shell& shell) {
    Printer& p = shell.printer();
    shell.setInteractive(true);
    p.printExtra(
        "Welcome to cvirsh, the virtualization interactive terminal.\n"
        "\n"
        "Type:  'help' for help with commands\n"
        "       'quit' to quit\n"
        "\n");
    p.flush();
    ReadlineSession session(shell);
    while (shell.interactive()) {
        const char* prompt = shell.settings().readonly ? "cvirsh > " : "cvirsh # ";
        std::unique_ptr<char, FreeLine> line(readline(prompt));
        if (!line)
            break;
        if (*line) {
            add_history(line.get());
            shell.runString(line.get());
        }
        p.flush();
    }
    // The line break after the last prompt (end of input or quit).
    p.print("\n");
    p.flush();
    return EXIT_SUCCESS;
}

}  // namespace cvirt::shell
