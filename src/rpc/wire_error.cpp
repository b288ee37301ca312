#include "rpc/wire_error.hpp"

namespace cvirt::rpc {

WireError toWireError(const Error& error) {
    WireError wire;
    wire.code = static_cast<int32_t>(error.code());
    wire.domain = static_cast<int32_t>(error.domain());
    wire.message = error.message();
    wire.level = static_cast<int32_t>(error.level());
    wire.str1 = error.str1();
    wire.str2 = error.str2();
    wire.str3 = error.str3();
    wire.int1 = error.int1();
    wire.int2 = error.int2();
    return wire;
}

Error fromWireError(const WireError& wire) {
    Error error = Error::raw(static_cast<ErrorCode>(wire.code), static_cast<ErrorDomain>(wire.domain),
                             wire.message ? *wire.message : std::string("unknown error"),
                             static_cast<ErrorLevel>(wire.level));
    error.withExtra(wire.str1, wire.str2, wire.str3, wire.int1, wire.int2);
    return error;
}

Error rpcError(std::string message) {
    return Error::raw(ErrorCode::Rpc, ErrorDomain::Rpc, std::move(message));
}

}  // namespace cvirt::rpc
