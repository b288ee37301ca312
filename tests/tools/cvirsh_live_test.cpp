// Runs Debian's virsh 9.0 and build/bin/cvirsh on the same arguments and
// compares stdout, stderr and exit status. Only cases that need no
// hypervisor connection (or fail before one) are compared; virsh's program
// name is normalised to cvirsh where virsh prints its own name.

#include <gtest/gtest.h>

#include <regex>

#include "cvirsh/registry.hpp"
#include "support/test_support.hpp"
#include "util/files.hpp"
#include "util/process.hpp"

namespace cvirt::shell {
namespace {

constexpr const char* kVirsh = "/usr/bin/virsh";

struct Outcome {
    int status;
    std::string out, err;
};

class Live : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(fileExists(kVirsh)) << kVirsh << " is missing: run scripts/setup (libvirt-clients)";
        ASSERT_TRUE(fileExists(test::binPath("cvirsh"))) << "build the cvirsh target";
    }

    Outcome runProgram(const std::string& program, const std::vector<std::string>& args,
                       std::string_view input) {
        Command c;
        c.argv.push_back(program);
        c.argv.insert(c.argv.end(), args.begin(), args.end());
        // Same clean environment for both: no default URIs, private caches.
        c.env = std::vector<std::string>{"PATH=/usr/bin:/bin", "LANG=C", "HOME=" + home_.path(),
                                         "XDG_CACHE_HOME=" + home_.file("cache"),
                                         "XDG_CONFIG_HOME=" + home_.file("config")};
        c.cwd = home_.path();
        auto r = run(c, input);
        return {r.status.code(), r.out, r.err};
    }

    // Where virsh prints its own name: the usage lines, and (interactive
    // only) the prompt, which may follow output that did not end its line.
    static std::string normalise(std::string text, bool interactive) {
        static const std::regex usage("(^|\n)virsh \\[options\\]");
        static const std::regex prompt("virsh ([#>]) ");
        text = std::regex_replace(text, usage, "$1cvirsh [options]");
        if (interactive)
            text = std::regex_replace(text, prompt, "cvirsh $1 ");
        static const std::string welcome = "Welcome to virsh,";
        if (auto pos = text.find(welcome); pos != std::string::npos)
            text.replace(pos, welcome.size(), "Welcome to cvirsh,");
        return text;
    }

    // Expects identical behaviour; returns false (after reporting) if not.
    bool same(const std::vector<std::string>& args, std::string_view input = {}) {
        Outcome v = runProgram(kVirsh, args, input);
        Outcome c = runProgram(test::binPath("cvirsh"), args, input);
        bool interactive = true;
        for (const auto& a : args)
            interactive &= a.starts_with("-");
        v.out = normalise(v.out, interactive);
        v.err = normalise(v.err, interactive);
        std::string shown;
        for (const auto& a : args)
            shown += " [" + a + "]";
        EXPECT_EQ(v.out, c.out) << "stdout of" << shown;
        EXPECT_EQ(v.err, c.err) << "stderr of" << shown;
        EXPECT_EQ(v.status, c.status) << "exit status of" << shown;
        bool ok = v.out == c.out && v.err == c.err && v.status == c.status;
        ++(ok ? passed_ : failed_);
        return ok;
    }

    void TearDown() override {
        std::printf("cvirsh-vs-virsh: %d passed, %d failed\n", passed_, failed_);
    }

    test::TempDir home_;
    int passed_ = 0, failed_ = 0;
};

TEST_F(Live, GlobalHelpAndUsage) {
    same({"help"});
    same({"--help"});
    same({"-h", "extra"});
    same({"help", "--command", "list", "--command", "list"});
    same({"help", "list", "extra", "--foo"});
}

TEST_F(Live, HelpForEveryDeclaredCommand) {
    for (const auto* group : commandGroups())
        for (const auto& def : group->commands) {
            same({"help", std::string(def.name)});
            same({std::string(def.name) + " --help"});
        }
}

TEST_F(Live, HelpForEveryGroup) {
    for (const auto* group : commandGroups()) {
        same({"help", std::string(group->name)});
        same({"help", std::string(group->keyword)});
    }
    same({"help", "nosuch"});
}

TEST_F(Live, MissingRequiredOptions) {
    for (const auto* group : commandGroups())
        for (const auto& def : group->commands) {
            bool anyRequired = false;
            for (const auto& o : def.options)
                anyRequired |= o.required();
            if (anyRequired && def.aliasOf.empty())
                same({std::string(def.name)});
        }
}

TEST_F(Live, OptionErrors) {
    for (const char* line : {
             "list --bogus", "nosuchcmd", "dominfo", "dominfo a b", "dominfo --domain a --domain b",
             "list --all --all", "list; nosuch", "nosuch; list", "dominfo --domain", "list --name=",
             "list --all=1", "setvcpus", "vol-create-as", "setmem d --size", "echo --str", "echo --hi=x",
             "echo --string", "dominfo --help=x", "attach-disk --shareable=1", "vol-info a b c",
             "setmem d --kilobytes 1 --kilobytes 2", "nodedev-dettach", "echo \"abc", "echo abc\\",
             "echo a\nb", "", " ", ";", "#", "dominfo --domain; list"})
        same({line});
    same({"dominfo", "a", "b"});
    same({"list", "--bogus"});
    same({"-c", "test:///default", "list --bogus"});
}

TEST_F(Live, ProgramOptions) {
    for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
             {"-x"}, {"--bogus"}, {"-d"}, {"-d", "abc", "echo"}, {"-d", "9", "echo", "a"},
             {"-k", "-1", "echo"}, {"-k", "abc", "echo"}, {"-K", "x", "echo"}, {"-e", "xx", "echo"},
             {"-e", "^a", "echo", "hi"}, {"-c"}, {"--connect"}, {"-l", "/nonexistent/dir/log", "echo"},
             {"--", "echo", "hi"}, {"-q", "echo a; echo b"}, {"-rq", "echo hi"}, {"-d", "0", "echo a --shell"},
             {"--conn"}, {"--deb=x", "echo"}, {"--quiet", "--timing=1"},
             {"--keepalive-interval=abc", "echo"}, {"--keepalive-count=-2", "echo"}, {"--escape=xx", "echo"},
             {"--debug=9", "echo"}})
        same(args);
}

TEST_F(Live, Echo) {
    for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
             {"echo a 'b c' \"d\\\"e\" f\\ g # h"}, {"echo", "a", "b"}, {"echo 'a;b'"}, {"echo", "a;b"},
             {"echo --"}, {"echo -- --xml"}, {"echo", "--hi"}, {"echo", "--shell", "a", "b c", "it's", "", "$x", "a=b"},
             {"echo", "--xml", "<a&'\">"}, {"echo", "--split", "a,b,,c", "d"}, {"echo", "--split", ",a,"},
             {"echo", "--split", ""}, {"echo", "--err", "a", "--split", "b,c"}, {"echo", "--shell", "--xml", "x"},
             {"echo", "--split", "--shell", "x"}, {"echo --string=x y"}, {"echo a;;echo b;"},
             {"echo a\n#c\necho b"}, {"echo a\r"}, {"echo \"\" x"}, {"echo a#b"}})
        same(args);
}

TEST_F(Live, ShellCommands) {
    same({"pwd"});
    same({"cd /"});
    same({"quit"});
    same({"exit; echo not reached"});
    same({"self-test"});
}

TEST_F(Live, VersionShape) {
    Outcome v = runProgram(kVirsh, {"-v"}, {});
    Outcome c = runProgram(test::binPath("cvirsh"), {"-v"}, {});
    static const std::regex version("[0-9]+\\.[0-9]+\\.[0-9]+\n");
    EXPECT_TRUE(std::regex_match(v.out, version));
    EXPECT_TRUE(std::regex_match(c.out, version)) << c.out;
    EXPECT_EQ(runProgram(test::binPath("cvirsh"), {"--version=short"}, {}).out, c.out);
    EXPECT_EQ(runProgram(test::binPath("cvirsh"), {"--ver"}, {}).out, c.out);

    Outcome vl = runProgram(kVirsh, {"-V"}, {});
    Outcome cl = runProgram(test::binPath("cvirsh"), {"-V"}, {});
    EXPECT_EQ(runProgram(test::binPath("cvirsh"), {"--version=long"}, {}).out, cl.out);
    // Same lines, same labels; only names and feature lists differ.
    auto shape = [](const std::string& text) {
        static const std::regex words(":.*|tool of .*|^C?[Vv]irsh");
        return std::regex_replace(text, words, ":");
    };
    EXPECT_EQ(shape(vl.out), shape(cl.out));
    EXPECT_EQ(cl.status, 0);
}

TEST_F(Live, InteractiveFromStdin) {
    for (const char* input : {"echo a\necho b\n", "echo a # c\n# full\n\necho \"x;y\" ; echo z\nquit\necho after\n",
                              "nosuch\n", "echo a\nquit 1\n", "help quit\nexit\n", "pwd\ncd /\npwd\ncd /nonexistent\n",
                              "", "echo unterminated"}) {
        same({}, input);
        same({"-q"}, input);
        same({"-r"}, input);
    }
}

TEST_F(Live, FailsWithoutVirsh) {
    // The comparison must not pass vacuously.
    EXPECT_TRUE(fileExists(kVirsh));
}

}  // namespace
}  // namespace cvirt::shell
