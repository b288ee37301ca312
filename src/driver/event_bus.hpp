#pragma once
// Domain event fan-out for drivers: callbacks register with an optional
// domain filter and an event id; emit() delivers an event to every match.
// Callback ids are unique in the process, as libvirt's are (clients route
// events by them).

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "driver/connection.hpp"

namespace cvirt::driver {

class DomainEventBus {
public:
    int add(const std::optional<DomainRef>& domain, int eventId, DomainEventCallback callback);
    // Throws INVALID_ARG when the id is not registered here.
    void remove(int callbackId);
    // Delivers outside the bus's lock, so callbacks may register or remove.
    void emit(const DomainEvent& event) const;
    // Convenience for lifecycle events.
    void emitLifecycle(const DomainRef& domain, int type, int detail) const;
    bool empty() const;

private:
    struct Entry {
        int id;
        std::optional<Uuid> domain;
        int eventId;
        std::shared_ptr<DomainEventCallback> callback;
    };
    mutable std::mutex mutex_;
    std::vector<Entry> entries_;
};

}  // namespace cvirt::driver
