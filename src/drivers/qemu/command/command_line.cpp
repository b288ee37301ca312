#include "drivers/qemu/command/command_line.hpp"

namespace cvirt::qemu {
namespace {

// Quotes an argument the way libvirt's command logging does: plain when
// it has no shell metacharacters, else in single quotes.
std::string quote(const std::string& arg) {
    bool plain = !arg.empty() && arg.find_first_of(" \t\n\"'\\$`|&;<>(){}*?[]!#~") == std::string::npos;
    if (plain)
        return arg;
    std::string out = "'";
    for (char c : arg) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

}  // namespace

std::string CommandLine::toString(bool lineBreaks) const {
    std::vector<std::string> parts;
    for (const auto& e : env) {
        auto eq = e.find('=');
        parts.push_back(eq == std::string::npos ? quote(e) : e.substr(0, eq + 1) + quote(e.substr(eq + 1)));
    }
    parts.push_back(quote(binary));
    for (const auto& a : args)
        parts.push_back(quote(a));
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        out += parts[i];
        if (lineBreaks)
            out += i + 1 < parts.size() ? " \\\n" : "\n";
        else if (i + 1 < parts.size())
            out += ' ';
    }
    return out;
}

}  // namespace cvirt::qemu
