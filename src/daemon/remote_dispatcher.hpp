#pragma once
// cvirtd's dispatcher for the REMOTE program: the session procedures
// (handshake, open/close, features, event registration; session_handlers.cpp)
// and every procedure of drivers/remote/procedure_bindings.def, mapped onto
// the public API of the client's connection (procedure_handlers.cpp).
// Procedures without a handler are answered NO_SUPPORT by the RPC layer.

#include <string>

#include "rpc/procedure_dispatcher.hpp"

namespace cvirt::daemon {

// libvirt's API level cvirtd implements, as CONNECT_GET_LIB_VERSION reports
// it (major * 1,000,000 + minor * 1,000 + micro): clients gate features on it.
inline constexpr uint64_t kLibvirtApiVersion = 9000000;

struct DispatchOptions {
    // Opened for a CONNECT_OPEN without a name (qemu:///system, or
    // qemu:///session for a session daemon).
    std::string defaultUri = "qemu:///system";
    // keepalive_interval >= 0: answer the keepalive probe by pinging.
    bool keepalive = true;
};

class RemoteDispatcher : public rpc::ProcedureDispatcher {
public:
    explicit RemoteDispatcher(DispatchOptions options);

    void clientOpened(rpc::ServerClient& client) override;
    void clientClosed(rpc::ServerClient& client) override;
    void streamPacket(rpc::ServerClient& client, rpc::Packet&& packet) override;

private:
    void addSessionHandlers();
    void addProcedureHandlers();
    void addStreamHandlers();  // stream_handlers.cpp
    void addUnsupportedHandlers();

    DispatchOptions options_;
};

}  // namespace cvirt::daemon
