#pragma once
// Quoting helpers for output that is read back by a shell or an XML parser.

#include <string>
#include <string_view>

namespace cvirt::shell {

// Leaves words without shell metacharacters alone; otherwise single-quotes
// them, writing ' as '\''. The empty string becomes ''.
std::string shellQuote(std::string_view text);
// & < > " ' as entities; other control characters except tab, newline and
// carriage return are dropped, as libvirt's XML escaping does.
std::string xmlEscapeText(std::string_view text);

}  // namespace cvirt::shell
