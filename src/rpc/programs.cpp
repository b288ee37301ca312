#include "rpc/programs.hpp"

#include <fmt/format.h>

namespace cvirt::rpc {

std::string programName(uint32_t program) {
    switch (program) {
    case kRemoteProgram: return "REMOTE";
    case kQemuProgram: return "QEMU";
    case kLxcProgram: return "LXC";
    case kKeepaliveProgram: return "KEEPALIVE";
    case kAdminProgram: return "ADMIN";
    }
    return fmt::format("PROGRAM_0x{:08x}", program);
}

}  // namespace cvirt::rpc
