#pragma once
// libvirt's virCheckFlags for the test driver: an API given flags it does
// not know fails with INVALID_ARG naming the C function libvirt would have
// named ("unsupported flags (0x8) in function testDomainGetVcpusFlags"),
// because clients match on that text and code.

#include <fmt/format.h>

#include "util/error.hpp"

namespace cvirt::drivers::test {

inline void checkFlags(unsigned flags, unsigned supported, const char* function) {
    if (unsigned extra = flags & ~supported)
        // virCheckFlags reports the text as is, without the code's prefix.
        throw Error::raw(ErrorCode::InvalidArg, ErrorDomain::Test,
                         fmt::format("unsupported flags (0x{:x}) in function {}", extra, function));
}

}  // namespace cvirt::drivers::test
