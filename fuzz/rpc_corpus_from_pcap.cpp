// Writes every RPC packet of the captured sessions into a directory, one
// file each: the seed corpus of rpc_packet_fuzz.
//
//   rpc_corpus_from_pcap <pcap dir> <corpus dir>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "pcap_reader.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: " << argv[0] << " <pcap dir> <corpus dir>\n";
        return 2;
    }
    namespace fs = std::filesystem;
    fs::create_directories(argv[2]);
    size_t written = 0;
    for (const auto& entry : fs::directory_iterator(argv[1])) {
        if (entry.path().extension() != ".pcap")
            continue;
        std::vector<cvirt::rpc::rpctest::CapturedPacket> packets;
        try {
            packets = cvirt::rpc::rpctest::readCapture(entry.path().string());
        } catch (const std::exception& e) {
            std::cerr << entry.path() << ": " << e.what() << "\n";
            return 1;
        }
        size_t index = 0;
        for (const auto& p : packets) {
            auto bytes = cvirt::rpc::encodePacket(p.packet.header, p.packet.payload);
            auto name = fs::path(argv[2]) / (entry.path().stem().string() + "-" + std::to_string(index++));
            std::ofstream out(name, std::ios::binary);
            out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
            ++written;
        }
    }
    std::cout << "rpc corpus: " << written << " packets\n";
    return written ? 0 : 1;
}
