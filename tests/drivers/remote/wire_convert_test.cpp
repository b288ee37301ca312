// The remote driver's conversions and the client stubs' field mapping,
// pinned: what procedure_bindings.def's shapes turn a method call into.

#include <gtest/gtest.h>

#include "drivers/remote/client_stub.hpp"
#include "drivers/remote/wire_convert.hpp"

namespace cvirt::drivers::remote {
namespace {

TEST(WireConvert, ScalarsOptionalsLists) {
    EXPECT_EQ((Convert<bool, int32_t>::toWire(true)), 1);
    EXPECT_TRUE((Convert<bool, int32_t>::fromWire(7)));
    EXPECT_EQ((Convert<unsigned, uint16_t>::toWire(3u)), 3);
    std::optional<DomainRef> none;
    EXPECT_FALSE((Convert<std::optional<DomainRef>, std::optional<wire::DomainRef>>::toWire(none)));
    std::vector<DomainRef> refs{{"a", Uuid(), 1}, {"b", Uuid(), -1}};
    auto w = Convert<std::vector<DomainRef>, rpc::Array<wire::DomainRef, 4>>::toWire(refs);
    ASSERT_EQ(w.size(), 2u);
    EXPECT_EQ(w[1].name, "b");
    EXPECT_EQ(w[1].id, -1);
    EXPECT_EQ((Convert<std::vector<DomainRef>, rpc::Array<wire::DomainRef, 4>>::fromWire(w)), refs);
    std::vector<DomainRef> five(5);
    EXPECT_THROW((Convert<std::vector<DomainRef>, rpc::Array<wire::DomainRef, 4>>::toWire(five)), Error);
}

TEST(WireConvert, InfoStructs) {
    NodeInfo n{"a-model-name-longer-than-thirty-one-chars", 1024, 4, 2000, 1, 1, 2, 2};
    auto w = Convert<NodeInfo, wire::NodeGetInfoRet>::toWire(n);
    EXPECT_EQ(w.model.text(), "a-model-name-longer-than-thirty");  // char[32] keeps 31 and the NUL
    EXPECT_EQ(rpc::encode(w).size(), 32u * 4 + 8 + 6 * 4);
    EXPECT_EQ((Convert<NodeInfo, wire::NodeGetInfoRet>::fromWire(w).cpus), 4u);

    DomainInfo d{DomainState::Paused, 2048, 1024, 2, 99};
    auto dw = Convert<DomainInfo, wire::DomainGetInfoRet>::toWire(d);
    EXPECT_EQ(dw.state, 3);
    EXPECT_EQ((Convert<DomainInfo, wire::DomainGetInfoRet>::fromWire(dw).cpuTime), 99u);

    auto m = Convert<SecurityModel, wire::NodeGetSecurityModelRet>::toWire({"selinux", "0"});
    EXPECT_EQ(m.model.chars, std::string("selinux\0", 8));  // libvirt counts the NUL
    auto empty = Convert<SecurityModel, wire::NodeGetSecurityModelRet>::toWire({});
    EXPECT_EQ(empty.model.chars.size(), 1u);
    EXPECT_EQ((Convert<SecurityModel, wire::NodeGetSecurityModelRet>::fromWire(m).model), "selinux");
}

TEST(WireConvert, Cpumaps) {
    std::vector<std::vector<uint8_t>> maps{{1}, {2, 3}, {}};
    auto flat = flattenCpumaps(maps, 2);
    EXPECT_EQ(flat, (std::vector<uint8_t>{1, 0, 2, 3, 0, 0}));
    EXPECT_EQ(splitCpumaps(flat, 2, 3), (std::vector<std::vector<uint8_t>>{{1, 0}, {2, 3}, {0, 0}}));
    EXPECT_EQ(splitCpumaps(flat, 2, 10).size(), 3u);  // never past the bytes there
    EXPECT_TRUE(splitCpumaps(flat, 0, 3).empty());
}

TEST(BindingTraits, FieldNames) {
    EXPECT_EQ(fieldIndex<wire::ListAllArgs>("need_results"), 0u);
    EXPECT_EQ(fieldIndex<wire::DomainListAllSnapshotsArgs>("need_results"), 1u);
    EXPECT_EQ(fieldIndex<wire::DomainSnapshotListNamesArgs>("maxnames"), 1u);
    EXPECT_EQ(fieldIndex<wire::DomainArgs>("nothere"), 1u);
    EXPECT_EQ(fieldCount<rpc::Void>(), 0u);
    EXPECT_EQ(fieldCount<wire::DomainSaveFlagsArgs>(), 4u);
}

TEST(ClientStub, PositionalArgs) {
    DomainRef dom{"vm", Uuid(), 3};
    auto args = argsFor<wire::DOMAIN_SET_MEMORY_FLAGS>(dom, uint64_t{1024}, 1u);
    EXPECT_EQ(args.dom.name, "vm");
    EXPECT_EQ(args.dom.id, 3);
    EXPECT_EQ(args.memory, 1024u);
    EXPECT_EQ(args.flags, 1u);
    auto save = argsFor<wire::DOMAIN_SAVE_FLAGS>(dom, std::string("/x"), std::optional<std::string>("<xml/>"), 2u);
    EXPECT_EQ(*save.dxml, "<xml/>");
    auto autostart = argsFor<wire::DOMAIN_SET_AUTOSTART>(dom, true);
    EXPECT_EQ(autostart.autostart, 1);
}

TEST(ClientStub, ListAllAsksForResults) {
    auto args = argsFor<wire::CONNECT_LIST_ALL_DOMAINS>(3u);
    EXPECT_EQ(args.need_results, 1);
    EXPECT_EQ(args.flags, 3u);
    auto snaps = argsFor<wire::DOMAIN_LIST_ALL_SNAPSHOTS>(DomainRef{"vm", Uuid(), 1}, 5u);
    EXPECT_EQ(snaps.dom.name, "vm");
    EXPECT_EQ(snaps.need_results, 1);
    EXPECT_EQ(snaps.flags, 5u);
}

TEST(ClientStub, RepliesConvertToTheMethodsResult) {
    wire::ConnectListAllDomainsRet list;
    list.domains.push_back({"a", Uuid(), 1});
    list.ret = 1;
    std::vector<DomainRef> refs = Reply<wire::CONNECT_LIST_ALL_DOMAINS>(list);
    ASSERT_EQ(refs.size(), 1u);
    EXPECT_EQ(refs[0].name, "a");

    std::string type = Reply<wire::CONNECT_GET_TYPE>(wire::ConnectGetTypeRet{"TEST"});
    EXPECT_EQ(type, "TEST");
    bool active = Reply<wire::DOMAIN_IS_ACTIVE>(wire::ActiveRet{1});
    EXPECT_TRUE(active);
    DomainInfo info = Reply<wire::DOMAIN_GET_INFO>(wire::DomainGetInfoRet{1, 2, 3, 4, 5});
    EXPECT_EQ(info.state, DomainState::Running);
    EXPECT_EQ(info.nrVirtCpu, 4u);
    DomainSnapshotRef snap = Reply<wire::DOMAIN_SNAPSHOT_CURRENT>(wire::SnapshotRet{{"s1", {"vm", Uuid(), 2}}});
    EXPECT_EQ(snap.name, "s1");
    EXPECT_EQ(snap.domain.name, "vm");
}

// Scheduler parameters: every typed-parameter type keeps its wire tag, and
// the GET/SET procedures line up with the API's (nparams, flags) and
// (params, flags).
TEST(ClientStub, SchedulerParametersKeepTheirTypes) {
    std::vector<TypedParameter> params = {{"i", int32_t{-1}}, {"ui", uint32_t{2}},   {"l", int64_t{-3}},
                                          {"cpu_shares", uint64_t{1024}}, {"d", 0.5}, {"b", true},
                                          {"s", std::string("x")}};
    auto set = argsFor<wire::DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS>(DomainRef{"vm", Uuid(), 1}, params, 1u);
    ASSERT_EQ(set.params.size(), params.size());
    for (size_t i = 0; i < params.size(); ++i)
        EXPECT_EQ(set.params[i].value.tag(), static_cast<int32_t>(i + 1)) << params[i].field;
    EXPECT_EQ(set.flags, 1u);
    auto back = rpc::decode<wire::DomainSetSchedulerParametersFlagsArgs>(rpc::encode(set));
    std::vector<TypedParameter> decoded = Convert<std::vector<TypedParameter>,
                                                  decltype(back.params)>::fromWire(back.params);
    EXPECT_EQ(decoded, params);

    auto get = argsFor<wire::DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS>(DomainRef{"vm", Uuid(), 1}, 9, 4u);
    EXPECT_EQ(get.nparams, 9);
    EXPECT_EQ(get.flags, 4u);
    wire::DomainGetSchedulerParametersRet ret;
    ret.params.push_back({"vcpu_quota", wire::TypedParamValue(int64_t{-1})});
    std::vector<TypedParameter> got = Reply<wire::DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS>(ret);
    EXPECT_EQ(got, (std::vector<TypedParameter>{{"vcpu_quota", int64_t{-1}}}));
    SchedulerType type = Reply<wire::DOMAIN_GET_SCHEDULER_TYPE>(wire::DomainGetSchedulerTypeRet{"posix", 9});
    EXPECT_EQ(type, (SchedulerType{"posix", 9}));
    // More than the protocol carries is refused before sending.
    EXPECT_THROW(argsFor<wire::DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS>(
                     DomainRef{}, std::vector<TypedParameter>(17, {"x", int32_t{0}}), 0u),
                 Error);
}

}  // namespace
}  // namespace cvirt::drivers::remote
