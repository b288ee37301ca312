#pragma once
// A data stream (libvirt's virStream): made by Connection::newStream, bound
// by the call that opens it (Domain::openConsole), then written with send()
// and read with recv() until finish() or abort().
//
//   auto st = conn.newStream();
//   dom.openConsole(std::nullopt, st);
//   std::array<uint8_t, 4096> buf;
//   while (long n = st.recv(buf)) ...   // 0: the guest's side ended
//   st.finish();
//
// Handles share the stream; a stream no handle refers to any more is
// aborted. Failures throw cvirt::Error, as every call of the API.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string_view>

namespace cvirt {

class Connection;
class Domain;
namespace driver {
class Stream;
}
namespace detail {
struct ConnectionState;
}

class Stream {
public:
    // What recv() returns in non-blocking mode when nothing arrived yet.
    static constexpr long kWouldBlock = -2;

    Connection connection() const;
    unsigned flags() const;

    // Sends all of `data` (never blocks: the bytes are queued).
    size_t send(std::span<const uint8_t> data);
    size_t send(std::string_view text) {
        return send(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
    }
    // Up to buffer.size() bytes; 0 when the other side ended the stream;
    // kWouldBlock when opened with flags::kStreamNonBlock and nothing is
    // there. Throws the error the stream failed with.
    long recv(std::span<uint8_t> buffer);
    // Ends the stream in good order (virStreamFinish); over a daemon it
    // waits for the daemon's answer.
    void finish();
    // Drops the stream (virStreamAbort); harmless on a closed stream.
    void abort();

    // Events (stream_event::kReadable, ...) as virStreamEventAddCallback has
    // them. The callback runs on the stream's I/O thread: it must not block
    // and must not call finish().
    using EventCallback = std::function<void(int events)>;
    void addEventCallback(int events, EventCallback callback);
    void updateEventCallback(int events);
    void removeEventCallback();

private:
    friend class Connection;
    friend class Domain;
    Stream(std::shared_ptr<detail::ConnectionState> state, std::shared_ptr<driver::Stream> stream);
    std::shared_ptr<detail::ConnectionState> state_;
    std::shared_ptr<driver::Stream> stream_;
};

}  // namespace cvirt
