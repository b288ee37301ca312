// Real virsh and python-libvirt sessions with libvirtd 9.0, captured on the
// wire (shared/protocol/captures): our framing and codecs must read every
// packet, agree with Wireshark's libvirt dissector on every header, and
// re-encode every payload byte for byte.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <iostream>
#include <sstream>

#include "pcap_reader.hpp"
#include "rpc/remote_protocol.hpp"
#include "rpc/wire_error.hpp"
#include "support/test_support.hpp"

using namespace cvirt;
using namespace cvirt::rpc;
using rpctest::CapturedPacket;
using rpctest::readCapture;

namespace {

// shared/protocol/captures sits beside shared/conformance.
std::string capturesDir() {
    auto conformance = cvirt::test::conformancePath("README.md");
    auto dir = std::filesystem::path(conformance).parent_path().parent_path() / "protocol" / "captures";
    if (!std::filesystem::exists(dir))
        ADD_FAILURE() << "protocol captures missing: " << dir;
    return dir.string();
}

std::vector<CapturedPacket> capture(const std::string& name) {
    return readCapture(capturesDir() + "/pcap/" + name + ".pcap");
}

// The packets of one procedure and type, in capture order.
std::vector<Packet> find(const std::vector<CapturedPacket>& packets, int32_t procedure, MessageType type,
                         uint32_t program = kRemoteProgram) {
    std::vector<Packet> out;
    for (const auto& p : packets)
        if (p.packet.header.procedure == procedure && p.packet.header.type == type &&
            p.packet.header.program == program)
            out.push_back(p.packet);
    return out;
}

template <typename P>
typename P::Args callArgs(const std::vector<CapturedPacket>& packets, size_t index = 0) {
    auto calls = find(packets, P::kNumber, MessageType::Call);
    if (index >= calls.size())
        throw std::runtime_error("no call to " + std::string(P::kName));
    return decode<typename P::Args>(calls[index].payload);
}

template <typename P>
typename P::Ret replyRet(const std::vector<CapturedPacket>& packets, size_t index = 0) {
    auto replies = find(packets, P::kNumber, MessageType::Reply);
    if (index >= replies.size())
        throw std::runtime_error("no reply to " + std::string(P::kName));
    EXPECT_EQ(replies[index].header.status, MessageStatus::Ok);
    return decode<typename P::Ret>(replies[index].payload);
}

// One line of the dissector's listing:
//   C>S REMOTE    CALL    ser=  0 st=OK       len=   28 AUTH_LIST (66)    args...
struct ListedPacket {
    std::string direction, program, type, status, name;
    unsigned long serial = 0, length = 0;
    int procedure = 0;
};

std::optional<ListedPacket> parseListing(const std::string& text) {
    std::istringstream in(text);
    ListedPacket p;
    auto labelled = [&](const std::string& label, std::string& value) {
        std::string token;
        if (!(in >> token) || token.rfind(label, 0) != 0)
            return false;
        value = token.substr(label.size());
        return !value.empty() || static_cast<bool>(in >> value);
    };
    std::string serial, length, procedure;
    if (!(in >> p.direction >> p.program >> p.type) || (p.direction != "C>S" && p.direction != "S>C"))
        return std::nullopt;
    if (!labelled("ser=", serial) || !labelled("st=", p.status) || !labelled("len=", length))
        return std::nullopt;
    if (!(in >> p.name >> procedure) || procedure.size() < 3)
        return std::nullopt;
    p.serial = std::stoul(serial);
    p.length = std::stoul(length);
    p.procedure = std::stoi(procedure.substr(1, procedure.size() - 2));
    return p;
}

const Uuid kTestUuid = *Uuid::parse("6695eb01-f6a4-8304-79aa-97f2502e193f");

}  // namespace

TEST(Captures, HeadersAgreeWithTheDissector) {
    size_t compared = 0;
    for (const char* file : {"decoded-normal-runs.txt", "decoded-fault-injection-runs.txt",
                             "decoded-qemu-session-runs.txt"}) {
        std::ifstream in(capturesDir() + "/" + file);
        ASSERT_TRUE(in) << file;
        std::string text;
        std::vector<CapturedPacket> packets;
        size_t next = 0;
        std::string section;
        auto finish = [&] {
            if (!section.empty()) {
                EXPECT_EQ(next, packets.size()) << section << ": packets the dissector did not list";
            }
        };
        while (std::getline(in, text)) {
            if (text.rfind("===== ", 0) == 0) {
                finish();
                section = text.substr(6);
                packets = readCapture(capturesDir() + "/pcap/" + section);
                next = 0;
                continue;
            }
            auto listed = parseListing(text);
            if (!listed)
                continue;
            ASSERT_LT(next, packets.size()) << section << ": " << text;
            const auto& p = packets[next++];
            SCOPED_TRACE(section + ": " + text);
            EXPECT_EQ(p.fromClient, listed->direction == "C>S");
            EXPECT_EQ(programName(p.packet.header.program), listed->program);
            EXPECT_EQ(messageTypeName(p.packet.header.type), listed->type);
            EXPECT_EQ(p.packet.header.serial, listed->serial);
            EXPECT_EQ(messageStatusName(p.packet.header.status), listed->status);
            EXPECT_EQ(kPacketMin + p.packet.payload.size(), listed->length);
            EXPECT_EQ(p.packet.header.procedure, listed->procedure);
            if (p.packet.header.program == kRemoteProgram) {
                EXPECT_EQ(remote::procedureName(p.packet.header.procedure), listed->name);
            }
            ++compared;
        }
        finish();
    }
    EXPECT_GT(compared, 1500u);
    std::cout << "rpc-captures: " << compared << " packet headers match the dissector\n";
}

TEST(Captures, EveryPayloadDecodesAndReencodesExactly) {
    size_t decoded = 0;
    std::map<std::string, int> untyped;
    for (const auto& entry : std::filesystem::directory_iterator(capturesDir() + "/pcap")) {
        if (entry.path().extension() != ".pcap")
            continue;
        // The raw probe sends garbage payloads on purpose.
        bool probe = entry.path().filename().string().rfind("80_", 0) == 0;
        for (const auto& [fromClient, packet] : readCapture(entry.path().string())) {
            const auto& h = packet.header;
            SCOPED_TRACE(entry.path().filename().string() + ": " + describe(h));
            if (h.program == kKeepaliveProgram) {
                EXPECT_EQ(h.type, MessageType::Message);
                EXPECT_TRUE(packet.payload.empty());
                continue;
            }
            if (h.program != kRemoteProgram)
                continue;
            if (h.status == MessageStatus::Error) {
                EXPECT_EQ(encode(decode<WireError>(packet.payload)), packet.payload);
                ++decoded;
                continue;
            }
            const auto* info = remote::procedureInfo(h.procedure);
            if (!info) {
                EXPECT_TRUE(probe) << "unknown procedure outside the raw probe";
                continue;
            }
            if (!info->typed) {
                ++untyped[std::string(info->name)];
                continue;
            }
            auto roundTrip = h.type == MessageType::Reply ? info->retRoundTrip : info->argsRoundTrip;
            if (probe && h.type == MessageType::Call) {
                try {
                    roundTrip(packet.payload);
                } catch (const Error& e) {
                    EXPECT_EQ(e.code(), ErrorCode::Rpc);
                }
                continue;
            }
            EXPECT_EQ(roundTrip(packet.payload), packet.payload);
            ++decoded;
        }
    }
    for (const auto& [name, count] : untyped)
        ADD_FAILURE() << "captured procedure without declared types: " << name << " (" << count << "x)";
    EXPECT_GT(decoded, 1500u);
    std::cout << "rpc-captures: " << decoded << " payloads decoded and re-encoded byte for byte\n";
}

TEST(Captures, VirshVersionHandshake) {
    auto packets = capture("01_version");
    auto open = find(packets, remote::CONNECT_OPEN::kNumber, MessageType::Call);
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].header.serial, 2u);
    EXPECT_EQ(decode<remote::ConnectOpenArgs>(open[0].payload), (remote::ConnectOpenArgs{"test:///default", 6}));
    EXPECT_EQ(replyRet<remote::AUTH_LIST>(packets).types, (Array<int32_t, 20>{0}));
    EXPECT_EQ(callArgs<remote::CONNECT_SUPPORTS_FEATURE>(packets, 0).feature, 10);
    EXPECT_EQ(callArgs<remote::CONNECT_SUPPORTS_FEATURE>(packets, 1).feature, 14);
    EXPECT_EQ(callArgs<remote::CONNECT_SUPPORTS_FEATURE>(packets, 2).feature, 15);
    EXPECT_EQ(replyRet<remote::CONNECT_GET_TYPE>(packets).type, "TEST");
    EXPECT_EQ(replyRet<remote::CONNECT_GET_VERSION>(packets).hv_ver, 2u);
    auto closeReply = find(packets, remote::CONNECT_CLOSE::kNumber, MessageType::Reply);
    ASSERT_EQ(closeReply.size(), 1u);
    EXPECT_TRUE(closeReply[0].payload.empty());
}

TEST(Captures, ListAllDomains) {
    auto packets = capture("02_list");
    auto args = callArgs<remote::CONNECT_LIST_ALL_DOMAINS>(packets);
    EXPECT_EQ(args.need_results, 1);
    EXPECT_EQ(args.flags, 1u);
    auto ret = replyRet<remote::CONNECT_LIST_ALL_DOMAINS>(packets);
    ASSERT_EQ(ret.domains.size(), 1u);
    EXPECT_EQ(ret.domains[0], (remote::DomainRef{"test", kTestUuid, 1}));
    EXPECT_EQ(ret.ret, 1u);
    EXPECT_EQ(callArgs<remote::DOMAIN_GET_STATE>(packets).dom.name, "test");
    EXPECT_EQ(replyRet<remote::DOMAIN_GET_STATE>(packets), (remote::DomainGetStateRet{1, 0}));
    EXPECT_EQ(callArgs<remote::CONNECT_LIST_ALL_DOMAINS>(capture("03_list_all")).flags, 3u);
    EXPECT_EQ(callArgs<remote::CONNECT_LIST_ALL_DOMAINS>(capture("51_py_listAllDomains")).flags, 0u);
}

TEST(Captures, DominfoReplies) {
    auto packets = capture("04_dominfo");
    auto info = replyRet<remote::DOMAIN_GET_INFO>(packets);
    EXPECT_EQ(info.state, 1);
    EXPECT_EQ(info.maxMem, 8388608u);
    EXPECT_EQ(info.memory, 2097152u);
    EXPECT_EQ(info.nrVirtCpu, 2);
    EXPECT_EQ(info.cpuTime, 1795534553719095000u);
    EXPECT_EQ(replyRet<remote::DOMAIN_GET_OS_TYPE>(packets).type, "linux");
    EXPECT_EQ(replyRet<remote::DOMAIN_IS_PERSISTENT>(packets).persistent, 1);
    EXPECT_EQ(replyRet<remote::DOMAIN_GET_AUTOSTART>(packets).autostart, 0);
    EXPECT_EQ(replyRet<remote::DOMAIN_HAS_MANAGED_SAVE_IMAGE>(packets).result, 0);

    // char arrays: one int per char, the count includes the NUL.
    auto model = replyRet<remote::NODE_GET_SECURITY_MODEL>(packets);
    EXPECT_EQ(model.model.text(), "testSecurity");
    EXPECT_EQ(model.model.chars.size(), 13u);
    EXPECT_EQ(model.doi.text(), "");
    EXPECT_EQ(model.doi.chars.size(), 1u);
    auto label = replyRet<remote::DOMAIN_GET_SECURITY_LABEL>(packets);
    EXPECT_EQ(label.label.text(), "libvirt-test");
    EXPECT_EQ(label.enforcing, 1);
    EXPECT_TRUE(replyRet<remote::DOMAIN_GET_MESSAGES>(packets).msgs.empty());
}

TEST(Captures, NodeInfoCharArrayModel) {
    auto info = replyRet<remote::NODE_GET_INFO>(capture("24_nodeinfo"));
    EXPECT_EQ(info.model.text(), "i686");
    EXPECT_EQ(info.memory, 3145728u);
    EXPECT_EQ(info.cpus, 16);
    EXPECT_EQ(info.mhz, 1400);
    EXPECT_EQ(info.nodes, 2);
    EXPECT_EQ(info.sockets, 2);
    EXPECT_EQ(info.cores, 2);
    EXPECT_EQ(info.threads, 2);
}

TEST(Captures, LifecycleEventMessages) {
    auto packets = capture("41_event_with_activity");
    auto events = find(packets, remote::DOMAIN_EVENT_CALLBACK_LIFECYCLE::kNumber, MessageType::Message);
    ASSERT_EQ(events.size(), 4u);
    const Uuid uuid = *Uuid::parse("219efa41-03db-4e2c-9bf5-36dd39f106f9");
    struct Expected {
        int32_t id, event, detail;
    };
    const Expected expected[] = {{-1, 0, 0}, {6, 2, 0}, {-1, 5, 1}, {-1, 1, 0}};
    for (size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(events[i].header.serial, 1u);
        EXPECT_EQ(events[i].header.status, MessageStatus::Ok);
        auto msg = decode<remote::DomainEventCallbackLifecycleMsg>(events[i].payload);
        EXPECT_EQ(msg.callbackID, 27);
        EXPECT_EQ(msg.msg.dom, (remote::DomainRef{"probe1", uuid, expected[i].id}));
        EXPECT_EQ(msg.msg.event, expected[i].event);
        EXPECT_EQ(msg.msg.detail, expected[i].detail);
    }
    // virsh event --all registers every event id, for all domains.
    auto registrations = find(packets, remote::CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY::kNumber, MessageType::Call);
    ASSERT_EQ(registrations.size(), 27u);
    for (size_t i = 0; i < registrations.size(); ++i) {
        auto args = decode<remote::ConnectDomainEventCallbackRegisterAnyArgs>(registrations[i].payload);
        EXPECT_EQ(args.eventID, static_cast<int32_t>(i));
        EXPECT_FALSE(args.dom);
    }
    auto pings = find(packets, 1, MessageType::Message, kKeepaliveProgram);
    ASSERT_FALSE(pings.empty());
    EXPECT_EQ(pings[0].header.serial, 0u);
}

TEST(Captures, NoSupportErrorFromTheTestDriver) {
    auto replies = find(capture("18_attach_device"), remote::DOMAIN_ATTACH_DEVICE::kNumber, MessageType::Reply);
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_EQ(replies[0].header.status, MessageStatus::Error);
    Error e = fromWireError(decode<WireError>(replies[0].payload));
    EXPECT_EQ(e.code(), ErrorCode::NoSupport);
    EXPECT_EQ(e.domain(), ErrorDomain::Domain);
    EXPECT_EQ(e.message(), "this function is not supported by the connection driver: virDomainAttachDevice");
    EXPECT_EQ(e.str1(), "this function is not supported by the connection driver: %s");
    EXPECT_EQ(e.str2(), "virDomainAttachDevice");
    EXPECT_FALSE(e.str3());
    EXPECT_EQ(e.int1(), -1);
}

TEST(Captures, StoragePoolsAndVolumes) {
    auto pools = capture("33_pool_list");
    EXPECT_EQ(callArgs<remote::CONNECT_LIST_ALL_STORAGE_POOLS>(pools).flags, 2u);
    auto info = replyRet<remote::STORAGE_POOL_GET_INFO>(pools);
    EXPECT_GT(info.capacity, 0u);
    auto vols = capture("36_vol_create_as");
    auto create = callArgs<remote::STORAGE_VOL_CREATE_XML>(vols);
    EXPECT_NE(create.xml.find("<capacity"), std::string::npos);
    EXPECT_EQ(replyRet<remote::STORAGE_VOL_CREATE_XML>(vols).vol.pool, create.pool.name);
}
