#pragma once
// The REMOTE program: procedure numbers, names, flags and payload types, all
// derived from remote_procedures.def.
//
//   remote::Procedure::DOMAIN_LOOKUP_BY_NAME          the number (23)
//   remote::DOMAIN_LOOKUP_BY_NAME                     the tag: Args, Ret, kFlags...
//   client.call<remote::DOMAIN_LOOKUP_BY_NAME>({"test"})
//   dispatcher.handle<remote::DOMAIN_LOOKUP_BY_NAME>(fn)
//   remote::procedureInfo(23)                         runtime view for logs/fuzzing

#include <optional>
#include <span>

#include "rpc/programs.hpp"
#include "rpc/remote_connect.hpp"
#include "rpc/remote_domain.hpp"
#include "rpc/remote_events.hpp"
#include "rpc/remote_network.hpp"
#include "rpc/remote_snapshot.hpp"
#include "rpc/remote_storage.hpp"
#include "rpc/remote_types.hpp"

namespace cvirt::rpc::remote {

inline constexpr uint32_t kProgram = kRemoteProgram;
inline constexpr uint32_t kVersion = kProtocolVersion;
inline constexpr int32_t kProcedureLast = 443;

enum class Procedure : int32_t {
#define X(number, name, args, ret, flags) name = number,
#include "rpc/remote_procedures.def"
#undef X
};

#define X(number, name, args, ret, flagList)                                          \
    struct name {                                                                       \
        static constexpr uint32_t kProgram = remote::kProgram;                          \
        static constexpr uint32_t kVersion = remote::kVersion;                          \
        static constexpr int32_t kNumber = number;                                      \
        static constexpr std::string_view kName = #name;                                \
        static constexpr ProcFlags kFlags = [] {                                        \
            using namespace cvirt::rpc::proc_flags;                                     \
            return ProcFlags(flagList);                                                 \
        }();                                                                            \
        using Args = args;                                                              \
        using Ret = ret;                                                                \
    };
#include "rpc/remote_procedures.def"
#undef X

// Every REMOTE procedure, indexed by number; nullptr for numbers libvirt
// never assigned (there are none in 1..443, but callers must not assume).
const ProcedureInfo* procedureInfo(int32_t number);
std::span<const ProcedureInfo> allProcedures();
// "DOMAIN_LOOKUP_BY_NAME", or "procedure 9999" for an unknown number.
std::string procedureName(int32_t number);

}  // namespace cvirt::rpc::remote
