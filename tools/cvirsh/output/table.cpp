#include "cvirsh/output/table.hpp"

#include <cwchar>
#include <cwctype>
#include <stdexcept>

#include <fmt/format.h>

#include "cvirsh/output/printer.hpp"

namespace cvirt::shell {
namespace {

bool isAsciiControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

// virsh formats a (signed) char with "\\x%02x" into a 5-byte buffer, so a
// byte above 0x7f comes out truncated as "\xff"; we print what it prints.
std::string hexByte(char c) {
    auto v = static_cast<signed char>(c);
    if (v < 0)
        return "\\xff";
    return fmt::format("\\x{:02x}", static_cast<unsigned>(v));
}

}  // namespace

EncodedCell encodeCell(const std::string& cell) {
    EncodedCell out;
    std::mbstate_t state{};
    size_t i = 0;
    while (i < cell.size()) {
        char c = cell[i];
        if ((c == '\\' && i + 1 < cell.size() && cell[i + 1] == 'x') ||
            isAsciiControl(static_cast<unsigned char>(c))) {
            out.text += hexByte(c);
            out.width += 4;
            ++i;
            continue;
        }
        wchar_t wc = 0;
        size_t len = std::mbrtowc(&wc, cell.data() + i, cell.size() - i, &state);
        if (len == 0)
            break;
        if (len == static_cast<size_t>(-1) || len == static_cast<size_t>(-2)) {
            state = {};
            unsigned char u = static_cast<unsigned char>(c);
            if (u >= 0x20 && u < 0x7f) {
                out.text += c;
                out.width += 1;
            } else {
                out.text += hexByte(c);
                out.width += 4;
            }
            ++i;
            continue;
        }
        if (!std::iswprint(static_cast<wint_t>(wc))) {
            for (size_t k = 0; k < len; ++k)
                out.text += hexByte(cell[i + k]);
            out.width += 4 * len;
        } else {
            out.text.append(cell, i, len);
            int w = ::wcwidth(wc);
            out.width += w > 0 ? static_cast<size_t>(w) : 0;
        }
        i += len;
    }
    return out;
}

Table::Table(std::vector<std::string> header) { rows_.push_back(std::move(header)); }

void Table::addRow(std::vector<std::string> cells) {
    if (cells.size() != rows_.front().size())
        throw std::invalid_argument("Incorrect number of cells in a table row");
    rows_.push_back(std::move(cells));
}

std::string Table::render(bool withHeader) const {
    size_t columns = rows_.front().size();
    std::vector<std::vector<EncodedCell>> cells;
    std::vector<size_t> widths(columns, 0);
    for (size_t r = 0; r < rows_.size(); ++r) {
        std::vector<EncodedCell> row;
        for (size_t c = 0; c < columns; ++c) {
            row.push_back(encodeCell(rows_[r][c]));
            if (r > 0 || withHeader)
                widths[c] = std::max(widths[c], row.back().width);
        }
        cells.push_back(std::move(row));
    }
    std::string out;
    auto printRow = [&](const std::vector<EncodedCell>& row) {
        for (size_t c = 0; c < columns; ++c) {
            out += ' ';
            out += row[c].text;
            if (c + 1 < columns)
                out.append(widths[c] - row[c].width + 2, ' ');
        }
        out += '\n';
    };
    if (withHeader) {
        printRow(cells.front());
        for (size_t c = 0; c < columns; ++c)
            out.append(widths[c] + 3, '-');
        out += '\n';
    }
    for (size_t r = 1; r < cells.size(); ++r)
        printRow(cells[r]);
    return out;
}

void Table::print(Printer& printer) const { printer.print(render(!printer.quiet())); }

}  // namespace cvirt::shell
