#include "cvirsh/tokenizer.hpp"

#include <gtest/gtest.h>

namespace cvirt::shell {
namespace {

// Words, with "|" standing for the end of a command.
std::vector<std::string> lex(std::string_view input, bool lenient = false) {
    StringTokenizer t(input, lenient);
    std::vector<std::string> out;
    for (;;) {
        Token tk = t.next();
        if (tk.kind == Token::Kind::End)
            return out;
        out.push_back(tk.kind == Token::Kind::CommandEnd ? "|" : "<" + tk.text + ">");
    }
}

using V = std::vector<std::string>;

TEST(Tokenizer, BlanksSeparateWords) {
    EXPECT_EQ(lex("list  --all\tx"), (V{"<list>", "<--all>", "<x>"}));
    EXPECT_EQ(lex("   "), V{});
}

TEST(Tokenizer, SemicolonAndNewlineEndCommands) {
    EXPECT_EQ(lex("a;b"), (V{"<a>", "|", "<b>"}));
    EXPECT_EQ(lex("a ;; b;"), (V{"<a>", "|", "|", "<b>", "|"}));
    EXPECT_EQ(lex("a\nb"), (V{"<a>", "|", "<b>"}));
}

TEST(Tokenizer, Quoting) {
    EXPECT_EQ(lex("'b c' \"d\\\"e\" f\\ g"), (V{"<b c>", "<d\"e>", "<f g>"}));
    EXPECT_EQ(lex("'a\\b'"), V{"<a\\b>"});       // no escapes inside single quotes
    EXPECT_EQ(lex("\"x;y\" 'p;q'"), (V{"<x;y>", "<p;q>"}));
    EXPECT_EQ(lex("a'b'c\"d\""), V{"<abcd>"});
    EXPECT_EQ(lex("\"\" x"), (V{"<>", "<x>"}));
    EXPECT_EQ(lex("'open"), V{"<open>"});  // virsh forgives an open single quote
}

TEST(Tokenizer, Comments) {
    EXPECT_EQ(lex("echo a # b; echo c"), (V{"<echo>", "<a>"}));
    EXPECT_EQ(lex("echo a#b"), (V{"<echo>", "<a#b>"}));
    EXPECT_EQ(lex("echo a\n#c\necho b"), (V{"<echo>", "<a>", "|", "|", "<echo>", "<b>"}));
    EXPECT_EQ(lex("'#x' \\#y"), (V{"<#x>", "<#y>"}));
}

TEST(Tokenizer, Errors) {
    EXPECT_THROW(
        {
            try {
                lex("echo \"abc");
            } catch (const ParseError& e) {
                EXPECT_STREQ(e.what(), "missing \"");
                throw;
            }
        },
        ParseError);
    EXPECT_THROW(
        {
            try {
                lex("echo abc\\");
            } catch (const ParseError& e) {
                EXPECT_STREQ(e.what(), "dangling \\");
                throw;
            }
        },
        ParseError);
    EXPECT_EQ(lex("echo \"abc", true), (V{"<echo>", "<abc>"}));
    EXPECT_EQ(lex("echo abc\\", true), (V{"<echo>", "<abc>"}));
}

TEST(Tokenizer, ArgvTakesWordsVerbatim) {
    ArgvTokenizer t({"echo", "a;b", "'q'"});
    EXPECT_EQ(t.next().text, "echo");
    EXPECT_EQ(t.next().text, "a;b");
    EXPECT_EQ(t.next().text, "'q'");
    EXPECT_EQ(t.next().kind, Token::Kind::End);
}

}  // namespace
}  // namespace cvirt::shell
