#pragma once
// The client configuration file (cvirt.conf, the syntax and keys of
// libvirt.conf): URI aliases and the default URI, and how a connection URI
// is resolved from what the user typed, the environment and that file.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "conf/conf_file.hpp"

namespace cvirt::conf {

using EnvLookup = std::function<const char*(const char*)>;

// Where cvirt.conf lives: $XDG_CONFIG_HOME/cvirt/cvirt.conf (or
// ~/.config/cvirt/cvirt.conf) for unprivileged users and whenever
// XDG_CONFIG_HOME is set; /etc/cvirt/cvirt.conf for root otherwise.
std::string clientConfigPath(bool privileged, const EnvLookup& env);

// The URI an alias names in `uri_aliases` ("name=uri" entries), or nullopt.
// Throws Error(CONF_SYNTAX) for a malformed entry or alias name: alias
// names may only contain a-z A-Z 0-9 _ -.
std::optional<std::string> resolveAlias(const ConfFile& config, std::string_view name);

// What to connect to: `requested` (after alias resolution) when given;
// otherwise CVIRT_DEFAULT_URI, LIBVIRT_DEFAULT_URI, then `uri_default` from
// the file. nullopt means "probe the local drivers", as libvirt does.
std::optional<std::string> resolveConnectUri(std::optional<std::string_view> requested,
                                             const ConfFile* config, const EnvLookup& env);

}  // namespace cvirt::conf
