// Streams and the calls that open them.
#include "api/connection_state.hpp"
#include "cvirt/connection.hpp"
#include "driver/stream.hpp"

namespace cvirt {

Stream::Stream(std::shared_ptr<detail::ConnectionState> state, std::shared_ptr<driver::Stream> stream)
    : state_(std::move(state)), stream_(std::move(stream)) {}

Connection Stream::connection() const { return Connection(state_); }
unsigned Stream::flags() const { return stream_->flags(); }
size_t Stream::send(std::span<const uint8_t> data) { return stream_->send(data); }
long Stream::recv(std::span<uint8_t> buffer) { return stream_->recv(buffer); }
void Stream::finish() { stream_->finish(); }
void Stream::abort() { stream_->abort(); }
void Stream::addEventCallback(int events, EventCallback callback) {
    stream_->addEventCallback(events, std::move(callback));
}
void Stream::updateEventCallback(int events) { stream_->updateEventCallback(events); }
void Stream::removeEventCallback() { stream_->removeEventCallback(); }

Stream Connection::newStream(unsigned flags) const {
    if (flags & ~flags::kStreamNonBlock)
        fail(ErrorCode::InvalidArg, ErrorDomain::Streams, "unsupported flags (0x{:x}) in function virStreamNew",
             flags & ~flags::kStreamNonBlock);
    return Stream(state_, std::make_shared<driver::Stream>(flags));
}

void Domain::openConsole(const std::optional<std::string>& devname, Stream& stream, unsigned flags) {
    if (stream.state_ != state_)
        fail(ErrorCode::InvalidArg, ErrorDomain::Domain,
             "stream in virDomainOpenConsole must match connection of domain '{}'", name());
    state_->mutating("virDomainOpenConsole", ErrorDomain::Domain).domainOpenConsole(ref_, devname, stream.stream_, flags);
}

}  // namespace cvirt
