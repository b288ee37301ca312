// Runs every line of tests/data/cvirsh/diff-script.txt (read-write) and
// ro-script.txt (read-only, -r) through Debian's virsh 9.0 and
// build/bin/cvirsh against test:///default, and compares stdout, stderr and
// exit status. Each line is one `-c test:///default '<line>'` invocation in
// a scratch directory holding the data folder's files; the test driver
// starts afresh in every process, so a line chains what it needs.
//
// A line may start with {NAME=value ...} to set environment variables
// (EDITOR for `edit`). Times that differ between two runs (CPU time,
// snapshot creation times) are masked in both outputs before comparing.

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <chrono>
#include <filesystem>

#include "support/script_lines.hpp"
#include "support/test_support.hpp"
#include "util/files.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

namespace cvirt::shell {
namespace {

constexpr const char* kVirsh = "/usr/bin/virsh";

using test::ScriptLine;
using test::readScript;

struct Outcome {
    int status = -1;
    std::string out, err;
};

class DiffScript : public ::testing::TestWithParam<ScriptLine> {
protected:
    Outcome runLine(const std::string& program, const ScriptLine& line, bool readOnly) {
        // A fresh scratch directory with the data files, for each run.
        test::TempDir dir;
        for (const auto& entry : std::filesystem::directory_iterator(test::dataPath("cvirsh"))) {
            std::filesystem::copy(entry.path(), dir.file(entry.path().filename().string()));
            if (entry.path().extension() == ".sh")
                ::chmod(dir.file(entry.path().filename().string()).c_str(), 0755);
        }
        std::string commands = line.text;
        std::vector<std::string> env{"PATH=/usr/bin:/bin", "LANG=C", "TZ=UTC", "HOME=" + dir.path(),
                                     "XDG_CACHE_HOME=" + dir.file(".cache"),
                                     "XDG_CONFIG_HOME=" + dir.file(".config"), "TMPDIR=" + dir.path()};
        if (commands.starts_with("{")) {
            auto close = commands.find('}');
            for (const auto& setting : split(commands.substr(1, close - 1), " "))
                env.push_back(setting);
            commands = std::string(trim(commands.substr(close + 1)));
        }
        Command c;
        c.argv = {program};
        if (readOnly)
            c.argv.push_back("-r");
        c.argv.insert(c.argv.end(), {"-c", "test:///default", commands});
        c.env = env;
        c.cwd = dir.path();
        c.out = Stdio{Stdio::File{dir.file(".stdout"), false}};
        c.err = Stdio{Stdio::File{dir.file(".stderr"), false}};
        // virsh 9.0's save and managedsave hang about every other time
        // (its job watcher can miss the worker's quit): give each run a
        // deadline, and give virsh, not cvirsh, more chances.
        for (int attempt = 0;; ++attempt) {
            Process p = Process::spawn(c);
            if (auto status = p.waitFor(std::chrono::seconds(5))) {
                return {status->code(), test::maskMomentDependent(readFile(dir.file(".stdout"))),
                        test::maskMomentDependent(readFile(dir.file(".stderr")))};
            }
            p.terminate(std::chrono::seconds(1));
            if (program != kVirsh || attempt == 9)
                return {-1, "", "timed out"};
        }
    }

    void compare(bool readOnly) {
        const ScriptLine& line = GetParam();
        ASSERT_TRUE(fileExists(kVirsh)) << kVirsh << " is missing: run scripts/setup (libvirt-clients)";
        ASSERT_TRUE(fileExists(test::binPath("cvirsh"))) << "build the cvirsh target";
        Outcome v = runLine(kVirsh, line, readOnly);
        Outcome c = runLine(test::binPath("cvirsh"), line, readOnly);
        std::string where = line.script + ":" + std::to_string(line.number) + ": " + line.text;
        EXPECT_EQ(v.out, c.out) << "stdout of " << where;
        EXPECT_EQ(v.err, c.err) << "stderr of " << where;
        EXPECT_EQ(v.status, c.status) << "exit status of " << where;
    }
};

class ReadWrite : public DiffScript {};
class ReadOnly : public DiffScript {};

TEST_P(ReadWrite, SameAsVirsh) { compare(false); }
TEST_P(ReadOnly, SameAsVirsh) { compare(true); }

INSTANTIATE_TEST_SUITE_P(Script, ReadWrite, ::testing::ValuesIn(readScript("diff-script.txt")), test::scriptLineName);
INSTANTIATE_TEST_SUITE_P(Script, ReadOnly, ::testing::ValuesIn(readScript("ro-script.txt")), test::scriptLineName);

// The scripts must exist and be long enough to mean something.
TEST(DiffScripts, AreThere) {
    EXPECT_GE(readScript("diff-script.txt").size(), 60u);
    EXPECT_GE(readScript("ro-script.txt").size(), 10u);
}

}  // namespace
}  // namespace cvirt::shell
