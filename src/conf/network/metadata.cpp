#include "conf/network/metadata.hpp"

#include <libxml/tree.h>

#include <cstring>
#include <string>

namespace cvirt::conf::network {
namespace {

bool isBlankText(xmlNodePtr n) {
    return n->type == XML_TEXT_NODE && xmlIsBlankNode(n);
}

// libvirt parses with indentation dropped: whitespace-only text between
// elements goes, whitespace next to real text stays (libxml2's
// keepBlanks=0 rule).
void dropIndentation(xmlNodePtr node) {
    bool mixed = false;
    for (xmlNodePtr c = node->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE && !xmlIsBlankNode(c)) || c->type == XML_CDATA_SECTION_NODE)
            mixed = true;
    for (xmlNodePtr c = node->children; c;) {
        xmlNodePtr next = c->next;
        if (!mixed && isBlankText(c)) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        } else if (c->type == XML_ELEMENT_NODE) {
            dropIndentation(c);
        }
        c = next;
    }
}

// virXMLNodeSanitizeNamespaces: only namespaced children, one per namespace.
void sanitizeNamespaces(xmlNodePtr node) {
    for (xmlNodePtr c = node->children; c;) {
        xmlNodePtr next = c->next;
        bool drop = false;
        if (c->type == XML_ELEMENT_NODE) {
            if (!c->ns || !c->ns->href) {
                drop = true;
            } else {
                for (xmlNodePtr p = node->children; p != c; p = p->next)
                    if (p->type == XML_ELEMENT_NODE && p->ns && p->ns->href &&
                        xmlStrEqual(p->ns->href, c->ns->href))
                        drop = true;
            }
        }
        if (drop) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
        c = next;
    }
}

}  // namespace

Metadata Metadata::fromNode(const cvirt::xml::Node& metadata) {
    Metadata m;
    xmlDocPtr doc = xmlNewDoc(reinterpret_cast<const xmlChar*>("1.0"));
    m.doc_.reset(doc, xmlFreeDoc);
    // A recursive copy declares on its root the namespaces that were
    // declared above it, as libvirt's copy does.
    xmlNodePtr copy = xmlDocCopyNode(metadata.raw(), doc, 1);
    xmlDocSetRootElement(doc, copy);
    dropIndentation(copy);
    sanitizeNamespaces(copy);
    return m;
}

void Metadata::format(xml::Writer& w) const {
    if (!doc_)
        return;
    xmlNodePtr root = xmlDocGetRootElement(doc_.get());
    std::unique_ptr<xmlBuffer, void (*)(xmlBufferPtr)> buf(xmlBufferCreate(), xmlBufferFree);
    // libxml2 indents nested lines by two spaces per level; the first line
    // gets the writer's indentation.
    xmlNodeDump(buf.get(), doc_.get(), root, w.indent() / 2, 1);
    w.out().append(static_cast<size_t>(w.indent()), ' ');
    w.out().append(reinterpret_cast<const char*>(xmlBufferContent(buf.get())),
                   static_cast<size_t>(xmlBufferLength(buf.get())));
    w.out() += '\n';
}

}  // namespace cvirt::conf::network
