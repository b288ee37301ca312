#pragma once
// The identity of a domain: <name>, <uuid>, <genid>, <title>,
// <description> and the applications' opaque <metadata>.

#include <memory>
#include <optional>
#include <string>

#include "conf/xml/schema.hpp"
#include "util/uuid.hpp"

namespace cvirt::conf::domain {

using xml::FormatContext;
using xml::Node;
using xml::ParseContext;
using xml::Writer;

// <metadata>: elements owned by applications, one per XML namespace, kept
// verbatim and printed the way libxml2 serialises them (libvirt does not
// interpret them). Immutable once parsed; copies share the document.
class Metadata {
public:
    Metadata() = default;
    // A sanitised copy of a <metadata> element: only namespaced elements,
    // the first one of each namespace (libvirt's post-parse clean-up).
    static Metadata fromNode(const Node& metadata);
    bool empty() const { return !doc_; }
    // The <metadata> element as libvirt prints it at `indent` spaces.
    std::string format(int indent) const;
    // The serialised element of namespace `uri`, if present.
    std::optional<std::string> element(std::string_view uri) const;

private:
    std::shared_ptr<void> doc_;  // an xmlDoc whose root is <metadata>
};

struct General {
    std::string name;
    Uuid uuid;
    // <genid/>: requested; empty element means "generate one".
    bool genidRequested = false;
    bool genidGenerated = false;
    Uuid genid;
    std::optional<std::string> title;
    std::optional<std::string> description;
    Metadata metadata;
};

// Reads name, uuid, genid, title and description from <domain>; the uuid
// is generated when absent (reported through `uuidGenerated`).
void parseIdentity(General& g, const Node& domain, bool& uuidGenerated);
void parseMetadata(General& g, const Node& domain);
void formatGeneral(Writer& w, const General& g);

// The generic check on names (drivers without NAME_SLASH support):
// XML_ERROR "name X cannot contain '/'".
void validateName(const std::string& name);

}  // namespace cvirt::conf::domain
