#include "conf/snapshot/xml_subtree.hpp"

#include <libxml/tree.h>

#include <memory>

namespace cvirt::conf {
namespace {

struct DocFree {
    void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
};

}  // namespace

std::string subtreeAsDocument(const cvirt::xml::Node& node) {
    std::unique_ptr<xmlDoc, DocFree> doc(xmlNewDoc(reinterpret_cast<const xmlChar*>("1.0")));
    xmlNodePtr copy = xmlDocCopyNode(node.raw(), doc.get(), 1);
    if (!copy)
        throw Error(ErrorCode::InternalError, ErrorDomain::Xml, "Failed to copy XML node");
    xmlDocSetRootElement(doc.get(), copy);
    // Declarations inherited from ancestors move onto the new root.
    xmlReconciliateNs(doc.get(), copy);
    xmlBufferPtr buf = xmlBufferCreate();
    xmlNodeDump(buf, doc.get(), copy, 0, 0);
    std::string text(reinterpret_cast<const char*>(xmlBufferContent(buf)), static_cast<size_t>(xmlBufferLength(buf)));
    xmlBufferFree(buf);
    return text;
}

}  // namespace cvirt::conf
