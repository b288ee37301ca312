#pragma once
// libxml2 behind RAII: parsing with libvirt's error messages, read-only node
// views, and RelaxNG validation.

#include <libxml/tree.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace cvirt::xml {

// A read-only view of an element node; valid while its Document lives.
class Node {
public:
    Node() = default;
    explicit Node(xmlNodePtr node) : node_(node) {}

    explicit operator bool() const { return node_ != nullptr; }
    std::string_view name() const;
    int line() const;
    bool hasAttr(const char* name) const;
    std::optional<std::string> attr(const char* name) const;
    // The same value without a copy in the common case: the view points into
    // the document, or into `spill` when libxml2 keeps the value in pieces.
    // Either way view.data() is NUL-terminated. The model reads hundreds of
    // attributes per document, most of them absent or a few bytes long.
    std::optional<std::string_view> attrView(const char* name, std::string& spill) const;
    // The concatenated text of the node and its descendants.
    std::string text() const;
    // Element children, in document order.
    std::vector<Node> children() const;
    std::vector<Node> children(std::string_view name) const;
    // Calls f(Node) for each element child called `name`, without
    // building a list.
    template <typename F>
    void forEachChild(std::string_view name, F&& f) const {
        if (!node_)
            return;
        for (xmlNodePtr c = node_->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && nameIs(c->name, name))
                f(Node(c));
    }
    // Element name comparison without strlen: the model looks children up by
    // name for every field, thousands of times per document.
    static bool nameIs(const xmlChar* name, std::string_view want) {
        size_t i = 0;
        for (; i < want.size(); ++i)
            if (name[i] != static_cast<xmlChar>(want[i]))
                return false;  // also stops at the NUL of a shorter name
        return name[i] == 0;
    }
    static bool nameIs(const xmlChar* name, const char* want) {
        size_t i = 0;
        for (; want[i]; ++i)
            if (name[i] != static_cast<xmlChar>(want[i]))
                return false;
        return name[i] == 0;
    }
    // The first element child of that name.
    Node child(std::string_view name) const;
    Node parent() const;
    // The namespace URI and prefix of the element, if any.
    std::optional<std::string> namespaceUri() const;
    // Serializes the node and its subtree (for opaque content such as
    // <metadata>), re-indented the way libvirt writes it.
    std::string dump(int indent) const;
    xmlNodePtr raw() const { return node_; }

private:
    xmlNodePtr node_ = nullptr;
};

class Document {
public:
    // Parses `text`. `url` names the document in error messages the way
    // libvirt does ("(domain_definition)"). A malformed document throws
    // Error(XML_DETAIL, domain) with libvirt's "url:line: message" plus the
    // offending line and a ----^ pointer. `dropBlanks` drops whitespace-only
    // text between elements (XML_PARSE_NOBLANKS), as libvirt parses domain
    // XML.
    static Document parse(std::string_view text, std::string_view url, ErrorDomain domain,
                          bool dropBlanks = false);

    Node root() const;
    xmlDocPtr raw() const { return doc_.get(); }

private:
    struct Free {
        void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
    };
    std::unique_ptr<xmlDoc, Free> doc_;
};

// A compiled RelaxNG schema (e.g. libvirt's domain.rng).
class RngSchema {
public:
    // Throws Error(INTERNAL_ERROR) when the schema file cannot be loaded.
    static std::shared_ptr<RngSchema> load(const std::string& path);
    ~RngSchema();
    // Throws Error(XML_INVALID_SCHEMA): "Unable to validate doc against PATH" and
    // then libxml2's messages, one per line, as libvirt reports them.
    void validate(const Document& doc) const;

private:
    RngSchema() = default;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace cvirt::xml
