#pragma once
// An object's <metadata>: elements owned by applications, kept verbatim and
// printed the way libvirt prints them (libxml2's own serialisation,
// re-indented). libvirt never interprets them.

#include <memory>

#include "conf/xml/writer.hpp"
#include "util/xml.hpp"

namespace cvirt::conf::network {

class Metadata {
public:
    Metadata() = default;
    // A sanitised copy of a <metadata> element: child elements without a
    // namespace and repeats of a namespace are dropped, as is indentation.
    static Metadata fromNode(const cvirt::xml::Node& metadata);

    bool empty() const { return !doc_; }
    // Writes the element at the writer's indentation.
    void format(xml::Writer& w) const;

private:
    std::shared_ptr<xmlDoc> doc_;  // a document whose root is the <metadata> copy
};

}  // namespace cvirt::conf::network
