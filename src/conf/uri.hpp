#pragma once
// Connection URIs in libvirt's form:
//   driver[+transport]://[user@][host][:port]/[path][?query][#fragment]
// e.g. qemu:///system, qemu+ssh://root@host/system?keyfile=/k,
// test+tcp://[::1]:16509/default, qemu:///embed?root=/tmp/x.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cvirt::conf {

struct Uri {
    std::string scheme;       // "qemu+ssh": driver plus transport, as written
    std::string user;         // percent-decoded
    std::string host;         // without the brackets of an IPv6 literal
    std::optional<int> port;
    std::string path;         // percent-decoded, with its leading '/'
    std::vector<std::pair<std::string, std::string>> params;  // query, decoded, in order
    std::string fragment;

    // Throws Error(INVALID_ARG, VIR_FROM_URI) naming the text and what is wrong.
    static Uri parse(std::string_view text);
    // Back to text, percent-encoding what needs it; IPv6 hosts in brackets.
    std::string format() const;

    std::string driver() const;     // "qemu" of "qemu+ssh"
    std::string transport() const;  // "ssh" of "qemu+ssh"; "" when none
    // The value of the first query parameter of that name.
    std::optional<std::string> param(std::string_view name) const;
    bool isLocal() const { return host.empty(); }

    // The URI a remote client sends to the daemon: transport and the
    // client-side parameters (socket, no_verify, ...) removed, as libvirt's
    // remote driver does.
    std::string forServer() const;
};

// The transports libvirt knows.
bool isKnownTransport(std::string_view transport);

std::string percentDecode(std::string_view text);
std::string percentEncode(std::string_view text, std::string_view keep);

}  // namespace cvirt::conf
