#include "api/drivers.hpp"

#include <mutex>

#include "drivers/qemu/qemu_driver.hpp"
#include "drivers/remote/remote_driver.hpp"
#include "drivers/test/test_driver.hpp"

namespace cvirt::api {
namespace {

std::mutex rootMutex;
std::string daemonRootValue;

}  // namespace

const driver::Registry& registry() {
    static const driver::Registry instance = [] {
        driver::Registry r;
        drivers::test::registerTestDriver(r);
        qemu::registerQemuDriver(r);
        drivers::remote::registerRemoteDriver(r);
        return r;
    }();
    return instance;
}

std::string daemonRoot() {
    std::lock_guard lock(rootMutex);
    return daemonRootValue;
}

void setDaemonRoot(std::string root) {
    std::lock_guard lock(rootMutex);
    daemonRootValue = std::move(root);
}

}  // namespace cvirt::api
