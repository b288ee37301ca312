#include "driver/connection.hpp"

namespace cvirt::driver {

void unsupported(const char* api, ErrorDomain domain) {
    throw Error(ErrorCode::NoSupport, domain, api);
}

}  // namespace cvirt::driver
