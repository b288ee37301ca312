#include "conf/domain/numatune.hpp"

#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

Bitmap nodesetAttr(const std::string& text) {
    Bitmap b = parseBitmap(text);
    if (b.empty())
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Invalid value of 'nodeset': {}", text);
    return b;
}

}  // namespace

void parseNumatune(Numatune& n, const Node& domain, bool placementStatic, size_t cells) {
    auto tunes = domain.children("numatune");
    if (tunes.size() > 1)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "only one numatune is supported");
    Node tune = tunes.empty() ? Node() : tunes[0];
    Node memory = tune ? tune.child("memory") : Node();

    std::optional<NumatuneMode> mode;
    std::optional<NumatunePlacement> placement;
    std::optional<Bitmap> nodeset;
    if (!placementStatic && !memory)
        placement = NumatunePlacement::Auto;
    if (memory) {
        if (auto text = memory.attr("mode")) {
            mode = fromString<NumatuneMode>(*text);
            if (!mode)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Unsupported NUMA memory tuning mode '{}'",
                     *text);
        }
        if (auto text = memory.attr("placement")) {
            auto p = fromString<NumatunePlacement>(*text);
            if (!p && *text == "default")
                p = NumatunePlacement::Default;
            if (!p)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                     "Unsupported NUMA memory placement mode '{}'", *text);
            placement = p;
        }
        if (auto text = memory.attr("nodeset"))
            nodeset = nodesetAttr(*text);
    }

    // virDomainNumatuneSet
    if (mode || placement || nodeset) {
        NumatuneMemory m;
        m.mode = mode.value_or(NumatuneMode::Strict);
        NumatunePlacement p = placement.value_or(NumatunePlacement::Default);
        m.nodeset = nodeset;
        if (nodeset && !placement)
            p = NumatunePlacement::Static;
        if (p == NumatunePlacement::Default)
            p = (m.nodeset || placementStatic) ? NumatunePlacement::Static : NumatunePlacement::Auto;
        if (p == NumatunePlacement::Static && !m.nodeset)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                 "nodeset for NUMA memory tuning must be set if 'placement' is 'static'");
        if (p == NumatunePlacement::Auto)
            m.nodeset.reset();
        m.placement = p;
        n.memory = std::move(m);
    }

    auto memnodes = tune ? tune.children("memnode") : std::vector<Node>{};
    if (memnodes.empty())
        return;
    if (n.placementAuto())
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
             "Per-node binding is not compatible with automatic NUMA placement.");
    if (cells == 0)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Element 'memnode' is invalid without any guest NUMA cells");
    for (const auto& node : memnodes) {
        unsigned cellid = *propInt<unsigned>(node, "cellid", kPropRequired);
        if (cellid >= cells)
            fail(ErrorCode::XmlError, ErrorDomain::Domain,
                 "Argument 'cellid' in memnode element must correspond to existing guest's NUMA cell");
        if (n.memnodes.count(cellid))
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Multiple memnode elements with cellid {}", cellid);
        MemNode m;
        m.mode = propEnum<NumatuneMode>(node, "mode").value_or(NumatuneMode::Strict);
        auto text = node.attr("nodeset");
        if (!text)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Missing required nodeset attribute in memnode element");
        m.nodeset = nodesetAttr(*text);
        n.memnodes[cellid] = std::move(m);
    }
}

void formatNumatune(xml::Writer& w, const Numatune& n) {
    using xml::Writer;
    if (!n.memory && n.memnodes.empty())
        return;
    Writer::Element tune(w, "numatune", true);
    tune.beginChildren();
    if (n.memory) {
        Writer::Element m(w, "memory", true);
        m.attr("mode", toString(n.memory->mode));
        if (n.memory->placement == NumatunePlacement::Static)
            m.attr("nodeset", n.memory->nodeset ? n.memory->nodeset->format() : "");
        else if (isSet(n.memory->placement))
            m.attr("placement", toString(n.memory->placement));
    }
    for (const auto& [cell, node] : n.memnodes) {
        Writer::Element m(w, "memnode", true);
        m.attr("cellid", std::to_string(cell));
        m.attr("mode", toString(node.mode));
        m.attr("nodeset", node.nodeset.format());
    }
}

void validateNumatune(const Numatune& n) {
    bool restrictive = n.memory && n.memory->mode == NumatuneMode::Restrictive;
    for (const auto& [cell, node] : n.memnodes) {
        if (restrictive && node.mode != NumatuneMode::Restrictive)
            fail(ErrorCode::XmlError, ErrorDomain::Domain,
                 "'restrictive' mode is required in memnode element when mode is 'restrictive' in memory element");
        if (node.mode == NumatuneMode::Restrictive && !restrictive)
            fail(ErrorCode::XmlError, ErrorDomain::Domain,
                 "'restrictive' mode is required in memory element when mode is 'restrictive' in memnode element");
    }
}

std::optional<Resource> parseResource(const Node& domain) {
    auto nodes = domain.children("resource");
    if (nodes.size() > 1)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "only one resource element is supported");
    if (nodes.empty())
        return std::nullopt;
    Resource r;
    r.partition = childText(nodes[0], "partition");
    if (auto fc = nodes[0].child("fibrechannel")) {
        r.appid = fc.attr("appid");
        if (r.appid && r.appid->empty())
            r.appid.reset();
    }
    if (!r.partition && !r.appid)
        return std::nullopt;
    return r;
}

void formatResource(xml::Writer& w, const std::optional<Resource>& r) {
    using xml::Writer;
    if (!r)
        return;
    Writer::Element res(w, "resource", false);
    if (r->partition) {
        res.beginChildren();
        w.textElement("partition", *r->partition);
    }
    if (r->appid) {
        res.beginChildren();
        Writer::Element fc(w, "fibrechannel", true);
        fc.attr("appid", *r->appid);
    }
}

void validateResource(const std::optional<Resource>& r) {
    if (!r || !r->appid)
        return;
    for (unsigned char c : *r->appid)
        if (c < 0x20 || c > 0x7e)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Fibre Channel 'appid' is not a printable string");
    size_t len = r->appid->size();
    if (len < 1 || len > 128)
        fail(ErrorCode::InvalidArg, ErrorDomain::Domain, "Fibre Channel 'appid' string length must be between [{}, {}]",
             1, 128);
}

}  // namespace cvirt::conf::domain
