#pragma once
// Builds XML text exactly as libvirt's formatter writes it: two spaces of
// indent per level, attributes in single quotes, <empty/> elements, text
// content on the same line, and (like virXMLFormatElement) elements with no
// attributes and no content left out unless asked for.

#include <string>
#include <string_view>

namespace cvirt::conf::xml {

class Writer {
public:
    Writer() = default;
    // Reserves room for a document of about `expectedSize` bytes: growing
    // the buffer piecemeal costs more than formatting a large document.
    explicit Writer(size_t expectedSize) { out_.reserve(expectedSize); }
    std::string& out() { return out_; }
    int indent() const { return indent_; }

    // An element under construction. Attributes first, then either text or
    // children. close() decides between <x/>, <x>..</x> or nothing.
    class Element {
    public:
        Element(Writer& w, std::string_view name, bool keepEmpty);
        Element(const Element&) = delete;
        Element& operator=(const Element&) = delete;
        ~Element() { close(); }

        void attr(std::string_view name, std::string_view value);
        // Text content (escaped); no children may follow.
        void text(std::string_view value);
        // Unescaped content on the same line (pre-escaped text).
        void rawText(std::string_view value);
        // Must be called before children are written (it ends the start tag).
        void beginChildren();
        void close();
        bool hasAttrs() const { return has_attrs_; }
        // Writes <x ...>, a newline and </x> even when no child follows, the
        // way libvirt prints elements it always opens (<ip>, <source>).
        void keepOpen() { keep_open_ = true; }

    private:
        Writer& w_;
        std::string_view name_;
        size_t start_;
        size_t after_attrs_ = 0;
        bool keep_empty_;
        bool keep_open_ = false;
        bool has_attrs_ = false;
        bool in_children_ = false;
        bool has_text_ = false;
        bool closed_ = false;
    };

    // Writes a complete <name>text</name> line (escaped).
    void textElement(std::string_view name, std::string_view text);
    void line(std::string_view rawLine);  // one indented raw line

private:
    friend class Element;
    std::string out_;
    int indent_ = 0;
};

}  // namespace cvirt::conf::xml
