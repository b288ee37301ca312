// driver::Stream between a backend and its user: buffering, the end and
// failures in order, blocking and non-blocking reads, back-pressure, events,
// and the states libvirt's streams have.

#include <gtest/gtest.h>

#include <thread>

#include "driver/stream.hpp"

using namespace cvirt;
using namespace std::chrono_literals;
using driver::Stream;

namespace {

struct FakeBackend : driver::StreamBackend {
    std::string written;
    int finishes = 0, aborts = 0, resumes = 0;
    void write(std::span<const uint8_t> data) override { written.append(data.begin(), data.end()); }
    void finish() override { ++finishes; }
    void abort() override { ++aborts; }
    void resume() override { ++resumes; }
};

std::span<const uint8_t> bytes(std::string_view text) {
    return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

std::string recvText(Stream& st, size_t max = 64) {
    std::vector<uint8_t> buffer(max);
    long n = st.recv(buffer);
    return n > 0 ? std::string(buffer.begin(), buffer.begin() + n) : std::to_string(n);
}

}  // namespace

TEST(DriverStream, UnboundStreamIsNotSupported) {
    Stream st(0);
    try {
        st.send(bytes("x"));
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::NoSupport);
        EXPECT_EQ(e.domain(), ErrorDomain::Streams);
    }
    st.abort();  // no-op, as libvirt's
}

TEST(DriverStream, DataThenEndInOrder) {
    auto backend = std::make_shared<FakeBackend>();
    Stream st(flags::kStreamNonBlock);
    st.attach(backend);
    EXPECT_THROW(st.attach(backend), Error);
    EXPECT_EQ(recvText(st), std::to_string(Stream::kWouldBlock));
    EXPECT_TRUE(st.deliver(bytes("hello ")));
    EXPECT_TRUE(st.deliver(bytes("world")));
    st.deliverEnd();
    EXPECT_EQ(recvText(st, 3), "hel");
    EXPECT_EQ(recvText(st), "lo world");
    EXPECT_EQ(recvText(st), "0");
    EXPECT_EQ(st.send(bytes("typed")), 5u);
    EXPECT_EQ(backend->written, "typed");
    st.finish();
    EXPECT_EQ(backend->finishes, 1);
    EXPECT_THROW(st.send(bytes("late")), Error);
    st.abort();
    EXPECT_EQ(backend->aborts, 0);
}

TEST(DriverStream, ErrorAfterTheBufferedData) {
    auto backend = std::make_shared<FakeBackend>();
    Stream st(flags::kStreamNonBlock);
    st.attach(backend);
    st.deliver(bytes("last words"));
    st.deliverError(Error(ErrorCode::Rpc, ErrorDomain::Streams, "stream had I/O failure"));
    EXPECT_EQ(recvText(st), "last words");
    try {
        recvText(st);
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_EQ(e.message(), "stream had I/O failure");
    }
    EXPECT_THROW(st.finish(), Error);  // the failure, and the backend aborted
    EXPECT_EQ(backend->aborts, 1);
}

TEST(DriverStream, BlockingRecvWaitsAndCloseWakesIt) {
    auto backend = std::make_shared<FakeBackend>();
    Stream st(0);
    st.attach(backend);
    std::thread later([&] {
        std::this_thread::sleep_for(50ms);
        st.deliver(bytes("late"));
    });
    EXPECT_EQ(recvText(st), "late");
    later.join();
    std::thread closer([&] {
        std::this_thread::sleep_for(50ms);
        st.abort();
    });
    EXPECT_THROW(recvText(st), Error);  // not open any more
    closer.join();
    EXPECT_EQ(backend->aborts, 1);
}

TEST(DriverStream, FullBufferPausesTheBackendUntilDrained) {
    auto backend = std::make_shared<FakeBackend>();
    Stream st(flags::kStreamNonBlock);
    st.attach(backend);
    std::string chunk(64 * 1024, 'x');
    int delivered = 0;
    while (st.deliver(bytes(chunk)))
        ++delivered;
    EXPECT_EQ(delivered + 1, static_cast<int>(Stream::kReceiveBufferMax / chunk.size()));
    std::vector<uint8_t> buffer(chunk.size());
    while (st.recv(buffer) > 0 && backend->resumes == 0) {
    }
    EXPECT_EQ(backend->resumes, 1);
}

TEST(DriverStream, EventsReportWhatBecameTrue) {
    auto backend = std::make_shared<FakeBackend>();
    Stream st(flags::kStreamNonBlock);
    st.attach(backend);
    std::vector<int> seen;
    st.addEventCallback(stream_event::kReadable | stream_event::kHangup, [&](int events) { seen.push_back(events); });
    EXPECT_THROW(st.addEventCallback(stream_event::kReadable, [](int) {}), Error);
    st.deliver(bytes("x"));
    st.deliverEnd();
    EXPECT_EQ(seen, (std::vector<int>{stream_event::kReadable, stream_event::kReadable | stream_event::kHangup}));
    st.updateEventCallback(stream_event::kWritable);
    EXPECT_EQ(seen.back(), stream_event::kWritable);
    st.removeEventCallback();
    EXPECT_THROW(st.removeEventCallback(), Error);
}

TEST(DriverStream, DroppedOpenStreamAbortsItsBackend) {
    auto backend = std::make_shared<FakeBackend>();
    {
        Stream st(0);
        st.attach(backend);
    }
    EXPECT_EQ(backend->aborts, 1);
}
