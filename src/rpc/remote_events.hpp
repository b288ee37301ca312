#pragma once
// REMOTE procedure payloads: event (de)registration and the event MESSAGEs
// the daemon sends.

#include "rpc/remote_types.hpp"

namespace cvirt::rpc::remote {

// ---- registration ----

// Legacy CONNECT_DOMAIN_EVENT_REGISTER / DEREGISTER reply.
struct ConnectDomainEventRegisterRet {
    int32_t cb_registered = 0;
    CVIRT_XDR_STRUCT(ConnectDomainEventRegisterRet, cb_registered);
};

// Legacy CONNECT_DOMAIN_EVENT_(DE)REGISTER_ANY.
struct ConnectDomainEventRegisterAnyArgs {
    int32_t eventID = 0;
    CVIRT_XDR_STRUCT(ConnectDomainEventRegisterAnyArgs, eventID);
};

struct ConnectDomainEventCallbackRegisterAnyArgs {
    int32_t eventID = 0;
    std::optional<DomainRef> dom;  // absent: every domain
    CVIRT_XDR_STRUCT(ConnectDomainEventCallbackRegisterAnyArgs, eventID, dom);
};

struct ConnectNetworkEventRegisterAnyArgs {
    int32_t eventID = 0;
    std::optional<NetworkRef> net;
    CVIRT_XDR_STRUCT(ConnectNetworkEventRegisterAnyArgs, eventID, net);
};

struct ConnectStoragePoolEventRegisterAnyArgs {
    int32_t eventID = 0;
    std::optional<StoragePoolRef> pool;
    CVIRT_XDR_STRUCT(ConnectStoragePoolEventRegisterAnyArgs, eventID, pool);
};

// ---- domain event messages ----

struct DomainEventLifecycleMsg {
    DomainRef dom;
    int32_t event = 0;
    int32_t detail = 0;
    CVIRT_XDR_STRUCT(DomainEventLifecycleMsg, dom, event, detail);
};

struct DomainEventCallbackLifecycleMsg {
    int32_t callbackID = 0;
    DomainEventLifecycleMsg msg;
    CVIRT_XDR_STRUCT(DomainEventCallbackLifecycleMsg, callbackID, msg);
};

struct DomainEventRebootMsg {
    DomainRef dom;
    CVIRT_XDR_STRUCT(DomainEventRebootMsg, dom);
};

struct DomainEventCallbackRebootMsg {
    int32_t callbackID = 0;
    DomainEventRebootMsg msg;
    CVIRT_XDR_STRUCT(DomainEventCallbackRebootMsg, callbackID, msg);
};

struct DomainEventRtcChangeMsg {
    DomainRef dom;
    int64_t offset = 0;
    CVIRT_XDR_STRUCT(DomainEventRtcChangeMsg, dom, offset);
};

struct DomainEventCallbackRtcChangeMsg {
    int32_t callbackID = 0;
    DomainEventRtcChangeMsg msg;
    CVIRT_XDR_STRUCT(DomainEventCallbackRtcChangeMsg, callbackID, msg);
};

struct DomainEventWatchdogMsg {
    DomainRef dom;
    int32_t action = 0;
    CVIRT_XDR_STRUCT(DomainEventWatchdogMsg, dom, action);
};

struct DomainEventCallbackWatchdogMsg {
    int32_t callbackID = 0;
    DomainEventWatchdogMsg msg;
    CVIRT_XDR_STRUCT(DomainEventCallbackWatchdogMsg, callbackID, msg);
};

struct DomainEventBalloonChangeMsg {
    DomainRef dom;
    uint64_t actual = 0;
    CVIRT_XDR_STRUCT(DomainEventBalloonChangeMsg, dom, actual);
};

struct DomainEventCallbackBalloonChangeMsg {
    int32_t callbackID = 0;
    DomainEventBalloonChangeMsg msg;
    CVIRT_XDR_STRUCT(DomainEventCallbackBalloonChangeMsg, callbackID, msg);
};

struct DomainEventDeviceRemovedMsg {
    DomainRef dom;
    std::string devAlias;
    CVIRT_XDR_STRUCT(DomainEventDeviceRemovedMsg, dom, devAlias);
};

struct DomainEventCallbackDeviceRemovedMsg {
    int32_t callbackID = 0;
    DomainEventDeviceRemovedMsg msg;
    CVIRT_XDR_STRUCT(DomainEventCallbackDeviceRemovedMsg, callbackID, msg);
};

// DEVICE_ADDED and DEVICE_REMOVAL_FAILED: the modern flat form.
struct DomainEventCallbackDeviceAliasMsg {
    int32_t callbackID = 0;
    DomainRef dom;
    std::string devAlias;
    CVIRT_XDR_STRUCT(DomainEventCallbackDeviceAliasMsg, callbackID, dom, devAlias);
};

struct DomainEventCallbackMetadataChangeMsg {
    int32_t callbackID = 0;
    DomainRef dom;
    int32_t type = 0;
    std::optional<std::string> nsuri;
    CVIRT_XDR_STRUCT(DomainEventCallbackMetadataChangeMsg, callbackID, dom, type, nsuri);
};

struct DomainEventCallbackTunableMsg {
    int32_t callbackID = 0;
    DomainRef dom;
    Array<TypedParam, kDomainEventTunableMax> params;
    CVIRT_XDR_STRUCT(DomainEventCallbackTunableMsg, callbackID, dom, params);
};

struct DomainEventCallbackJobCompletedMsg {
    int32_t callbackID = 0;
    DomainRef dom;
    Array<TypedParam, kDomainJobStatsMax> params;
    CVIRT_XDR_STRUCT(DomainEventCallbackJobCompletedMsg, callbackID, dom, params);
};

struct ConnectEventConnectionClosedMsg {
    int32_t reason = 0;
    CVIRT_XDR_STRUCT(ConnectEventConnectionClosedMsg, reason);
};

// ---- network and storage pool event messages ----

struct NetworkEventLifecycleMsg {
    int32_t callbackID = 0;
    NetworkRef net;
    int32_t event = 0;
    int32_t detail = 0;
    CVIRT_XDR_STRUCT(NetworkEventLifecycleMsg, callbackID, net, event, detail);
};

struct StoragePoolEventLifecycleMsg {
    int32_t callbackID = 0;
    StoragePoolRef pool;
    int32_t event = 0;
    int32_t detail = 0;
    CVIRT_XDR_STRUCT(StoragePoolEventLifecycleMsg, callbackID, pool, event, detail);
};

struct StoragePoolEventRefreshMsg {
    int32_t callbackID = 0;
    StoragePoolRef pool;
    CVIRT_XDR_STRUCT(StoragePoolEventRefreshMsg, callbackID, pool);
};

}  // namespace cvirt::rpc::remote
