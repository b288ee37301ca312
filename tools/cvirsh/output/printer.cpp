#include "cvirsh/output/printer.hpp"

namespace cvirt::shell {

void Printer::print(std::string_view text) { std::fwrite(text.data(), 1, text.size(), out_); }

void Printer::printExtra(std::string_view text) {
    if (!quiet_)
        print(text);
}

void Printer::error(std::string_view message) {
    std::fflush(out_);
    fmt::print(err_, "error: {}\n", message);
    std::fflush(err_);
}

void Printer::keyValue(std::string_view key, std::string_view value, int width) {
    fmt::print(out_, "{:<{}} {}\n", key, width, value);
}

void Printer::timing(double milliseconds) { fmt::print(out_, "\n(Time: {:.3f} ms)\n\n", milliseconds); }

void Printer::flush() {
    std::fflush(out_);
    std::fflush(err_);
}

}  // namespace cvirt::shell
