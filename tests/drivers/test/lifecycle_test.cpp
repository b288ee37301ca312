// The test driver's domain state machine: every transition with its state,
// reason and event, and libvirt's refusals.

#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "test_driver_support.hpp"
#include "util/files.hpp"

namespace cvirt::test::testdriver {
namespace {

using Ev = std::pair<int, int>;

constexpr const char* kSmall = "<domain type='test'><name>t2</name><memory>1024</memory><os><type>hvm</type></os></domain>";

class Lifecycle : public ::testing::Test {
protected:
    void SetUp() override {
        conn = open();
        test = conn->domainLookupByName("test");
        log.attach(*conn);
    }
    driver::DomainStateReason state(const DomainRef& d) { return conn->domainGetState(d, 0); }

    std::unique_ptr<driver::Connection> conn;
    DomainRef test;
    EventLog log;
};

TEST_F(Lifecycle, LookupsOfMissingDomains) {
    expectError([&] { conn->domainLookupByName("x"); }, ErrorCode::NoDomain, ErrorDomain::Test, "Domain not found");
    expectError([&] { conn->domainLookupById(5); }, ErrorCode::NoDomain, ErrorDomain::Test, "Domain not found");
    expectError([&] { conn->domainLookupByUuid(*Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193e")); },
                ErrorCode::NoDomain, ErrorDomain::Test, "Domain not found");
    DomainRef gone{"ghost", *Uuid::parse("11111111-2222-3333-4444-555555555555"), -1};
    expectError([&] { conn->domainGetInfo(gone); }, ErrorCode::NoDomain, ErrorDomain::Test,
                "Domain not found: no domain with matching uuid '11111111-2222-3333-4444-555555555555' (ghost)");
    EXPECT_EQ(conn->domainLookupById(1).name, "test");
    EXPECT_EQ(conn->domainLookupByUuid(test.uuid).name, "test");
}

TEST_F(Lifecycle, DestroyAndStart) {
    conn->domainDestroy(test, 0);
    EXPECT_EQ(state(test).state, DomainState::Shutoff);
    EXPECT_EQ(state(test).reason, reason::kDestroyed);
    EXPECT_EQ(conn->domainLookupByName("test").id, -1);
    expectError([&] { conn->domainDestroy(test, 0); }, ErrorCode::OperationInvalid, ErrorDomain::Domain,
                "Requested operation is not valid: domain is not running");
    expectError([&] { conn->domainDestroy(test, 2); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x2) in function testDomainDestroyFlags");

    conn->domainCreate(test, 0);
    EXPECT_EQ(state(test).state, DomainState::Running);
    EXPECT_EQ(state(test).reason, reason::kBooted);
    EXPECT_EQ(conn->domainLookupByName("test").id, 2);  // ids are never reused
    expectError([&] { conn->domainCreate(test, 0); }, ErrorCode::InternalError, ErrorDomain::Test,
                "internal error: Domain 'test' is already running");
    expectError([&] { conn->domainCreate(test, flags::kStartPaused); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x1) in function testDomainCreateWithFlags");
    conn->domainDestroy(test, flags::kDestroyGraceful);
    conn->domainCreate(test, 0);
    EXPECT_EQ(conn->domainLookupByName("test").id, 3);
    EXPECT_EQ(log.events, (std::vector<Ev>{{event::kStopped, event::kStoppedDestroyed},
                                           {event::kStarted, event::kStartedBooted},
                                           {event::kStopped, event::kStoppedDestroyed},
                                           {event::kStarted, event::kStartedBooted}}));
    EXPECT_EQ(log.domains[0].id, -1);
    EXPECT_EQ(log.domains[1].id, 2);
}

TEST_F(Lifecycle, SuspendResume) {
    expectError([&] { conn->domainResume(test); }, ErrorCode::InternalError, ErrorDomain::Test,
                "internal error: domain 'test' not paused");
    conn->domainSuspend(test);
    EXPECT_EQ(state(test).state, DomainState::Paused);
    EXPECT_EQ(state(test).reason, reason::kUser);
    expectError([&] { conn->domainSuspend(test); }, ErrorCode::InternalError, ErrorDomain::Test,
                "internal error: domain 'test' not running");
    conn->domainResume(test);
    EXPECT_EQ(state(test).state, DomainState::Running);
    EXPECT_EQ(state(test).reason, reason::kUnpaused);
    conn->domainDestroy(test, 0);
    expectError([&] { conn->domainSuspend(test); }, ErrorCode::InternalError, ErrorDomain::Test,
                "internal error: domain 'test' not running");
    EXPECT_EQ(log.events, (std::vector<Ev>{{event::kSuspended, event::kSuspendedPaused},
                                           {event::kResumed, event::kResumedUnpaused},
                                           {event::kStopped, event::kStoppedDestroyed}}));
}

TEST_F(Lifecycle, ShutdownRebootReset) {
    conn->domainReboot(test, 0);  // <on_reboot>restart: keeps running
    EXPECT_EQ(state(test).state, DomainState::Running);
    conn->domainReset(test, 0);
    expectError([&] { conn->domainShutdown(test, 1); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x1) in function testDomainShutdownFlags");
    conn->domainSuspend(test);
    conn->domainShutdown(test, 0);  // a paused domain may be shut down
    EXPECT_EQ(state(test).state, DomainState::Shutoff);
    EXPECT_EQ(state(test).reason, reason::kShutdown);
    expectError([&] { conn->domainShutdown(test, 0); }, ErrorCode::InternalError, ErrorDomain::Test,
                "internal error: domain 'test' not running");
    expectError([&] { conn->domainReboot(test, 0); }, ErrorCode::OperationInvalid, ErrorDomain::Domain,
                "Requested operation is not valid: domain is not running");
    expectError([&] { conn->domainReset(test, 0); }, ErrorCode::OperationInvalid, ErrorDomain::Domain,
                "Requested operation is not valid: domain is not running");
    expectError([&] { conn->domainGetHostname(test, 0); }, ErrorCode::OperationInvalid, ErrorDomain::Domain,
                "Requested operation is not valid: domain is not running");
    EXPECT_EQ(conn->domainGetSecurityLabel(test).label, "");
    EXPECT_EQ(log.events, (std::vector<Ev>{{event::kSuspended, event::kSuspendedPaused},
                                           {event::kStopped, event::kStoppedShutdown}}));
}

TEST_F(Lifecycle, TransientDomains) {
    expectError([&] { conn->domainCreateXml(kSmall, flags::kStartPaused); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x1) in function testDomainCreateXML");
    DomainRef t2 = conn->domainCreateXml(kSmall, 0);
    EXPECT_EQ(t2.id, 2);
    EXPECT_FALSE(conn->domainIsPersistent(t2));
    EXPECT_EQ(state(t2).reason, reason::kBooted);
    expectError([&] { conn->domainManagedSave(t2, 0); }, ErrorCode::OperationInvalid, ErrorDomain::Test,
                "Requested operation is not valid: cannot do managed save for transient domain");
    conn->domainDestroy(t2, 0);
    // Stopped, a transient domain is gone; its last event still has its id.
    expectError([&] { conn->domainLookupByName("t2"); }, ErrorCode::NoDomain, ErrorDomain::Test, "Domain not found");
    EXPECT_EQ(log.events, (std::vector<Ev>{{event::kStarted, event::kStartedBooted},
                                           {event::kStopped, event::kStoppedDestroyed}}));
    EXPECT_EQ(log.domains[1].id, 2);
}

TEST_F(Lifecycle, DefineUndefine) {
    DomainRef t2 = conn->domainDefineXml(kSmall, 0);
    EXPECT_EQ(t2.id, -1);
    EXPECT_TRUE(conn->domainIsPersistent(t2));
    EXPECT_EQ(state(t2).state, DomainState::Shutoff);
    EXPECT_EQ(state(t2).reason, 0);
    conn->domainDefineXml(conn->domainGetXmlDesc(t2, flags::kXmlInactive), 0);
    expectError([&] { conn->domainDefineXml(kSmall, 0); }, ErrorCode::OperationFailed, ErrorDomain::Domain,
                "operation failed: domain 't2' already exists with uuid " + t2.uuid.format());
    expectError(
        [&] {
            conn->domainDefineXml("<domain type='test'><name>zz</name><uuid>6695eb01-f6a4-8304-79aa-97f2502e193f"
                                  "</uuid><memory>1024</memory><os><type>hvm</type></os></domain>",
                                  0);
        },
        ErrorCode::OperationFailed, ErrorDomain::Domain,
        "operation failed: domain 'test' is already defined with uuid 6695eb01-f6a4-8304-79aa-97f2502e193f");
    expectError([&] { conn->domainDefineXml(kSmall, 2); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x2) in function testDomainDefineXMLFlags");
    expectError([&] { conn->domainUndefine(t2, flags::kUndefineNvram); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x4) in function testDomainUndefineFlags");
    conn->domainUndefine(t2, 0);
    expectError([&] { conn->domainLookupByName("t2"); }, ErrorCode::NoDomain, ErrorDomain::Test, "Domain not found");
    EXPECT_EQ(log.events, (std::vector<Ev>{{event::kDefined, event::kDefinedAdded},
                                           {event::kDefined, event::kDefinedUpdated},
                                           {event::kUndefined, event::kUndefinedRemoved}}));
}

TEST_F(Lifecycle, DefineRejections) {
    expectError([&] { conn->domainDefineXml("<domain type='test'><name>a\nb</name><memory>1024</memory><os><type>hvm"
                                            "</type></os></domain>", 0); },
                ErrorCode::XmlDetail, ErrorDomain::Xml, "invalid char in name: \n");
    const std::string ns = "<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><name>ab</name>"
                           "<memory>1024</memory><os><type>hvm</type></os>";
    expectError([&] { conn->domainDefineXml(ns + "<test:runstate>9</test:runstate></domain>", 0); },
                ErrorCode::XmlError, ErrorDomain::Test, "XML error: runstate '9' out of range'");
    expectError([&] { conn->domainDefineXml(ns + "<test:runstate>x</test:runstate></domain>", 0); },
                ErrorCode::XmlError, ErrorDomain::Test, "XML error: invalid runstate");
    expectError([&] { conn->domainDefineXml(ns + "<test:hasmanagedsave/></domain>", 0); }, ErrorCode::XmlError,
                ErrorDomain::Test, "XML error: domain with managedsave data can only have runstate 'shutoff'");
    expectError([&] { conn->domainDefineXml(ns + "<test:transient/><test:runstate>5</test:runstate></domain>", 0); },
                ErrorCode::XmlError, ErrorDomain::Test, "XML error: transient domain cannot have runstate 'shutoff'");
}

TEST_F(Lifecycle, UndefineRunningAndTransient) {
    DomainRef t2 = conn->domainCreateXml(kSmall, 0);
    conn->domainUndefine(t2, 0);  // nothing to undefine, but libvirt says it did
    conn->domainUndefine(test, 0);
    EXPECT_FALSE(conn->domainIsPersistent(test));
    EXPECT_TRUE(conn->domainIsActive(test));
    conn->domainDestroy(test, 0);
    expectError([&] { conn->domainLookupByName("test"); }, ErrorCode::NoDomain, ErrorDomain::Test,
                "Domain not found");
}

TEST_F(Lifecycle, DefineWhileRunning) {
    conn->domainSetMemoryFlags(test, 1000, flags::kAffectConfig);
    std::string inactive = conn->domainGetXmlDesc(test, flags::kXmlInactive);
    EXPECT_NE(inactive.find("<currentMemory unit='KiB'>1000</currentMemory>"), std::string::npos) << inactive;
    EXPECT_NE(conn->domainGetXmlDesc(test, 0).find("<currentMemory unit='KiB'>2097152</currentMemory>"),
              std::string::npos);
    expectError([&] { conn->domainGetXmlDesc(test, flags::kXmlUpdateCpu); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x4) in function testDomainGetXMLDesc");
    // Back to the persistent definition when it stops.
    conn->domainDestroy(test, 0);
    EXPECT_EQ(conn->domainGetInfo(test).memory, 1000u);
}

TEST_F(Lifecycle, CreateXmlOverDefinedDomain) {
    DomainRef t2 = conn->domainDefineXml(kSmall, 0);
    std::string xml = conn->domainGetXmlDesc(t2, flags::kXmlInactive);
    DomainRef running = conn->domainCreateXml(xml, 0);
    EXPECT_EQ(running.uuid, t2.uuid);
    EXPECT_TRUE(conn->domainIsPersistent(t2));
    expectError([&] { conn->domainCreateXml(xml, 0); }, ErrorCode::OperationInvalid, ErrorDomain::Domain,
                "Requested operation is not valid: domain 't2' is already active");
    conn->domainDestroy(t2, 0);
    EXPECT_NO_THROW(conn->domainLookupByName("t2"));
}

TEST_F(Lifecycle, SaveRestore) {
    TempDir dir;
    std::string image = dir.file("test.sav");
    expectError([&] { conn->domainSave(test, image, std::string("<domain/>"), 0); }, ErrorCode::ArgumentUnsupported,
                ErrorDomain::Test, "argument unsupported: xml modification unsupported");
    expectError([&] { conn->domainSave(test, image, std::nullopt, flags::kSaveRunning); }, ErrorCode::InvalidArg,
                ErrorDomain::Test, "unsupported flags (0x2) in function testDomainSaveFlags");
    conn->domainSave(test, image, std::nullopt, 0);
    EXPECT_EQ(state(test).state, DomainState::Shutoff);
    EXPECT_EQ(state(test).reason, reason::kSaved);
    std::string bytes = readFile(image);
    ASSERT_GT(bytes.size(), 19u);
    EXPECT_EQ(bytes.substr(0, 15), std::string("TestGuestMagic\0", 15));
    EXPECT_EQ(bytes.substr(19, 26), "<domain type='test' id='1'");
    conn->domainRestore(image, std::nullopt, 0);
    EXPECT_EQ(state(test).state, DomainState::Running);
    EXPECT_EQ(state(test).reason, reason::kRestored);
    EXPECT_EQ(conn->domainLookupByName("test").id, 2);
    expectError([&] { conn->domainRestore(image, std::nullopt, 0); }, ErrorCode::OperationInvalid,
                ErrorDomain::Domain, "Requested operation is not valid: domain 'test' is already active");
    expectError([&] { conn->domainSave(test, "/nonexistent/x.sav", std::nullopt, 0); }, ErrorCode::SystemError,
                ErrorDomain::Test, "saving domain 'test' to '/nonexistent/x.sav': open failed: No such file or directory");
    EXPECT_EQ(log.events, (std::vector<Ev>{{event::kStopped, event::kStoppedSaved},
                                           {event::kStarted, event::kStartedRestored}}));
}

TEST_F(Lifecycle, RestoreRefusesBadImages) {
    TempDir dir;
    auto write = [&](const std::string& name, const std::string& bytes) {
        std::string path = dir.file(name);
        writeFileAtomic(path, bytes);
        return path;
    };
    std::string missing = dir.file("missing.sav");
    expectError([&] { conn->domainRestore(missing, std::nullopt, 0); }, ErrorCode::SystemError, ErrorDomain::Test,
                "cannot read domain image '" + missing + "': No such file or directory");
    std::string shortFile = write("short.sav", "abc");
    expectError([&] { conn->domainRestore(shortFile, std::nullopt, 0); }, ErrorCode::SystemError, ErrorDomain::Test,
                "incomplete save header in '" + shortFile + "': Success");
    std::string magic = write("magic.sav", std::string("TestGuestMagiX\0\0\0\0\0", 19));
    expectError([&] { conn->domainRestore(magic, std::nullopt, 0); }, ErrorCode::InternalError, ErrorDomain::Test,
                "internal error: mismatched header magic");
    std::string len = write("len.sav", std::string("TestGuestMagic\0\0\0\0\0", 19));
    expectError([&] { conn->domainRestore(len, std::nullopt, 0); }, ErrorCode::InternalError, ErrorDomain::Test,
                "internal error: length of metadata out of range");
    std::string shortLen = write("shortlen.sav", std::string("TestGuestMagic\0\3\0\0", 18));
    expectError([&] { conn->domainRestore(shortLen, std::nullopt, 0); }, ErrorCode::SystemError, ErrorDomain::Test,
                "failed to read metadata length in '" + shortLen + "': Success");
    std::string shortXml = write("shortxml.sav", std::string("TestGuestMagic\0\x10\0\0\0<dom", 23));
    expectError([&] { conn->domainRestore(shortXml, std::nullopt, 0); }, ErrorCode::SystemError, ErrorDomain::Test,
                "incomplete metadata in '" + shortXml + "': Success");
    EXPECT_TRUE(log.events.empty());
}

TEST_F(Lifecycle, ManagedSave) {
    expectError([&] { conn->domainManagedSave(test, 8); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x8) in function testDomainManagedSave");
    conn->domainManagedSave(test, 0);
    EXPECT_EQ(state(test).state, DomainState::Shutoff);
    EXPECT_EQ(state(test).reason, reason::kSaved);
    EXPECT_TRUE(conn->domainHasManagedSaveImage(test, 0));
    expectError([&] { conn->domainUndefine(test, 0); }, ErrorCode::OperationInvalid, ErrorDomain::Test,
                "Requested operation is not valid: Refusing to undefine while domain managed save image exists");
    EXPECT_EQ(conn->listAllDomains(flags::kListManagedSave).size(), 1u);
    conn->domainCreate(test, 0);  // a start consumes the image
    EXPECT_FALSE(conn->domainHasManagedSaveImage(test, 0));
    conn->domainManagedSave(test, 0);
    conn->domainManagedSaveRemove(test, 0);
    EXPECT_FALSE(conn->domainHasManagedSaveImage(test, 0));
    conn->domainCreate(test, 0);
    conn->domainManagedSave(test, 0);
    conn->domainUndefine(test, flags::kUndefineManagedSave);
    EXPECT_TRUE(conn->listAllDomains(0).empty());
}

TEST_F(Lifecycle, Autostart) {
    EXPECT_FALSE(conn->domainGetAutostart(test));
    conn->domainSetAutostart(test, true);
    EXPECT_TRUE(conn->domainGetAutostart(test));
    EXPECT_EQ(conn->listAllDomains(flags::kListAutostart).size(), 1u);
    EXPECT_TRUE(conn->listAllDomains(flags::kListNoAutostart).empty());
}

TEST_F(Lifecycle, ListFilters) {
    DomainRef off = conn->domainDefineXml(kSmall, 0);
    DomainRef tr = conn->domainCreateXml(
        "<domain type='test'><name>t3</name><memory>1024</memory><os><type>hvm</type></os></domain>", 0);
    conn->domainSuspend(tr);
    auto names = [&](unsigned f) {
        std::vector<std::string> out;
        for (const auto& d : conn->listAllDomains(f))
            out.push_back(d.name);
        std::sort(out.begin(), out.end());
        return out;
    };
    using V = std::vector<std::string>;
    EXPECT_EQ(names(0), (V{"t2", "t3", "test"}));
    EXPECT_EQ(names(flags::kListActive), (V{"t3", "test"}));
    EXPECT_EQ(names(flags::kListInactive), (V{"t2"}));
    EXPECT_EQ(names(flags::kListActive | flags::kListInactive), (V{"t2", "t3", "test"}));
    EXPECT_EQ(names(flags::kListPersistent), (V{"t2", "test"}));
    EXPECT_EQ(names(flags::kListTransient), (V{"t3"}));
    EXPECT_EQ(names(flags::kListRunning), (V{"test"}));
    EXPECT_EQ(names(flags::kListPaused), (V{"t3"}));
    EXPECT_EQ(names(flags::kListShutoff), (V{"t2"}));
    EXPECT_EQ(names(flags::kListOther), (V{}));
    EXPECT_EQ(names(flags::kListNoManagedSave), (V{"t2", "t3", "test"}));
    EXPECT_EQ(names(flags::kListHasSnapshot), (V{}));
    EXPECT_EQ(names(flags::kListNoSnapshot), (V{"t2", "t3", "test"}));
    EXPECT_EQ(names(flags::kListHasCheckpoint), (V{}));
    EXPECT_EQ(names(flags::kListNoCheckpoint), (V{"t2", "t3", "test"}));
    EXPECT_EQ(names(flags::kListActive | flags::kListPersistent), (V{"test"}));
    expectError([&] { conn->listAllDomains(1u << 16); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x10000) in function testConnectListAllDomains");
    (void)off;
}

}  // namespace
}  // namespace cvirt::test::testdriver
