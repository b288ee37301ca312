#include <gtest/gtest.h>

#include <cerrno>

#include "util/error.hpp"

using namespace cvirt;

TEST(Error, NumbersMatchLibvirt) {
    EXPECT_EQ(static_cast<int>(ErrorCode::NoSupport), 3);
    EXPECT_EQ(static_cast<int>(ErrorCode::OperationDenied), 29);
    EXPECT_EQ(static_cast<int>(ErrorCode::Rpc), 39);
    EXPECT_EQ(static_cast<int>(ErrorCode::NoDomain), 42);
    EXPECT_EQ(static_cast<int>(ErrorCode::OperationInvalid), 55);
    EXPECT_EQ(static_cast<int>(ErrorCode::MultipleDomains), 110);
    EXPECT_EQ(static_cast<int>(ErrorDomain::Rpc), 7);
    EXPECT_EQ(static_cast<int>(ErrorDomain::Test), 12);
    EXPECT_EQ(static_cast<int>(ErrorDomain::Domain), 20);
    EXPECT_EQ(static_cast<int>(ErrorDomain::Ch), 72);
}

TEST(Error, MessageGetsLibvirtPrefix) {
    Error e(ErrorCode::NoDomain, ErrorDomain::Test, "no domain with matching name 'x'");
    EXPECT_EQ(e.message(), "Domain not found: no domain with matching name 'x'");
    EXPECT_EQ(e.code(), ErrorCode::NoDomain);
    EXPECT_EQ(e.domain(), ErrorDomain::Test);
    EXPECT_EQ(e.level(), ErrorLevel::Error);
    EXPECT_EQ(e.str2(), "no domain with matching name 'x'");

    EXPECT_EQ(Error(ErrorCode::InternalError, ErrorDomain::Rpc, "boom").message(), "internal error: boom");
    EXPECT_EQ(Error(ErrorCode::NoConnect, ErrorDomain::None, "unix:///").message(),
              "no connection driver available for unix:///");
    EXPECT_EQ(Error(ErrorCode::OperationDenied, ErrorDomain::None).message(),
              "operation forbidden for read only access");
    EXPECT_EQ(Error(ErrorCode::XmlDetail, ErrorDomain::Domain, "exact text").message(), "exact text");
}

TEST(Error, SystemErrorAppendsStrerror) {
    auto e = Error::system(ErrorDomain::None, ENOENT, "cannot open '/x'");
    EXPECT_EQ(e.code(), ErrorCode::SystemError);
    EXPECT_EQ(e.message(), "cannot open '/x': No such file or directory");
    EXPECT_EQ(e.int1(), ENOENT);
}

TEST(Error, FailFormatsAndThrows) {
    try {
        fail(ErrorCode::InvalidArg, ErrorDomain::Domain, "unsupported flags (0x{:x}) in function {}", 0x80, "f");
        FAIL() << "no throw";
    } catch (const Error& e) {
        EXPECT_EQ(e.message(), "invalid argument: unsupported flags (0x80) in function f");
    }
}

TEST(Error, SymbolicNames) {
    EXPECT_EQ(errorCodeName(ErrorCode::NoDomain), "VIR_ERR_NO_DOMAIN");
    EXPECT_EQ(errorCodeName(ErrorCode::WarNoNetwork), "VIR_WAR_NO_NETWORK");
    EXPECT_EQ(errorCodeName(ErrorCode::XmlError), "VIR_ERR_XML_ERROR");
}
