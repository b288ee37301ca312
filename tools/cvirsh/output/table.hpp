#pragma once
// virsh's table layout (list, net-list, pool-list, ...):
//
//    Id   Name   State
//   ----------------------
//    1    test   running
//
// Every cell is preceded by one space; every column but the last is padded
// to its widest cell plus two spaces; the dashed line is each column's
// width plus three. Widths count terminal columns (wide UTF-8 characters
// take two), and control or unprintable characters are shown as \xNN, all
// as the current locale decides. Quiet mode (-q) drops header and dashes,
// and then header cells do not widen columns.

#include <string>
#include <vector>

namespace cvirt::shell {

class Printer;

class Table {
public:
    explicit Table(std::vector<std::string> header);
    // Throws std::invalid_argument when the row's cell count differs from
    // the header's.
    void addRow(std::vector<std::string> cells);

    std::string render(bool withHeader) const;
    // Renders with the header unless the printer is quiet, then prints it.
    void print(Printer& printer) const;

private:
    std::vector<std::vector<std::string>> rows_;  // rows_[0] is the header
};

// A cell's text made safe to print and its display width.
struct EncodedCell {
    std::string text;
    size_t width = 0;
};
EncodedCell encodeCell(const std::string& cell);

}  // namespace cvirt::shell
