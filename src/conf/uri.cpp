#include "conf/uri.hpp"

#include "util/error.hpp"
#include "util/strings.hpp"

namespace cvirt::conf {
namespace {

[[noreturn]] void badUri(std::string_view text, std::string_view why) {
    fail(ErrorCode::InvalidArg, ErrorDomain::Uri, "Unable to parse URI {}: {}", text, why);
}

int hexDigit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isSchemeChar(char c, bool first) {
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (first)
        return alpha;
    return alpha || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

// Client-side parameters the remote driver consumes itself.
constexpr std::string_view kClientParams[] = {
    "name", "command", "socket", "auth", "netcat", "keyfile", "sshauth", "no_verify", "no_tty",
    "pkipath", "known_hosts", "known_hosts_verify", "tls_priority", "mode", "proxy", "tls",
};

}  // namespace

std::string percentDecode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hexDigit(text[i + 1]) >= 0 &&
            hexDigit(text[i + 2]) >= 0) {
            out += static_cast<char>(hexDigit(text[i + 1]) * 16 + hexDigit(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string percentEncode(std::string_view text, std::string_view keep) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '-' || c == '_' || c == '.' || c == '~' || keep.find(static_cast<char>(c)) != std::string_view::npos;
        if (plain) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0xf];
        }
    }
    return out;
}

bool isKnownTransport(std::string_view transport) {
    for (auto t : {"unix", "tcp", "tls", "ssh", "ext", "libssh", "libssh2"})
        if (transport == t)
            return true;
    return false;
}

Uri Uri::parse(std::string_view text) {
    Uri uri;
    size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0)
        badUri(text, "no scheme");
    for (size_t i = 0; i < colon; ++i)
        if (!isSchemeChar(text[i], i == 0))
            badUri(text, "invalid character in scheme");
    uri.scheme = std::string(text.substr(0, colon));
    std::string_view rest = text.substr(colon + 1);

    if (auto hash = rest.find('#'); hash != std::string_view::npos) {
        uri.fragment = percentDecode(rest.substr(hash + 1));
        rest = rest.substr(0, hash);
    }
    std::string_view query;
    if (auto q = rest.find('?'); q != std::string_view::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    if (rest.starts_with("//")) {
        rest.remove_prefix(2);
        size_t slash = rest.find('/');
        std::string_view authority = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
        if (auto at = authority.rfind('@'); at != std::string_view::npos) {
            uri.user = percentDecode(authority.substr(0, at));
            authority.remove_prefix(at + 1);
        }
        std::string_view portText;
        if (authority.starts_with('[')) {
            auto close = authority.find(']');
            if (close == std::string_view::npos)
                badUri(text, "unterminated IPv6 address");
            uri.host = std::string(authority.substr(1, close - 1));
            authority.remove_prefix(close + 1);
            if (!authority.empty()) {
                if (authority.front() != ':')
                    badUri(text, "unexpected text after IPv6 address");
                portText = authority.substr(1);
            }
        } else {
            auto pc = authority.rfind(':');
            if (pc != std::string_view::npos) {
                portText = authority.substr(pc + 1);
                authority = authority.substr(0, pc);
            }
            uri.host = percentDecode(authority);
        }
        if (!portText.empty()) {
            auto port = parseInt<int>(portText);
            if (!port || *port < 0 || *port > 65535)
                badUri(text, "invalid port");
            uri.port = port;
        }
    }
    uri.path = percentDecode(rest);
    if (!query.empty()) {
        for (const auto& pair : split(query, "&;")) {
            auto eq = pair.find('=');
            std::string name = percentDecode(std::string_view(pair).substr(0, eq));
            std::string value = eq == std::string::npos ? "" : percentDecode(std::string_view(pair).substr(eq + 1));
            // '+' is a space in a query, as libvirt decodes it
            for (auto* s : {&name, &value})
                for (auto& c : *s)
                    if (c == '+')
                        c = ' ';
            uri.params.emplace_back(std::move(name), std::move(value));
        }
    }
    return uri;
}

std::string Uri::format() const {
    std::string out = scheme + ":";
    bool authority = !host.empty() || !user.empty() || port || path.starts_with('/');
    if (authority) {
        out += "//";
        if (!user.empty())
            out += percentEncode(user, "!$&'()*+,;=:") + "@";
        if (host.find(':') != std::string::npos)
            out += "[" + host + "]";
        else
            out += percentEncode(host, "!$&'()*+,;=");
        if (port)
            out += ":" + std::to_string(*port);
    }
    out += percentEncode(path, "/!$&'()*+,;=:@");
    if (!params.empty()) {
        out += '?';
        for (size_t i = 0; i < params.size(); ++i) {
            if (i)
                out += '&';
            out += percentEncode(params[i].first, "/:@!$'()*,") + "=" + percentEncode(params[i].second, "/:@!$'()*,");
        }
    }
    if (!fragment.empty())
        out += "#" + percentEncode(fragment, "/?:@!$&'()*+,;=");
    return out;
}

std::string Uri::driver() const {
    auto plus = scheme.find('+');
    return plus == std::string::npos ? scheme : scheme.substr(0, plus);
}

std::string Uri::transport() const {
    auto plus = scheme.find('+');
    return plus == std::string::npos ? std::string() : scheme.substr(plus + 1);
}

std::optional<std::string> Uri::param(std::string_view name) const {
    for (const auto& [k, v] : params)
        if (k == name)
            return v;
    return std::nullopt;
}

std::string Uri::forServer() const {
    if (auto name = param("name"))
        return *name;
    Uri copy = *this;
    copy.scheme = driver();
    copy.user.clear();
    copy.host.clear();
    copy.port.reset();
    std::erase_if(copy.params, [](const auto& p) {
        for (auto c : kClientParams)
            if (p.first == c)
                return true;
        return false;
    });
    return copy.format();
}

}  // namespace cvirt::conf
