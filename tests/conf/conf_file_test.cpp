#include <gtest/gtest.h>

#include "conf/conf_file.hpp"
#include "support/test_support.hpp"
#include "util/error.hpp"
#include "util/files.hpp"

using namespace cvirt;
using cvirt::conf::ConfFile;
using cvirt::conf::ConfValue;

TEST(ConfFile, TypedGetters) {
    auto c = ConfFile::parse(
        "int_val = 42\nneg = -7\nstr = 'single'\nstr2 = \"double\"\nbool_t = 1\nbool_f = 0\n"
        "list = [ \"a\", 'b', ]\nempty = []\nnested = [1, [2, 3]]\n",
        "test.conf");
    EXPECT_EQ(c.getUInt("int_val", 100), 42u);
    EXPECT_EQ(c.getInt("neg", -10, 10), -7);
    EXPECT_EQ(c.getString("str"), "single");
    EXPECT_EQ(c.getString("str2"), "double");
    EXPECT_EQ(c.getBool("bool_t"), true);
    EXPECT_EQ(c.getBool("bool_f"), false);
    EXPECT_EQ(c.getStringList("list"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(c.getStringList("str"), (std::vector<std::string>{"single"}));
    EXPECT_EQ(c.getStringList("empty"), std::vector<std::string>{});
    EXPECT_FALSE(c.getString("missing"));
    EXPECT_EQ(c.format(),
              "int_val = 42\nneg = -7\nstr = \"single\"\nstr2 = \"double\"\nbool_t = 1\nbool_f = 0\n"
              "list = [ \"a\", \"b\" ]\nempty = [  ]\nnested = [ 1, [ 2, 3 ] ]\n");
}

TEST(ConfFile, WrongTypesNameFileLineAndKey) {
    auto c = ConfFile::parse("a = 1\nb = 2\nc = \"x\"\nd = -1\ne = [1]\n", "/etc/cvirt/cvirtd.conf");
    auto expectError = [](auto f, const std::string& text) {
        try {
            f();
            ADD_FAILURE() << "no error, expected: " << text;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::ConfSyntax);
            EXPECT_NE(e.message().find(text), std::string::npos) << e.message();
        }
    };
    expectError([&] { c.getBool("b"); }, "/etc/cvirt/cvirtd.conf:2: expected 0 or 1 for 'b' parameter");
    expectError([&] { c.getString("a"); }, "cvirtd.conf:1: expected a string for 'a' parameter");
    expectError([&] { c.getUInt("c", 10); }, ":3: expected an integer for 'c'");
    expectError([&] { c.getUInt("d", 10); }, ":4: expected an unsigned integer for 'd'");
    expectError([&] { c.getInt("a", 5, 10); }, "value must be in range 5:10");
    expectError([&] { c.getStringList("e"); }, ":5: expected a string list for 'e'");
    expectError([&] { c.checkKnownKeys({"a", "b", "c", "d"}); }, ":5: unknown setting 'e'");
}

TEST(ConfFile, SyntaxErrorsCarryLine) {
    struct Case {
        const char* text;
        const char* message;
    } cases[] = {
        {"a = 1\n\nb = \"open\n", "t.conf:3: unterminated string"},
        {"a = 1\nb 2\n", "t.conf:2: expecting an assignment"},
        {"1a = 2\n", "t.conf:1: expecting a name"},
        {"a = \n", "expecting a value"},
        {"a = [1, 2\n", "list is not closed with ]"},
        {"a = [1 2]\n", "expecting a separator in list"},
        {"a = 1 b = 2\n", "expecting a separator"},
        {"a = -\n", "unterminated number"},
        {"a = 99999999999999999999999\n", "number too large"},
        {"a = yes\n", "expecting a value"},
        {"a = \"\"\"never closed\n", "unterminated string"},
    };
    for (const auto& c : cases) {
        try {
            ConfFile::parse(c.text, "t.conf");
            ADD_FAILURE() << "accepted: " << c.text;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::ConfSyntax);
            EXPECT_EQ(e.domain(), ErrorDomain::Conf);
            EXPECT_NE(e.message().find(c.message), std::string::npos) << c.text << " -> " << e.message();
        }
    }
}

TEST(ConfFile, DeepNestingIsRejectedNotACrash) {
    std::string text = "a = " + std::string(10000, '[') + std::string(10000, ']') + "\n";
    EXPECT_THROW(ConfFile::parse(text), Error);
}

TEST(ConfFile, TripleQuotesAndQuotingChoice) {
    auto c = ConfFile::parse("a = \"\"\"line1\nline2\"\"\"\nb = 'say \"hi\"'\n");
    EXPECT_EQ(c.getString("a"), "line1\nline2");
    EXPECT_EQ(c.format(), "a = \"\"\"line1\nline2\"\"\"\nb = 'say \"hi\"'\n");
}

TEST(ConfFile, SemicolonSeparatorsAndComments) {
    auto c = ConfFile::parse("a = 1; b = 2 # two\n# alone\n");
    EXPECT_EQ(c.getUInt("b", 9), 2u);
    EXPECT_EQ(c.format(), "a = 1\nb = 2 # two\n# alone\n");
}

TEST(ConfFile, SetReplacesOrAppends) {
    auto c = ConfFile::parse("a = 1\n");
    c.set("a", ConfValue{uint64_t{5}});
    c.set("b", ConfValue{std::string("x")});
    EXPECT_EQ(c.format(), "a = 5\nb = \"x\"\n");
}

TEST(ConfFile, ReadNamesMissingFile) {
    try {
        ConfFile::read("/nonexistent/cvirtd.conf");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(e.message().find("/nonexistent/cvirtd.conf"), std::string::npos);
    }
}
