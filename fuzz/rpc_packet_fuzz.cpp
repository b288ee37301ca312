// libFuzzer target: untrusted bytes from a peer, through everything that
// decodes them.
//
// The input is read two ways. As a byte stream: it is split into packets
// and each packet's payload is decoded the way the header says (CALL args,
// REPLY ret or remote_error, event MESSAGE, STREAM data, end or error). As a direct probe: the first two
// bytes pick one declared procedure and whether to decode its args or ret,
// the rest is the payload. Whatever decodes must re-encode to bytes that
// decode to the same encoding again; anything else must fail with the RPC
// decode error, never crash, hang or allocate past the input's size.

#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "rpc/message.hpp"
#include "rpc/remote_protocol.hpp"
#include "rpc/stream_channel.hpp"
#include "rpc/wire_error.hpp"

using namespace cvirt;
using namespace cvirt::rpc;

namespace {

using RoundTrip = std::vector<uint8_t> (*)(std::span<const uint8_t>);

void checkStable(RoundTrip roundTrip, std::span<const uint8_t> payload) {
    std::vector<uint8_t> once;
    try {
        once = roundTrip(payload);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::Rpc)
            std::abort();
        return;
    }
    // A value we produced must always decode, to the same bytes.
    if (roundTrip(once) != once)
        std::abort();
}

std::vector<uint8_t> errorRoundTrip(std::span<const uint8_t> payload) {
    auto wire = decode<WireError>(payload);
    (void)fromWireError(wire);
    return encode(wire);
}

void checkPacket(const Packet& packet) {
    const Header& h = packet.header;
    (void)describe(h);
    if (h.type == MessageType::Stream || h.type == MessageType::StreamHole) {
        try {
            (void)decodeStreamPacket(Packet(packet));
        } catch (const Error& e) {
            if (e.code() != ErrorCode::Rpc)
                std::abort();
        }
    }
    if (h.status == MessageStatus::Error) {
        checkStable(&errorRoundTrip, packet.payload);
        return;
    }
    if (h.program != kRemoteProgram)
        return;
    const ProcedureInfo* info = remote::procedureInfo(h.procedure);
    if (!info || !info->typed)
        return;
    checkStable(h.type == MessageType::Reply ? info->retRoundTrip : info->argsRoundTrip, packet.payload);
    try {
        (void)(h.type == MessageType::Reply ? info->retText : info->argsText)(packet.payload);
    } catch (const Error&) {
    }
}

const std::vector<const ProcedureInfo*>& typedProcedures() {
    static const std::vector<const ProcedureInfo*> all = [] {
        std::vector<const ProcedureInfo*> out;
        for (const auto& info : remote::allProcedures())
            if (info.typed)
                out.push_back(&info);
        return out;
    }();
    return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::span<const uint8_t> input(data, size);

    PacketSplitter splitter;
    splitter.feed(input);
    try {
        while (auto packet = splitter.next()) {
            // What we parsed must frame back to the bytes it came from.
            auto bytes = encodePacket(packet->header, packet->payload);
            if (decodePacket(bytes).payload != packet->payload)
                std::abort();
            checkPacket(*packet);
        }
    } catch (const Error& e) {
        if (e.code() != ErrorCode::Rpc)
            std::abort();
    }

    if (size >= 2) {
        const auto& procs = typedProcedures();
        const ProcedureInfo* info = procs[data[0] % procs.size()];
        bool ret = data[1] & 1;
        checkStable(ret ? info->retRoundTrip : info->argsRoundTrip, input.subspan(2));
        if (data[1] & 2)
            checkStable(&errorRoundTrip, input.subspan(2));
    }
    return 0;
}
