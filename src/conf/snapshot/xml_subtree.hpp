#pragma once
// An element and its subtree as a standalone XML document, with every
// namespace it uses declared on the new root. Used to hand an element
// embedded in a larger document (a <domain> inside a <domainsnapshot> or a
// test driver node file) to a parser that takes a whole document.
// (A general helper: it belongs in util/xml once that file's owner takes it.)

#include <string>

#include "util/xml.hpp"

namespace cvirt::conf {

std::string subtreeAsDocument(const cvirt::xml::Node& node);

}  // namespace cvirt::conf
