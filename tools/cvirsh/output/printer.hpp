#pragma once
// Where cvirsh output goes, with virsh's three kinds of printing:
//   print       command results (always shown)
//   printExtra  decoration a script does not want: blank separator lines,
//               banners, headers; -q (quiet) suppresses it
//   error       "error: <message>" on stderr, after flushing stdout so the
//               two streams interleave as they were written

#include <cstdio>
#include <string_view>

#include <fmt/format.h>

namespace cvirt::shell {

class Printer {
public:
    explicit Printer(std::FILE* out = stdout, std::FILE* err = stderr) : out_(out), err_(err) {}

    void setQuiet(bool quiet) { quiet_ = quiet; }
    bool quiet() const { return quiet_; }

    void print(std::string_view text);
    void printExtra(std::string_view text);
    void error(std::string_view message);
    // A line "key value" with the key padded to `width`, as dominfo and
    // nodeinfo print ("%-15s %s"). The key carries its own colon.
    void keyValue(std::string_view key, std::string_view value, int width = 15);
    // "(Time: 1.234 ms)" after a command when --timing is on.
    void timing(double milliseconds);

    template <typename... Args>
    void printf(fmt::format_string<Args...> format, Args&&... args) {
        print(fmt::format(format, std::forward<Args>(args)...));
    }
    template <typename... Args>
    void errorf(fmt::format_string<Args...> format, Args&&... args) {
        error(fmt::format(format, std::forward<Args>(args)...));
    }

    std::FILE* out() const { return out_; }
    std::FILE* err() const { return err_; }
    void flush();

private:
    std::FILE* out_;
    std::FILE* err_;
    bool quiet_ = false;
};

}  // namespace cvirt::shell
