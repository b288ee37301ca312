#pragma once
// Pieces of the <network> parser and formatter shared between its files.
// Parsers take the network's name because libvirt names it in messages.

#include <string>

#include <fmt/format.h>

#include "conf/network/network.hpp"
#include "util/error.hpp"

namespace cvirt::conf::network::detail {

template <typename... Args>
[[noreturn]] void netFail(ErrorCode code, fmt::format_string<Args...> format, Args&&... args) {
    throw Error(code, ErrorDomain::Network, fmt::format(format, std::forward<Args>(args)...));
}

// libvirt's virXPathString: the attribute's value, nullopt when absent or
// empty.
std::optional<std::string> nonEmptyAttr(const Node& node, const char* name);

IpDef parseIpDef(const Node& node, const std::string& net);
Route parseRoute(const Node& node, const std::string& net);
// The gateway of every route must be inside one of the network's <ip>s.
void checkRouteGateways(const Network& def);
void formatIpDef(Writer& w, const IpDef& ip);
void formatRoute(Writer& w, const Route& route);

Dns parseDns(const Node& node, const std::string& net);
void formatDns(Writer& w, const Dns& dns);

Forward parseForward(const Node& node, const std::string& net);
void formatForward(Writer& w, const Forward& forward, bool inactive);

}  // namespace cvirt::conf::network::detail
