#pragma once
// What the domain conformance tests share: libvirt's way of comparing
// output with an expected file, and a short report of the first difference.

#include <string>
#include <vector>

namespace cvirt::test::domain {

// The expected text as libvirt's testutils reads it: every backslash-newline
// pair removed ("unwrap" mode).
std::string unwrapExpected(const std::string& text);

// True when `actual` equals `expected` after libvirt's one normalisation:
// a missing final newline is added to `actual` when `expected` ends in one.
bool sameAsLibvirt(std::string actual, const std::string& expected);

// A few lines around the first difference, for failure messages.
std::string firstDifference(const std::string& actual, const std::string& expected);

// Rows of a tab-separated table with a header line; each row maps by
// column name through `column()`.
struct TsvTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    // The value of `name` in `row`, empty when the column is missing.
    std::string column(const std::vector<std::string>& row, const std::string& name) const;
};
TsvTable readTsv(const std::string& path);

// Sorted list of the files in `dir` whose names end in `suffix`.
std::vector<std::string> listFiles(const std::string& dir, const std::string& suffix);

}  // namespace cvirt::test::domain
