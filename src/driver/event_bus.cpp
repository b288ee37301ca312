#include "driver/event_bus.hpp"

#include <atomic>

namespace cvirt::driver {
namespace {
std::atomic<int> nextCallbackId{1};
}  // namespace

int DomainEventBus::add(const std::optional<DomainRef>& domain, int eventId, DomainEventCallback callback) {
    if (eventId < 0 || eventId >= event::kLast)
        fail(ErrorCode::InvalidArg, ErrorDomain::None, "unsupported event ID {}", eventId);
    std::lock_guard lock(mutex_);
    int id = nextCallbackId++;
    std::optional<Uuid> filter;
    if (domain)
        filter = domain->uuid;
    entries_.push_back({id, filter, eventId, std::make_shared<DomainEventCallback>(std::move(callback))});
    return id;
}

void DomainEventBus::remove(int callbackId) {
    std::lock_guard lock(mutex_);
    auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.id == callbackId; });
    if (it == entries_.end())
        fail(ErrorCode::InvalidArg, ErrorDomain::None, "could not find event callback {} for deletion", callbackId);
    entries_.erase(it);
}

void DomainEventBus::emit(const DomainEvent& event) const {
    std::vector<std::shared_ptr<DomainEventCallback>> targets;
    {
        std::lock_guard lock(mutex_);
        for (const auto& e : entries_)
            if (e.eventId == event.eventId && (!e.domain || *e.domain == event.domain.uuid))
                targets.push_back(e.callback);
    }
    for (const auto& cb : targets)
        (*cb)(event);
}

void DomainEventBus::emitLifecycle(const DomainRef& domain, int type, int detail) const {
    emit(DomainEvent{event::kLifecycle, domain, type, detail});
}

bool DomainEventBus::empty() const {
    std::lock_guard lock(mutex_);
    return entries_.empty();
}

}  // namespace cvirt::driver
