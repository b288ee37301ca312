// The server stubs procedure_bindings.def derives, run directly against an
// in-process test:///default: each shape turns wire args into the API call
// and its result into the wire ret.

#include <gtest/gtest.h>

#include "daemon/server_stub.hpp"
#include "drivers/remote/bindings.hpp"

namespace cvirt::daemon {
namespace {

namespace remote = drivers::remote;

template <typename P, auto Method>
typename P::Ret serve(Connection& conn, const typename P::Args& args) {
    return Serve<P, typename remote::Binding<P>::Shape, Method>::run(conn, args);
}

wire::DomainRef testRef(Connection& conn) {
    return remote::toWire<wire::DomainRef>(conn.lookupDomainByName("test").ref());
}

TEST(ServerStub, PositionalOnConnectionAndHandles) {
    auto conn = Connection::open("test:///default");
    auto dom = serve<wire::DOMAIN_LOOKUP_BY_NAME, &Connection::lookupDomainByName>(conn, {"test"});
    EXPECT_EQ(dom.dom.name, "test");
    EXPECT_EQ(dom.dom.id, 1);
    auto type = serve<wire::CONNECT_GET_TYPE, &Connection::type>(conn, {});
    EXPECT_EQ(type.type, "TEST");
    auto info = serve<wire::DOMAIN_GET_INFO, &Domain::info>(conn, {testRef(conn)});
    EXPECT_EQ(info.state, 1);
    auto state = serve<wire::DOMAIN_GET_STATE, &Domain::state>(conn, {testRef(conn), 0});
    EXPECT_EQ(state.state, 1);
    EXPECT_EQ(state.reason, 0);  // libvirt's default node says "running (unknown)"
    auto xml = serve<wire::DOMAIN_GET_XML_DESC, &Domain::xmlDesc>(conn, {testRef(conn), 0});
    EXPECT_NE(xml.xml.find("<name>test</name>"), std::string::npos);
    serve<wire::DOMAIN_SET_AUTOSTART, &Domain::setAutostart>(conn, {testRef(conn), 1});
    EXPECT_TRUE(conn.lookupDomainByName("test").autostart());
}

TEST(ServerStub, TrailingSuppliesTheOlderProceduresFlags) {
    auto conn = Connection::open("test:///default");
    serve<wire::DOMAIN_DESTROY, &Domain::destroy>(conn, {testRef(conn)});
    EXPECT_EQ(conn.lookupDomainByName("test").state().first, DomainState::Shutoff);
    serve<wire::DOMAIN_CREATE, &Domain::create>(conn, {testRef(conn)});
    EXPECT_EQ(conn.lookupDomainByName("test").state().first, DomainState::Running);
    auto defined = serve<wire::DOMAIN_DEFINE_XML, &Connection::defineDomain>(
        conn, {"<domain type='test'><name>t1</name><memory>65536</memory><os><type>hvm</type></os></domain>"});
    EXPECT_EQ(defined.dom.name, "t1");
    EXPECT_EQ(defined.dom.id, -1);
}

TEST(ServerStub, ReturnsDomainGivesTheNewId) {
    auto conn = Connection::open("test:///default");
    conn.lookupDomainByName("test").destroy();
    auto ret = serve<wire::DOMAIN_CREATE_WITH_FLAGS, &Domain::create>(conn, {testRef(conn), 0});
    EXPECT_GT(ret.dom.id, 0);
}

TEST(ServerStub, ListAllHonoursNeedResults) {
    auto conn = Connection::open("test:///default");
    auto all = serve<wire::CONNECT_LIST_ALL_DOMAINS, &Connection::listAllDomains>(conn, {1, 0});
    ASSERT_EQ(all.domains.size(), 1u);
    EXPECT_EQ(all.ret, 1u);
    auto count = serve<wire::CONNECT_LIST_ALL_DOMAINS, &Connection::listAllDomains>(conn, {0, 0});
    EXPECT_TRUE(count.domains.empty());
    EXPECT_EQ(count.ret, 1u);
    auto pools = serve<wire::CONNECT_LIST_ALL_STORAGE_POOLS, &Connection::listAllStoragePools>(conn, {1, 0});
    EXPECT_EQ(pools.pools.at(0).name, "default-pool");
}

TEST(ServerStub, LegacyListings) {
    auto conn = Connection::open("test:///default");
    EXPECT_EQ((serve<wire::CONNECT_NUM_OF_DOMAINS, &Connection::listAllDomains>(conn, {}).num), 1);
    EXPECT_EQ((serve<wire::CONNECT_NUM_OF_DEFINED_DOMAINS, &Connection::listAllDomains>(conn, {}).num), 0);
    auto ids = serve<wire::CONNECT_LIST_DOMAINS, &Connection::listAllDomains>(conn, {5});
    EXPECT_EQ(ids.ids, (rpc::Array<int32_t, wire::kDomainListMax>{1}));
    auto nets = serve<wire::CONNECT_LIST_NETWORKS, &Connection::listAllNetworks>(conn, {5});
    EXPECT_EQ(nets.names.at(0), "default");
    EXPECT_TRUE((serve<wire::CONNECT_LIST_NETWORKS, &Connection::listAllNetworks>(conn, {0}).names.empty()));
    EXPECT_THROW((serve<wire::CONNECT_LIST_NETWORKS, &Connection::listAllNetworks>(conn, {-1})), Error);
    EXPECT_THROW((serve<wire::CONNECT_LIST_NETWORKS, &Connection::listAllNetworks>(conn, {100000})), Error);
}

TEST(ServerStub, VcpuMaps) {
    auto conn = Connection::open("test:///default");
    auto vcpus = serve<wire::DOMAIN_GET_VCPUS, &Domain::vcpus>(conn, {testRef(conn), 2, 1});
    EXPECT_EQ(vcpus.cpumaps.size(), vcpus.info.size() * 1);
    EXPECT_THROW((serve<wire::DOMAIN_GET_VCPUS, &Domain::vcpus>(conn, {testRef(conn), 100000, 1})), Error);
    EXPECT_THROW((serve<wire::DOMAIN_GET_VCPUS, &Domain::vcpus>(conn, {testRef(conn), 2, 0})), Error);
}

}  // namespace
}  // namespace cvirt::daemon
