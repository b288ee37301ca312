#include <fmt/format.h>

#include "cvirsh/commands/groups.hpp"
#include "cvirsh/invocation.hpp"
#include "util/error.hpp"

namespace cvirt::shell {

bool notImplementedYet(Shell&, const Invocation& cmd) {
    throw Error(ErrorCode::NoSupport, ErrorDomain::None,
                fmt::format("cvirsh command '{}' is not implemented yet", cmd.name()));
}

}  // namespace cvirt::shell
