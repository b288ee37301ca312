#include "cvirsh/output/escape.hpp"

namespace cvirt::shell {

std::string shellQuote(std::string_view text) {
    if (text.empty())
        return "''";
    if (text.find_first_of("\r\t\n !\"#$&'()*;<>?[\\]^`{|}~") == std::string_view::npos)
        return std::string(text);
    std::string out = "'";
    for (char c : text) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    out += '\'';
    return out;
}

std::string xmlEscapeText(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
                    break;
                out += c;
        }
    }
    return out;
}

}  // namespace cvirt::shell
