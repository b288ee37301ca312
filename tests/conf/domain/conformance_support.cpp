#include "conformance_support.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "support/test_support.hpp"
#include "util/strings.hpp"

namespace cvirt::test::domain {

std::string unwrapExpected(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '\n') {
            ++i;
            continue;
        }
        out += text[i];
    }
    return out;
}

bool sameAsLibvirt(std::string actual, const std::string& expected) {
    if (!expected.empty() && expected.back() == '\n' && (actual.empty() || actual.back() != '\n'))
        actual += '\n';
    return actual == expected;
}

std::string firstDifference(const std::string& actual, const std::string& expected) {
    auto split = [](const std::string& s) {
        std::vector<std::string> lines;
        std::istringstream in(s);
        for (std::string l; std::getline(in, l);)
            lines.push_back(l);
        return lines;
    };
    auto a = split(actual), e = split(expected);
    size_t i = 0;
    while (i < a.size() && i < e.size() && a[i] == e[i])
        ++i;
    std::ostringstream out;
    out << "first difference at line " << (i + 1) << ":\n";
    size_t from = i >= 2 ? i - 2 : 0;
    for (size_t k = from; k < i + 3; ++k) {
        if (k < e.size())
            out << "  expected " << (k + 1) << ": " << e[k] << "\n";
        if (k < a.size())
            out << "  actual   " << (k + 1) << ": " << a[k] << "\n";
    }
    return out.str();
}

std::string TsvTable::column(const std::vector<std::string>& row, const std::string& name) const {
    auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end())
        return {};
    size_t idx = static_cast<size_t>(it - header.begin());
    return idx < row.size() ? row[idx] : std::string();
}

TsvTable readTsv(const std::string& path) {
    TsvTable table;
    std::istringstream in(readText(path));
    auto fields = [](const std::string& line) {
        std::vector<std::string> out;
        size_t start = 0;
        while (true) {
            size_t tab = line.find('\t', start);
            out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
            if (tab == std::string::npos)
                break;
            start = tab + 1;
        }
        return out;
    };
    std::string line;
    if (std::getline(in, line))
        table.header = fields(line);
    while (std::getline(in, line))
        if (!line.empty())
            table.rows.push_back(fields(line));
    return table;
}

std::vector<std::string> listFiles(const std::string& dir, const std::string& suffix) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 &&
            name[0] != '.')
            out.push_back(name);
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace cvirt::test::domain
