#include "api/drivers.hpp"

#include "drivers/test/test_driver.hpp"

namespace cvirt::api {

const driver::Registry& registry() {
    static const driver::Registry instance = [] {
        driver::Registry r;
        drivers::test::registerTestDriver(r);
        return r;
    }();
    return instance;
}

}  // namespace cvirt::api
