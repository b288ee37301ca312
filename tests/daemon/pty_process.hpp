#pragma once
// A program run on a pseudo-terminal, as a person at a terminal runs it
// (virsh console needs a tty on stdin): its stdin, stdout and stderr are
// the pty; the test types into it and reads what it printed. The program
// is killed when the object goes, whatever happened.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/fd.hpp"
#include "util/process.hpp"

namespace cvirt::test {

class PtyProcess {
public:
    explicit PtyProcess(const std::vector<std::string>& argv);
    PtyProcess(const PtyProcess&) = delete;
    PtyProcess& operator=(const PtyProcess&) = delete;

    // Reads until `text` is somewhere in the output after `from` (a
    // position in output()); false when it has not appeared in `timeout`.
    bool waitFor(const std::string& text, std::chrono::milliseconds timeout, size_t from = 0);
    // Types `bytes`.
    void send(std::string_view bytes);
    // Reads until the program exits; nullopt if it still runs after `timeout`.
    std::optional<ExitStatus> waitExit(std::chrono::milliseconds timeout);
    // Everything the program printed so far.
    const std::string& output() const { return output_; }

private:
    // Reads what is there, waiting up to `timeout` for the first byte.
    void readSome(std::chrono::milliseconds timeout);

    UniqueFd master_;
    Process process_;
    std::string output_;
};

}  // namespace cvirt::test
