#pragma once
// The one error type of cvirt.
//
// Error policy (docs/errors.md): every layer reports failure by throwing
// cvirt::Error. It carries libvirt's virErrorNumber, virErrorDomain and level,
// because those numbers travel on the wire and clients act on them (virsh
// falls back to older calls on NO_SUPPORT). Code that faces untrusted input
// never lets any other exception escape: it converts to an Error with the
// code libvirt would use. The daemon turns an Error into the wire's
// remote_error; cvirsh prints "error: <message>".

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace cvirt {

enum class ErrorCode : int {
#define X(name, number, msg, msginfo) name = number,
#include "util/error_codes.def"
#undef X
};

enum class ErrorDomain : int {
#define X(name, number) name = number,
#include "util/error_domains.def"
#undef X
};

enum class ErrorLevel : int { None = 0, Warning = 1, Error = 2 };

// libvirt's fixed text for a code: "Domain not found" / "Domain not found: %s".
std::string_view errorCodeText(ErrorCode code);
std::string_view errorCodeFormat(ErrorCode code);
// libvirt's symbolic name, e.g. "VIR_ERR_NO_DOMAIN" (for logs and tests).
std::string errorCodeName(ErrorCode code);

class Error : public std::exception {
public:
    // The message is libvirt's prefix for `code` joined with `detail`
    // ("Domain not found: no domain with matching name 'x'").
    Error(ErrorCode code, ErrorDomain domain, std::string_view detail = {});

    // An error whose full message is already composed (e.g. received from a
    // peer over the wire); no prefix is added.
    static Error raw(ErrorCode code, ErrorDomain domain, std::string message,
                     ErrorLevel level = ErrorLevel::Error);

    // SYSTEM_ERROR with "<detail>: <strerror(errnum)>", as libvirt reports
    // failed system calls.
    static Error system(ErrorDomain domain, int errnum, std::string_view detail);

    ErrorCode code() const noexcept { return code_; }
    ErrorDomain domain() const noexcept { return domain_; }
    ErrorLevel level() const noexcept { return level_; }
    const std::string& message() const noexcept { return message_; }
    const char* what() const noexcept override { return message_.c_str(); }

    // The extra fields of libvirt's virError, kept so they round-trip over
    // the wire: str1 is the format, str2 the detail, int1 the errno.
    const std::optional<std::string>& str1() const noexcept { return str1_; }
    const std::optional<std::string>& str2() const noexcept { return str2_; }
    const std::optional<std::string>& str3() const noexcept { return str3_; }
    int int1() const noexcept { return int1_; }
    int int2() const noexcept { return int2_; }
    Error& withExtra(std::optional<std::string> str1, std::optional<std::string> str2,
                     std::optional<std::string> str3, int int1, int int2);

private:
    Error() = default;
    ErrorCode code_ = ErrorCode::InternalError;
    ErrorDomain domain_ = ErrorDomain::None;
    ErrorLevel level_ = ErrorLevel::Error;
    std::string message_;
    std::optional<std::string> str1_, str2_, str3_;
    int int1_ = -1;
    int int2_ = -1;
};

// Throws Error(code, domain, fmt::format(format, args...)).
template <typename... Args>
[[noreturn]] void fail(ErrorCode code, ErrorDomain domain, fmt::format_string<Args...> format,
                       Args&&... args) {
    throw Error(code, domain, fmt::format(format, std::forward<Args>(args)...));
}

// Throws Error::system for the current errno.
[[noreturn]] void failSystem(ErrorDomain domain, std::string_view detail);

}  // namespace cvirt
