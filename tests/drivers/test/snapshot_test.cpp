// Snapshots through the test driver: creation, the tree, revert and delete,
// with the results and events libvirt 9.0's test driver gives.

#include <gtest/gtest.h>

#include "test_driver_support.hpp"

namespace cvirt::test::testdriver {
namespace {

using Ev = std::pair<int, int>;
using Names = std::vector<std::string>;

std::string named(const std::string& name) { return "<domainsnapshot><name>" + name + "</name></domainsnapshot>"; }

class Snapshots : public ::testing::Test {
protected:
    void SetUp() override {
        conn = open();
        test = conn->domainLookupByName("test");
    }
    DomainSnapshotRef create(const std::string& name, unsigned f = 0) {
        return conn->snapshotCreateXml(test, named(name), f);
    }
    DomainSnapshotRef snap(const std::string& name) { return conn->snapshotLookupByName(test, name, 0); }
    Names list(unsigned f) {
        Names out;
        for (const auto& s : conn->snapshotListAll(test, f))
            out.push_back(s.name);
        return out;
    }
    Names children(const std::string& name, unsigned f) {
        Names out;
        for (const auto& s : conn->snapshotListChildren(snap(name), f))
            out.push_back(s.name);
        return out;
    }
    std::optional<std::string> parent(const std::string& name) {
        try {
            return conn->snapshotGetParent(snap(name), 0).name;
        } catch (const Error&) {
            return std::nullopt;
        }
    }
    std::pair<DomainState, int> state() {
        auto s = conn->domainGetState(test, 0);
        return {s.state, s.reason};
    }

    std::unique_ptr<driver::Connection> conn;
    DomainRef test;
};

TEST_F(Snapshots, CreateAndDescribe) {
    DomainSnapshotRef s1 = conn->snapshotCreateXml(
        test, "<domainsnapshot><name>s1</name><description>hello</description></domainsnapshot>", 0);
    EXPECT_EQ(s1.name, "s1");
    std::string xml = conn->snapshotGetXmlDesc(s1, 0);
    EXPECT_TRUE(xml.starts_with(
        "<domainsnapshot>\n  <name>s1</name>\n  <description>hello</description>\n  <state>running</state>\n"))
        << xml;
    EXPECT_NE(xml.find("  <memory snapshot='internal'/>\n  <disks>\n    <disk name='vda' snapshot='internal'/>\n"
                       "  </disks>\n  <domain type='test'>\n    <name>test</name>\n"),
              std::string::npos)
        << xml;
    EXPECT_EQ(xml.find("id='1'"), std::string::npos);  // the captured definition is inactive
    EXPECT_TRUE(xml.ends_with("  </domain>\n</domainsnapshot>\n")) << xml;

    // Unnamed snapshots are named after their creation time.
    DomainSnapshotRef s2 = conn->snapshotCreateXml(test, "<domainsnapshot/>", 0);
    EXPECT_FALSE(s2.name.empty());
    EXPECT_NE(s2.name.find_first_of("0123456789"), std::string::npos);
    EXPECT_EQ(conn->snapshotCurrent(test, 0).name, s2.name);
    EXPECT_EQ(parent(s2.name), "s1");
    EXPECT_EQ(conn->snapshotNum(test, 0), 2);
    EXPECT_TRUE(conn->snapshotHasMetadata(s1, 0));
    EXPECT_FALSE(conn->snapshotIsCurrent(s1, 0));

    expectError([&] { create("s1"); }, ErrorCode::OperationFailed, ErrorDomain::Domain,
                "operation failed: domain moment s1 already exists");
    expectError([&] { conn->snapshotLookupByName(test, "zz", 0); }, ErrorCode::NoDomainSnapshot, ErrorDomain::Test,
                "Domain snapshot not found: no domain snapshot with matching name 'zz'");
    expectError([&] { conn->snapshotGetParent(s1, 0); }, ErrorCode::NoDomainSnapshot, ErrorDomain::Test,
                "Domain snapshot not found: snapshot 's1' does not have a parent");
}

TEST_F(Snapshots, RefusedRequests) {
    expectError([&] { conn->snapshotCurrent(test, 0); }, ErrorCode::NoDomainSnapshot, ErrorDomain::Test,
                "Domain snapshot not found: the domain does not have a current snapshot");
    expectError([&] { create("x", flags::kSnapshotCreateDiskOnly); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x10) in function testDomainSnapshotCreateXML");
    expectError([&] { create("x", flags::kSnapshotCreateNoMetadata); }, ErrorCode::InvalidArg, ErrorDomain::Test,
                "unsupported flags (0x4) in function testDomainSnapshotCreateXML");
    expectError([&] { conn->snapshotCreateXml(test, "<foo/>", 0); }, ErrorCode::XmlError, ErrorDomain::Xml,
                "XML error: expecting root element of 'domainsnapshot', not 'foo'");
    auto bad = [&](const std::string& xml, ErrorCode code, ErrorDomain dom, const std::string& msg, unsigned f = 0) {
        expectError([&] { conn->snapshotCreateXml(test, xml, f); }, code, dom, msg);
    };
    bad("<domainsnapshot><memory snapshot='manual'/></domainsnapshot>", ErrorCode::XmlError,
        ErrorDomain::DomainSnapshot, "XML error: 'manual' memory snapshot mode not supported");
    bad("<domainsnapshot><memory snapshot='xx'/></domainsnapshot>", ErrorCode::XmlError, ErrorDomain::Xml,
        "XML error: Invalid value for attribute 'snapshot' in element 'memory': 'xx'.");
    bad("<domainsnapshot><memory snapshot='internal' file='/a'/></domainsnapshot>", ErrorCode::XmlError,
        ErrorDomain::DomainSnapshot, "XML error: memory filename '/a' requires external snapshot");
    bad("<domainsnapshot><memory snapshot='external'/></domainsnapshot>", ErrorCode::XmlError,
        ErrorDomain::DomainSnapshot, "XML error: external memory snapshots require a filename");
    bad("<domainsnapshot><memory file='a'/></domainsnapshot>", ErrorCode::XmlError, ErrorDomain::DomainSnapshot,
        "XML error: memory snapshot file path (a) must be absolute");
    bad("<domainsnapshot><disks><disk/></disks></domainsnapshot>", ErrorCode::InternalError,
        ErrorDomain::DomainSnapshot, "internal error: missing name from disk snapshot element");
    bad("<domainsnapshot><disks><disk name='vdz'/></disks></domainsnapshot>", ErrorCode::ConfigUnsupported,
        ErrorDomain::DomainSnapshot, "unsupported configuration: no disk named 'vdz'");
    bad("<domainsnapshot><disks><disk name='vda'/><disk name='vda'/></disks></domainsnapshot>",
        ErrorCode::ConfigUnsupported, ErrorDomain::DomainSnapshot,
        "unsupported configuration: too many disk snapshot requests for domain");
    bad("<domainsnapshot><disks><disk name='vda' snapshot='no'/></disks></domainsnapshot>",
        ErrorCode::ConfigUnsupported, ErrorDomain::DomainSnapshot,
        "unsupported configuration: disk 'vda' must use snapshot mode 'internal'");
    bad("<domainsnapshot><memory file='/a'/></domainsnapshot>", ErrorCode::ConfigUnsupported,
        ErrorDomain::DomainSnapshot,
        "unsupported configuration: source for disk 'vda' is not a regular file; refusing to generate external "
        "snapshot name");
    bad("<domainsnapshot/>", ErrorCode::XmlError, ErrorDomain::DomainSnapshot,
        "XML error: a redefined snapshot must have a name", flags::kSnapshotCreateRedefine);
    bad("<domainsnapshot><name>a</name></domainsnapshot>", ErrorCode::InternalError, ErrorDomain::DomainSnapshot,
        "internal error: missing creationTime from existing snapshot", flags::kSnapshotCreateRedefine);
    bad("<domainsnapshot><name>a</name><creationTime>5</creationTime></domainsnapshot>", ErrorCode::XmlError,
        ErrorDomain::DomainSnapshot, "XML error: missing state from existing snapshot", flags::kSnapshotCreateRedefine);
    bad("<domainsnapshot><name>a</name><creationTime>5</creationTime><state>foo</state></domainsnapshot>",
        ErrorCode::ConfigUnsupported, ErrorDomain::DomainSnapshot,
        "unsupported configuration: Invalid state 'foo' in domain snapshot XML", flags::kSnapshotCreateRedefine);
    bad("<domainsnapshot><name>a</name><creationTime>5</creationTime><state>running</state></domainsnapshot>",
        ErrorCode::InternalError, ErrorDomain::DomainSnapshot, "internal error: missing domain in snapshot",
        flags::kSnapshotCreateRedefine);
    bad("<domainsnapshot><name>b</name><creationTime>6</creationTime><state>shutoff</state><parent><name>a</name>"
        "</parent></domainsnapshot>",
        ErrorCode::InvalidArg, ErrorDomain::Domain, "invalid argument: parent a for moment b not found",
        flags::kSnapshotCreateRedefine);
    EXPECT_EQ(conn->snapshotNum(test, 0), 0);
}

TEST_F(Snapshots, Redefine) {
    create("s1");
    std::string xml = conn->snapshotGetXmlDesc(snap("s1"), 0);
    // Without <domain>, a redefinition keeps the one already known.
    conn->snapshotCreateXml(test,
                            "<domainsnapshot><name>s1</name><state>running</state><creationTime>5</creationTime>"
                            "</domainsnapshot>",
                            flags::kSnapshotCreateRedefine);
    std::string redefined = conn->snapshotGetXmlDesc(snap("s1"), 0);
    EXPECT_NE(redefined.find("<creationTime>5</creationTime>"), std::string::npos);
    EXPECT_NE(redefined.find("<domain type='test'>"), std::string::npos);
    expectError(
        [&] {
            conn->snapshotCreateXml(test,
                                    "<domainsnapshot><name>s1</name><state>shutoff</state><creationTime>5</creationTime>"
                                    "</domainsnapshot>",
                                    flags::kSnapshotCreateRedefine);
        },
        ErrorCode::InvalidArg, ErrorDomain::DomainSnapshot,
        "invalid argument: cannot change between online and offline snapshot state in snapshot s1");
    // A redefinition becomes current only when asked.
    std::string s9 = xml;
    s9.replace(s9.find("<name>s1</name>"), 15, "<name>s9</name>");
    conn->snapshotCreateXml(test, s9, flags::kSnapshotCreateRedefine);
    EXPECT_EQ(conn->snapshotCurrent(test, 0).name, "s1");
    std::string s8 = xml;
    s8.replace(s8.find("<name>s1</name>"), 15, "<name>s8</name>");
    conn->snapshotCreateXml(test, s8, flags::kSnapshotCreateRedefine | flags::kSnapshotCreateCurrent);
    EXPECT_EQ(conn->snapshotCurrent(test, 0).name, "s8");
    EXPECT_EQ(parent("s8"), std::nullopt);
}

TEST_F(Snapshots, TreeListing) {
    create("s1");
    create("s2");
    conn->domainSuspend(test);
    create("s3");
    conn->domainResume(test);
    conn->snapshotRevert(snap("s1"), 0);
    create("s4");
    EXPECT_EQ(list(0), (Names{"s1", "s4", "s2", "s3"}));
    EXPECT_EQ(list(flags::kSnapshotListRoots), (Names{"s1"}));
    EXPECT_EQ(list(flags::kSnapshotListLeaves), (Names{"s4", "s3"}));
    EXPECT_EQ(list(flags::kSnapshotListNoLeaves), (Names{"s1", "s2"}));
    EXPECT_EQ(list(flags::kSnapshotListTopological), (Names{"s1", "s4", "s2", "s3"}));
    EXPECT_EQ(list(flags::kSnapshotListActive), (Names{"s1", "s4", "s2", "s3"}));
    EXPECT_EQ(list(flags::kSnapshotListInactive), (Names{}));
    EXPECT_EQ(list(flags::kSnapshotListNoMetadata), (Names{}));
    EXPECT_EQ(list(flags::kSnapshotListMetadata), (Names{"s1", "s4", "s2", "s3"}));
    EXPECT_EQ(list(flags::kSnapshotListInternal), (Names{"s1", "s4", "s2", "s3"}));
    EXPECT_EQ(list(flags::kSnapshotListExternal), (Names{}));
    EXPECT_EQ(children("s1", 0), (Names{"s4", "s2"}));
    EXPECT_EQ(children("s1", flags::kSnapshotListDescendants), (Names{"s4", "s2", "s3"}));
    EXPECT_EQ(conn->snapshotNumChildren(snap("s1"), 0), 2);
    EXPECT_EQ(conn->snapshotNumChildren(snap("s1"), flags::kSnapshotListDescendants), 3);
    EXPECT_EQ(parent("s3"), "s2");
    EXPECT_TRUE(conn->snapshotIsCurrent(snap("s4"), 0));
    EXPECT_EQ(conn->listAllDomains(flags::kListHasSnapshot).size(), 1u);
    std::string s3 = conn->snapshotGetXmlDesc(snap("s3"), 0);
    EXPECT_NE(s3.find("<state>paused</state>\n  <parent>\n    <name>s2</name>\n  </parent>\n"), std::string::npos);
}

TEST_F(Snapshots, Delete) {
    create("s1");
    create("s2");
    create("s3");
    conn->snapshotRevert(snap("s1"), 0);
    create("s4");
    conn->domainDestroy(test, 0);
    create("s5");  // s1 <- s2 <- s3, s1 <- s4 <- s5; current s5
    expectError([&] { conn->snapshotDelete(snap("s1"), flags::kSnapshotDeleteMetadataOnly); }, ErrorCode::InvalidArg,
                ErrorDomain::Test, "unsupported flags (0x2) in function testDomainSnapshotDelete");
    conn->snapshotDelete(snap("s1"), 0);  // children move up
    EXPECT_EQ(parent("s2"), std::nullopt);
    EXPECT_EQ(parent("s4"), std::nullopt);
    EXPECT_EQ(parent("s3"), "s2");
    EXPECT_EQ(list(flags::kSnapshotListRoots), (Names{"s4", "s2"}));
    conn->snapshotDelete(snap("s4"), flags::kSnapshotDeleteChildren);  // s4 and s5 (current)
    EXPECT_EQ(list(0), (Names{"s2", "s3"}));
    expectError([&] { conn->snapshotCurrent(test, 0); }, ErrorCode::NoDomainSnapshot, ErrorDomain::Test,
                "Domain snapshot not found: the domain does not have a current snapshot");
    conn->snapshotDelete(snap("s2"), flags::kSnapshotDeleteChildrenOnly);
    EXPECT_EQ(list(0), (Names{"s2"}));
    expectError([&] { conn->domainUndefine(test, 0); }, ErrorCode::OperationInvalid, ErrorDomain::Test,
                "Requested operation is not valid: cannot delete inactive domain with 1 snapshots");
    conn->domainUndefine(test, flags::kUndefineSnapshotsMetadata);
}

TEST_F(Snapshots, HaltAndTransient) {
    create("h", flags::kSnapshotCreateHalt);
    EXPECT_EQ(state(), std::make_pair(DomainState::Shutoff, int(reason::kShutoffFromSnapshot)));
    std::string xml = conn->snapshotGetXmlDesc(snap("h"), 0);
    EXPECT_NE(xml.find("<state>running</state>"), std::string::npos);
    DomainRef t2 = conn->domainCreateXml(
        "<domain type='test'><name>t2</name><memory>1024</memory><os><type>hvm</type></os></domain>", 0);
    conn->snapshotCreateXml(t2, named("a"), 0);
    expectError([&] { conn->snapshotCreateXml(t2, named("b"), flags::kSnapshotCreateHalt); },
                ErrorCode::OperationInvalid, ErrorDomain::Test,
                "Requested operation is not valid: cannot halt after transient domain snapshot");
}

// The revert matrix of libvirt 9.0's test driver: a running guest is
// stopped and started again from an online snapshot; an offline snapshot
// only announces the start or pause it is asked for.
struct RevertCase {
    DomainState domain;
    DomainState snapshot;
    unsigned flags;
    std::pair<DomainState, int> after;
    std::vector<Ev> events;
};

class Revert : public Snapshots, public ::testing::WithParamInterface<RevertCase> {};

TEST_P(Revert, StateAndEvents) {
    const RevertCase& c = GetParam();
    if (c.snapshot == DomainState::Paused)
        conn->domainSuspend(test);
    if (c.snapshot == DomainState::Shutoff)
        conn->domainDestroy(test, 0);
    create("s");
    if (conn->domainIsActive(test))
        conn->domainDestroy(test, 0);
    conn->domainCreate(test, 0);
    if (c.domain == DomainState::Paused)
        conn->domainSuspend(test);
    if (c.domain == DomainState::Shutoff)
        conn->domainDestroy(test, 0);
    EventLog log;
    log.attach(*conn);
    conn->snapshotRevert(snap("s"), c.flags);
    EXPECT_EQ(state(), c.after);
    EXPECT_EQ(log.events, c.events);
    EXPECT_EQ(conn->snapshotCurrent(test, 0).name, "s");
}

constexpr auto R = DomainState::Running, P = DomainState::Paused, O = DomainState::Shutoff;
const Ev kStopped{event::kStopped, event::kStoppedFromSnapshot};
const Ev kStarted{event::kStarted, event::kStartedFromSnapshot};
const Ev kSuspended{event::kSuspended, event::kSuspendedFromSnapshot};
const std::pair<DomainState, int> kRunningFromSnap{R, reason::kRunningFromSnapshot};
const std::pair<DomainState, int> kPausedFromSnap{P, reason::kPausedFromSnapshot};
const std::pair<DomainState, int> kOffFromSnap{O, reason::kShutoffFromSnapshot};

INSTANTIATE_TEST_SUITE_P(
    TestDriver, Revert,
    ::testing::Values(
        RevertCase{R, R, 0, kRunningFromSnap, {kStopped, kStarted}},
        RevertCase{R, R, flags::kSnapshotRevertPaused, kPausedFromSnap, {kStopped, kStarted, kSuspended}},
        RevertCase{R, P, 0, kPausedFromSnap, {kStopped, kStarted, kSuspended}},
        RevertCase{R, P, flags::kSnapshotRevertRunning, kRunningFromSnap, {kStopped, kStarted}},
        RevertCase{R, O, 0, kOffFromSnap, {kStopped}},
        RevertCase{R, O, flags::kSnapshotRevertRunning, kOffFromSnap, {kStopped, kStarted}},
        RevertCase{R, O, flags::kSnapshotRevertPaused | flags::kSnapshotRevertForce, kOffFromSnap,
                   {kStopped, kStarted, kSuspended}},
        RevertCase{P, R, 0, kRunningFromSnap, {kStopped, kStarted}},
        RevertCase{P, O, 0, kOffFromSnap, {kStopped}},
        RevertCase{O, R, 0, kRunningFromSnap, {kStarted}},
        RevertCase{O, P, 0, kPausedFromSnap, {kStarted, kSuspended}},
        RevertCase{O, P, flags::kSnapshotRevertRunning | flags::kSnapshotRevertForce, kRunningFromSnap, {kStarted}},
        RevertCase{O, O, 0, {O, reason::kDestroyed}, {}},
        RevertCase{O, O, flags::kSnapshotRevertPaused, {O, reason::kDestroyed}, {kStarted, kSuspended}}));

}  // namespace
}  // namespace cvirt::test::testdriver
