#pragma once
// Internal: Stream implementations over asio sockets and pipe descriptors.

#include <asio.hpp>

#include "rpc/stream.hpp"

namespace cvirt::rpc::detail {

template <typename Socket>
class SocketStream final : public Stream {
public:
    SocketStream(Socket socket, StreamInfo info) : socket_(std::move(socket)), info_(std::move(info)) {}

    void asyncReadSome(std::span<uint8_t> buffer, Handler done) override {
        socket_.async_read_some(asio::buffer(buffer.data(), buffer.size()), std::move(done));
    }
    void asyncWrite(std::span<const uint8_t> data, Handler done) override {
        asio::async_write(socket_, asio::buffer(data.data(), data.size()), std::move(done));
    }
    void close() override {
        std::error_code ignored;
        socket_.shutdown(asio::socket_base::shutdown_both, ignored);
        socket_.close(ignored);
    }
    const StreamInfo& info() const override { return info_; }

private:
    Socket socket_;
    StreamInfo info_;
};

// Reads from one descriptor and writes to another: a child's stdout and stdin.
class PipeStream final : public Stream {
public:
    PipeStream(asio::posix::stream_descriptor in, asio::posix::stream_descriptor out, StreamInfo info)
        : in_(std::move(in)), out_(std::move(out)), info_(std::move(info)) {}

    void asyncReadSome(std::span<uint8_t> buffer, Handler done) override {
        in_.async_read_some(asio::buffer(buffer.data(), buffer.size()), std::move(done));
    }
    void asyncWrite(std::span<const uint8_t> data, Handler done) override {
        asio::async_write(out_, asio::buffer(data.data(), data.size()), std::move(done));
    }
    void close() override {
        std::error_code ignored;
        in_.close(ignored);
        out_.close(ignored);
    }
    const StreamInfo& info() const override { return info_; }

private:
    asio::posix::stream_descriptor in_;
    asio::posix::stream_descriptor out_;
    StreamInfo info_;
};

StreamInfo unixStreamInfo(asio::local::stream_protocol::socket& socket, const std::string& path);
StreamInfo tcpStreamInfo(asio::ip::tcp::socket& socket);

}  // namespace cvirt::rpc::detail
