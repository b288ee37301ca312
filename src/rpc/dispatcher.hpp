#pragma once
// What the RPC server hands calls to. The daemon implements it (usually
// through ProcedureDispatcher); the server owns framing, keepalive, access
// checks and the worker pool.

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "rpc/message.hpp"
#include "rpc/programs.hpp"
#include "rpc/server_client.hpp"
#include "util/error.hpp"

namespace cvirt::rpc {

struct Route {
    enum class Kind {
        UnknownProgram,    // answered with VIR_ERR_RPC "Cannot find program P version V"
        UnknownProcedure,  // answered with VIR_ERR_NO_SUPPORT, so client fallbacks fire
        Known,
    };
    Kind kind = Kind::UnknownProgram;
    ProcFlags flags = proc_flags::NONE;
    std::string_view name;  // for logs and errors; may be empty
    // The domain of the OPERATION_DENIED answer to a mutating call on a
    // read-only connection (libvirt reports it from the API's own domain).
    ErrorDomain deniedDomain = ErrorDomain::Rpc;
};

struct CallContext {
    ServerClient& client;
    const Header& header;
    std::span<const uint8_t> payload;  // the args, as received
    // Set by a handler whose call opens a stream: runs on the socket loop
    // right after the successful reply is queued, so the stream's first
    // packet follows the reply (libvirt's clients take a stream packet that
    // comes first as the reply).
    std::function<void()> afterReply = {};
};

class Dispatcher {
public:
    virtual ~Dispatcher() = default;

    // Classifies a CALL. Runs on the socket loop for every call: it must be
    // quick, must not block, and must be thread-safe.
    virtual Route route(const Header& header) const = 0;

    // Runs a Known call on a worker thread and returns the reply payload; a
    // thrown Error becomes the reply's remote_error (anything else becomes
    // an internal error).
    virtual std::vector<uint8_t> dispatch(CallContext& call) = 0;

    // A STREAM or STREAM_HOLE packet of a stream a call opened (on the
    // socket loop: must not block). Dropped by default, as packets of a
    // stream that already ended are.
    virtual void streamPacket(ServerClient&, Packet&&) {}

    // A client connected (on the socket loop: keep it short).
    virtual void clientOpened(ServerClient&) {}
    // A client is gone and none of its calls is still running (on a worker).
    virtual void clientClosed(ServerClient&) {}
};

}  // namespace cvirt::rpc
