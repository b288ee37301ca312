#include "pcap_reader.hpp"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace cvirt::rpc::rpctest {

namespace {

class Bytes {
public:
    Bytes(const std::vector<uint8_t>& data, bool littleEndian) : data_(data), little_(littleEndian) {}
    uint32_t u32(size_t at) const {
        need(at, 4);
        const uint8_t* p = data_.data() + at;
        return little_ ? uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24
                       : uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
    }
    void need(size_t at, size_t n) const {
        if (at + n > data_.size())
            throw std::runtime_error("pcap truncated");
    }

private:
    const std::vector<uint8_t>& data_;
    bool little_;
};

uint16_t be16(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }

}  // namespace

std::vector<CapturedPacket> readCapture(const std::string& path, uint16_t serverPort) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    std::vector<uint8_t> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (data.size() < 24)
        throw std::runtime_error("not a pcap: " + path);
    uint32_t magic = uint32_t(data[0]) | uint32_t(data[1]) << 8 | uint32_t(data[2]) << 16 | uint32_t(data[3]) << 24;
    bool little;
    if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d)
        little = true;
    else if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1)
        little = false;
    else
        throw std::runtime_error("not a pcap: " + path);
    Bytes bytes(data, little);
    uint32_t linkType = bytes.u32(20);
    size_t linkHeader;
    switch (linkType) {
    case 1: linkHeader = 14; break;     // Ethernet
    case 113: linkHeader = 16; break;   // Linux cooked
    case 101: linkHeader = 0; break;    // raw IP
    case 0: linkHeader = 4; break;      // BSD loopback
    default: throw std::runtime_error("unsupported pcap link type " + std::to_string(linkType));
    }

    PacketSplitter streams[2];  // [0] server->client, [1] client->server
    std::vector<CapturedPacket> out;
    size_t at = 24;
    while (at + 16 <= data.size()) {
        uint32_t captured = bytes.u32(at + 8);
        at += 16;
        bytes.need(at, captured);
        const uint8_t* frame = data.data() + at;
        at += captured;
        if (captured < linkHeader + 20)
            continue;
        const uint8_t* ip = frame + linkHeader;
        size_t ipLength = captured - linkHeader;
        size_t ipHeader;
        int protocol;
        if ((ip[0] >> 4) == 4) {
            ipHeader = (ip[0] & 0x0f) * 4u;
            protocol = ip[9];
            ipLength = std::min<size_t>(ipLength, be16(ip + 2));
        } else if ((ip[0] >> 4) == 6) {
            ipHeader = 40;
            protocol = ip[6];
            ipLength = std::min<size_t>(ipLength, 40u + be16(ip + 4));
        } else {
            continue;
        }
        if (protocol != 6 || ipLength < ipHeader + 20)
            continue;
        const uint8_t* tcp = ip + ipHeader;
        size_t tcpHeader = (tcp[12] >> 4) * 4u;
        if (ipLength < ipHeader + tcpHeader)
            continue;
        size_t payloadSize = ipLength - ipHeader - tcpHeader;
        if (payloadSize == 0)
            continue;
        bool fromClient = be16(tcp + 2) == serverPort;
        auto& splitter = streams[fromClient ? 1 : 0];
        splitter.feed(std::span<const uint8_t>(tcp + tcpHeader, payloadSize));
        while (auto packet = splitter.next())
            out.push_back({fromClient, std::move(*packet)});
    }
    return out;
}

}  // namespace cvirt::rpc::rpctest
