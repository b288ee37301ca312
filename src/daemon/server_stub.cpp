#include "daemon/server_stub.hpp"

#include <fmt/format.h>

namespace cvirt::daemon {

void failMaxNames(int32_t requested, uint32_t limit) {
    throw Error(ErrorCode::Rpc, ErrorDomain::Rpc,
                fmt::format("maxnames {} is outside the protocol's range 0..{}", requested, limit));
}

void checkCpumapRequest(int32_t count, int32_t maplen, uint32_t maxCount, const char* what) {
    if (count < 0 || static_cast<uint32_t>(count) > maxCount)
        throw Error(ErrorCode::Rpc, ErrorDomain::Rpc, fmt::format("{} {} is outside the protocol's range", what, count));
    if (maplen <= 0 || static_cast<uint64_t>(count) * static_cast<uint64_t>(maplen) > rpc::remote::kCpumapsMax)
        throw Error(ErrorCode::Rpc, ErrorDomain::Rpc,
                    fmt::format("{} * maplen is outside the protocol's range of {} bytes", what, rpc::remote::kCpumapsMax));
}

}  // namespace cvirt::daemon
