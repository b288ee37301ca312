// Memory, vcpus and pinning, with libvirt's checks and messages.

#include <gtest/gtest.h>

#include "test_driver_support.hpp"

namespace cvirt::test::testdriver {
namespace {

class Tuning : public ::testing::Test {
protected:
    void SetUp() override {
        conn = open();
        test = conn->domainLookupByName("test");
    }
    std::string line(unsigned xmlFlags, std::string_view needle) {
        std::string xml = conn->domainGetXmlDesc(test, xmlFlags);
        for (size_t start = 0; start < xml.size();) {
            size_t end = xml.find('\n', start);
            std::string l = xml.substr(start, end - start);
            if (l.find(needle) != std::string::npos)
                return l;
            start = end == std::string::npos ? xml.size() : end + 1;
        }
        return "";
    }

    std::unique_ptr<driver::Connection> conn;
    DomainRef test;
};

TEST_F(Tuning, SetMemory) {
    expectError([&] { conn->domainSetMemoryFlags(test, 1000, flags::kAffectLive | flags::kAffectConfig); },
                ErrorCode::InvalidArg, ErrorDomain::Domain,
                "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
    expectError([&] { conn->domainSetMemoryFlags(test, 10, 8); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x8) in function testDomainSetMemoryFlags");
    conn->domainSetMemoryFlags(test, 1000, flags::kAffectConfig);
    EXPECT_EQ(conn->domainGetInfo(test).memory, 2097152u);
    EXPECT_EQ(line(flags::kXmlInactive, "currentMemory"), "  <currentMemory unit='KiB'>1000</currentMemory>");
    expectError([&] { conn->domainSetMemoryFlags(test, 9000000, flags::kAffectLive); }, ErrorCode::InvalidArg,
                ErrorDomain::Test, "invalid argument: cannot set memory higher than max memory");
    conn->domainSetMemoryFlags(test, 4096, 0);  // current = live for a running domain
    EXPECT_EQ(conn->domainGetInfo(test).memory, 4096u);
}

TEST_F(Tuning, SetMaximumMemory) {
    for (unsigned f : {flags::kMemMaximum, flags::kMemMaximum | flags::kAffectLive})
        expectError([&] { conn->domainSetMemoryFlags(test, 9000000, f); }, ErrorCode::OperationInvalid,
                    ErrorDomain::Test,
                    "Requested operation is not valid: cannot resize the maximum memory on an active domain");
    conn->domainSetMemoryFlags(test, 900, flags::kMemMaximum | flags::kAffectConfig);
    EXPECT_EQ(line(flags::kXmlInactive, "<memory"), "  <memory unit='KiB'>900</memory>");
    EXPECT_EQ(line(flags::kXmlInactive, "currentMemory"), "  <currentMemory unit='KiB'>900</currentMemory>");
    EXPECT_EQ(conn->domainGetMaxMemory(test), 8388608u);  // the live definition
    conn->domainDestroy(test, 0);
    EXPECT_EQ(conn->domainGetMaxMemory(test), 900u);
    expectError([&] { conn->domainSetMemoryFlags(test, 1000, flags::kAffectLive); }, ErrorCode::OperationInvalid,
                ErrorDomain::Domain, "Requested operation is not valid: domain is not running");
    expectError([&] { conn->domainSetMemoryFlags(test, 1000, 0); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "invalid argument: cannot set memory higher than max memory");
}

TEST_F(Tuning, TransientDomainsHaveNoConfig) {
    DomainRef t = conn->domainCreateXml(
        "<domain type='test'><name>t2</name><memory>1024</memory><os><type>hvm</type></os></domain>", 0);
    expectError([&] { conn->domainSetMemoryFlags(t, 512, flags::kAffectConfig); }, ErrorCode::OperationInvalid,
                ErrorDomain::Domain,
                "Requested operation is not valid: transient domains do not have any persistent config");
}

TEST_F(Tuning, Vcpus) {
    EXPECT_EQ(conn->domainGetMaxVcpus(test), 2);
    EXPECT_EQ(conn->domainGetVcpusFlags(test, flags::kVcpuMaximum), 2);
    EXPECT_EQ(conn->domainGetVcpusFlags(test, 0), 2);
    expectError([&] { conn->domainGetVcpusFlags(test, flags::kVcpuGuest); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x8) in function testDomainGetVcpusFlags");
    expectError([&] { conn->domainSetVcpusFlags(test, 1, flags::kVcpuGuest); }, ErrorCode::InvalidArg,
                ErrorDomain::Test, "unsupported flags (0x8) in function testDomainSetVcpusFlags");
    expectError([&] { conn->domainSetVcpusFlags(test, 40, flags::kAffectLive); }, ErrorCode::InvalidArg,
                ErrorDomain::Test,
                "invalid argument: requested cpu amount exceeds maximum supported amount (40 > 32)");
    expectError([&] { conn->domainSetVcpusFlags(test, 3, flags::kAffectLive); }, ErrorCode::InvalidArg,
                ErrorDomain::Test, "invalid argument: requested cpu amount exceeds maximum (3 > 2)");
    conn->domainSetVcpusFlags(test, 1, flags::kAffectLive);
    EXPECT_EQ(conn->domainGetVcpusFlags(test, flags::kAffectLive), 1);
    EXPECT_EQ(conn->domainGetVcpusFlags(test, flags::kAffectConfig), 2);
    EXPECT_EQ(conn->domainGetInfo(test).nrVirtCpu, 1u);
    conn->domainSetVcpusFlags(test, 4, flags::kVcpuMaximum | flags::kAffectConfig);
    EXPECT_EQ(line(flags::kXmlInactive, "<vcpu"), "  <vcpu placement='static' current='2'>4</vcpu>");
    conn->domainSetVcpusFlags(test, 3, flags::kAffectConfig);
    EXPECT_EQ(line(flags::kXmlInactive, "<vcpu"), "  <vcpu placement='static' current='3'>4</vcpu>");
    conn->domainSetVcpusFlags(test, 1, flags::kVcpuMaximum | flags::kAffectConfig);
    EXPECT_EQ(line(flags::kXmlInactive, "<vcpu"), "  <vcpu placement='static'>1</vcpu>");
    expectError([&] { conn->domainGetVcpusFlags(test, flags::kAffectLive | flags::kAffectConfig); },
                ErrorCode::InvalidArg, ErrorDomain::Domain,
                "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
    conn->domainDestroy(test, 0);
    EXPECT_EQ(conn->domainGetVcpusFlags(test, 0), 1);
    expectError([&] { conn->domainGetVcpusFlags(test, flags::kAffectLive); }, ErrorCode::OperationInvalid,
                ErrorDomain::Domain, "Requested operation is not valid: domain is not running");
    expectError([&] { conn->domainGetMaxVcpus(test); }, ErrorCode::OperationInvalid, ErrorDomain::Domain,
                "Requested operation is not valid: domain is not running");
}

TEST_F(Tuning, VcpuInfoAndPinning) {
    VcpuPinning p = conn->domainGetVcpus(test, 8, 2);
    ASSERT_EQ(p.info.size(), 2u);
    EXPECT_EQ(p.info[1].number, 1u);
    EXPECT_EQ(p.info[1].state, 1);
    EXPECT_EQ(p.info[1].cpu, 15);  // the last host CPU
    EXPECT_EQ(p.cpumaps[0], (std::vector<uint8_t>{0xff, 0xff}));

    conn->domainPinVcpuFlags(test, 0, {0x05}, 0);
    p = conn->domainGetVcpus(test, 8, 1);
    EXPECT_EQ(p.info[0].cpu, 2);
    EXPECT_EQ(p.cpumaps[0], (std::vector<uint8_t>{0x05}));
    EXPECT_EQ(conn->domainGetVcpuPinInfo(test, 8, 1, 0),
              (std::vector<std::vector<uint8_t>>{{0x05}, {0xff}}));
    EXPECT_EQ(conn->domainGetVcpuPinInfo(test, 8, 1, flags::kAffectConfig),
              (std::vector<std::vector<uint8_t>>{{0xff}, {0xff}}));
    EXPECT_EQ(line(0, "vcpupin"), "    <vcpupin vcpu='0' cpuset='0,2'/>");
    expectError([&] { conn->domainPinVcpuFlags(test, 5, {1}, 0); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "invalid argument: requested vcpu '5' is not present in the domain");

    conn->domainPinEmulator(test, {0x05}, flags::kAffectLive);
    EXPECT_EQ(conn->domainGetEmulatorPinInfo(test, 1, flags::kAffectLive), (std::vector<uint8_t>{0x05}));
    EXPECT_EQ(conn->domainGetEmulatorPinInfo(test, 1, flags::kAffectConfig), (std::vector<uint8_t>{0xff}));
    EXPECT_EQ(line(0, "emulatorpin"), "    <emulatorpin cpuset='0,2'/>");
    expectError([&] { conn->domainPinEmulator(test, {0}, 0); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "invalid argument: Empty cpu list for pinning");

    conn->domainDestroy(test, 0);
    expectError([&] { conn->domainGetVcpus(test, 8, 1); }, ErrorCode::OperationInvalid, ErrorDomain::Test,
                "Requested operation is not valid: cannot list vcpus for an inactive domain");
    expectError([&] { conn->domainPinVcpuFlags(test, 0, {1}, 0); }, ErrorCode::OperationInvalid, ErrorDomain::Test,
                "Requested operation is not valid: cannot pin vcpus on an inactive domain");
}

}  // namespace
}  // namespace cvirt::test::testdriver
