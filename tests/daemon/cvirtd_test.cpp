// cvirtd end to end: a private daemon per test, reached through the remote
// driver (cvirt's public API), a raw RPC client, and the daemon's command
// line (pid file, -d, -t, signals, config errors).

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>

#include "cvirt/connection.hpp"
#include "daemon/cvirtd_process.hpp"
#include "rpc/client.hpp"
#include "rpc/remote_protocol.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace cvirt::test {
namespace {

using namespace std::chrono_literals;
namespace wire = rpc::remote;

std::string vmXml(const std::string& name) {
    return "<domain type='test'><name>" + name +
           "</name><memory unit='KiB'>65536</memory><os><type>hvm</type></os></domain>";
}

// The error a call throws (code NONE when it does not throw).
template <typename Fn>
Error errorOf(Fn fn) {
    try {
        fn();
    } catch (const Error& e) {
        return e;
    }
    return Error::raw(ErrorCode::Ok, ErrorDomain::None, "no error");
}

void expectSameError(const Error& remote, const Error& local) {
    EXPECT_EQ(remote.code(), local.code());
    EXPECT_EQ(remote.domain(), local.domain());
    EXPECT_EQ(remote.message(), local.message());
    EXPECT_EQ(remote.str1(), local.str1());
    EXPECT_EQ(remote.str2(), local.str2());
    EXPECT_EQ(remote.str3(), local.str3());
    EXPECT_EQ(remote.int1(), local.int1());
    EXPECT_EQ(remote.int2(), local.int2());
}

uint16_t freeTcpPort() {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

template <typename Fn>
bool eventually(Fn condition, std::chrono::milliseconds timeout = 10s) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition())
            return true;
        std::this_thread::sleep_for(20ms);
    }
    return condition();
}

// Collects events delivered on another thread.
struct EventLog {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<DomainEvent> events;

    Connection::DomainEventCallback callback() {
        return [this](const DomainEvent& e) {
            std::lock_guard lock(mutex);
            events.push_back(e);
            changed.notify_all();
        };
    }
    bool waitFor(size_t count, std::chrono::milliseconds timeout = 10s) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, timeout, [&] { return events.size() >= count; });
    }
};

// ---- the remote driver against cvirtd -------------------------------------------

TEST(Cvirtd, ServesTheTestDriverOverItsUnixSocket) {
    CvirtdProcess d;
    auto conn = Connection::open(d.uri());
    EXPECT_EQ(conn.type(), "TEST");
    EXPECT_EQ(conn.uri(), d.uri());
    EXPECT_FALSE(conn.hostname().empty());
    EXPECT_NE(conn.capabilities().find("<capabilities>"), std::string::npos);
    EXPECT_TRUE(conn.isAlive());
    EXPECT_TRUE(conn.isSecure());
    auto local = Connection::open("test:///default");
    EXPECT_EQ(conn.nodeInfo().model, local.nodeInfo().model);
    EXPECT_EQ(conn.nodeInfo().memory, local.nodeInfo().memory);
    EXPECT_EQ(conn.version(), local.version());

    auto doms = conn.listAllDomains();
    ASSERT_EQ(doms.size(), 1u);
    EXPECT_EQ(doms[0].name(), "test");
    auto test = conn.lookupDomainByName("test");
    EXPECT_EQ(test.id(), 1);
    EXPECT_EQ(test.info().state, DomainState::Running);
    EXPECT_EQ(test.state().first, DomainState::Running);
    EXPECT_EQ(test.xmlDesc(), local.lookupDomainByName("test").xmlDesc());
    EXPECT_EQ(conn.lookupDomainByUuid(test.uuid()).name(), "test");
    EXPECT_EQ(conn.lookupDomainById(1).name(), "test");
    EXPECT_EQ(conn.listAllNetworks().size(), local.listAllNetworks().size());
    EXPECT_EQ(conn.lookupNetworkByName("default").xmlDesc(), local.lookupNetworkByName("default").xmlDesc());
    auto pool = conn.lookupStoragePoolByName("default-pool");
    EXPECT_EQ(pool.info().capacity, local.lookupStoragePoolByName("default-pool").info().capacity);
}

TEST(Cvirtd, DefinesStartsStopsAndUndefines) {
    CvirtdProcess d;
    auto conn = Connection::open(d.uri());
    auto dom = conn.defineDomain(vmXml("vm1"));
    EXPECT_EQ(dom.id(), -1);
    EXPECT_FALSE(dom.isActive());
    EXPECT_TRUE(dom.isPersistent());
    dom.create();
    EXPECT_GT(dom.id(), 0);
    EXPECT_EQ(dom.state().first, DomainState::Running);
    dom.suspend();
    EXPECT_EQ(dom.state().first, DomainState::Paused);
    dom.resume();
    dom.setAutostart(true);
    EXPECT_TRUE(dom.autostart());
    dom.destroy();
    EXPECT_EQ(dom.state().first, DomainState::Shutoff);
    EXPECT_EQ(conn.listAllDomains(flags::kListInactive).size(), 1u);
    dom.undefine();
    EXPECT_EQ(errorOf([&] { conn.lookupDomainByName("vm1"); }).code(), ErrorCode::NoDomain);
}

TEST(Cvirtd, SnapshotsNetworksAndStorageOverTheWire) {
    CvirtdProcess d;
    auto conn = Connection::open(d.uri());
    auto test = conn.lookupDomainByName("test");
    auto s1 = test.createSnapshot("<domainsnapshot><name>s1</name></domainsnapshot>");
    EXPECT_EQ(s1.name(), "s1");
    EXPECT_EQ(test.snapshotCount(), 1);
    EXPECT_TRUE(test.hasCurrentSnapshot());
    EXPECT_EQ(test.currentSnapshot().name(), "s1");
    EXPECT_EQ(test.listAllSnapshots().size(), 1u);
    EXPECT_NE(s1.xmlDesc().find("<name>s1</name>"), std::string::npos);
    EXPECT_TRUE(s1.isCurrent());
    s1.remove();
    EXPECT_EQ(test.snapshotCount(), 0);

    auto net = conn.lookupNetworkByName("default");
    EXPECT_TRUE(net.isActive());
    net.destroy();
    EXPECT_FALSE(net.isActive());
    net.create();

    auto pool = conn.lookupStoragePoolByName("default-pool");
    auto vol = pool.createVolume("<volume><name>v1</name><capacity>1048576</capacity></volume>");
    EXPECT_EQ(vol.name(), "v1");
    EXPECT_EQ(pool.listAllVolumes().size(), 1u);
    EXPECT_EQ(vol.info().capacity, 1048576u);
    EXPECT_EQ(vol.pool().name(), "default-pool");
    EXPECT_EQ(conn.lookupStorageVolumeByPath(vol.path()).name(), "v1");
    vol.remove();
    EXPECT_EQ(pool.volumeCount(), 0);
}

TEST(Cvirtd, ErrorsArriveAsTheDriverRaisedThem) {
    CvirtdProcess d;
    auto remote = Connection::open(d.uri());
    auto local = Connection::open("test:///default");
    expectSameError(errorOf([&] { remote.lookupDomainByName("nope"); }),
                    errorOf([&] { local.lookupDomainByName("nope"); }));
    expectSameError(errorOf([&] { remote.lookupNetworkByName("nope"); }),
                    errorOf([&] { local.lookupNetworkByName("nope"); }));
    expectSameError(errorOf([&] { remote.defineDomain("<domain"); }), errorOf([&] { local.defineDomain("<domain"); }));
    expectSameError(errorOf([&] { remote.lookupDomainByName("test").create(); }),
                    errorOf([&] { local.lookupDomainByName("test").create(); }));
}

TEST(Cvirtd, SharesTestDefaultWhileAConnectionIsOpen) {
    CvirtdProcess d;
    auto first = Connection::open(d.uri());
    first.defineDomain(vmXml("shared"));
    {
        auto second = Connection::open(d.uri());
        EXPECT_EQ(second.lookupDomainByName("shared").name(), "shared");
    }
    EXPECT_EQ(first.lookupDomainByName("shared").name(), "shared");
}

TEST(Cvirtd, ReadOnlySocketRefusesMutations) {
    CvirtdProcess d;
    // Opened read-write by the client, but through the -ro socket: the
    // daemon refuses, naming the API as libvirt does.
    auto conn = Connection::open("test+unix:///default?socket=" + d.roSocket());
    EXPECT_EQ(conn.listAllDomains().size(), 1u);
    auto dom = conn.lookupDomainByName("test");
    EXPECT_EQ(dom.info().state, DomainState::Running);
    Error e = errorOf([&] { dom.destroy(); });
    EXPECT_EQ(e.code(), ErrorCode::OperationDenied);
    EXPECT_EQ(e.domain(), ErrorDomain::Domain);
    EXPECT_EQ(e.message(), "operation forbidden: read only access prevents virDomainDestroy");
    EXPECT_EQ(errorOf([&] { conn.defineDomain(vmXml("x")); }).code(), ErrorCode::OperationDenied);
    EXPECT_EQ(errorOf([&] { conn.lookupNetworkByName("default").destroy(); }).domain(), ErrorDomain::Network);
    EXPECT_EQ(errorOf([&] { conn.lookupStoragePoolByName("default-pool").destroy(); }).domain(),
              ErrorDomain::Storage);
    EXPECT_EQ(dom.state().first, DomainState::Running);
}

TEST(Cvirtd, ReadOnlyOpenOfTheReadWriteSocket) {
    CvirtdProcess d;
    // CONNECT_OPEN with the read-only flag; the API refuses mutations before
    // they reach the wire, and the daemon would refuse them too.
    auto conn = Connection::openReadOnly(d.uri());
    EXPECT_TRUE(conn.readOnly());
    EXPECT_EQ(conn.lookupDomainByName("test").info().state, DomainState::Running);
    EXPECT_EQ(errorOf([&] { conn.lookupDomainByName("test").destroy(); }).code(), ErrorCode::OperationDenied);
}

TEST(Cvirtd, DeliversLifecycleEventsToTheRemoteDriver) {
    CvirtdProcess d;
    auto conn = Connection::open(d.uri());
    auto other = Connection::open(d.uri());
    EventLog log;
    int id = conn.registerDomainEvent(std::nullopt, event::kLifecycle, log.callback());
    auto dom = other.defineDomain(vmXml("ev"));
    dom.create();
    dom.destroy();
    ASSERT_TRUE(log.waitFor(3));
    std::lock_guard lock(log.mutex);
    EXPECT_EQ(log.events[0].event, event::kDefined);
    EXPECT_EQ(log.events[1].event, event::kStarted);
    EXPECT_EQ(log.events[1].detail, event::kStartedBooted);
    EXPECT_GT(log.events[1].domain.id, 0);
    EXPECT_EQ(log.events[2].event, event::kStopped);
    EXPECT_EQ(log.events[2].detail, event::kStoppedDestroyed);
    EXPECT_EQ(log.events[2].domain.name, "ev");
    conn.deregisterDomainEvent(id);
    EXPECT_EQ(errorOf([&] { conn.deregisterDomainEvent(id); }).code(), ErrorCode::InvalidArg);
}

TEST(Cvirtd, DomainFilteredEvents) {
    CvirtdProcess d;
    auto conn = Connection::open(d.uri());
    auto a = conn.defineDomain(vmXml("a"));
    auto b = conn.defineDomain(vmXml("b"));
    EventLog log;
    conn.registerDomainEvent(b, event::kLifecycle, log.callback());
    a.create();
    b.create();
    ASSERT_TRUE(log.waitFor(1));
    std::this_thread::sleep_for(200ms);
    std::lock_guard lock(log.mutex);
    ASSERT_EQ(log.events.size(), 1u);
    EXPECT_EQ(log.events[0].domain.name, "b");
}

// ---- the session procedures, seen by a raw RPC client ---------------------------

struct RawSession {
    std::unique_ptr<rpc::Client> client;
    explicit RawSession(const std::string& socket) : client(rpc::Client::connectUnix(socket)) {}
    void open(const std::string& uri = "test:///default", uint32_t flags = 0) {
        client->call<wire::CONNECT_OPEN>({uri, flags});
    }
};

TEST(CvirtdSession, HandshakeAnswersAsLibvirtd) {
    CvirtdProcess d;
    RawSession s(d.socket());
    auto auth = s.client->call<wire::AUTH_LIST>();
    ASSERT_EQ(auth.types.size(), 1u);
    EXPECT_EQ(auth.types[0], 0);
    auto feature = [&](int32_t f) { return s.client->call<wire::CONNECT_SUPPORTS_FEATURE>({f}).supported; };
    EXPECT_EQ(feature(10), 1);  // keepalive
    EXPECT_EQ(feature(14), 1);  // event callbacks
    EXPECT_EQ(feature(15), 1);  // close callbacks
    EXPECT_EQ(feature(9), 1);   // typed param strings
    EXPECT_EQ(feature(8), 0);   // fd passing
    EXPECT_EQ(feature(6), 0);   // migration v3
    EXPECT_EQ(feature(999), 0);

    Error before = errorOf([&] { s.client->call<wire::DOMAIN_LOOKUP_BY_NAME>({"test"}); });
    EXPECT_EQ(before.code(), ErrorCode::InternalError);
    EXPECT_EQ(before.domain(), ErrorDomain::Rpc);
    EXPECT_EQ(before.message(), "internal error: hypervisor connection not open");

    Error nodriver = errorOf([&] { s.open("bogus:///"); });
    EXPECT_EQ(nodriver.code(), ErrorCode::NoConnect);
    EXPECT_EQ(nodriver.domain(), ErrorDomain::None);
    EXPECT_EQ(nodriver.message(), "no connection driver available for bogus:///");

    s.open("test:///default", 6);  // bits past RO (user socket, autostart) are ignored
    EXPECT_EQ(s.client->call<wire::CONNECT_GET_URI>().uri, "test:///default");
    EXPECT_EQ(s.client->call<wire::CONNECT_GET_LIB_VERSION>().lib_ver, 9000000u);
    s.client->call<wire::CONNECT_REGISTER_CLOSE_CALLBACK>();

    // A second open fails and leaves the first connection working.
    Error again = errorOf([&] { s.open("test:///default"); });
    EXPECT_EQ(again.message(), "internal error: connection already open");
    EXPECT_EQ(s.client->call<wire::DOMAIN_LOOKUP_BY_NAME>({"test"}).dom.id, 1);

    // What the driver does not serve (the test driver has no consoles), and
    // procedures cvirtd does not serve: NO_SUPPORT, so client fallbacks fire.
    auto test = s.client->call<wire::DOMAIN_LOOKUP_BY_NAME>({"test"}).dom;
    Error console = errorOf([&] { s.client->call<wire::DOMAIN_OPEN_CONSOLE>({test, std::nullopt, 0}); });
    EXPECT_EQ(console.code(), ErrorCode::NoSupport);
    EXPECT_EQ(console.message(), "this function is not supported by the connection driver: virDomainOpenConsole");
    Error unknown = errorOf([&] { s.client->callRaw(wire::kProgram, 1, 9999, {}); });
    EXPECT_EQ(unknown.code(), ErrorCode::NoSupport);
    EXPECT_EQ(s.client->call<wire::DOMAIN_LOOKUP_BY_NAME>({"test"}).dom.name, "test");

    s.client->call<wire::CONNECT_UNREGISTER_CLOSE_CALLBACK>();
    s.client->call<wire::CONNECT_CLOSE>();
    EXPECT_EQ(errorOf([&] { s.client->call<wire::DOMAIN_LOOKUP_BY_NAME>({"test"}); }).message(),
              "internal error: hypervisor connection not open");
}

TEST(CvirtdSession, LegacyProceduresStillAnswer) {
    CvirtdProcess d;
    RawSession s(d.socket());
    s.open();
    s.client->call<wire::DOMAIN_DEFINE_XML>({vmXml("old")});
    EXPECT_EQ(s.client->call<wire::CONNECT_NUM_OF_DOMAINS>().num, 1);
    EXPECT_EQ(s.client->call<wire::CONNECT_LIST_DOMAINS>({10}).ids, (rpc::Array<int32_t, wire::kDomainListMax>{1}));
    EXPECT_EQ(s.client->call<wire::CONNECT_NUM_OF_DEFINED_DOMAINS>().num, 1);
    auto names = s.client->call<wire::CONNECT_LIST_DEFINED_DOMAINS>({10}).names;
    ASSERT_EQ(names.size(), 1u);
    EXPECT_EQ(names[0], "old");
    EXPECT_EQ(s.client->call<wire::CONNECT_LIST_DEFINED_DOMAINS>({0}).names.size(), 0u);
    EXPECT_EQ(errorOf([&] { s.client->call<wire::CONNECT_LIST_DEFINED_DOMAINS>({-1}); }).code(), ErrorCode::Rpc);
    auto old = s.client->call<wire::DOMAIN_LOOKUP_BY_NAME>({"old"}).dom;
    s.client->call<wire::DOMAIN_CREATE>({old});
    EXPECT_GT(s.client->call<wire::DOMAIN_LOOKUP_BY_NAME>({"old"}).dom.id, 0);
    s.client->call<wire::DOMAIN_DESTROY>({s.client->call<wire::DOMAIN_LOOKUP_BY_NAME>({"old"}).dom});
    s.client->call<wire::DOMAIN_UNDEFINE>({old});
    EXPECT_EQ(s.client->call<wire::CONNECT_NUM_OF_NETWORKS>().num, 1);
    EXPECT_EQ(s.client->call<wire::CONNECT_LIST_NETWORKS>({5}).names.at(0), "default");
    EXPECT_EQ(s.client->call<wire::CONNECT_LIST_STORAGE_POOLS>({5}).names.at(0), "default-pool");
    // DOMAIN_CREATE_WITH_FLAGS answers with the started domain's new id.
    auto test = s.client->call<wire::DOMAIN_LOOKUP_BY_NAME>({"test"}).dom;
    s.client->call<wire::DOMAIN_DESTROY_FLAGS>({test, 0});
    EXPECT_GT(s.client->call<wire::DOMAIN_CREATE_WITH_FLAGS>({test, 0}).dom.id, 0);
}

TEST(CvirtdSession, ReadOnlyOpenFlag) {
    CvirtdProcess d;
    RawSession s(d.socket());
    s.open("test:///default", wire::kOpenReadOnly);
    auto test = s.client->call<wire::DOMAIN_LOOKUP_BY_NAME>({"test"}).dom;
    Error e = errorOf([&] { s.client->call<wire::DOMAIN_DESTROY>({test}); });
    EXPECT_EQ(e.code(), ErrorCode::OperationDenied);
    EXPECT_EQ(e.message(), "operation forbidden: read only access prevents virDomainDestroy");
    EXPECT_EQ(s.client->call<wire::DOMAIN_GET_STATE>({test, 0}).state, 1);
}

TEST(CvirtdSession, EventCallbackIdsAreGlobalAndMessagesUseSerialOne) {
    CvirtdProcess d;
    RawSession a(d.socket()), b(d.socket());
    a.open();
    b.open();
    std::mutex mutex;
    std::condition_variable cv;
    std::vector<std::pair<rpc::Header, wire::DomainEventCallbackLifecycleMsg>> got;
    a.client->onMessage(wire::kProgram, wire::DOMAIN_EVENT_CALLBACK_LIFECYCLE::kNumber,
                        [&](const rpc::Header& h, std::span<const uint8_t> p) {
                            std::lock_guard lock(mutex);
                            got.emplace_back(h, rpc::decode<wire::DomainEventCallbackLifecycleMsg>(p));
                            cv.notify_all();
                        });
    int ida = a.client->call<wire::CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY>({0, std::nullopt}).callbackID;
    int idb = b.client->call<wire::CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY>({0, std::nullopt}).callbackID;
    EXPECT_NE(ida, idb);
    // Every event id virsh registers is accepted, even those never sent.
    for (int id = 1; id < 27; ++id)
        a.client->call<wire::CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY>({id, std::nullopt});
    EXPECT_EQ(errorOf([&] { a.client->call<wire::CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY>({27, std::nullopt}); })
                  .message(),
              "internal error: unsupported event ID 27");
    auto test = b.client->call<wire::DOMAIN_LOOKUP_BY_NAME>({"test"}).dom;
    b.client->call<wire::DOMAIN_SUSPEND>({test});
    std::unique_lock lock(mutex);
    ASSERT_TRUE(cv.wait_for(lock, 10s, [&] { return !got.empty(); }));
    EXPECT_EQ(got[0].first.serial, 1u);
    EXPECT_EQ(got[0].first.type, rpc::MessageType::Message);
    EXPECT_EQ(got[0].second.callbackID, ida);
    EXPECT_EQ(got[0].second.msg.event, event::kSuspended);
    EXPECT_EQ(got[0].second.msg.dom.name, "test");
}

TEST(CvirtdSession, LegacyEventRegistration) {
    CvirtdProcess d;
    RawSession a(d.socket());
    a.open();
    std::atomic<int> lifecycle{0};
    a.client->onEvent<wire::DOMAIN_EVENT_LIFECYCLE>([&](wire::DomainEventLifecycleMsg) { ++lifecycle; });
    a.client->call<wire::CONNECT_DOMAIN_EVENT_REGISTER_ANY>({0});
    EXPECT_EQ(errorOf([&] { a.client->call<wire::CONNECT_DOMAIN_EVENT_REGISTER_ANY>({0}); }).code(),
              ErrorCode::InternalError);
    auto test = a.client->call<wire::DOMAIN_LOOKUP_BY_NAME>({"test"}).dom;
    a.client->call<wire::DOMAIN_SUSPEND>({test});
    EXPECT_TRUE(eventually([&] { return lifecycle == 1; }));
    a.client->call<wire::CONNECT_DOMAIN_EVENT_DEREGISTER_ANY>({0});
    a.client->call<wire::DOMAIN_RESUME>({test});
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(lifecycle, 1);
}

// ---- other transports -------------------------------------------------------------

TEST(CvirtdTransport, TcpWithListen) {
    uint16_t port = freeTcpPort();
    CvirtdProcess d({.config = "listen_tls = 0\nlisten_tcp = 1\nauth_tcp = \"none\"\nlisten_addr = \"127.0.0.1\"\n"
                               "tcp_port = \"" + std::to_string(port) + "\"\n",
                     .args = {"--listen"}});
    auto conn = Connection::open("test+tcp://127.0.0.1:" + std::to_string(port) + "/default");
    EXPECT_EQ(conn.lookupDomainByName("test").id(), 1);
    EXPECT_FALSE(conn.isSecure());  // plain TCP
}

TEST(CvirtdTransport, NoTcpWithoutListen) {
    uint16_t port = freeTcpPort();
    CvirtdProcess d({.config = "listen_tls = 0\nlisten_tcp = 1\nauth_tcp = \"none\"\nlisten_addr = \"127.0.0.1\"\n"
                               "tcp_port = \"" + std::to_string(port) + "\"\n"});
    Error e = errorOf([&] { Connection::open("test+tcp://127.0.0.1:" + std::to_string(port) + "/default"); });
    EXPECT_EQ(e.code(), ErrorCode::SystemError);
}

// ssh's place is taken by a script that runs the remote command locally,
// and netcat's by a small bridge, as libvirt's ssh transport would use them.
TEST(CvirtdTransport, SshPipeConvention) {
    CvirtdProcess d;
    TempDir tools;
    writeFileAtomic(tools.file("fake-ssh"), R"(#!/bin/sh
# Records its arguments, then runs what follows "--" as ssh would on the host.
echo "$@" > "$(dirname "$0")/ssh-args"
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do shift; done
shift
exec sh -c "$*"
)",
                    0755);
    writeFileAtomic(tools.file("bridge"), R"(#!/usr/bin/python3
# nc -U SOCKET: stdin to the socket, the socket to stdout.
import os, socket, sys, threading
if "-U" not in sys.argv:
    sys.exit(0)
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[sys.argv.index("-U") + 1])
def pump():
    while True:
        data = os.read(0, 65536)
        if not data:
            s.shutdown(socket.SHUT_WR)
            return
        s.sendall(data)
threading.Thread(target=pump, daemon=True).start()
while True:
    data = s.recv(65536)
    if not data:
        break
    os.write(1, data)
)",
                    0755);
    auto conn = Connection::open("test+ssh://joe@example.invalid:2222/default?command=" + tools.file("fake-ssh") +
                                 "&netcat=" + tools.file("bridge") + "&socket=" + d.socket());
    EXPECT_EQ(conn.lookupDomainByName("test").id(), 1);
    std::string args = readFile(tools.file("ssh-args"));
    EXPECT_NE(args.find("-p 2222 -l joe -T -e none example.invalid --"), std::string::npos) << args;
    EXPECT_NE(args.find(d.socket()), std::string::npos) << args;
}

// ---- the daemon's life -------------------------------------------------------------

TEST(CvirtdProcessLife, SecondDaemonOnTheSameRootRefuses) {
    CvirtdProcess d;
    auto second = d.runAnother({});
    EXPECT_EQ(second.status.code(), 1);
    EXPECT_NE(second.err.find("pid file"), std::string::npos) << second.err;
    EXPECT_TRUE(socketAnswers(d.socket()));
}

TEST(CvirtdProcessLife, SigtermShutsDownCleanly) {
    CvirtdProcess d;
    auto conn = Connection::open(d.uri());
    auto status = d.stop();
    ASSERT_TRUE(status);
    EXPECT_EQ(status->code(), 0) << d.output();
    EXPECT_FALSE(fileExists(d.socket()));
    EXPECT_FALSE(fileExists(d.roSocket()));
    EXPECT_FALSE(fileExists(d.root() + "/run/cvirt/cvirtd.pid"));
    EXPECT_TRUE(eventually([&] { return !conn.isAlive(); }));
}

TEST(CvirtdProcessLife, SighupReloadsWithoutDroppingClients) {
    CvirtdProcess d;
    auto conn = Connection::open(d.uri());
    writeFileAtomic(d.root() + "/etc/cvirt/cvirtd.conf", "log_level = 2\nmax_client_requests = 10\n", 0644);
    ::kill(d.pid(), SIGHUP);
    EXPECT_TRUE(eventually([&] { return d.output().find("reloaded") != std::string::npos; })) << d.output();
    EXPECT_EQ(conn.lookupDomainByName("test").id(), 1);
    // A broken file is reported and the running configuration kept.
    writeFileAtomic(d.root() + "/etc/cvirt/cvirtd.conf", "max_clients = \"many\"\n", 0644);
    ::kill(d.pid(), SIGHUP);
    EXPECT_TRUE(eventually([&] { return d.output().find("reload failed") != std::string::npos; })) << d.output();
    EXPECT_EQ(conn.lookupDomainByName("test").id(), 1);
    EXPECT_TRUE(d.process().running());
}

TEST(CvirtdProcessLife, IdleTimeout) {
    CvirtdProcess d({.args = {"--timeout", "2"}});
    {
        // A connected client keeps it alive past the timeout.
        auto conn = Connection::open(d.uri());
        std::this_thread::sleep_for(3500ms);
        EXPECT_EQ(conn.lookupDomainByName("test").id(), 1);
    }
    auto status = d.process().waitFor(15s);
    ASSERT_TRUE(status) << "still running after the idle timeout";
    EXPECT_EQ(status->code(), 0);
}

TEST(CvirtdProcessLife, DaemonizeReturnsOnceListening) {
    TempDir root;
    Command c;
    c.argv = {binPath("cvirtd"), "--root", root.path(), "-d"};
    auto r = run(c);
    EXPECT_EQ(r.status.code(), 0) << r.err;
    // Listening by the time the parent exits: no polling needed.
    std::string socket = root.path() + "/run/cvirt/libvirt-sock";
    EXPECT_TRUE(socketAnswers(socket));
    auto pid = PidFile::readLive(root.path() + "/run/cvirt/cvirtd.pid");
    ASSERT_TRUE(pid);
    ::kill(*pid, SIGTERM);
    EXPECT_TRUE(eventually([&] { return ::kill(*pid, 0) != 0; }, 20s));
    EXPECT_FALSE(fileExists(socket));
}

TEST(CvirtdProcessLife, DaemonizeReportsAFailedStart) {
    TempDir root;
    makeDirectories(root.path() + "/etc/cvirt");
    writeFileAtomic(root.path() + "/etc/cvirt/cvirtd.conf", "\nbogus_key = 1\n", 0644);
    Command c;
    c.argv = {binPath("cvirtd"), "--root", root.path(), "-d"};
    auto r = run(c);
    EXPECT_EQ(r.status.code(), 1);
    EXPECT_NE(r.err.find("cvirtd.conf:2"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("bogus_key"), std::string::npos) << r.err;
}

TEST(CvirtdProcessLife, BadConfigNamesFileLineAndKey) {
    CvirtdProcess d({.config = "listen_tcp = 1\nmax_workers = \"lots\"\n", .waitReady = false});
    auto status = d.process().waitFor(20s);
    ASSERT_TRUE(status);
    EXPECT_EQ(status->code(), 1);
    EXPECT_NE(d.output().find("cvirtd.conf:2: expected an integer for 'max_workers' parameter"), std::string::npos)
        << d.output();
}

TEST(CvirtdProcessLife, VersionAndHelp) {
    Command c;
    c.argv = {binPath("cvirtd"), "--version"};
    auto v = run(c);
    EXPECT_EQ(v.status.code(), 0);
    EXPECT_TRUE(v.out.starts_with("cvirtd (cvirt) ")) << v.out;
    c.argv = {binPath("cvirtd"), "-h"};
    auto h = run(c);
    EXPECT_EQ(h.status.code(), 0);
    EXPECT_NE(h.out.find("--timeout"), std::string::npos);
    c.argv = {binPath("cvirtd"), "--frobnicate"};
    auto bad = run(c);
    EXPECT_EQ(bad.status.code(), 1);
    EXPECT_NE(bad.err.find("unrecognized option '--frobnicate'"), std::string::npos) << bad.err;
}

TEST(CvirtdProcessLife, SocketPermissionsAndDirFromConfig) {
    TempDir socks;
    CvirtdProcess d({.config = "unix_sock_dir = \"" + socks.path() + "\"\nunix_sock_rw_perms = \"0770\"\n"
                               "unix_sock_ro_perms = \"0777\"\n",
                     .waitReady = false});
    ASSERT_TRUE(eventually([&] { return socketAnswers(socks.file("libvirt-sock")); }, 30s)) << d.output();
    struct stat st {};
    ASSERT_EQ(::stat(socks.file("libvirt-sock").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0770u);
    ASSERT_EQ(::stat(socks.file("libvirt-sock-ro").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0777u);
    auto conn = Connection::open("test+unix:///default?socket=" + socks.file("libvirt-sock"));
    EXPECT_EQ(conn.type(), "TEST");
}

}  // namespace
}  // namespace cvirt::test
