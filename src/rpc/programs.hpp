#pragma once
// RPC programs and what a procedure declaration carries.
//
// A procedure is a tag type (see remote_procedures.def) with:
//   kProgram, kVersion, kNumber, kName, kFlags, Args, Ret
// For server->client MESSAGE procedures (events) Args is the message body
// and Ret is Void. Client stubs (Client::call<P>), server stubs
// (ProcedureDispatcher::handle<P>) and event senders derive from it.

#include <concepts>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cvirt::rpc {

inline constexpr uint32_t kRemoteProgram = 0x20008086;
inline constexpr uint32_t kQemuProgram = 0x20008087;
inline constexpr uint32_t kLxcProgram = 0x00068000;
inline constexpr uint32_t kKeepaliveProgram = 0x6b656570;  // "keep"
inline constexpr uint32_t kAdminProgram = 0x06900690;
inline constexpr uint32_t kProtocolVersion = 1;  // every program is at version 1

// "REMOTE", "KEEPALIVE", ... or the number in hex.
std::string programName(uint32_t program);

using ProcFlags = uint32_t;

// What the daemon needs to know about a procedure before it runs it.
namespace proc_flags {
inline constexpr ProcFlags NONE = 0;
// Runs on the priority workers too: it never blocks on a hypervisor
// (libvirt's @priority: high), so a lookup is not stuck behind slow calls.
inline constexpr ProcFlags HIGH = 1u << 0;
// Allowed on a read-only connection.
inline constexpr ProcFlags RO = 1u << 1;
// Allowed before CONNECT_OPEN succeeded (handshake procedures).
inline constexpr ProcFlags PREOPEN = 1u << 2;
// Allowed before the client authenticated (the AUTH_* procedures).
inline constexpr ProcFlags PREAUTH = 1u << 3;
// A server->client MESSAGE (an event), never a CALL.
inline constexpr ProcFlags EVENT = 1u << 4;
}  // namespace proc_flags

// Args/Ret of a procedure whose wire layout is not declared yet: the number
// and name are known (logs, NO_SUPPORT messages), the stubs are not.
struct Untyped {};

template <typename P>
concept Procedure = requires {
    { P::kProgram } -> std::convertible_to<uint32_t>;
    { P::kVersion } -> std::convertible_to<uint32_t>;
    { P::kNumber } -> std::convertible_to<int32_t>;
    { P::kName } -> std::convertible_to<std::string_view>;
    { P::kFlags } -> std::convertible_to<ProcFlags>;
    typename P::Args;
    typename P::Ret;
};

template <typename P>
concept TypedProcedure = Procedure<P> && !std::same_as<typename P::Args, Untyped>;

// Runtime view of one procedure, for dispatch tables, logs and fuzzing.
struct ProcedureInfo {
    uint32_t program;
    int32_t number;
    std::string_view name;
    ProcFlags flags;
    bool typed;
    // Decode a payload as the procedure's args / ret and render it for logs;
    // both throw Error(RPC) on bytes that do not decode. Null when untyped.
    std::string (*argsText)(std::span<const uint8_t> payload);
    std::string (*retText)(std::span<const uint8_t> payload);
    // Decode then re-encode; used by the fuzzer to check codec symmetry.
    std::vector<uint8_t> (*argsRoundTrip)(std::span<const uint8_t> payload);
    std::vector<uint8_t> (*retRoundTrip)(std::span<const uint8_t> payload);

    bool is(ProcFlags flag) const { return (flags & flag) == flag; }
};

}  // namespace cvirt::rpc
