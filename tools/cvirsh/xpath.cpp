#include "cvirsh/xpath.hpp"

#include <libxml/parser.h>
#include <libxml/xpathInternals.h>

#include <fmt/format.h>

#include "util/error.hpp"

namespace cvirt::shell {
namespace {

struct FreeObject {
    void operator()(xmlXPathObjectPtr obj) const { xmlXPathFreeObject(obj); }
};
using ObjectPtr = std::unique_ptr<xmlXPathObject, FreeObject>;

}  // namespace

XPathDocument XPathDocument::parse(std::string_view text, std::string_view url, bool keepBlanks) {
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
    if (!keepBlanks)
        options |= XML_PARSE_NOBLANKS;
    std::string name(url);
    XPathDocument out;
    out.doc_.reset(xmlReadMemory(text.data(), static_cast<int>(text.size()), name.c_str(), nullptr, options));
    if (!out.doc_ || !xmlDocGetRootElement(out.doc_.get()))
        throw Error(ErrorCode::XmlError, ErrorDomain::Xml, fmt::format("failed to parse xml document '{}'", url));
    out.ctxt_.reset(xmlXPathNewContext(out.doc_.get()));
    if (!out.ctxt_)
        throw Error(ErrorCode::NoMemory, ErrorDomain::None);
    out.ctxt_->node = xmlDocGetRootElement(out.doc_.get());
    return out;
}

XPathDocument::~XPathDocument() = default;

xmlNodePtr XPathDocument::root() const { return xmlDocGetRootElement(doc_.get()); }

void XPathDocument::setContext(xmlNodePtr node) { ctxt_->node = node; }

std::optional<std::string> XPathDocument::string(const std::string& expr) const {
    ObjectPtr obj(xmlXPathEval(reinterpret_cast<const xmlChar*>(expr.c_str()), ctxt_.get()));
    if (!obj || obj->type != XPATH_STRING || !obj->stringval || !obj->stringval[0])
        return std::nullopt;
    return std::string(reinterpret_cast<const char*>(obj->stringval));
}

std::vector<xmlNodePtr> XPathDocument::nodes(const std::string& expr) const {
    xmlNodePtr saved = ctxt_->node;
    ObjectPtr obj(xmlXPathEval(reinterpret_cast<const xmlChar*>(expr.c_str()), ctxt_.get()));
    ctxt_->node = saved;
    if (!obj)
        return {};
    if (obj->type != XPATH_NODESET)
        throw Error(ErrorCode::InternalError, ErrorDomain::Xml, fmt::format("Incorrect xpath '{}'", expr));
    std::vector<xmlNodePtr> out;
    if (obj->nodesetval)
        for (int i = 0; i < obj->nodesetval->nodeNr; ++i)
            out.push_back(obj->nodesetval->nodeTab[i]);
    return out;
}

std::optional<bool> XPathDocument::boolean(const std::string& expr) const {
    ObjectPtr obj(xmlXPathEval(reinterpret_cast<const xmlChar*>(expr.c_str()), ctxt_.get()));
    if (!obj || obj->type != XPATH_BOOLEAN || obj->boolval < 0)
        return std::nullopt;
    return obj->boolval != 0;
}

std::string XPathDocument::dump(xmlNodePtr node) const {
    std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buf(xmlBufferCreate(), &xmlBufferFree);
    if (!buf)
        throw Error(ErrorCode::NoMemory, ErrorDomain::None);
    xmlNodeDump(buf.get(), doc_.get(), node, 0, 1);
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(buf.get())),
                       static_cast<size_t>(xmlBufferLength(buf.get())));
}

}  // namespace cvirt::shell
