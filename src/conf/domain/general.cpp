#include "conf/domain/general.hpp"

#include <libxml/tree.h>

#include <set>

#include "conf/domain/props.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

xmlDocPtr docOf(const std::shared_ptr<void>& p) { return static_cast<xmlDocPtr>(p.get()); }

bool isBlank(const xmlChar* text) {
    if (!text)
        return true;
    for (const xmlChar* c = text; *c; ++c)
        if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r')
            return false;
    return true;
}

// libvirt parses with XML_PARSE_NOBLANKS, which drops whitespace-only text
// between elements so that the dump below can re-indent; elements holding
// real text keep everything.
void dropBlankText(xmlNodePtr element) {
    bool hasElement = false, hasText = false;
    for (xmlNodePtr c = element->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE)
            hasElement = true;
        else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !isBlank(c->content))
            hasText = true;
    }
    for (xmlNodePtr c = element->children, next; c; c = next) {
        next = c->next;
        if (c->type == XML_ELEMENT_NODE) {
            dropBlankText(c);
        } else if (hasElement && !hasText && c->type == XML_TEXT_NODE) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
    }
}

std::string dump(xmlNodePtr node, int level) {
    std::unique_ptr<xmlBuffer, void (*)(xmlBufferPtr)> buf(xmlBufferCreate(), xmlBufferFree);
    if (!buf)
        throw Error(ErrorCode::NoMemory, ErrorDomain::Domain);
    int oldIndent = xmlIndentTreeOutput;
    xmlIndentTreeOutput = 1;
    xmlNodeDump(buf.get(), node->doc, node, level, 1);
    xmlIndentTreeOutput = oldIndent;
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(buf.get())),
                       static_cast<size_t>(xmlBufferLength(buf.get())));
}

}  // namespace

Metadata Metadata::fromNode(const Node& metadata) {
    Metadata m;
    xmlNodePtr src = metadata.raw();
    if (!src || !xmlFirstElementChild(src))
        return m;
    std::shared_ptr<void> doc(xmlNewDoc(BAD_CAST "1.0"), [](void* d) { xmlFreeDoc(static_cast<xmlDocPtr>(d)); });
    if (!doc)
        throw Error(ErrorCode::NoMemory, ErrorDomain::Domain);
    xmlNodePtr copy = xmlDocCopyNode(src, docOf(doc), 1);
    if (!copy)
        throw Error(ErrorCode::NoMemory, ErrorDomain::Domain);
    xmlDocSetRootElement(docOf(doc), copy);
    // virXMLNodeSanitizeNamespaces: keep one element per namespace (the
    // first), drop everything else.
    std::set<std::string> seen;
    for (xmlNodePtr c = copy->children, next; c; c = next) {
        next = c->next;
        bool keep = c->type == XML_ELEMENT_NODE && c->ns && c->ns->href &&
                    seen.insert(reinterpret_cast<const char*>(c->ns->href)).second;
        if (!keep) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
    }
    if (!copy->children)
        return m;
    dropBlankText(copy);
    m.doc_ = std::move(doc);
    return m;
}

std::string Metadata::format(int indent) const {
    if (!doc_)
        return {};
    return std::string(static_cast<size_t>(indent), ' ') + dump(xmlDocGetRootElement(docOf(doc_)), indent / 2) +
           "\n";
}

std::optional<std::string> Metadata::element(std::string_view uri) const {
    if (!doc_)
        return std::nullopt;
    for (xmlNodePtr c = xmlDocGetRootElement(docOf(doc_))->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && c->ns && c->ns->href &&
            uri == reinterpret_cast<const char*>(c->ns->href))
            return dump(c, 0);
    return std::nullopt;
}

void parseIdentity(General& g, const Node& domain, bool& uuidGenerated) {
    auto name = childText(domain, "name");
    if (!name)
        throw Error(ErrorCode::NoName, ErrorDomain::Domain);
    g.name = *name;

    uuidGenerated = false;
    if (auto text = childText(domain, "uuid")) {
        auto u = Uuid::parse(*text);
        if (!u)
            fail(ErrorCode::InternalError, ErrorDomain::Domain, "malformed uuid element");
        g.uuid = *u;
    } else {
        g.uuid = Uuid::generate();
        uuidGenerated = true;
    }

    auto genids = domain.children("genid");
    if (!genids.empty()) {
        if (genids.size() != 1)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "element 'genid' can only appear once");
        g.genidRequested = true;
        if (auto text = nonEmptyText(genids[0])) {
            auto u = Uuid::parse(*text);
            if (!u)
                fail(ErrorCode::InternalError, ErrorDomain::Domain, "malformed genid element");
            g.genid = *u;
        } else {
            g.genid = Uuid::generate();
            g.genidGenerated = true;
        }
    }

    g.title = childText(domain, "title");
    if (g.title && g.title->find('\n') != std::string::npos)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Domain title can't contain newlines");
    g.description = childText(domain, "description");
}

void parseMetadata(General& g, const Node& domain) {
    if (auto m = domain.child("metadata"))
        g.metadata = Metadata::fromNode(m);
}

void formatGeneral(Writer& w, const General& g) {
    w.textElement("name", g.name);
    w.textElement("uuid", g.uuid.format());
    if (g.genidRequested)
        w.textElement("genid", g.genid.format());
    if (g.title)
        w.textElement("title", *g.title);
    if (g.description)
        w.textElement("description", *g.description);
    if (!g.metadata.empty())
        w.out() += g.metadata.format(w.indent());
}

void validateName(const std::string& name) {
    if (name.find('/') != std::string::npos)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "name {} cannot contain '/'", name);
}

}  // namespace cvirt::conf::domain
