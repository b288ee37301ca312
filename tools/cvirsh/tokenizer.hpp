#pragma once
// Splits command input into words the way virsh does.
//
// A command string ("list --all; dominfo 'my vm'") follows virsh's own
// rules, a small subset of the shell's: words end at unquoted blanks (space,
// tab); ';' and newline end a command; '...' quotes literally; "..." quotes
// with backslash escapes; a backslash outside single quotes takes the next
// character literally; '#' at the start of a word comments out the rest of
// the line. argv form (cvirsh list --all) takes each argument as one word.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cvirt::shell {

// A syntax error in the input; the shell prints "error: <what()>".
class ParseError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Token {
    enum class Kind { Word, CommandEnd, End };
    Kind kind = Kind::End;
    std::string text;
};

class TokenSource {
public:
    virtual ~TokenSource() = default;
    // The next token; throws ParseError on bad syntax.
    virtual Token next() = 0;
};

class StringTokenizer : public TokenSource {
public:
    // `lenient` accepts unfinished input (an open quote, a trailing
    // backslash), for completing a line that is still being typed.
    explicit StringTokenizer(std::string_view input, bool lenient = false)
        : input_(input), lenient_(lenient) {}
    Token next() override;
    // Whether the last word returned ended the input with no separator
    // after it (the word a completion should extend).
    bool atEnd() const { return pos_ >= input_.size(); }

private:
    std::string_view input_;
    size_t pos_ = 0;
    bool lenient_;
};

class ArgvTokenizer : public TokenSource {
public:
    explicit ArgvTokenizer(std::vector<std::string> args) : args_(std::move(args)) {}
    Token next() override;

private:
    std::vector<std::string> args_;
    size_t pos_ = 0;
};

}  // namespace cvirt::shell
