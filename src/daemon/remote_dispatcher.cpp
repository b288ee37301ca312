#include "daemon/remote_dispatcher.hpp"

#include "daemon/client_session.hpp"
#include "rpc/keepalive_protocol.hpp"
#include "rpc/remote_protocol.hpp"
#include "util/log.hpp"

namespace cvirt::daemon {

namespace {
constexpr std::string_view kLog = "daemon.dispatch";
}  // namespace

RemoteDispatcher::RemoteDispatcher(DispatchOptions options) : options_(std::move(options)) {
    addProgram(rpc::remote::kProgram, rpc::remote::kVersion, rpc::remote::allProcedures());
    addSessionHandlers();
    addProcedureHandlers();
    addStreamHandlers();
    addUnsupportedHandlers();
}

void RemoteDispatcher::clientOpened(rpc::ServerClient& client) {
    client.setUserData(std::make_shared<ClientSession>());
}

void RemoteDispatcher::clientClosed(rpc::ServerClient& client) {
    if (auto session = client.userDataAs<ClientSession>())
        session->streams().closeAll();
    try {
        sessionOf(client).close();
    } catch (const Error& e) {
        CVIRT_WARN(kLog, "closing client {}: {}", client.id(), e.message());
    }
    // Drops the session (and with it the connection's last handle) now
    // rather than whenever the last event callback lets go of the client.
    client.setUserData(nullptr);
}

}  // namespace cvirt::daemon
