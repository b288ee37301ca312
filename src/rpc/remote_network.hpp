#pragma once
// REMOTE procedure payloads: virtual networks.

#include "rpc/remote_types.hpp"

namespace cvirt::rpc::remote {

struct NetworkArgs {
    NetworkRef net;
    CVIRT_XDR_STRUCT(NetworkArgs, net);
};

struct NetworkFlagsArgs {
    NetworkRef net;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(NetworkFlagsArgs, net, flags);
};

struct NetworkRet {
    NetworkRef net;
    CVIRT_XDR_STRUCT(NetworkRet, net);
};

struct NetworkSetAutostartArgs {
    NetworkRef net;
    int32_t autostart = 0;
    CVIRT_XDR_STRUCT(NetworkSetAutostartArgs, net, autostart);
};

struct NetworkGetBridgeNameRet {
    std::string name;
    CVIRT_XDR_STRUCT(NetworkGetBridgeNameRet, name);
};

struct NetworkUpdateArgs {
    NetworkRef net;
    uint32_t command = 0;
    uint32_t section = 0;
    int32_t parentIndex = -1;
    std::string xml;
    uint32_t flags = 0;
    CVIRT_XDR_STRUCT(NetworkUpdateArgs, net, command, section, parentIndex, xml, flags);
};

}  // namespace cvirt::rpc::remote
