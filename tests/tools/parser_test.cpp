#include "cvirsh/parser.hpp"

#include <gtest/gtest.h>

#include "util/error.hpp"

namespace cvirt::shell {
namespace {

std::vector<Invocation> parse(std::string_view line, std::vector<std::string>* soft = nullptr) {
    StringTokenizer t(line);
    ParseHooks hooks;
    if (soft)
        hooks.softError = [soft](const std::string& m) { soft->push_back(m); };
    return parseCommands(t, hooks);
}

std::string errorOf(std::string_view line) {
    try {
        parse(line);
    } catch (const ParseError& e) {
        return e.what();
    }
    return "(no error)";
}

std::string optionsOf(const Invocation& cmd) {
    std::string out;
    for (const auto& o : cmd.options())
        out += std::string(o.def->name) + "=" + o.value + ";";
    return out;
}

TEST(Parser, NamedAndPositionalOptions) {
    auto cmds = parse("setmem test 1024 --live");
    ASSERT_EQ(cmds.size(), 1u);
    EXPECT_EQ(cmds[0].name(), "setmem");
    EXPECT_EQ(optionsOf(cmds[0]), "domain=test;size=1024;live=;");
    EXPECT_EQ(optionsOf(parse("setmem --size=5 --domain d")[0]), "size=5;domain=d;");
    // A named option leaves the positional slot to the next one.
    EXPECT_EQ(optionsOf(parse("setmem --domain d 7")[0]), "domain=d;size=7;");
    // vol-info's optional --pool is positional too.
    EXPECT_EQ(optionsOf(parse("vol-info v p")[0]), "vol=v;pool=p;");
}

TEST(Parser, ValueMayLookLikeAnOption) {
    EXPECT_EQ(optionsOf(parse("dominfo --domain --all")[0]), "domain=--all;");
}

TEST(Parser, DoubleDashEndsOptions) {
    EXPECT_EQ(optionsOf(parse("echo -- --xml -x")[0]), "string=--xml;string=-x;");
    EXPECT_EQ(optionsOf(parse("echo - -x --=y")[0]), "string=-;string=-x;string=--=y;");
}

TEST(Parser, Aliases) {
    EXPECT_EQ(optionsOf(parse("setmem d --kilobytes 4")[0]), "domain=d;size=4;");
    EXPECT_EQ(optionsOf(parse("echo --hi")[0]), "string=hello;");
    EXPECT_EQ(errorOf("echo --hi=x"), "invalid '=' after option --hi");
    EXPECT_EQ(optionsOf(parse("nodedev-dettach dev")[0]), "device=dev;");
    EXPECT_EQ(parse("nodedev-dettach dev")[0].name(), "nodedev-detach");
}

TEST(Parser, SeveralCommands) {
    auto cmds = parse("list --all; dominfo test\necho x");
    ASSERT_EQ(cmds.size(), 3u);
    EXPECT_EQ(cmds[1].name(), "dominfo");
    EXPECT_EQ(cmds[2].name(), "echo");
    EXPECT_TRUE(parse("  ;; ").empty());
}

TEST(Parser, HelpOptionBecomesHelpCommand) {
    auto cmds = parse("dominfo --help");
    ASSERT_EQ(cmds.size(), 1u);
    EXPECT_EQ(cmds[0].name(), "help");
    EXPECT_EQ(optionsOf(cmds[0]), "command=dominfo;");
    EXPECT_EQ(errorOf("dominfo --help=x"), "invalid '=' after option --help");
}

TEST(Parser, Errors) {
    EXPECT_EQ(errorOf("list --bogus"), "command 'list' doesn't support option --bogus");
    EXPECT_EQ(errorOf("nosuchcmd"), "unknown command: 'nosuchcmd'");
    EXPECT_EQ(errorOf("dominfo"), "command 'dominfo' requires <domain> option");
    EXPECT_EQ(errorOf("setvcpus"),
              "command 'setvcpus' requires <domain> option\ncommand 'setvcpus' requires --count option");
    EXPECT_EQ(errorOf("dominfo a b"), "unexpected data 'b'");
    EXPECT_EQ(errorOf("dominfo --domain a --domain b"), "option --domain already seen");
    EXPECT_EQ(errorOf("list --all --all"), "option --all already seen");
    EXPECT_EQ(errorOf("dominfo --domain"), "expected syntax: --domain <string>");
    EXPECT_EQ(errorOf("setmem d --size"), "expected syntax: --size <number>");
    EXPECT_EQ(errorOf("dominfo --domain; list"), "expected syntax: --domain <string>");
    EXPECT_EQ(errorOf("list --name="), "invalid '=' after option --name");
    // One bad command rejects the whole line.
    EXPECT_EQ(errorOf("list; nosuch"), "unknown command: 'nosuch'");
}

TEST(Parser, HelpIgnoresStrayInput) {
    std::vector<std::string> soft;
    auto cmds = parse("help list extra --foo", &soft);
    EXPECT_EQ(optionsOf(cmds[0]), "command=list;");
    EXPECT_TRUE(soft.empty());
    parse("help --command list --command x", &soft);
    EXPECT_EQ(soft, std::vector<std::string>{"option --command already seen"});
}

Error invalidArg(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "no error";
    return Error(ErrorCode::InternalError, ErrorDomain::None);
}

TEST(Invocation, TypedGetters) {
    auto cmd = parse("setmem d 1G")[0];
    EXPECT_EQ(cmd.getScaled("size", 1024), 1ull << 30);
    EXPECT_EQ(parse("setmem d 4")[0].getScaled("size", 1024), 4096u);
    EXPECT_EQ(invalidArg([&] { parse("setmem d abc")[0].getScaled("size", 1024); }).message(),
              "Scaled numeric value 'abc' for <size> option is malformed or out of range");
    auto n = parse("setvcpus d --count 3")[0];
    EXPECT_EQ(n.getUInt("count"), 3u);
    EXPECT_EQ(n.getInt("count"), 3);
    EXPECT_EQ(invalidArg([&] { parse("setvcpus d --count -3")[0].getUInt("count"); }).message(),
              "Numeric value '-3' for <count> option is malformed or out of range");
    EXPECT_EQ(parse("setvcpus d --count -1")[0].getUInt("count", true), 4294967295u);
    EXPECT_EQ(invalidArg([&] { parse("setvcpus d --count 3x")[0].getInt("count"); }).message(),
              "Numeric value '3x' for <count> option is malformed or out of range");
    EXPECT_FALSE(n.getInt("maximum"));
    EXPECT_EQ(invalidArg([&] { parse("dominfo ''")[0].string("domain"); }).message(),
              "Failed to get option 'domain': Option argument is empty");
    EXPECT_EQ(parse("echo a b")[0].argv(), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(invalidArg([&] { requireExclusive(parse("echo --shell --xml")[0], "shell", "xml"); }).message(),
              "Options --shell and --xml are mutually exclusive");
}

}  // namespace
}  // namespace cvirt::shell
