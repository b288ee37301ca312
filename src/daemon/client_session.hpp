#pragma once
// What cvirtd keeps per client: the hypervisor connection CONNECT_OPEN made
// and the event callbacks the client registered on it. Kept with the
// rpc::ServerClient (setUserData); every method is thread-safe, as calls of
// one client run on several workers at once.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "cvirt/connection.hpp"
#include "daemon/client_streams.hpp"
#include "rpc/server_client.hpp"

namespace cvirt::daemon {

class ClientSession {
public:
    // Opens `uri` read-only when `readOnly` (the -ro socket or the RO open
    // flag). A second open fails and keeps the first connection, unlike
    // libvirtd 9.0, which drops it.
    void open(const std::string& uri, bool readOnly);
    bool isOpen() const;
    // The open connection; before CONNECT_OPEN libvirtd's
    // "hypervisor connection not open".
    Connection connection() const;
    // Deregisters every callback and drops the connection (CONNECT_CLOSE,
    // or the client went away).
    void close();

    // CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY: events are sent to the
    // client as DOMAIN_EVENT_CALLBACK_* MESSAGEs carrying the returned id,
    // which is unique among all clients of this daemon.
    int registerCallback(rpc::ServerClient& client, int eventId, const std::optional<DomainRef>& domain);
    void deregisterCallback(int callbackId);
    // The legacy per-event-id registration (CONNECT_DOMAIN_EVENT_REGISTER_ANY
    // and CONNECT_DOMAIN_EVENT_REGISTER): events go out as the old
    // DOMAIN_EVENT_* MESSAGEs without a callback id.
    void registerLegacy(rpc::ServerClient& client, int eventId);
    void deregisterLegacy(int eventId);

    // The streams this client's calls opened (consoles).
    ClientStreams& streams() { return streams_; }

private:
    void dropCallbacksLocked();

    mutable std::mutex mutex_;
    std::optional<Connection> connection_;
    std::map<int, int> callbacks_;  // wire callback id -> the connection's callback id
    std::map<int, int> legacy_;     // event id -> the connection's callback id
    ClientStreams streams_;
};

// The session of a client (created when it connects).
ClientSession& sessionOf(rpc::ServerClient& client);

}  // namespace cvirt::daemon
