#pragma once
// The command scripts under tests/data/cvirsh/ that the virsh comparison
// tests run line by line (one process per line, as test:///default starts
// fresh in each).

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace cvirt::test {

struct ScriptLine {
    std::string script;  // "diff-script.txt"
    int number = 0;      // line number in the file
    std::string text;
};

// How gtest shows a line in its messages.
void PrintTo(const ScriptLine& line, std::ostream* os);

// The non-empty, non-comment lines of tests/data/cvirsh/NAME; none when the
// file is missing (the tests that count lines report that).
std::vector<ScriptLine> readScript(const std::string& name);

// "line_N", the parameterized test's name.
std::string scriptLineName(const ::testing::TestParamInfo<ScriptLine>& info);

}  // namespace cvirt::test
