// Consoles: a guest's pty joined to a stream, bytes pumped both ways on the
// driver's I/O thread.
#include "drivers/qemu/console.hpp"

#include <fcntl.h>
#include <termios.h>

#include <array>
#include <atomic>
#include <deque>

#include <asio/post.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <asio/write.hpp>

#include "drivers/qemu/qemu_driver.hpp"
#include "util/fd.hpp"
#include "util/log.hpp"

namespace cvirt::qemu {

using conf::domain::Chardev;
using conf::domain::ChardevType;

namespace {

constexpr std::string_view kLog = "qemu.console";

}  // namespace

// One open pty. Reads, writes and closing run on the driver's I/O thread;
// write(), finish(), abort() and resume() may come from any thread.
class PtyStream : public driver::StreamBackend, public std::enable_shared_from_this<PtyStream> {
public:
    PtyStream(asio::io_context& io, UniqueFd fd, std::weak_ptr<driver::Stream> stream)
        : io_(io), fd_(io, fd.release()), stream_(std::move(stream)) {}

    void start() {
        asio::post(io_, [self = shared_from_this()] { self->readMore(); });
    }

    bool isOpen() const { return !closed_; }

    void write(std::span<const uint8_t> data) override {
        if (closed_)
            throw Error(ErrorCode::InternalError, ErrorDomain::Streams, "stream is not open");
        {
            std::lock_guard lock(mutex_);
            pending_.emplace_back(data.begin(), data.end());
        }
        asio::post(io_, [self = shared_from_this()] { self->flush(); });
    }

    // Closes once what was written went to the pty.
    void finish() override {
        asio::post(io_, [self = shared_from_this()] {
            self->finishing_ = true;
            self->flush();
        });
    }

    void abort() override {
        closed_ = true;
        asio::post(io_, [self = shared_from_this()] { self->closeNow(); });
    }

    void resume() override {
        asio::post(io_, [self = shared_from_this()] {
            self->paused_ = false;
            self->readMore();
        });
    }

    // Another stream took the pty over (a forced console): this one fails
    // as libvirtd reports it.
    void takeOver() {
        closed_ = true;
        asio::post(io_, [self = shared_from_this()] {
            if (auto stream = self->stream_.lock())
                stream->deliverError(Error(ErrorCode::Rpc, ErrorDomain::Streams, "stream had I/O failure"));
            self->closeNow();
        });
    }

private:
    void readMore() {
        if (reading_ || paused_ || closed_)
            return;
        reading_ = true;
        fd_.async_read_some(asio::buffer(buffer_), [self = shared_from_this()](std::error_code ec, size_t n) {
            self->reading_ = false;
            if (self->closed_)
                return;
            auto stream = self->stream_.lock();
            if (!stream) {
                self->closeNow();
                return;
            }
            if (ec) {
                // EIO: QEMU closed the pty's master side; the guest is gone.
                if (ec == asio::error::eof || ec.value() == EIO)
                    stream->deliverEnd();
                else
                    stream->deliverError(Error::system(ErrorDomain::Streams, ec.value(), "cannot read from stream"));
                self->closeNow();
                return;
            }
            if (!stream->deliver(std::span<const uint8_t>(self->buffer_.data(), n))) {
                self->paused_ = true;
                return;
            }
            self->readMore();
        });
    }

    void flush() {
        if (writing_ || closed_)
            return;
        {
            std::lock_guard lock(mutex_);
            if (pending_.empty()) {
                if (finishing_)
                    closeNow();
                return;
            }
            writingNow_ = std::move(pending_.front());
            pending_.pop_front();
        }
        writing_ = true;
        asio::async_write(fd_, asio::buffer(writingNow_), [self = shared_from_this()](std::error_code ec, size_t) {
            self->writing_ = false;
            if (self->closed_)
                return;
            if (ec) {
                if (auto stream = self->stream_.lock())
                    stream->deliverError(Error::system(ErrorDomain::Streams, ec.value(), "cannot write to stream"));
                self->closeNow();
                return;
            }
            self->flush();
        });
    }

    void closeNow() {
        closed_ = true;
        std::error_code ignored;
        fd_.close(ignored);
    }

    asio::io_context& io_;
    asio::posix::stream_descriptor fd_;
    std::weak_ptr<driver::Stream> stream_;
    std::atomic<bool> closed_{false};
    std::mutex mutex_;  // guards pending_
    std::deque<std::vector<uint8_t>> pending_;
    // I/O thread only.
    std::array<uint8_t, 4096> buffer_{};
    std::vector<uint8_t> writingNow_;
    bool reading_ = false;
    bool writing_ = false;
    bool paused_ = false;
    bool finishing_ = false;
};

void ConsoleSessions::open(asio::io_context& io, const std::string& path,
                           const std::shared_ptr<driver::Stream>& stream, bool force) {
    std::lock_guard lock(mutex_);
    auto held = held_[path].lock();
    if (held && held->isOpen()) {
        if (!force)
            fail(ErrorCode::OperationFailed, ErrorDomain::Qemu, "{}", "Active console session exists for this domain");
        held->takeOver();
    }
    UniqueFd fd(::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
    if (!fd)
        failSystem(ErrorDomain::Streams, fmt::format("Unable to open stream for '{}'", path));
    // Raw, as libvirt sets it: the guest's bytes pass unchanged.
    termios attrs{};
    if (::tcgetattr(fd.get(), &attrs) < 0)
        failSystem(ErrorDomain::Streams, "unable to get tty attributes");
    ::cfmakeraw(&attrs);
    if (::tcsetattr(fd.get(), TCSANOW, &attrs) < 0)
        failSystem(ErrorDomain::Streams, "unable to set tty attributes");
    auto backend = std::make_shared<PtyStream>(io, std::move(fd), stream);
    stream->attach(backend);
    held_[path] = backend;
    backend->start();
    CVIRT_DEBUG(kLog, "console on {}", path);
}

void recordPtyPaths(conf::domain::Domain& def, QmpClient& monitor) {
    std::map<std::string, std::string> ptys;  // chardev id -> pty
    try {
        for (const auto& chardev : monitor.execute("query-chardev")) {
            std::string file = chardev.value("filename", "");
            if (file.starts_with("pty:"))
                ptys[chardev.value("label", "")] = file.substr(4);
        }
    } catch (const std::exception& e) {
        // The guest runs on; only its consoles cannot be reached.
        CVIRT_WARN(kLog, "domain '{}': cannot find its ptys: {}", def.name, e.what());
        return;
    }
    auto& devices = def.devices;
    for (auto* list : {&devices.serials, &devices.parallels, &devices.channels, &devices.consoles}) {
        for (auto& chr : *list) {
            if (chr.source.type != ChardevType::Pty || chr.info.alias.empty())
                continue;
            auto it = ptys.find("char" + chr.info.alias);
            if (it != ptys.end())
                chr.source.path = it->second;
        }
    }
}

std::optional<Chardev> consoleDevice(const conf::domain::Domain& def, const std::optional<std::string>& devname) {
    const auto& d = def.devices;
    bool hvm = def.os.type == conf::domain::OsType::Hvm;
    if (!devname) {
        if (!d.consoles.empty())
            return conf::domain::consoleForFormat(d.serials, d.consoles, 0, hvm);
        if (!d.serials.empty())
            return d.serials.front();
        return std::nullopt;
    }
    for (size_t i = 0; i < d.consoles.size(); ++i) {
        auto console = conf::domain::consoleForFormat(d.serials, d.consoles, i, hvm);
        if (console.info.alias == *devname)
            return console;
    }
    for (const auto* list : {&d.serials, &d.parallels})
        for (const auto& chr : *list)
            if (chr.info.alias == *devname)
                return chr;
    return std::nullopt;
}

void QemuDriver::openConsole(const DomainRef& ref, const std::optional<std::string>& devname,
                             const std::shared_ptr<driver::Stream>& stream, unsigned flags) {
    if (unsigned unknown = flags & ~(cvirt::flags::kConsoleForce | cvirt::flags::kConsoleSafe))
        fail(ErrorCode::InvalidArg, ErrorDomain::Qemu, "unsupported flags (0x{:x}) in function qemuDomainOpenConsole",
             unknown);
    auto obj = find(ref);
    std::shared_ptr<const Domain> def;
    std::shared_ptr<ConsoleSessions> sessions;
    {
        std::lock_guard lock(obj->mutex);
        if (!obj->active())
            fail(ErrorCode::OperationInvalid, ErrorDomain::Qemu, "{}", "domain is not running");
        def = obj->liveDef;
        if (!obj->consoles)
            obj->consoles = std::make_shared<ConsoleSessions>();
        sessions = obj->consoles;
    }
    auto chr = consoleDevice(*def, devname);
    if (!chr)
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "cannot find character device {}",
             devname.value_or("<null>"));
    if (chr->source.type != ChardevType::Pty)
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "character device {} is not using a PTY",
             devname ? *devname : (chr->info.alias.empty() ? std::string("<null>") : chr->info.alias));
    if (!chr->source.path)
        fail(ErrorCode::OperationFailed, ErrorDomain::Qemu, "{}", "PTY device is not yet assigned");
    sessions->open(io_, *chr->source.path, stream, flags & cvirt::flags::kConsoleForce);
}

}  // namespace cvirt::qemu
