#include "conf/conf_file.hpp"

#include <limits>

#include "util/error.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace cvirt::conf {
namespace {

bool isBlank(char c) { return c == ' ' || c == '\t'; }
bool isEol(char c) { return c == '\n' || c == '\r'; }
bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

class Parser {
public:
    Parser(std::string_view text, const std::string& filename) : text_(text), filename_(filename) {}

    std::vector<ConfEntry> parse() {
        std::vector<ConfEntry> entries;
        while (!atEnd()) {
            statement(entries);
            separator();
        }
        return entries;
    }

private:
    bool atEnd() const { return pos_ >= text_.size(); }
    char cur() const { return atEnd() ? '\0' : text_[pos_]; }
    void next() {
        if (!atEnd())
            ++pos_;
    }
    void skipBlanks() {
        while (!atEnd() && isBlank(cur()))
            ++pos_;
    }
    void skipBlanksAndEol() {
        while (!atEnd() && (isBlank(cur()) || isEol(cur()))) {
            if (cur() == '\n')
                ++line_;
            ++pos_;
        }
    }
    [[noreturn]] void error(std::string_view what) const {
        if (filename_.empty())
            fail(ErrorCode::ConfSyntax, ErrorDomain::Conf, "{}", what);
        fail(ErrorCode::ConfSyntax, ErrorDomain::Conf, "{}:{}: {}", filename_, line_, what);
    }
    std::string restOfLine() {
        size_t start = pos_;
        while (!atEnd() && !isEol(cur()))
            ++pos_;
        return std::string(text_.substr(start, pos_ - start));
    }

    void statement(std::vector<ConfEntry>& entries) {
        skipBlanksAndEol();
        if (atEnd())
            return;
        int line = line_;
        if (cur() == '#') {
            next();
            entries.push_back({std::nullopt, std::nullopt, restOfLine(), line});
            return;
        }
        std::string name = parseName();
        skipBlanks();
        if (cur() != '=')
            error("expecting an assignment");
        next();
        skipBlanks();
        ConfValue value = parseValue(0);
        skipBlanks();
        std::optional<std::string> comment;
        if (cur() == '#') {
            next();
            comment = restOfLine();
        }
        entries.push_back({std::move(name), std::move(value), std::move(comment), line});
    }

    void separator() {
        skipBlanks();
        if (atEnd())
            return;
        if (isEol(cur())) {
            skipBlanksAndEol();
        } else if (cur() == ';') {
            next();
            skipBlanksAndEol();
        } else {
            error("expecting a separator");
        }
    }

    std::string parseName() {
        skipBlanks();
        if (!isAlpha(cur()))
            error("expecting a name");
        size_t start = pos_;
        while (!atEnd() && (isAlpha(cur()) || isDigit(cur()) || cur() == '_'))
            ++pos_;
        return std::string(text_.substr(start, pos_ - start));
    }

    ConfValue parseValue(int depth) {
        // Nesting is bounded so a hostile file cannot exhaust the stack.
        if (depth > 64)
            error("lists nested too deeply");
        skipBlanks();
        if (atEnd())
            error("expecting a value");
        char c = cur();
        if (c == '"' || c == '\'')
            return ConfValue{parseString()};
        if (c == '[') {
            next();
            ConfValue::List list;
            skipBlanksAndEol();
            if (!atEnd() && cur() != ']') {
                list.items.push_back(parseValue(depth + 1));
                skipBlanksAndEol();
            }
            while (!atEnd() && cur() != ']') {
                if (cur() != ',')
                    error("expecting a separator in list");
                next();
                skipBlanksAndEol();
                if (cur() == ']')
                    break;
                list.items.push_back(parseValue(depth + 1));
                skipBlanksAndEol();
            }
            if (cur() != ']')
                error("list is not closed with ]");
            next();
            return ConfValue{std::move(list)};
        }
        if (isDigit(c) || c == '-' || c == '+')
            return parseNumber();
        error("expecting a value");
    }

    ConfValue parseNumber() {
        bool negative = cur() == '-';
        if (cur() == '-' || cur() == '+')
            next();
        if (!isDigit(cur()))
            error("unterminated number");
        uint64_t magnitude = 0;
        while (isDigit(cur())) {
            uint64_t digit = static_cast<uint64_t>(cur() - '0');
            if (magnitude > (std::numeric_limits<uint64_t>::max() - digit) / 10)
                error("number too large");
            magnitude = magnitude * 10 + digit;
            next();
        }
        if (!negative)
            return ConfValue{magnitude};
        if (magnitude > uint64_t{1} << 63)
            error("number too large");
        return ConfValue{static_cast<int64_t>(0 - magnitude)};
    }

    std::string parseString() {
        if (text_.substr(pos_).starts_with("\"\"\"") && pos_ + 6 < text_.size()) {
            pos_ += 3;
            size_t start = pos_;
            while (pos_ + 2 < text_.size() && !text_.substr(pos_).starts_with("\"\"\"")) {
                if (cur() == '\n')
                    ++line_;
                ++pos_;
            }
            if (!text_.substr(pos_).starts_with("\"\"\""))
                error("unterminated string");
            std::string out(text_.substr(start, pos_ - start));
            pos_ += 3;
            return out;
        }
        char quote = cur();
        next();
        size_t start = pos_;
        while (!atEnd() && cur() != quote && !isEol(cur()))
            ++pos_;
        if (cur() != quote)
            error("unterminated string");
        std::string out(text_.substr(start, pos_ - start));
        next();
        return out;
    }

    std::string_view text_;
    const std::string& filename_;
    size_t pos_ = 0;
    int line_ = 1;
};

void formatValue(std::string& out, const ConfValue& value) {
    if (auto* s = std::get_if<int64_t>(&value.data)) {
        out += std::to_string(*s);
    } else if (auto* u = std::get_if<uint64_t>(&value.data)) {
        out += std::to_string(*u);
    } else if (auto* str = std::get_if<std::string>(&value.data)) {
        // The quoting libvirt picks: "..." unless the text needs another.
        if (str->find('\n') != std::string::npos)
            out += "\"\"\"" + *str + "\"\"\"";
        else if (str->find('"') == std::string::npos)
            out += "\"" + *str + "\"";
        else if (str->find('\'') == std::string::npos)
            out += "'" + *str + "'";
        else
            out += "\"\"\"" + *str + "\"\"\"";
    } else {
        const auto& list = std::get<ConfValue::List>(value.data);
        out += "[ ";
        for (size_t i = 0; i < list.items.size(); ++i) {
            if (i)
                out += ", ";
            formatValue(out, list.items[i]);
        }
        out += " ]";
    }
}

bool sameName(std::string_view a, std::string_view b) { return toLower(a) == toLower(b); }

}  // namespace

ConfFile ConfFile::parse(std::string_view content, std::string filename) {
    ConfFile file;
    file.filename_ = std::move(filename);
    file.entries_ = Parser(content, file.filename_).parse();
    return file;
}

ConfFile ConfFile::read(const std::string& path) {
    return parse(readFile(path, 10u << 20), path);
}

std::string ConfFile::format() const {
    std::string out;
    for (const auto& e : entries_) {
        if (e.name) {
            out += *e.name;
            out += " = ";
            if (e.value)
                formatValue(out, *e.value);
            if (e.comment)
                out += " #" + *e.comment;
        } else if (e.comment) {
            out += "#" + *e.comment;
        }
        out += '\n';
    }
    return out;
}

const ConfEntry* ConfFile::find(std::string_view name) const {
    for (const auto& e : entries_)
        if (e.name && e.value && sameName(*e.name, name))
            return &e;
    return nullptr;
}

void ConfFile::typeError(const ConfEntry& entry, std::string_view expected) const {
    std::string where = filename_.empty() ? std::string("<config>") : filename_;
    fail(ErrorCode::ConfSyntax, ErrorDomain::Conf, "{}:{}: {} for '{}' parameter", where, entry.line,
         expected, *entry.name);
}

std::optional<std::string> ConfFile::getString(std::string_view name) const {
    const auto* e = find(name);
    if (!e)
        return std::nullopt;
    if (!e->value->isString())
        typeError(*e, "expected a string");
    return std::get<std::string>(e->value->data);
}

std::optional<bool> ConfFile::getBool(std::string_view name) const {
    const auto* e = find(name);
    if (!e)
        return std::nullopt;
    if (auto* u = std::get_if<uint64_t>(&e->value->data); u && *u <= 1)
        return *u == 1;
    if (!e->value->isNumber())
        typeError(*e, "expected a bool");
    typeError(*e, "expected 0 or 1");
}

std::optional<int64_t> ConfFile::getInt(std::string_view name, int64_t min, int64_t max) const {
    const auto* e = find(name);
    if (!e)
        return std::nullopt;
    int64_t v;
    if (auto* s = std::get_if<int64_t>(&e->value->data)) {
        v = *s;
    } else if (auto* u = std::get_if<uint64_t>(&e->value->data)) {
        if (*u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
            typeError(*e, fmt::format("value must be in range {}:{}", min, max));
        v = static_cast<int64_t>(*u);
    } else {
        typeError(*e, "expected an integer");
    }
    if (v < min || v > max)
        typeError(*e, fmt::format("value must be in range {}:{}", min, max));
    return v;
}

std::optional<uint64_t> ConfFile::getUInt(std::string_view name, uint64_t max) const {
    const auto* e = find(name);
    if (!e)
        return std::nullopt;
    auto* u = std::get_if<uint64_t>(&e->value->data);
    if (!u) {
        if (std::holds_alternative<int64_t>(e->value->data))
            typeError(*e, "expected an unsigned integer");
        typeError(*e, "expected an integer");
    }
    if (*u > max)
        typeError(*e, fmt::format("value must be in range 0:{}", max));
    return *u;
}

std::optional<std::vector<std::string>> ConfFile::getStringList(std::string_view name) const {
    const auto* e = find(name);
    if (!e)
        return std::nullopt;
    if (e->value->isString())
        return std::vector<std::string>{std::get<std::string>(e->value->data)};
    if (!e->value->isList())
        typeError(*e, "expected a string list");
    std::vector<std::string> out;
    for (const auto& item : std::get<ConfValue::List>(e->value->data).items) {
        if (!item.isString())
            typeError(*e, "expected a string list");
        out.push_back(std::get<std::string>(item.data));
    }
    return out;
}

void ConfFile::set(std::string name, ConfValue value) {
    for (auto& e : entries_) {
        if (e.name && sameName(*e.name, name)) {
            e.value = std::move(value);
            return;
        }
    }
    entries_.push_back({std::move(name), std::move(value), std::nullopt, 0});
}

void ConfFile::checkKnownKeys(const std::vector<std::string_view>& known) const {
    for (const auto& e : entries_) {
        if (!e.name)
            continue;
        bool ok = false;
        for (auto k : known)
            ok = ok || *e.name == k;
        if (!ok) {
            std::string where = filename_.empty() ? std::string("<config>") : filename_;
            fail(ErrorCode::ConfSyntax, ErrorDomain::Conf, "{}:{}: unknown setting '{}'", where, e.line,
                 *e.name);
        }
    }
}

}  // namespace cvirt::conf
