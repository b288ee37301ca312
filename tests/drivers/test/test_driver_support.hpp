#pragma once
// Opening test driver connections and checking libvirt-compatible errors.

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "driver/connection.hpp"
#include "driver/registry.hpp"
#include "util/error.hpp"

namespace cvirt::test::testdriver {

// Opens `uri` through a registry holding only the test driver.
std::unique_ptr<driver::Connection> open(const std::string& uri = "test:///default", unsigned flags = 0);

// Runs `fn` and returns the Error it throws (a test failure if none).
Error errorOf(const std::function<void()>& fn);

// Expects `fn` to fail with exactly this code, domain and message.
void expectError(const std::function<void()>& fn, ErrorCode code, ErrorDomain domain, const std::string& message);

// Records every lifecycle event (type, detail) one callback receives.
struct EventLog {
    std::vector<std::pair<int, int>> events;
    std::vector<DomainRef> domains;
    int id = -1;
    void attach(driver::Connection& conn, const std::optional<DomainRef>& dom = std::nullopt);
};

}  // namespace cvirt::test::testdriver
