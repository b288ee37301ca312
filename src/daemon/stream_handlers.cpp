// The REMOTE procedures that open a stream (DOMAIN_OPEN_CONSOLE), and the
// routing of the client's STREAM packets to the streams they opened
// (client_streams.hpp).

#include "daemon/client_session.hpp"
#include "daemon/remote_dispatcher.hpp"
#include "drivers/remote/wire_convert.hpp"
#include "rpc/remote_protocol.hpp"

namespace cvirt::daemon {

namespace {
namespace wire = rpc::remote;
using drivers::remote::fromWire;
}  // namespace

void RemoteDispatcher::addStreamHandlers() {
    using P = wire::DOMAIN_OPEN_CONSOLE;
    handleRaw(
        P::kProgram, P::kVersion, P::kNumber, P::kFlags, "virDomainOpenConsole",
        [](rpc::CallContext& call) -> std::vector<uint8_t> {
            auto args = rpc::decode<P::Args>(call.payload);
            ClientSession& session = sessionOf(call.client);
            Connection conn = session.connection();
            // Non-blocking: the channel reads whatever is there when told.
            Stream stream = conn.newStream(flags::kStreamNonBlock);
            conn.domain(fromWire<DomainRef>(args.dom)).openConsole(args.dev_name, stream, args.flags);
            auto channel = std::make_shared<StreamChannel>(call.client, rpc::StreamKey::of(call.header), stream);
            session.streams().add(channel);
            call.afterReply = [channel] { channel->start(); };
            return {};
        },
        ErrorDomain::Domain);
}

void RemoteDispatcher::streamPacket(rpc::ServerClient& client, rpc::Packet&& packet) {
    if (auto session = client.userDataAs<ClientSession>())
        session->streams().route(std::move(packet));
}

}  // namespace cvirt::daemon
