#pragma once
// Builds the runtime ProcedureInfo of a procedure tag, so every program's
// table (REMOTE, KEEPALIVE, later QEMU/LXC/ADMIN) derives from its tags.

#include "rpc/programs.hpp"
#include "rpc/xdr.hpp"

namespace cvirt::rpc {

namespace detail {
template <typename T>
std::string payloadText(std::span<const uint8_t> payload) {
    return toText(decode<T>(payload));
}

template <typename T>
std::vector<uint8_t> payloadRoundTrip(std::span<const uint8_t> payload) {
    return encode(decode<T>(payload));
}
}  // namespace detail

template <Procedure P>
constexpr ProcedureInfo procedureInfoOf() {
    ProcedureInfo info{P::kProgram, P::kNumber, P::kName, P::kFlags, TypedProcedure<P>,
                       nullptr,     nullptr,    nullptr,  nullptr};
    if constexpr (TypedProcedure<P>) {
        info.argsText = &detail::payloadText<typename P::Args>;
        info.retText = &detail::payloadText<typename P::Ret>;
        info.argsRoundTrip = &detail::payloadRoundTrip<typename P::Args>;
        info.retRoundTrip = &detail::payloadRoundTrip<typename P::Ret>;
    }
    return info;
}

}  // namespace cvirt::rpc
