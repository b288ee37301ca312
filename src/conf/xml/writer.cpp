#include "conf/xml/writer.hpp"

#include "util/strings.hpp"

namespace cvirt::conf::xml {
namespace {

bool plain(char c) {
    return c != '&' && c != '<' && c != '>' && c != '"' && c != '\'' &&
           (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t' || c == '\r');
}

void appendEscaped(std::string& out, std::string_view text) {
    // Runs of ordinary characters are copied at once: most values have none
    // of the characters below.
    size_t i = 0;
    while (i < text.size()) {
        size_t run = i;
        while (run < text.size() && plain(text[run]))
            ++run;
        out.append(text.data() + i, run - i);
        if (run == text.size())
            break;
        switch (text[run]) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: break;  // libvirt drops control characters other than tab and newlines
        }
        i = run + 1;
    }
}

}  // namespace

Writer::Element::Element(Writer& w, std::string_view name, bool keepEmpty)
    : w_(w), name_(name), start_(w.out_.size()), keep_empty_(keepEmpty) {
    w_.out_.append(static_cast<size_t>(w_.indent_), ' ');
    w_.out_ += '<';
    w_.out_ += name;
}

void Writer::Element::attr(std::string_view name, std::string_view value) {
    w_.out_ += ' ';
    w_.out_ += name;
    w_.out_ += "='";
    appendEscaped(w_.out_, value);
    w_.out_ += '\'';
    has_attrs_ = true;
}

void Writer::Element::text(std::string_view value) {
    if (!has_text_) {
        w_.out_ += '>';
        has_text_ = true;
    }
    appendEscaped(w_.out_, value);
}

void Writer::Element::rawText(std::string_view value) {
    if (!has_text_) {
        w_.out_ += '>';
        has_text_ = true;
    }
    w_.out_ += value;
}

void Writer::Element::beginChildren() {
    if (in_children_)
        return;
    in_children_ = true;
    after_attrs_ = w_.out_.size();
    w_.out_ += ">\n";
    w_.indent_ += 2;
}

void Writer::Element::close() {
    if (closed_)
        return;
    closed_ = true;
    if (has_text_) {
        w_.out_ += "</";
        w_.out_ += name_;
        w_.out_ += ">\n";
        return;
    }
    if (keep_open_ && !in_children_)
        beginChildren();
    if (in_children_) {
        w_.indent_ -= 2;
        if (keep_open_ || w_.out_.size() > after_attrs_ + 2) {
            w_.out_.append(static_cast<size_t>(w_.indent_), ' ');
            w_.out_ += "</";
            w_.out_ += name_;
            w_.out_ += ">\n";
            return;
        }
        w_.out_.resize(after_attrs_);  // no children after all
    }
    if (!has_attrs_ && !keep_empty_) {
        w_.out_.resize(start_);
        return;
    }
    w_.out_ += "/>\n";
}

void Writer::textElement(std::string_view name, std::string_view text) {
    out_.append(static_cast<size_t>(indent_), ' ');
    out_ += '<';
    out_ += name;
    out_ += '>';
    appendEscaped(out_, text);
    out_ += "</";
    out_ += name;
    out_ += ">\n";
}

void Writer::line(std::string_view rawLine) {
    out_.append(static_cast<size_t>(indent_), ' ');
    out_ += rawLine;
    out_ += '\n';
}

}  // namespace cvirt::conf::xml
