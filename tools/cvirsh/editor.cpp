#include "cvirsh/editor.hpp"

#include <termios.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

#include <fmt/format.h>

#include "cvirsh/shell.hpp"
#include "util/error.hpp"
#include "util/fd.hpp"
#include "util/files.hpp"
#include "util/process.hpp"

namespace cvirt::shell {
namespace {

// Characters an editor command or file name may hold to be run without a
// shell; anything else goes through "sh -c", as virsh decides.
constexpr std::string_view kPlainChars =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:@/";

bool plain(std::string_view text) { return text.find_first_not_of(kPlainChars) == std::string_view::npos; }

// The temporary copy of the XML; removed when the cycle ends.
class TempFile {
public:
    explicit TempFile(const std::string& text) {
        const char* dir = std::getenv("TMPDIR");
        path_ = fmt::format("{}/cvirshXXXXXX.xml", dir && *dir ? dir : "/tmp");
        UniqueFd fd(::mkstemps(path_.data(), 4));
        if (!fd) {
            int err = errno;
            path_.clear();
            throw Error::raw(ErrorCode::SystemError, ErrorDomain::None,
                             fmt::format("cannot create temporary file: {}", std::strerror(err)));
        }
        std::string_view rest = text;
        while (!rest.empty()) {
            ssize_t n = ::write(fd.get(), rest.data(), rest.size());
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                throw Error::raw(ErrorCode::SystemError, ErrorDomain::None,
                                 fmt::format("write: {}: failed to write to temporary file: {}", path_,
                                             std::strerror(errno)));
            rest.remove_prefix(static_cast<size_t>(n));
        }
        if (::close(fd.release()) < 0)
            throw Error::raw(ErrorCode::SystemError, ErrorDomain::None,
                             fmt::format("close: {}: failed to write or close temporary file: {}", path_,
                                         std::strerror(errno)));
    }
    ~TempFile() {
        if (!path_.empty())
            ::unlink(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

void runEditor(const std::string& path) {
    const char* editor = std::getenv("VISUAL");
    if (!editor)
        editor = std::getenv("EDITOR");
    if (!editor)
        editor = "vi";
    Command command;
    std::string shown;
    if (plain(editor)) {
        command.argv = {editor, path};
        shown = fmt::format("{} {}", editor, path);
    } else {
        if (!plain(path))
            throw Error::raw(ErrorCode::SystemError, ErrorDomain::None,
                             fmt::format("{}: temporary filename contains shell meta or other unacceptable "
                                         "characters (is $TMPDIR wrong?)",
                                         path));
        std::string line = fmt::format("{} {}", editor, path);
        command.argv = {"sh", "-c", line};
        shown = fmt::format("sh -c '{}'", line);
    }
    command.in = Stdio{Stdio::Inherit{}};
    std::fflush(stdout);
    ExitStatus status;
    try {
        status = Process::spawn(command).wait();
    } catch (const Error&) {
        status.raw = 127 << 8;
    }
    if (!status.exited() || status.code() != 0)
        throw Error(ErrorCode::InternalError, ErrorDomain::None,
                    fmt::format("Child process ({}) unexpected exit status {}", shown, status.code()));
}

std::string readBack(const std::string& path) {
    try {
        return readFile(path, 10 * 1024 * 1024);
    } catch (const Error&) {
        throw Error::raw(ErrorCode::SystemError, ErrorDomain::None,
                         fmt::format("{}: failed to read temporary file: {}", path, std::strerror(errno)));
    }
}

// Puts the terminal in raw mode for one key press at a time; restores it.
class RawTerminal {
public:
    RawTerminal() {
        if (tcgetattr(STDIN_FILENO, &saved_) == 0) {
            termios raw = saved_;
            cfmakeraw(&raw);
            raw.c_oflag |= OPOST;
            active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0;
        }
    }
    ~RawTerminal() {
        if (active_)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
    }

private:
    termios saved_{};
    bool active_ = false;
};

// virsh's "Try again?" prompt; nullopt without a terminal.
std::optional<char> askReedit(Shell& shell, std::string_view message, const std::optional<Error>& error,
                              bool relaxAvailable) {
    if (!isatty(STDIN_FILENO))
        return std::nullopt;
    if (error)
        shell.printer().error(error->message());
    int c = 0;
    {
        RawTerminal raw;
        for (;;) {
            shell.printer().printf("\r{} Try again? {}: ", message, relaxAvailable ? "[y,n,i,f,?]" : "[y,n,f,?]");
            shell.printer().flush();
            c = std::tolower(std::getchar());
            if (c == '?') {
                shell.printer().print("\r\n\r\ny - yes, start editor again\r\nn - no, throw away my changes\r\n");
                if (relaxAvailable)
                    shell.printer().print("i - turn off validation and try to redefine again\r\n");
                shell.printer().print("f - force, try to redefine again\r\n? - print this help\r\n");
                continue;
            }
            if (c == 'y' || c == 'n' || c == 'f' || (relaxAvailable && c == 'i') || c == EOF)
                break;
        }
    }
    shell.printer().print("\r\n");
    return static_cast<char>(c);
}

}  // namespace

EditOutcome runEditCycle(Shell& shell, const EditSteps& steps) {
    std::string doc = steps.fetch();
    TempFile tmp(doc);
    bool relaxAvailable = static_cast<bool>(steps.relax);
    bool editAgain = true;
    std::string edited;
    for (;;) {
        if (editAgain) {
            runEditor(tmp.path());
            edited = readBack(tmp.path());
            if (edited == doc) {
                steps.unchanged();
                return EditOutcome::Unchanged;
            }
        }
        // Someone may have changed the object while it was being edited.
        std::string message;
        std::optional<Error> error;
        std::string current = steps.fetch();
        if (current != doc) {
            message = "The XML configuration was changed by another user.";
            doc = current;
        } else {
            try {
                steps.define(edited);
                return EditOutcome::Defined;
            } catch (const Error& e) {
                message = "Failed.";
                error = e;
            }
        }
        auto answer = askReedit(shell, message, error, relaxAvailable);
        if (!answer) {
            shell.printer().error(message);
            return EditOutcome::Refused;
        }
        switch (*answer) {
            case 'y': editAgain = true; break;
            case 'f': editAgain = false; break;
            case 'i':
                steps.relax();
                relaxAvailable = false;
                editAgain = false;
                break;
            default: throw CommandFailed{};
        }
    }
}

}  // namespace cvirt::shell
