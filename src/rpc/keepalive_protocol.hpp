#pragma once
// The KEEPALIVE program (0x6b656570, "keep"): PING and PONG, both MESSAGEs
// with serial 0 and no payload.

#include "rpc/programs.hpp"
#include "rpc/xdr.hpp"

namespace cvirt::rpc::keepalive {

inline constexpr uint32_t kProgram = kKeepaliveProgram;
inline constexpr uint32_t kVersion = kProtocolVersion;

struct PING {
    static constexpr uint32_t kProgram = keepalive::kProgram;
    static constexpr uint32_t kVersion = keepalive::kVersion;
    static constexpr int32_t kNumber = 1;
    static constexpr std::string_view kName = "PING";
    static constexpr ProcFlags kFlags = proc_flags::EVENT;
    using Args = Void;
    using Ret = Void;
};

struct PONG {
    static constexpr uint32_t kProgram = keepalive::kProgram;
    static constexpr uint32_t kVersion = keepalive::kVersion;
    static constexpr int32_t kNumber = 2;
    static constexpr std::string_view kName = "PONG";
    static constexpr ProcFlags kFlags = proc_flags::EVENT;
    using Args = Void;
    using Ret = Void;
};

}  // namespace cvirt::rpc::keepalive
