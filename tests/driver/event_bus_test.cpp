#include <gtest/gtest.h>

#include "driver/event_bus.hpp"

using namespace cvirt;
using cvirt::driver::DomainEventBus;

TEST(DomainEventBus, DeliversToMatchingCallbacksOnly) {
    DomainEventBus bus;
    DomainRef a{"a", *Uuid::parse("11111111-1111-1111-1111-111111111111"), 1};
    DomainRef b{"b", *Uuid::parse("22222222-2222-2222-2222-222222222222"), 2};
    std::vector<std::string> seen;
    int all = bus.add(std::nullopt, event::kLifecycle, [&](const DomainEvent& e) { seen.push_back("all:" + e.domain.name); });
    int onlyB = bus.add(b, event::kLifecycle, [&](const DomainEvent& e) { seen.push_back("b:" + e.domain.name); });
    int reboot = bus.add(std::nullopt, event::kReboot, [&](const DomainEvent& e) { seen.push_back("reboot:" + e.domain.name); });
    EXPECT_NE(all, onlyB);
    bus.emitLifecycle(a, event::kStarted, event::kStartedBooted);
    bus.emitLifecycle(b, event::kStopped, event::kStoppedDestroyed);
    bus.emit(DomainEvent{event::kReboot, a, 0, 0});
    EXPECT_EQ(seen, (std::vector<std::string>{"all:a", "all:b", "b:b", "reboot:a"}));
    bus.remove(all);
    EXPECT_THROW(bus.remove(all), Error);
    seen.clear();
    bus.emitLifecycle(b, event::kStarted, 0);
    EXPECT_EQ(seen, std::vector<std::string>{"b:b"});
    bus.remove(onlyB);
    bus.remove(reboot);
    EXPECT_TRUE(bus.empty());
    EXPECT_THROW(bus.add(std::nullopt, 99, [](const DomainEvent&) {}), Error);
}

TEST(DomainEventBus, CallbackMayDeregisterItself) {
    DomainEventBus bus;
    int id = 0;
    int calls = 0;
    id = bus.add(std::nullopt, event::kLifecycle, [&](const DomainEvent&) {
        ++calls;
        bus.remove(id);
    });
    bus.emitLifecycle(DomainRef{"x", Uuid::generate(), -1}, event::kDefined, 0);
    bus.emitLifecycle(DomainRef{"x", Uuid::generate(), -1}, event::kDefined, 0);
    EXPECT_EQ(calls, 1);
}
