#include "test_driver_support.hpp"

#include "conf/uri.hpp"
#include "drivers/test/test_driver.hpp"

namespace cvirt::test::testdriver {

std::unique_ptr<driver::Connection> open(const std::string& uri, unsigned flags) {
    driver::Registry registry;
    drivers::test::registerTestDriver(registry);
    driver::OpenRequest request;
    request.uriText = uri;
    request.uri = conf::Uri::parse(uri);
    request.flags = flags;
    return registry.open(request);
}

Error errorOf(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "no error was thrown";
    return Error(ErrorCode::Ok, ErrorDomain::None);
}

void expectError(const std::function<void()>& fn, ErrorCode code, ErrorDomain domain, const std::string& message) {
    Error e = errorOf(fn);
    EXPECT_EQ(errorCodeName(e.code()), errorCodeName(code)) << e.message();
    EXPECT_EQ(static_cast<int>(e.domain()), static_cast<int>(domain)) << e.message();
    EXPECT_EQ(e.message(), message);
}

void EventLog::attach(driver::Connection& conn, const std::optional<DomainRef>& dom) {
    id = conn.domainEventRegister(dom, event::kLifecycle, [this](const DomainEvent& e) {
        events.emplace_back(e.event, e.detail);
        domains.push_back(e.domain);
    });
}

}  // namespace cvirt::test::testdriver
