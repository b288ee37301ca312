#include "conf/client_config.hpp"

#include "util/error.hpp"

namespace cvirt::conf {
namespace {

bool validAliasName(std::string_view name) {
    if (name.empty())
        return false;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

}  // namespace

std::string clientConfigPath(bool privileged, const EnvLookup& env) {
    const char* xdg = env("XDG_CONFIG_HOME");
    if (xdg && *xdg)
        return std::string(xdg) + "/cvirt/cvirt.conf";
    if (privileged)
        return "/etc/cvirt/cvirt.conf";
    const char* home = env("HOME");
    return std::string(home ? home : "") + "/.config/cvirt/cvirt.conf";
}

std::optional<std::string> resolveAlias(const ConfFile& config, std::string_view name) {
    auto aliases = config.getStringList("uri_aliases");
    if (!aliases)
        return std::nullopt;
    for (const auto& entry : *aliases) {
        auto eq = entry.find('=');
        if (eq == std::string::npos)
            fail(ErrorCode::ConfSyntax, ErrorDomain::Conf,
                 "Malformed 'uri_aliases' config entry '{}', expected 'alias=uri://host/path'", entry);
        std::string_view alias = std::string_view(entry).substr(0, eq);
        if (!validAliasName(alias))
            fail(ErrorCode::ConfSyntax, ErrorDomain::Conf,
                 "Malformed 'uri_aliases' config entry '{}', aliases may only contain 'a-Z, 0-9, _, -'",
                 entry);
        if (alias == name)
            return entry.substr(eq + 1);
    }
    return std::nullopt;
}

std::optional<std::string> resolveConnectUri(std::optional<std::string_view> requested,
                                             const ConfFile* config, const EnvLookup& env) {
    if (requested && !requested->empty()) {
        if (config)
            if (auto target = resolveAlias(*config, *requested))
                return target;
        return std::string(*requested);
    }
    for (const char* name : {"CVIRT_DEFAULT_URI", "LIBVIRT_DEFAULT_URI"})
        if (const char* v = env(name); v && *v)
            return std::string(v);
    if (config) {
        if (auto uri = config->getString("uri_default")) {
            if (auto target = resolveAlias(*config, *uri))
                return target;
            return uri;
        }
    }
    return std::nullopt;
}

}  // namespace cvirt::conf
