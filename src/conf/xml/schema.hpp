#pragma once
// Declarative XML bindings: an element's attributes and children are
// declared once, in libvirt's output order, and both the parser and the
// formatter are derived from that declaration.
//
//   struct DiskDriver { std::string name; DiskFormat type{}; std::optional<unsigned> queues; };
//   CVIRT_XML_FIELDS(DiskDriver,
//       attr("name", &Self::name),
//       attr("type", &Self::type),
//       attr("queues", &Self::queues));
//
// Field kinds (all in namespace cvirt::conf::xml):
//   attr(name, member[, flags])        an attribute; attr<Codec>(...) picks a codec
//   text(member)                       the element's own text content
//   child(name, member[, flags])       a child element: T, std::optional<T>, std::vector<T>
//   textChild(name, member[, flags])   <name>value</name>; vector for repeats
//   flag(name, member)                 <name/> present when a bool is true
//   custom(parse, format)              hand-written code at that position
// Attributes are always written before children, each group in declared
// order. A type may instead provide its whole binding with
//   void xmlParse(T&, const Node&, ParseContext&) and
//   void xmlFormat(Writer&, std::string_view name, const T&, FormatContext&)
// found by argument-dependent lookup.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "conf/xml/codec.hpp"
#include "conf/xml/writer.hpp"

#define CVIRT_XML_FIELDS(Type, ...)                                                         \
    inline constexpr auto xmlFields(std::type_identity<Type>) {                             \
        using Self [[maybe_unused]] = Type;                                                 \
        using namespace ::cvirt::conf::xml;                                                 \
        return std::tuple{__VA_ARGS__};                                                     \
    }

namespace cvirt::conf::xml {

// Parse flags mirror libvirt's: INACTIVE ignores live-only data.
struct ParseContext {
    bool inactive = false;
    // Opaque data for custom fields of one document type.
    void* user = nullptr;
};

// Format flags mirror virDomainXMLFlags.
struct FormatContext {
    bool inactive = false;   // VIR_DOMAIN_XML_INACTIVE: no live-only data
    bool secure = false;     // VIR_DOMAIN_XML_SECURE: passwords included
    bool migratable = false; // VIR_DOMAIN_XML_MIGRATABLE
    void* user = nullptr;
};

enum FieldFlag : unsigned {
    kRequired = 1u << 0,     // parse: missing is an error
    kAlways = 1u << 1,       // format even when the codec says "not present"
    kLiveOnly = 1u << 2,     // format only without INACTIVE; parse only without INACTIVE
    kSecure = 1u << 3,       // format only with SECURE
    kKeepEmpty = 1u << 4,    // child: write <x/> even with nothing in it
    kInactiveOnly = 1u << 5, // format only with INACTIVE
};

inline bool formatAllowed(unsigned flags, const FormatContext& ctx) {
    if ((flags & kLiveOnly) && ctx.inactive)
        return false;
    if ((flags & kInactiveOnly) && !ctx.inactive)
        return false;
    if ((flags & kSecure) && !ctx.secure)
        return false;
    return true;
}

template <typename T>
concept HasFields = requires { xmlFields(std::type_identity<T>{}); };
template <typename T>
concept HasCustomBinding = requires(T& t, const T& ct, const Node& n, ParseContext& pc, Writer& w,
                                    FormatContext& fc) {
    xmlParse(t, n, pc);
    xmlFormat(w, std::string_view(), ct, fc);
};

template <typename T>
void parseInto(T& obj, const Node& node, ParseContext& ctx);
template <typename T>
void formatElement(Writer& w, std::string_view name, const T& obj, FormatContext& ctx, bool keepEmpty = false);
template <typename T>
void formatFields(Writer::Element& el, Writer& w, const T& obj, FormatContext& ctx);

template <typename T>
T parseElement(const Node& node, ParseContext& ctx) {
    T obj{};
    parseInto(obj, node, ctx);
    return obj;
}

// ---- field descriptors -------------------------------------------------

template <typename Owner, typename M, typename C>
struct AttrField {
    const char* name;
    M Owner::*member;
    unsigned flags;

    void parse(Owner& obj, const Node& node, ParseContext& ctx) const {
        if ((flags & kLiveOnly) && ctx.inactive)
            return;
        std::string spill;
        if (auto v = node.attrView(name, spill))
            obj.*member = C::parse(*v, node, name);
        else if (flags & kRequired)
            missingAttr(node, name);
    }
    void formatAttr(Writer::Element& el, const Owner& obj, const FormatContext& ctx) const {
        if (formatAllowed(flags, ctx) && ((flags & kAlways) || C::present(obj.*member)))
            el.attr(name, C::format(obj.*member));
    }
    void formatChild(Writer::Element&, Writer&, const Owner&, FormatContext&) const {}
};

template <typename C = void, typename Owner, typename M>
constexpr auto attr(const char* name, M Owner::*member, unsigned flags = 0) {
    using Chosen = std::conditional_t<std::is_void_v<C>, Codec<M>, C>;
    return AttrField<Owner, M, Chosen>{name, member, flags};
}

template <typename Owner, typename M, typename C>
struct TextField {
    M Owner::*member;

    void parse(Owner& obj, const Node& node, ParseContext&) const {
        std::string t = node.text();
        if (!t.empty())
            obj.*member = C::parse(t, node, "");
    }
    void formatAttr(Writer::Element&, const Owner&, const FormatContext&) const {}
    void formatChild(Writer::Element& el, Writer&, const Owner& obj, FormatContext&) const {
        if (C::present(obj.*member))
            el.text(C::format(obj.*member));
    }
};

template <typename C = void, typename Owner, typename M>
constexpr auto text(M Owner::*member) {
    using Chosen = std::conditional_t<std::is_void_v<C>, Codec<M>, C>;
    return TextField<Owner, M, Chosen>{member};
}

template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};
template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <typename T>
struct IsUniquePtr : std::false_type {};
template <typename T>
struct IsUniquePtr<std::unique_ptr<T>> : std::true_type {};

template <typename Owner, typename M>
struct ChildField {
    const char* name;
    M Owner::*member;
    unsigned flags;

    void parse(Owner& obj, const Node& node, ParseContext& ctx) const {
        if ((flags & kLiveOnly) && ctx.inactive)
            return;
        auto& m = obj.*member;
        // Elements are parsed where they will live: device structs are
        // kilobytes, and a move or a vector regrowth per element showed up
        // in the parse profile.
        if constexpr (IsVector<M>::value) {
            size_t count = 0;
            node.forEachChild(name, [&](const Node&) { ++count; });
            m.reserve(m.size() + count);
            node.forEachChild(name, [&](const Node& c) { parseInto(m.emplace_back(), c, ctx); });
        } else if constexpr (IsOptional<M>::value) {
            if (auto c = node.child(name))
                parseInto(m.emplace(), c, ctx);
        } else if constexpr (IsUniquePtr<M>::value) {
            if (auto c = node.child(name)) {
                m = std::make_unique<typename M::element_type>();
                parseInto(*m, c, ctx);
            }
        } else {
            if (auto c = node.child(name))
                parseInto(m, c, ctx);
        }
    }
    void formatAttr(Writer::Element&, const Owner&, const FormatContext&) const {}
    void formatChild(Writer::Element& el, Writer& w, const Owner& obj, FormatContext& ctx) const {
        if (!formatAllowed(flags, ctx))
            return;
        const auto& m = obj.*member;
        bool keep = flags & kKeepEmpty;
        if constexpr (IsVector<M>::value) {
            if (m.empty())
                return;
            el.beginChildren();
            for (const auto& item : m)
                formatElement(w, name, item, ctx, keep);
        } else if constexpr (IsOptional<M>::value || IsUniquePtr<M>::value) {
            if (!m)
                return;
            el.beginChildren();
            formatElement(w, name, *m, ctx, keep);
        } else {
            el.beginChildren();
            formatElement(w, name, m, ctx, keep);
        }
    }
};

template <typename Owner, typename M>
constexpr auto child(const char* name, M Owner::*member, unsigned flags = 0) {
    return ChildField<Owner, M>{name, member, flags};
}

template <typename Owner, typename M, typename C>
struct TextChildField {
    const char* name;
    M Owner::*member;
    unsigned flags;

    void parse(Owner& obj, const Node& node, ParseContext& ctx) const {
        if ((flags & kLiveOnly) && ctx.inactive)
            return;
        if constexpr (IsVector<M>::value) {
            node.forEachChild(name, [&](const Node& c) { (obj.*member).push_back(C::parse(c.text(), c, name)); });
        } else if (auto c = node.child(name)) {
            obj.*member = C::parse(c.text(), c, name);
        } else if (flags & kRequired) {
            cvirt::fail(ErrorCode::XmlError, ErrorDomain::Domain, "missing element '{}' in element '{}'", name,
                        node.name());
        }
    }
    void formatAttr(Writer::Element&, const Owner&, const FormatContext&) const {}
    void formatChild(Writer::Element& el, Writer& w, const Owner& obj, FormatContext& ctx) const {
        if (!formatAllowed(flags, ctx))
            return;
        if constexpr (IsVector<M>::value) {
            for (const auto& v : obj.*member) {
                el.beginChildren();
                w.textElement(name, C::format(v));
            }
        } else if ((flags & kAlways) || C::present(obj.*member)) {
            el.beginChildren();
            w.textElement(name, C::format(obj.*member));
        }
    }
};

template <typename M>
struct ElementOf {
    using type = M;
};
template <typename T>
struct ElementOf<std::vector<T>> {
    using type = T;
};

template <typename C = void, typename Owner, typename M>
constexpr auto textChild(const char* name, M Owner::*member, unsigned flags = 0) {
    using Chosen = std::conditional_t<std::is_void_v<C>, Codec<typename ElementOf<M>::type>, C>;
    return TextChildField<Owner, M, Chosen>{name, member, flags};
}

template <typename Owner>
struct FlagField {
    const char* name;
    bool Owner::*member;
    unsigned flags;

    void parse(Owner& obj, const Node& node, ParseContext&) const {
        if (node.child(name))
            obj.*member = true;
    }
    void formatAttr(Writer::Element&, const Owner&, const FormatContext&) const {}
    void formatChild(Writer::Element& el, Writer& w, const Owner& obj, FormatContext& ctx) const {
        if (obj.*member && formatAllowed(flags, ctx)) {
            el.beginChildren();
            Writer::Element e(w, name, true);
        }
    }
};

template <typename Owner>
constexpr auto flag(const char* name, bool Owner::*member, unsigned flags = 0) {
    return FlagField<Owner>{name, member, flags};
}

// Hand-written parsing and formatting at one position in the field list.
// `formatAttrs` writes attributes (it runs with the attributes), and
// `formatChildren` writes children (it runs with the children); either may
// be nullptr.
template <typename Owner>
struct CustomField {
    void (*parseFn)(Owner&, const Node&, ParseContext&);
    void (*formatAttrsFn)(Writer::Element&, const Owner&, FormatContext&);
    void (*formatChildrenFn)(Writer::Element&, Writer&, const Owner&, FormatContext&);

    void parse(Owner& obj, const Node& node, ParseContext& ctx) const {
        if (parseFn)
            parseFn(obj, node, ctx);
    }
    void formatAttr(Writer::Element& el, const Owner& obj, const FormatContext& ctx) const {
        if (formatAttrsFn)
            formatAttrsFn(el, obj, const_cast<FormatContext&>(ctx));
    }
    void formatChild(Writer::Element& el, Writer& w, const Owner& obj, FormatContext& ctx) const {
        if (formatChildrenFn)
            formatChildrenFn(el, w, obj, ctx);
    }
};

template <typename Owner>
constexpr auto custom(void (*parseFn)(Owner&, const Node&, ParseContext&),
                      void (*formatAttrsFn)(Writer::Element&, const Owner&, FormatContext&),
                      void (*formatChildrenFn)(Writer::Element&, Writer&, const Owner&, FormatContext&) = nullptr) {
    return CustomField<Owner>{parseFn, formatAttrsFn, formatChildrenFn};
}

// ---- the engine --------------------------------------------------------

template <typename T>
void parseInto(T& obj, const Node& node, ParseContext& ctx) {
    if constexpr (HasCustomBinding<T>) {
        xmlParse(obj, node, ctx);
    } else {
        static_assert(HasFields<T>, "declare the type's XML with CVIRT_XML_FIELDS or xmlParse/xmlFormat");
        static constexpr auto fields = xmlFields(std::type_identity<T>{});
        std::apply([&](const auto&... f) { (f.parse(obj, node, ctx), ...); }, fields);
    }
}

template <typename T>
void formatFields(Writer::Element& el, Writer& w, const T& obj, FormatContext& ctx) {
    static constexpr auto fields = xmlFields(std::type_identity<T>{});
    std::apply([&](const auto&... f) { (f.formatAttr(el, obj, ctx), ...); }, fields);
    std::apply([&](const auto&... f) { (f.formatChild(el, w, obj, ctx), ...); }, fields);
}

template <typename T>
void formatElement(Writer& w, std::string_view name, const T& obj, FormatContext& ctx, bool keepEmpty) {
    if constexpr (HasCustomBinding<T>) {
        xmlFormat(w, name, obj, ctx);
    } else {
        Writer::Element el(w, name, keepEmpty);
        formatFields(el, w, obj, ctx);
    }
}

}  // namespace cvirt::conf::xml
