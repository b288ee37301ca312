#pragma once
// Everything one test driver instance knows (libvirt's testDriver): the
// host it pretends to be, its capabilities, and its domains, networks and
// storage. Connections to test:///default share one state while any of
// them is open; every other connection has its own.
//
// Locking: `mutex` guards all of it. Events are queued while it is held and
// delivered after it is released (StateLock), so callbacks may call back
// into the driver.

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "conf/capabilities/capabilities.hpp"
#include "driver/event_bus.hpp"
#include "driver/types.hpp"
#include "drivers/test/domain_hooks.hpp"
#include "drivers/test/domain_list.hpp"
#include "drivers/test/network_list.hpp"
#include "drivers/test/pool_list.hpp"

namespace cvirt::drivers::test {

struct NumaCell {
    uint64_t memoryKiB = 0;
    uint64_t freeMemoryKiB = 0;
    std::vector<conf::capabilities::NumaCpu> cpus;
};

struct AuthUser {
    std::string name;
    std::optional<std::string> password;
};

class DriverState {
public:
    std::mutex mutex;

    NodeInfo nodeInfo;
    std::vector<NumaCell> cells;
    conf::capabilities::Capabilities capabilities;
    std::vector<AuthUser> users;

    TestDomainXmlHooks hooks;
    DomainList domains;
    NetworkList networks;
    PoolList pools;

    // libvirt hands out ids from 1 up and never reuses them.
    std::atomic<int> nextDomainId{1};
    driver::DomainEventBus domainEvents;
};

// libvirt's defaults for a state before a node file is read.
NodeInfo defaultNodeInfo();

// Holds `state.mutex`; events queued through it reach their callbacks once
// the lock is released, in the order they were queued.
class StateLock {
public:
    explicit StateLock(DriverState& state) : state_(state), lock_(state.mutex) {}
    StateLock(const StateLock&) = delete;
    StateLock& operator=(const StateLock&) = delete;
    ~StateLock();
    void queue(const DomainEvent& event) { events_.push_back(event); }
    void queueLifecycle(const DomainRef& domain, int type, int detail) {
        events_.push_back(DomainEvent{event::kLifecycle, domain, type, detail});
    }

private:
    DriverState& state_;
    std::unique_lock<std::mutex> lock_;
    std::vector<DomainEvent> events_;
};

}  // namespace cvirt::drivers::test
