#include "util/error.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

namespace cvirt {
namespace {

struct CodeText {
    int number;
    std::string_view name;
    std::string_view text;
    std::string_view format;
};

constexpr CodeText kCodes[] = {
#define X(name, number, msg, msginfo) {number, #name, msg, msginfo},
#include "util/error_codes.def"
#undef X
};

const CodeText* findCode(ErrorCode code) {
    auto n = static_cast<int>(code);
    for (const auto& c : kCodes)
        if (c.number == n)
            return &c;
    return nullptr;
}

std::string substitute(std::string_view format, std::string_view detail) {
    std::string out;
    auto pos = format.find("%s");
    if (pos == std::string_view::npos)
        return std::string(format);
    out.reserve(format.size() + detail.size());
    out.append(format.substr(0, pos)).append(detail).append(format.substr(pos + 2));
    return out;
}

}  // namespace

std::string_view errorCodeText(ErrorCode code) {
    const auto* c = findCode(code);
    return c ? c->text : std::string_view("unknown error");
}

std::string_view errorCodeFormat(ErrorCode code) {
    const auto* c = findCode(code);
    return c ? c->format : std::string_view("%s");
}

std::string errorCodeName(ErrorCode code) {
    const auto* c = findCode(code);
    if (!c)
        return "VIR_ERR_" + std::to_string(static_cast<int>(code));
    // CamelCase back to libvirt's UPPER_SNAKE spelling.
    std::string out = c->name.starts_with("War") ? "VIR_WAR" : "VIR_ERR";
    std::string_view name = c->name.starts_with("War") ? c->name.substr(3) : c->name;
    for (char ch : name) {
        if (ch >= 'A' && ch <= 'Z')
            out += '_';
        out += static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
    }
    return out;
}

Error::Error(ErrorCode code, ErrorDomain domain, std::string_view detail)
    : code_(code), domain_(domain) {
    if (detail.empty()) {
        message_ = std::string(errorCodeText(code));
    } else {
        message_ = substitute(errorCodeFormat(code), detail);
        str1_ = std::string(errorCodeFormat(code));
        str2_ = std::string(detail);
    }
}

Error Error::raw(ErrorCode code, ErrorDomain domain, std::string message, ErrorLevel level) {
    Error e;
    e.code_ = code;
    e.domain_ = domain;
    e.level_ = level;
    e.message_ = std::move(message);
    return e;
}

Error Error::system(ErrorDomain domain, int errnum, std::string_view detail) {
    std::string text = detail.empty() ? std::string(std::strerror(errnum))
                                      : fmt::format("{}: {}", detail, std::strerror(errnum));
    Error e = raw(ErrorCode::SystemError, domain, text);
    e.str1_ = "%s";
    e.str2_ = std::move(text);
    e.int1_ = errnum;
    return e;
}

Error& Error::withExtra(std::optional<std::string> str1, std::optional<std::string> str2,
                        std::optional<std::string> str3, int int1, int int2) {
    str1_ = std::move(str1);
    str2_ = std::move(str2);
    str3_ = std::move(str3);
    int1_ = int1;
    int2_ = int2;
    return *this;
}

void failSystem(ErrorDomain domain, std::string_view detail) {
    throw Error::system(domain, errno, detail);
}

}  // namespace cvirt
