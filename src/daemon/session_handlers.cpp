// The REMOTE procedures that act on the client's session rather than on a
// driver: authentication, feature probes, open and close, the URI and
// library version, close and event callbacks.

#include "daemon/client_session.hpp"
#include "daemon/remote_dispatcher.hpp"
#include "drivers/remote/wire_convert.hpp"
#include "rpc/remote_protocol.hpp"
#include "util/log.hpp"

namespace cvirt::daemon {

namespace {

namespace wire = rpc::remote;
using drivers::remote::fromWire;

constexpr std::string_view kLog = "daemon.dispatch";

// libvirt's virDrvFeature numbers the remote driver and libvirt's API probe.
enum Feature : int32_t {
    kMigrationV1 = 1,
    kRemote = 2,
    kMigrationV2 = 3,
    kMigrationP2P = 4,
    kMigrationDirect = 5,
    kMigrationV3 = 6,
    kMigrateChangeProtection = 7,
    kFdPassing = 8,
    kTypedParamString = 9,
    kProgramKeepalive = 10,
    kXmlMigratable = 11,
    kMigrationOffline = 12,
    kMigrationParams = 13,
    kRemoteEventCallback = 14,
    kRemoteCloseCallback = 15,
    kNetworkUpdateHasCorrectOrder = 16,
};

bool supported(int32_t feature) {
    switch (feature) {
    case kTypedParamString:
    case kProgramKeepalive:
    case kXmlMigratable:
    case kRemoteEventCallback:
    case kRemoteCloseCallback:
    case kNetworkUpdateHasCorrectOrder:
        return true;
    default:
        // No migration yet, and no fd passing on our transports; the
        // hypervisor behind the daemon is local (not REMOTE).
        return false;
    }
}

}  // namespace

void RemoteDispatcher::addSessionHandlers() {
    // Unix sockets need no authentication (auth_unix_rw = "none").
    handle<wire::AUTH_LIST>([](rpc::Void) { return wire::AuthListRet{{static_cast<int32_t>(wire::AuthType::None)}}; });

    handle<wire::CONNECT_SUPPORTS_FEATURE>(
        [this](rpc::CallContext& call, wire::ConnectSupportsFeatureArgs args) {
            // Asked before CONNECT_OPEN by clients with an event loop; from
            // then on the daemon pings the client too.
            if (args.feature == kProgramKeepalive && options_.keepalive)
                call.client.enableKeepalive();
            return wire::ConnectSupportsFeatureRet{supported(args.feature) ? 1 : 0};
        });

    handle<wire::CONNECT_OPEN>([this](rpc::CallContext& call, wire::ConnectOpenArgs args) {
        // Bits past RO are the client's own (user socket, autostart): ignored.
        bool readOnly = call.client.readOnly() || (args.flags & wire::kOpenReadOnly);
        std::string uri = args.name && !args.name->empty() ? *args.name : options_.defaultUri;
        CVIRT_DEBUG(kLog, "client {} opens {}{}", call.client.id(), uri, readOnly ? " read-only" : "");
        sessionOf(call.client).open(uri, readOnly);
        if (readOnly)
            call.client.setReadOnly(true);
    });

    handle<wire::CONNECT_CLOSE>([](rpc::CallContext& call, rpc::Void) { sessionOf(call.client).close(); });

    handle<wire::CONNECT_GET_URI>(
        [](rpc::CallContext& call, rpc::Void) { return wire::ConnectGetUriRet{sessionOf(call.client).connection().uri()}; });

    handle<wire::CONNECT_GET_LIB_VERSION>([](rpc::CallContext& call, rpc::Void) {
        sessionOf(call.client).connection();
        return wire::ConnectGetLibVersionRet{kLibvirtApiVersion};
    });

    // The daemon sends no close notifications yet; registering is accepted
    // (virsh always registers) once a connection is open.
    handle<wire::CONNECT_REGISTER_CLOSE_CALLBACK>([](rpc::CallContext& call, rpc::Void) { sessionOf(call.client).connection(); });
    handle<wire::CONNECT_UNREGISTER_CLOSE_CALLBACK>(
        [](rpc::CallContext& call, rpc::Void) { sessionOf(call.client).connection(); });

    handle<wire::CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY>(
        [](rpc::CallContext& call, wire::ConnectDomainEventCallbackRegisterAnyArgs args) {
            std::optional<DomainRef> dom;
            if (args.dom)
                dom = fromWire<DomainRef>(*args.dom);
            return wire::CallbackIdRet{sessionOf(call.client).registerCallback(call.client, args.eventID, dom)};
        });
    handle<wire::CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY>(
        [](rpc::CallContext& call, wire::CallbackIdArgs args) {
            sessionOf(call.client).deregisterCallback(args.callbackID);
        });

    handle<wire::CONNECT_DOMAIN_EVENT_REGISTER_ANY>(
        [](rpc::CallContext& call, wire::ConnectDomainEventRegisterAnyArgs args) {
            sessionOf(call.client).registerLegacy(call.client, args.eventID);
        });
    handle<wire::CONNECT_DOMAIN_EVENT_DEREGISTER_ANY>(
        [](rpc::CallContext& call, wire::ConnectDomainEventRegisterAnyArgs args) {
            sessionOf(call.client).deregisterLegacy(args.eventID);
        });
    handle<wire::CONNECT_DOMAIN_EVENT_REGISTER>([](rpc::CallContext& call, rpc::Void) {
        sessionOf(call.client).registerLegacy(call.client, event::kLifecycle);
        return wire::ConnectDomainEventRegisterRet{1};
    });
    handle<wire::CONNECT_DOMAIN_EVENT_DEREGISTER>([](rpc::CallContext& call, rpc::Void) {
        sessionOf(call.client).deregisterLegacy(event::kLifecycle);
        return wire::ConnectDomainEventRegisterRet{0};
    });
}

}  // namespace cvirt::daemon
