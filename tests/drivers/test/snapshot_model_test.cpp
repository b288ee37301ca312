// The <domainsnapshot> model and the snapshot tree, without a driver.

#include <gtest/gtest.h>

#include "conf/snapshot/snapshot.hpp"
#include "conf/snapshot/snapshot_list.hpp"
#include "util/error.hpp"

namespace cvirt::conf::snapshot {
namespace {

TEST(SnapshotModel, NewSnapshotsAreNamedByTime) {
    SnapshotParseOptions options;
    options.now = 1234;
    auto parsed = parseSnapshotXml("<domainsnapshot><description>d</description></domainsnapshot>", options);
    EXPECT_EQ(parsed.def.name, "1234");
    EXPECT_EQ(parsed.def.creationTime, 1234);
    EXPECT_EQ(parsed.def.description, "d");
    EXPECT_EQ(parsed.def.memory, SnapshotLocation::Default);
}

TEST(SnapshotModel, RedefinitionRoundTrip) {
    SnapshotParseOptions options;
    options.redefine = true;
    options.internal = true;
    const std::string xml =
        "<domainsnapshot>\n"
        "  <name>s&amp;1</name>\n"
        "  <state>disk-snapshot</state>\n"
        "  <parent>\n"
        "    <name>p</name>\n"
        "  </parent>\n"
        "  <creationTime>77</creationTime>\n"
        "  <memory snapshot='no'/>\n"
        "  <disks>\n"
        "    <disk name='vda' snapshot='external' type='file'>\n"
        "      <driver type='qcow2'/>\n"
        "      <source file='/images/a.snap'/>\n"
        "    </disk>\n"
        "    <disk name='vdb' snapshot='no'/>\n"
        "  </disks>\n"
        "  <active>1</active>\n"
        "</domainsnapshot>\n";
    auto parsed = parseSnapshotXml(xml, options);
    EXPECT_TRUE(parsed.current);
    EXPECT_EQ(parsed.def.name, "s&1");
    EXPECT_EQ(parsed.def.state, SnapshotState::DiskSnapshot);
    EXPECT_TRUE(isExternal(parsed.def));
    SnapshotFormatOptions format;
    format.internal = true;
    format.current = true;
    EXPECT_EQ(formatSnapshotXml(parsed.def, format), xml);
    format.internal = false;
    format.domainUuid = *Uuid::parse("11111111-2222-3333-4444-555555555555");
    std::string out = formatSnapshotXml(parsed.def, format);
    EXPECT_NE(out.find("  <domain>\n    <uuid>11111111-2222-3333-4444-555555555555</uuid>\n  </domain>\n"
                       "</domainsnapshot>\n"),
              std::string::npos)
        << out;
}

TEST(SnapshotModel, Refusals) {
    SnapshotParseOptions options;
    auto refuse = [&](const std::string& xml, ErrorCode code, const std::string& message) {
        try {
            parseSnapshotXml(xml, options);
            ADD_FAILURE() << "accepted " << xml;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), code) << e.message();
            EXPECT_EQ(e.message(), message);
        }
    };
    refuse("<domainsnapshot>", ErrorCode::XmlDetail,
           "(domain_snapshot):1: Premature end of data in tag domainsnapshot line 1\n<domainsnapshot>\n"
           "----------------^");
    refuse("<domainsnapshot><disks><disk name='vda' type='volume'/></disks></domainsnapshot>", ErrorCode::XmlError,
           "XML error: unsupported disk snapshot type 'volume'");
    refuse("<domainsnapshot><disks><disk name='vda'><driver type='bogus'/></disk></disks></domainsnapshot>",
           ErrorCode::ConfigUnsupported, "unsupported configuration: unknown disk snapshot driver 'bogus'");
    refuse("<domainsnapshot><disks><disk name='vda'><source file='rel'/></disk></disks></domainsnapshot>",
           ErrorCode::XmlError, "XML error: disk snapshot image path 'rel' must be absolute");
    options.redefine = true;
    refuse("<domainsnapshot><name>a</name><creationTime>1</creationTime><state>shutoff</state>"
           "<memory snapshot='internal'/></domainsnapshot>",
           ErrorCode::XmlError, "XML error: memory state cannot be saved with offline or disk-only snapshot");
    options.redefine = false;
    options.internal = true;
    refuse("<domainsnapshot/>", ErrorCode::InternalError, "internal error: Could not find 'active' element");
}

DomainSnapshot named(const std::string& name, std::optional<std::string> parent = std::nullopt) {
    DomainSnapshot s;
    s.name = name;
    s.parent = std::move(parent);
    s.state = SnapshotState::Running;
    return s;
}

std::vector<std::string> names(const std::vector<const SnapshotList::Node*>& nodes) {
    std::vector<std::string> out;
    for (const auto* n : nodes)
        out.push_back(n->def.name);
    return out;
}

TEST(SnapshotList, TreeOrderAndRelations) {
    SnapshotList list;
    for (auto [name, parent] : std::vector<std::pair<std::string, std::optional<std::string>>>{
             {"a", std::nullopt}, {"b", "a"}, {"c", "b"}, {"d", "a"}})
        list.linkParent(list.add(named(name, parent)));
    using V = std::vector<std::string>;
    EXPECT_EQ(names(list.list(nullptr, 0)), (V{"a", "d", "b", "c"}));
    EXPECT_EQ(names(list.list(list.find("a"), 0)), (V{"d", "b"}));
    EXPECT_EQ(names(list.list(list.find("a"), 1)), (V{"d", "b", "c"}));
    EXPECT_EQ(list.count(nullptr, 1), 1);  // roots
    EXPECT_TRUE(list.updateRelations());
    EXPECT_EQ(names(list.list(nullptr, 0)), (V{"a", "d", "b", "c"}));

    auto fail = [&](const DomainSnapshot& s, const std::string& message) {
        try {
            list.checkCycles(s, "dom");
            ADD_FAILURE();
        } catch (const Error& e) {
            EXPECT_EQ(e.message(), message);
        }
    };
    fail(named("x", "x"), "invalid argument: cannot set moment x as its own parent");
    fail(named("x", "y"), "invalid argument: parent y for moment x not found");
    fail(named("a", "c"), "invalid argument: parent b would create cycle to a");
    EXPECT_THROW(list.add(named("a")), Error);

    list.add(named("orphan", "missing"));
    EXPECT_FALSE(list.updateRelations());
}

}  // namespace
}  // namespace cvirt::conf::snapshot
