#include <fmt/format.h>

#include "cvirsh/commands/groups.hpp"
#include "cvirsh/invocation.hpp"
#include "util/error.hpp"

namespace cvirt::shell {

bool needsApi(Shell&, const Invocation& cmd) {
    throw Error(ErrorCode::NoSupport, ErrorDomain::None,
                fmt::format("cvirsh command '{}' needs the cvirt API, which is not built yet", cmd.name()));
}

}  // namespace cvirt::shell
