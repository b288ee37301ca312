#include "cvirsh/tokenizer.hpp"

namespace cvirt::shell {
namespace {

bool isBlank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

Token StringTokenizer::next() {
    for (;;) {
        while (pos_ < input_.size() && isBlank(input_[pos_]))
            ++pos_;
        if (pos_ >= input_.size())
            return {Token::Kind::End, {}};
        char c = input_[pos_];
        if (c == ';' || c == '\n') {
            ++pos_;
            return {Token::Kind::CommandEnd, {}};
        }
        if (c != '#')
            break;
        // A comment runs to the end of the line; the newline still ends
        // the command.
        while (pos_ < input_.size() && input_[pos_] != '\n')
            ++pos_;
    }

    std::string word;
    bool single = false, dbl = false;
    while (pos_ < input_.size()) {
        char c = input_[pos_];
        if (!single && !dbl && (isBlank(c) || c == ';' || c == '\n'))
            break;
        if (!dbl && c == '\'') {
            single = !single;
            ++pos_;
            continue;
        }
        if (!single && c == '"') {
            dbl = !dbl;
            ++pos_;
            continue;
        }
        if (!single && c == '\\') {
            ++pos_;
            if (pos_ >= input_.size()) {
                if (lenient_)
                    break;
                throw ParseError("dangling \\");
            }
            c = input_[pos_];
        }
        word += c;
        ++pos_;
    }
    // virsh tolerates an unterminated single quote but not a double one.
    if (dbl && !lenient_)
        throw ParseError("missing \"");
    return {Token::Kind::Word, std::move(word)};
}

Token ArgvTokenizer::next() {
    if (pos_ >= args_.size())
        return {Token::Kind::End, {}};
    return {Token::Kind::Word, args_[pos_++]};
}

}  // namespace cvirt::shell
