#pragma once
// XML documents the API hands back (domain, network, snapshot XML), read
// with XPath the way virsh reads them: libvirt's virXPathString gives "no
// value" for an empty result, virXPathNodeSet refuses a non node-set, and
// virXMLNodeToString re-indents what it serializes.

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cvirt::shell {

class XPathDocument {
public:
    // Parses `text`; `keepBlanks` false drops whitespace-only text so that
    // serialized nodes are indented afresh (virsh's --xpath output). Throws
    // Error(XML_ERROR) naming `url` when the text is not XML.
    static XPathDocument parse(std::string_view text, std::string_view url, bool keepBlanks = true);

    XPathDocument(XPathDocument&&) noexcept = default;
    XPathDocument& operator=(XPathDocument&&) noexcept = default;
    ~XPathDocument();

    xmlNodePtr root() const;
    // Relative expressions are evaluated from this node (the root element
    // until set).
    void setContext(xmlNodePtr node);

    // The string value of `expr`; nullopt when it is empty or not a string.
    std::optional<std::string> string(const std::string& expr) const;
    // The nodes `expr` selects: empty when it cannot be evaluated; throws
    // INTERNAL_ERROR "Incorrect xpath '...'" when it is not a node set.
    std::vector<xmlNodePtr> nodes(const std::string& expr) const;
    // The boolean value of `expr`; nullopt when it cannot be evaluated.
    std::optional<bool> boolean(const std::string& expr) const;

    // libvirt's virXMLNodeToString: the node serialized and formatted.
    std::string dump(xmlNodePtr node) const;
    xmlDocPtr raw() const { return doc_.get(); }

private:
    struct FreeDoc {
        void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
    };
    struct FreeContext {
        void operator()(xmlXPathContextPtr ctxt) const { xmlXPathFreeContext(ctxt); }
    };
    XPathDocument() = default;
    std::unique_ptr<xmlDoc, FreeDoc> doc_;
    std::unique_ptr<xmlXPathContext, FreeContext> ctxt_;
};

}  // namespace cvirt::shell
