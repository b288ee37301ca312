#pragma once
// Child processes: spawn with an exact argv, environment, fds, working
// directory and umask; capture or redirect output; wait, signal, reap.
//
// No descriptor leaks into a child: everything cvirt opens is close-on-exec,
// and the child additionally closes every fd it was not explicitly given.

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "util/fd.hpp"

namespace cvirt {

struct Stdio {
    struct Inherit {};
    struct Null {};
    struct Pipe {};  // the parent gets the other end
    struct File {
        std::string path;
        bool append = true;
    };
    struct Fd {
        int fd;  // borrowed; dup'ed into the child
    };
    std::variant<Inherit, Null, Pipe, File, Fd> how = Inherit{};
};

struct Command {
    std::vector<std::string> argv;  // argv[0] is looked up in PATH when it has no '/'
    // The complete environment ("NAME=value"); nullopt inherits ours.
    std::optional<std::vector<std::string>> env;
    std::string cwd;                // empty: inherit
    std::optional<mode_t> umask;
    // Parent fd -> fd number in the child; these stay open across exec.
    std::vector<std::pair<int, int>> passFds;
    Stdio in{Stdio::Null{}}, out{Stdio::Inherit{}}, err{Stdio::Inherit{}};
    bool newSession = false;        // setsid(): the child outlives our process group
    // Double fork: the program is re-parented to init at once, so it is
    // never our child and survives our death (QEMU under cvirtd). Use
    // spawnDetached() for such commands.
    bool daemonize = false;

    // "cmd arg1 'arg two'": for logs and error messages.
    std::string toString() const;
};

struct ExitStatus {
    int raw = 0;  // as from waitpid
    bool exited() const;
    int code() const;  // exit code, or 128 + signal
    bool signaled() const;
    int signal() const;
    std::string describe() const;  // "exit status 1" / "fatal signal 9"
};

class Process {
public:
    // Starts `command`; throws Error(SYSTEM_ERROR) naming the program when it
    // cannot be executed (the exec failure is reported back from the child).
    static Process spawn(const Command& command);

    Process() = default;
    Process(Process&& other) noexcept;
    Process& operator=(Process&& other) noexcept;
    // A process still running and not detached is killed (SIGKILL) and reaped.
    ~Process();

    pid_t pid() const { return pid_; }
    bool running() const { return pid_ > 0 && !status_; }
    UniqueFd& stdinPipe() { return in_; }
    UniqueFd& stdoutPipe() { return out_; }
    UniqueFd& stderrPipe() { return err_; }

    std::optional<ExitStatus> tryWait();
    ExitStatus wait();
    // Waits up to `timeout`; nullopt if it is still running.
    std::optional<ExitStatus> waitFor(std::chrono::milliseconds timeout);
    void signal(int sig);
    // SIGTERM, then SIGKILL if it has not exited after `grace`.
    ExitStatus terminate(std::chrono::milliseconds grace);
    // Forget the child: it keeps running after this object is gone.
    pid_t detach();

    // Starts `command` as a daemon (double fork, new session) and returns
    // its pid. Exec failures are still reported as Errors.
    static pid_t spawnDetached(Command command);

private:
    pid_t pid_ = -1;
    std::optional<ExitStatus> status_;
    UniqueFd in_, out_, err_;
};

struct RunResult {
    ExitStatus status;
    std::string out;
    std::string err;
};

// Runs to completion, feeding `input` on stdin and capturing stdout and
// stderr (Pipe is forced for all three).
RunResult run(Command command, std::string_view input = {});

// Resolves a program name against PATH; nullopt when not found/executable.
std::optional<std::string> findProgram(const std::string& name);

// Turns the calling process into a daemon (fork, setsid, fork). The original
// process stays until the daemon calls ready(): then it exits with 0, or with
// 1 after printing the message given to failed(). Stdio goes to /dev/null.
class Daemonizer {
public:
    static Daemonizer start();
    void ready();
    void failed(const std::string& message);

private:
    UniqueFd status_;
};

// The environment variable `name`, or `fallback` when it is unset or empty
// (how XDG paths and HOME are read).
std::string envOr(const char* name, std::string fallback);

}  // namespace cvirt
