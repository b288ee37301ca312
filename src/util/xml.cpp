#include "util/xml.hpp"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlsave.h>

#include <cstdarg>
#include <mutex>

#include "util/strings.hpp"

namespace cvirt::xml {
namespace {

struct ParseErrorSink {
    std::string message;  // the first error only, as libvirt reports it
    bool seen = false;
};

// The offending line and a "----^" pointer under the error column, the
// context libvirt prints after an XML syntax error.
std::string errorContext(xmlParserCtxtPtr ctxt) {
    if (!ctxt->input || !ctxt->input->cur || !ctxt->input->base)
        return "\n";
    const xmlChar* base = ctxt->input->base;
    const xmlChar* cur = ctxt->input->cur;
    while (cur > base && (*cur == '\n' || *cur == '\r'))
        --cur;
    size_t n = 0;
    while (n++ < 80 && cur > base && *cur != '\n' && *cur != '\r')
        --cur;
    if (*cur == '\n' || *cur == '\r')
        ++cur;
    size_t col = static_cast<size_t>(ctxt->input->cur - cur);
    std::string line;
    for (const xmlChar* p = cur; *p && *p != '\n' && *p != '\r' && line.size() < 80; ++p)
        line += static_cast<char>(*p);
    std::string pointer;
    for (size_t i = 0; i < col && i < line.size() + 1; ++i)
        pointer += '-';
    pointer += '^';
    // libvirt formats an empty context line from a NULL buffer: glibc prints "(null)".
    return (line.empty() ? std::string("(null)") : line) + "\n" + pointer;
}

void onParseError(void* ctx, const char* /*msg*/, ...) {
    auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    auto* sink = static_cast<ParseErrorSink*>(ctxt->_private);
    if (!sink || sink->seen)
        return;
    sink->seen = true;
    const xmlError& err = ctxt->lastError;
    std::string text = err.message ? err.message : "unknown XML error\n";
    if (err.file)
        sink->message = fmt::format("{}:{}: {}{}", err.file, err.line, text, errorContext(ctxt));
    else
        sink->message = fmt::format("at line {}: {}{}", err.line, text, errorContext(ctxt));
}

void initLibxml() {
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
}

void dumpNode(std::string& out, xmlNodePtr node, int indent) {
    // Serialize with libxml2, then re-indent every line by `indent`.
    xmlBufferPtr buf = xmlBufferCreate();
    xmlNodeDump(buf, node->doc, node, 0, 1);
    std::string text(reinterpret_cast<const char*>(xmlBufferContent(buf)), static_cast<size_t>(xmlBufferLength(buf)));
    xmlBufferFree(buf);
    std::string pad(static_cast<size_t>(indent), ' ');
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        out += pad;
        out.append(text, start, end - start);
        out += '\n';
        start = end + 1;
    }
}

}  // namespace

std::string_view Node::name() const {
    return node_ ? std::string_view(reinterpret_cast<const char*>(node_->name)) : std::string_view();
}

int Node::line() const { return node_ ? static_cast<int>(xmlGetLineNo(node_)) : 0; }

bool Node::hasAttr(const char* name) const {
    return node_ && xmlHasProp(node_, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}

std::optional<std::string_view> Node::attrView(const char* name, std::string& spill) const {
    if (!node_)
        return std::nullopt;
    // Only attributes without a namespace, as libvirt reads them.
    for (xmlAttrPtr a = node_->properties; a; a = a->next) {
        if (a->ns || !nameIs(a->name, name))
            continue;
        xmlNodePtr c = a->children;
        if (!c)
            return std::string_view("");
        if (!c->next && c->type == XML_TEXT_NODE && c->content)
            return std::string_view(reinterpret_cast<const char*>(c->content));
        xmlChar* value = xmlNodeListGetString(node_->doc, c, 1);
        spill = value ? reinterpret_cast<const char*>(value) : "";
        xmlFree(value);
        return std::string_view(spill);
    }
    // Defaults from a DTD are the only other source of a value.
    if (!node_->doc || !node_->doc->intSubset)
        return std::nullopt;
    xmlChar* value = xmlGetNoNsProp(node_, reinterpret_cast<const xmlChar*>(name));
    if (!value)
        return std::nullopt;
    spill = reinterpret_cast<const char*>(value);
    xmlFree(value);
    return std::string_view(spill);
}

std::optional<std::string> Node::attr(const char* name) const {
    std::string spill;
    auto v = attrView(name, spill);
    if (!v)
        return std::nullopt;
    return std::string(*v);
}

std::string Node::text() const {
    if (!node_)
        return {};
    xmlChar* content = xmlNodeGetContent(node_);
    if (!content)
        return {};
    std::string out(reinterpret_cast<const char*>(content));
    xmlFree(content);
    return out;
}

std::vector<Node> Node::children() const {
    std::vector<Node> out;
    if (!node_)
        return out;
    for (xmlNodePtr c = node_->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            out.emplace_back(c);
    return out;
}

std::vector<Node> Node::children(std::string_view name) const {
    std::vector<Node> out;
    if (!node_)
        return out;
    for (xmlNodePtr c = node_->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && Node::nameIs(c->name, name))
            out.emplace_back(c);
    return out;
}

Node Node::child(std::string_view name) const {
    if (!node_)
        return Node();
    for (xmlNodePtr c = node_->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && Node::nameIs(c->name, name))
            return Node(c);
    return Node();
}

Node Node::parent() const {
    return node_ && node_->parent && node_->parent->type == XML_ELEMENT_NODE ? Node(node_->parent) : Node();
}

std::optional<std::string> Node::namespaceUri() const {
    if (!node_ || !node_->ns || !node_->ns->href)
        return std::nullopt;
    return std::string(reinterpret_cast<const char*>(node_->ns->href));
}

std::string Node::dump(int indent) const {
    std::string out;
    if (node_)
        dumpNode(out, node_, indent);
    return out;
}

namespace {

// A parser context per thread, reset by every read: creating one costs as
// much as parsing a small document. A nested parse on the same thread (not
// expected) gets a context of its own.
class ParserLease {
public:
    ParserLease() {
        if (!slot().ctxt)
            slot().ctxt = xmlNewParserCtxt();
        if (!slot().busy && slot().ctxt) {
            ctxt_ = slot().ctxt;
            slot().busy = true;
        } else {
            ctxt_ = own_ = xmlNewParserCtxt();
        }
    }
    ~ParserLease() {
        if (own_) {
            xmlFreeParserCtxt(own_);
        } else if (ctxt_) {
            ctxt_->_private = nullptr;
            slot().busy = false;
        }
    }
    ParserLease(const ParserLease&) = delete;
    ParserLease& operator=(const ParserLease&) = delete;
    xmlParserCtxtPtr get() const { return ctxt_; }

private:
    struct Slot {
        xmlParserCtxtPtr ctxt = nullptr;
        bool busy = false;
        ~Slot() {
            if (ctxt)
                xmlFreeParserCtxt(ctxt);
        }
    };
    static Slot& slot() {
        thread_local Slot s;
        return s;
    }
    xmlParserCtxtPtr ctxt_ = nullptr;
    xmlParserCtxtPtr own_ = nullptr;
};

}  // namespace

Document Document::parse(std::string_view text, std::string_view url, ErrorDomain domain, bool dropBlanks) {
    initLibxml();
    ParseErrorSink sink;
    ParserLease lease;
    xmlParserCtxtPtr ctxt = lease.get();
    if (!ctxt)
        throw Error(ErrorCode::NoMemory, domain);
    ctxt->_private = &sink;
    ctxt->sax->error = onParseError;
    std::string urlText(url);
    // No network, no entity expansion from outside, no DTD loading: the
    // document is untrusted input.
    // COMPACT keeps short text inside its node: the documents are read-only.
    int options = XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_COMPACT | (dropBlanks ? XML_PARSE_NOBLANKS : 0);
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, text.data(), static_cast<int>(text.size()), urlText.c_str(), nullptr,
                                      options);
    if (!doc || !ctxt->wellFormed) {
        if (doc)
            xmlFreeDoc(doc);
        if (sink.message.empty())
            sink.message = fmt::format("{}: failed to parse xml document", urlText);
        throw Error(ErrorCode::XmlDetail, domain, sink.message);
    }
    Document d;
    d.doc_.reset(doc);
    if (!xmlDocGetRootElement(doc))
        fail(ErrorCode::XmlError, domain, "missing root element");
    return d;
}

Node Document::root() const { return Node(xmlDocGetRootElement(doc_.get())); }

struct RngSchema::Impl {
    xmlRelaxNGPtr schema = nullptr;
    std::string path;
    ~Impl() {
        if (schema)
            xmlRelaxNGFree(schema);
    }
};

std::shared_ptr<RngSchema> RngSchema::load(const std::string& path) {
    initLibxml();
    std::shared_ptr<RngSchema> s(new RngSchema());
    s->impl_ = std::make_unique<Impl>();
    s->impl_->path = path;
    xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewParserCtxt(path.c_str());
    if (!pctxt)
        fail(ErrorCode::InternalError, ErrorDomain::Xml, "Unable to create RNG parser for {}", path);
    xmlRelaxNGSetParserStructuredErrors(pctxt, [](void*, xmlErrorPtr) {}, nullptr);
    s->impl_->schema = xmlRelaxNGParse(pctxt);
    xmlRelaxNGFreeParserCtxt(pctxt);
    if (!s->impl_->schema)
        fail(ErrorCode::InternalError, ErrorDomain::Xml, "Unable to parse RNG {}", path);
    return s;
}

RngSchema::~RngSchema() = default;

void RngSchema::validate(const Document& doc) const {
    // libvirt collects libxml2's messages one per line and reports them
    // under "Unable to validate doc against <schema>" (virXMLValidateAgainstSchema).
    std::string messages;
    xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt(impl_->schema);
    if (!vctxt)
        throw Error(ErrorCode::NoMemory, ErrorDomain::Xml);
    xmlRelaxNGSetValidStructuredErrors(
        vctxt,
        [](void* data, xmlErrorPtr err) {
            auto* out = static_cast<std::string*>(data);
            std::string msg = err->message ? err->message : "";
            while (!msg.empty() && msg.back() == '\n')
                msg.pop_back();
            *out += msg;
            *out += '\n';
        },
        &messages);
    int rc = xmlRelaxNGValidateDoc(vctxt, doc.raw());
    xmlRelaxNGFreeValidCtxt(vctxt);
    if (rc != 0)
        throw Error(ErrorCode::XmlInvalidSchema, ErrorDomain::Xml,
                    fmt::format("Unable to validate doc against {}\n{}", impl_->path, messages));
}

}  // namespace cvirt::xml
