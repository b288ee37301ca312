#include "support/script_lines.hpp"

#include "support/test_support.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace cvirt::test {

void PrintTo(const ScriptLine& line, std::ostream* os) { *os << line.script << ":" << line.number << ": " << line.text; }

std::vector<ScriptLine> readScript(const std::string& name) {
    std::vector<ScriptLine> out;
    std::string text;
    try {
        text = readFile(dataPath("cvirsh/" + name));
    } catch (const std::exception&) {
        return out;
    }
    int number = 0;
    for (const auto& line : split(text, "\n", false)) {
        ++number;
        auto body = trim(line);
        if (body.empty() || body.front() == '#')
            continue;
        out.push_back({name, number, std::string(body)});
    }
    return out;
}

std::string scriptLineName(const ::testing::TestParamInfo<ScriptLine>& info) {
    return "line_" + std::to_string(info.param.number);
}

}  // namespace cvirt::test
