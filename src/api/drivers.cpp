#include "api/drivers.hpp"

#include <memory>
#include <mutex>

#include "drivers/qemu/qemu_driver.hpp"
#include "drivers/remote/remote_driver.hpp"
#include "drivers/test/test_driver.hpp"

namespace cvirt::api {
namespace {

std::mutex rootMutex;
std::string daemonRootValue;

std::string daemonRoot() {
    std::lock_guard lock(rootMutex);
    return daemonRootValue;
}

// Registers what `add` registers, with the daemon's root filled into
// in-daemon open requests (the API's openInDaemon does not carry it).
template <typename Add>
void addWithDaemonRoot(driver::Registry& outer, const char* name, Add add) {
    auto inner = std::make_shared<driver::Registry>();
    add(*inner);
    outer.add(name, [inner](const driver::OpenRequest& request) -> std::unique_ptr<driver::Connection> {
        driver::OpenRequest with = request;
        if (with.inDaemon && with.daemonRoot.empty())
            with.daemonRoot = daemonRoot();
        try {
            return inner->open(with);
        } catch (const Error& e) {
            // The inner registry's "declined", not a driver's own failure.
            if (e.code() == ErrorCode::NoConnect && e.domain() == ErrorDomain::None && e.str2() == with.uriText)
                return nullptr;
            throw;
        }
    });
}

}  // namespace

const driver::Registry& registry() {
    static const driver::Registry instance = [] {
        driver::Registry r;
        drivers::test::registerTestDriver(r);
        addWithDaemonRoot(r, "QEMU", qemu::registerQemuDriver);
        drivers::remote::registerRemoteDriver(r);
        return r;
    }();
    return instance;
}

void setDaemonRoot(std::string root) {
    std::lock_guard lock(rootMutex);
    daemonRootValue = std::move(root);
}

}  // namespace cvirt::api
