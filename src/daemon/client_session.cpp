#include "daemon/client_session.hpp"

#include <atomic>

#include "drivers/remote/wire_convert.hpp"
#include "util/log.hpp"

namespace cvirt::daemon {
namespace {

namespace wire = rpc::remote;
using drivers::remote::toWire;

constexpr std::string_view kLog = "daemon.session";

// Callback ids of every client come from one counter, as libvirtd's do:
// clients route events by them.
std::atomic<int> nextCallbackId{1};

[[noreturn]] void notOpen() {
    throw Error(ErrorCode::InternalError, ErrorDomain::Rpc, "hypervisor connection not open");
}

// Forwards a driver event to one client as a callback MESSAGE. Holds the
// client weakly: a client that went away just stops getting events.
driver::DomainEventCallback forwardTo(rpc::ServerClient& client, int wireId) {
    std::weak_ptr<rpc::ServerClient> weak = client.shared();
    return [weak, wireId](const DomainEvent& e) {
        auto c = weak.lock();
        if (!c)
            return;
        auto dom = toWire<wire::DomainRef>(e.domain);
        if (e.eventId == event::kLifecycle)
            c->sendEvent<wire::DOMAIN_EVENT_CALLBACK_LIFECYCLE>({wireId, {dom, e.event, e.detail}});
        else if (e.eventId == event::kReboot)
            c->sendEvent<wire::DOMAIN_EVENT_CALLBACK_REBOOT>({wireId, {dom}});
    };
}

driver::DomainEventCallback forwardLegacyTo(rpc::ServerClient& client) {
    std::weak_ptr<rpc::ServerClient> weak = client.shared();
    return [weak](const DomainEvent& e) {
        auto c = weak.lock();
        if (!c)
            return;
        auto dom = toWire<wire::DomainRef>(e.domain);
        if (e.eventId == event::kLifecycle)
            c->sendEvent<wire::DOMAIN_EVENT_LIFECYCLE>({dom, e.event, e.detail});
        else if (e.eventId == event::kReboot)
            c->sendEvent<wire::DOMAIN_EVENT_REBOOT>({dom});
    };
}

void checkEventId(int eventId) {
    if (eventId < 0 || eventId >= event::kLast)
        fail(ErrorCode::InternalError, ErrorDomain::Rpc, "unsupported event ID {}", eventId);
}

}  // namespace

void ClientSession::open(const std::string& uri, bool readOnly) {
    std::lock_guard lock(mutex_);
    if (connection_)
        throw Error(ErrorCode::InternalError, ErrorDomain::Rpc, "connection already open");
    connection_ = Connection::openInDaemon(uri, readOnly ? flags::kConnectReadOnly : 0);
}

bool ClientSession::isOpen() const {
    std::lock_guard lock(mutex_);
    return connection_.has_value();
}

Connection ClientSession::connection() const {
    std::lock_guard lock(mutex_);
    if (!connection_)
        notOpen();
    return *connection_;
}

void ClientSession::close() {
    std::optional<Connection> last;
    {
        std::lock_guard lock(mutex_);
        dropCallbacksLocked();
        last.swap(connection_);
    }
    // The connection closes (possibly slowly, for a remote driver) outside
    // the lock.
}

void ClientSession::dropCallbacksLocked() {
    if (!connection_)
        return;
    for (auto& table : {&callbacks_, &legacy_}) {
        for (auto [key, id] : *table) {
            try {
                connection_->deregisterDomainEvent(id);
            } catch (const Error& e) {
                CVIRT_DEBUG(kLog, "dropping callback {}: {}", id, e.message());
            }
        }
        table->clear();
    }
}

int ClientSession::registerCallback(rpc::ServerClient& client, int eventId, const std::optional<DomainRef>& domain) {
    checkEventId(eventId);
    std::lock_guard lock(mutex_);
    if (!connection_)
        notOpen();
    std::optional<Domain> filter;
    if (domain)
        filter = connection_->domain(*domain);
    int wireId = nextCallbackId++;
    int id = connection_->registerDomainEvent(filter, eventId, forwardTo(client, wireId));
    callbacks_[wireId] = id;
    return wireId;
}

void ClientSession::deregisterCallback(int callbackId) {
    std::lock_guard lock(mutex_);
    if (!connection_)
        notOpen();
    auto it = callbacks_.find(callbackId);
    if (it == callbacks_.end())
        fail(ErrorCode::InvalidArg, ErrorDomain::Rpc, "callbackID {} not registered", callbackId);
    int id = it->second;
    callbacks_.erase(it);
    connection_->deregisterDomainEvent(id);
}

void ClientSession::registerLegacy(rpc::ServerClient& client, int eventId) {
    checkEventId(eventId);
    std::lock_guard lock(mutex_);
    if (!connection_)
        notOpen();
    if (legacy_.contains(eventId))
        fail(ErrorCode::InternalError, ErrorDomain::Rpc, "domain event {} already registered", eventId);
    legacy_[eventId] = connection_->registerDomainEvent(std::nullopt, eventId, forwardLegacyTo(client));
}

void ClientSession::deregisterLegacy(int eventId) {
    checkEventId(eventId);
    std::lock_guard lock(mutex_);
    if (!connection_)
        notOpen();
    auto it = legacy_.find(eventId);
    if (it == legacy_.end())
        fail(ErrorCode::InternalError, ErrorDomain::Rpc, "domain event {} not registered", eventId);
    int id = it->second;
    legacy_.erase(it);
    connection_->deregisterDomainEvent(id);
}

ClientSession& sessionOf(rpc::ServerClient& client) {
    auto session = client.userDataAs<ClientSession>();
    if (!session)
        throw Error(ErrorCode::InternalError, ErrorDomain::Rpc, "client has no session");
    // The client owns its session for as long as the client lives.
    return *session;
}

}  // namespace cvirt::daemon
