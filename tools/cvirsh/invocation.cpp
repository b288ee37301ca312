#include "cvirsh/invocation.hpp"

#include <cerrno>
#include <cstdlib>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/units.hpp"

namespace cvirt::shell {
namespace {

[[noreturn]] void fail(std::string message) {
    throw Error::raw(ErrorCode::InvalidArg, ErrorDomain::None, std::move(message));
}

[[noreturn]] void badNumber(const ParsedOption& opt) {
    fail(fmt::format("Numeric value '{}' for <{}> option is malformed or out of range", opt.value,
                     opt.def->name));
}

// strtoll/strtoull over the whole text, as libvirt's virStrToLong_* do:
// leading blanks and a sign are accepted, trailing text is not.
std::optional<long long> toSigned(const std::string& text) {
    if (text.empty())
        return std::nullopt;
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(text.c_str(), &end, 10);
    if (errno != 0 || end == text.c_str() || *end != '\0')
        return std::nullopt;
    return v;
}

// Returns the value and where parsing stopped.
std::optional<unsigned long long> toUnsigned(const std::string& text, bool wrap, size_t* stop = nullptr) {
    if (text.empty())
        return std::nullopt;
    if (!wrap) {
        size_t i = 0;
        while (i < text.size() && (text[i] == ' ' || (text[i] >= '\t' && text[i] <= '\r')))
            ++i;
        if (i < text.size() && text[i] == '-')
            return std::nullopt;
    }
    char* end = nullptr;
    errno = 0;
    unsigned long long v = std::strtoull(text.c_str(), &end, 10);
    if (errno != 0 || end == text.c_str())
        return std::nullopt;
    if (stop)
        *stop = static_cast<size_t>(end - text.c_str());
    else if (*end != '\0')
        return std::nullopt;
    return v;
}

}  // namespace

const ParsedOption* Invocation::find(std::string_view name) const {
    for (const auto& o : options_)
        if (o.def->name == name)
            return &o;
    return nullptr;
}

bool Invocation::has(std::string_view name) const { return find(name) != nullptr; }

std::optional<std::string> Invocation::raw(std::string_view name) const {
    const auto* o = find(name);
    if (!o)
        return std::nullopt;
    return o->value;
}

std::optional<std::string> Invocation::string(std::string_view name) const {
    const auto* o = find(name);
    if (!o)
        return std::nullopt;
    if (o->value.empty() && !(o->def->flags & kEmptyOk))
        fail(fmt::format("Failed to get option '{}': Option argument is empty", name));
    return o->value;
}

std::vector<std::string> Invocation::argv() const {
    std::vector<std::string> out;
    for (const auto& o : options_)
        if (o.def->type == OptionType::Argv)
            out.push_back(o.value);
    return out;
}

std::optional<int> Invocation::getInt(std::string_view name) const {
    const auto* o = find(name);
    if (!o)
        return std::nullopt;
    auto v = toSigned(o->value);
    if (!v || *v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max())
        badNumber(*o);
    return static_cast<int>(*v);
}

std::optional<long long> Invocation::getLongLong(std::string_view name) const {
    const auto* o = find(name);
    if (!o)
        return std::nullopt;
    auto v = toSigned(o->value);
    if (!v)
        badNumber(*o);
    return *v;
}

std::optional<unsigned long long> Invocation::getULongLong(std::string_view name, bool wrap) const {
    const auto* o = find(name);
    if (!o)
        return std::nullopt;
    auto v = toUnsigned(o->value, wrap);
    if (!v)
        badNumber(*o);
    return *v;
}

std::optional<unsigned> Invocation::getUInt(std::string_view name, bool wrap) const {
    const auto* o = find(name);
    if (!o)
        return std::nullopt;
    auto v = toUnsigned(o->value, wrap);
    // A wrapped negative number must still fit: "-1" is UINT_MAX, as
    // strtoul would give on a 32-bit unsigned long.
    if (v && wrap && *v > std::numeric_limits<unsigned>::max()) {
        auto s = toSigned(o->value);
        if (s && *s < 0 && *s >= -static_cast<long long>(std::numeric_limits<unsigned>::max()))
            v = static_cast<unsigned>(*s);
    }
    if (!v || *v > std::numeric_limits<unsigned>::max())
        badNumber(*o);
    return static_cast<unsigned>(*v);
}

std::optional<unsigned long> Invocation::getULong(std::string_view name, bool wrap) const {
    auto v = getULongLong(name, wrap);
    if (!v)
        return std::nullopt;
    return static_cast<unsigned long>(*v);
}

std::optional<unsigned long long> Invocation::getScaled(std::string_view name, unsigned long long scale,
                                                        unsigned long long max) const {
    const auto* o = find(name);
    if (!o)
        return std::nullopt;
    size_t stop = 0;
    auto v = toUnsigned(o->value, false, &stop);
    std::optional<unsigned long long> scaled;
    if (v) {
        try {
            scaled = scaleInteger(*v, std::string_view(o->value).substr(stop), scale, max);
        } catch (const Error&) {
        }
    }
    if (!scaled)
        fail(fmt::format("Scaled numeric value '{}' for <{}> option is malformed or out of range",
                         o->value, name));
    return scaled;
}

void requireExclusive(const Invocation& cmd, std::string_view a, std::string_view b) {
    if (cmd.has(a) && cmd.has(b))
        fail(fmt::format("Options --{} and --{} are mutually exclusive", a, b));
}

void requireOption(const Invocation& cmd, std::string_view option, std::string_view required) {
    if (cmd.has(option) && !cmd.has(required))
        fail(fmt::format("Option --{} is required by option --{}", required, option));
}

}  // namespace cvirt::shell
