#pragma once
// A tiny pcap reader for the captured libvirt sessions: it pulls the TCP
// payload of each direction out of the capture and splits it into RPC
// packets, in the order their last byte was seen. Used by the capture tests
// and by the fuzz corpus builder.

#include <cstdint>
#include <string>
#include <vector>

#include "rpc/message.hpp"

namespace cvirt::rpc::rpctest {

struct CapturedPacket {
    bool fromClient = false;
    Packet packet;
};

// Throws std::runtime_error on a file that is not a pcap of TCP over
// Ethernet, Linux cooked, or raw IP. `serverPort` tells the directions apart.
std::vector<CapturedPacket> readCapture(const std::string& path, uint16_t serverPort = 16509);

}  // namespace cvirt::rpc::rpctest
