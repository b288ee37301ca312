// Domain event callbacks. Callbacks belong to the connection that
// registered them: they are removed with it, and another connection
// cannot remove them.

#include "drivers/test/test_connection.hpp"

namespace cvirt::drivers::test {

int TestConnection::domainEventRegister(const std::optional<DomainRef>& dom, int eventId,
                                        driver::DomainEventCallback callback) {
    int id = state_->domainEvents.add(dom, eventId, std::move(callback));
    std::lock_guard lock(callbacks_mutex_);
    callbacks_.insert(id);
    return id;
}

void TestConnection::domainEventDeregister(int callbackId) {
    {
        std::lock_guard lock(callbacks_mutex_);
        if (callbacks_.erase(callbackId) == 0)
            fail(ErrorCode::InvalidArg, ErrorDomain::None, "could not find event callback {} for deletion",
                 callbackId);
    }
    state_->domainEvents.remove(callbackId);
}

}  // namespace cvirt::drivers::test
