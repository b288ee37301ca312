#pragma once
// remote_error (virNetMessageError): the payload of every REPLY or STREAM with
// status ERROR, and its one-to-one mapping onto cvirt::Error.

#include <cstdint>
#include <optional>
#include <string>

#include "rpc/remote_types.hpp"
#include "util/error.hpp"

namespace cvirt::rpc {

struct WireError {
    int32_t code = 0;
    int32_t domain = 0;
    std::optional<std::string> message;
    int32_t level = 2;
    std::optional<remote::DomainRef> dom;  // unused by libvirt, always absent
    std::optional<std::string> str1;
    std::optional<std::string> str2;
    std::optional<std::string> str3;
    int32_t int1 = -1;
    int32_t int2 = -1;
    std::optional<remote::NetworkRef> net;  // unused by libvirt, always absent
    CVIRT_XDR_STRUCT(WireError, code, domain, message, level, dom, str1, str2, str3, int1, int2, net);
};

WireError toWireError(const Error& error);
// A missing message becomes "unknown error", as libvirt's client shows it.
Error fromWireError(const WireError& wire);

// Shorthands for the errors the RPC layer itself raises.
Error rpcError(std::string message);  // VIR_ERR_RPC / VIR_FROM_RPC

}  // namespace cvirt::rpc
