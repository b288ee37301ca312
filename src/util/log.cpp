#include "util/log.hpp"

#include <fcntl.h>
#include <sys/syscall.h>
#include <syslog.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace cvirt::log {
namespace {

[[noreturn]] void syntax(std::string_view what, std::string_view entry) {
    fail(ErrorCode::ConfSyntax, ErrorDomain::Logging, "{} '{}'", what, entry);
}

// '*' matches any run of characters.
bool globMatch(std::string_view pattern, std::string_view text) {
    size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

std::string timestamp() {
    auto now = std::chrono::system_clock::now();
    auto secs = std::chrono::system_clock::to_time_t(now);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return fmt::format("{}.{:03d}+0000", buf, ms);
}

}  // namespace

Level parseLevel(std::string_view text) {
    auto n = parseInt<int>(trim(text));
    if (!n || *n < 1 || *n > 4)
        syntax("Invalid log level", text);
    return static_cast<Level>(*n);
}

std::string_view levelName(Level level) {
    switch (level) {
    case Level::Debug: return "debug";
    case Level::Info: return "info";
    case Level::Warning: return "warning";
    case Level::Error: return "error";
    }
    return "unknown";
}

std::vector<Filter> parseFilters(std::string_view text) {
    std::vector<Filter> out;
    for (const auto& entry : split(text, " \t\n")) {
        auto colon = entry.find(':');
        if (colon == std::string::npos || colon + 1 >= entry.size())
            syntax("Malformed format for filter", entry);
        std::string name = entry.substr(colon + 1);
        if (name.front() == '+')
            name.erase(0, 1);
        if (name.empty())
            syntax("Malformed format for filter", entry);
        out.push_back({name, parseLevel(std::string_view(entry).substr(0, colon))});
    }
    return out;
}

std::vector<Output> parseOutputs(std::string_view text) {
    std::vector<Output> out;
    for (const auto& entry : split(text, " \t\n")) {
        auto parts = split(entry, ":", false);
        if (parts.size() < 2)
            syntax("Malformed format for output", entry);
        Output o{parseLevel(parts[0]), Output::Kind::Stderr, {}};
        const auto& kind = parts[1];
        if (kind == "stderr" && parts.size() == 2) {
            o.kind = Output::Kind::Stderr;
        } else if (kind == "journald" && parts.size() == 2) {
            o.kind = Output::Kind::Journald;
        } else if (kind == "file" && parts.size() >= 3) {
            o.kind = Output::Kind::File;
            // A path may itself contain ':'.
            o.target = entry.substr(parts[0].size() + parts[1].size() + 2);
            if (o.target.empty() || o.target.front() != '/')
                syntax("Log file path must be absolute in output", entry);
        } else if (kind == "syslog" && parts.size() == 3 && !parts[2].empty()) {
            o.kind = Output::Kind::Syslog;
            o.target = parts[2];
        } else {
            syntax("Malformed format for output", entry);
        }
        out.push_back(std::move(o));
    }
    return out;
}

bool filterMatches(std::string_view pattern, std::string_view source) {
    std::string wrapped;
    wrapped.reserve(pattern.size() + 2);
    if (!pattern.starts_with('*'))
        wrapped += '*';
    wrapped += pattern;
    if (!pattern.ends_with('*'))
        wrapped += '*';
    return globMatch(wrapped, source);
}

struct Logger::Sink {
    Output output;
    int fd = -1;
    bool own_fd = false;
    ~Sink() {
        if (own_fd && fd >= 0)
            ::close(fd);
    }
};

Logger::Logger() : level_(static_cast<int>(Level::Warning)) {
    auto sink = std::make_unique<Sink>();
    sink->output = {Level::Debug, Output::Kind::Stderr, {}};
    sink->fd = STDERR_FILENO;
    sinks_.push_back(std::move(sink));
}

Logger::~Logger() = default;

void Logger::setLevel(Level level) { level_.store(static_cast<int>(level), std::memory_order_relaxed); }

void Logger::setFilters(std::vector<Filter> filters) {
    std::lock_guard lock(mutex_);
    filters_ = std::move(filters);
    have_filters_.store(!filters_.empty(), std::memory_order_release);
}

void Logger::setOutputs(std::vector<Output> outputs) {
    std::vector<std::unique_ptr<Sink>> sinks;
    for (auto& o : outputs) {
        auto sink = std::make_unique<Sink>();
        sink->output = o;
        switch (o.kind) {
        case Output::Kind::Stderr:
        case Output::Kind::Journald:  // no journald here: stderr is what the journal reads
            sink->fd = STDERR_FILENO;
            break;
        case Output::Kind::File:
            sink->fd = ::open(o.target.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
            if (sink->fd < 0)
                failSystem(ErrorDomain::Logging, fmt::format("failed to open {}", o.target));
            sink->own_fd = true;
            break;
        case Output::Kind::Syslog:
            openlog(sink->output.target.c_str(), LOG_PID, LOG_DAEMON);
            break;
        }
        sinks.push_back(std::move(sink));
    }
    std::lock_guard lock(mutex_);
    sinks_ = std::move(sinks);
}

bool Logger::enabled(std::string_view source, Level level) const {
    if (have_filters_.load(std::memory_order_acquire)) {
        std::lock_guard lock(mutex_);
        for (const auto& f : filters_)
            if (filterMatches(f.pattern, source))
                return level >= f.level;
    }
    return static_cast<int>(level) >= level_.load(std::memory_order_relaxed);
}

void Logger::write(std::string_view source, Level level, std::string_view message) {
    std::string line = fmt::format("{}: {}: {} : {} : {}\n", timestamp(),
                                   static_cast<long>(::syscall(SYS_gettid)), levelName(level),
                                   source, message);
    std::lock_guard lock(mutex_);
    for (const auto& sink : sinks_) {
        if (level < sink->output.level)
            continue;
        if (sink->output.kind == Output::Kind::Syslog) {
            int prio = level == Level::Error ? LOG_ERR : level == Level::Warning ? LOG_WARNING
                       : level == Level::Info ? LOG_INFO : LOG_DEBUG;
            ::syslog(prio, "%.*s", static_cast<int>(message.size()), message.data());
            continue;
        }
        // Best effort: a full disk must not take the caller down.
        [[maybe_unused]] auto n = ::write(sink->fd, line.data(), line.size());
    }
}

void Logger::configureFromEnvironment() {
    auto env = [](const char* ours, const char* theirs) -> const char* {
        if (const char* v = std::getenv(ours); v && *v)
            return v;
        const char* v = std::getenv(theirs);
        return v && *v ? v : nullptr;
    };
    try {
        if (const char* v = env("CVIRT_DEBUG", "LIBVIRT_DEBUG"))
            setLevel(parseLevel(v));
        if (const char* v = env("CVIRT_LOG_FILTERS", "LIBVIRT_LOG_FILTERS"))
            setFilters(parseFilters(v));
        if (const char* v = env("CVIRT_LOG_OUTPUTS", "LIBVIRT_LOG_OUTPUTS"))
            setOutputs(parseOutputs(v));
    } catch (const Error& e) {
        fmt::print(stderr, "cvirt: ignoring logging settings from the environment: {}\n", e.message());
    }
}

Logger& logger() {
    static Logger instance;
    return instance;
}

}  // namespace cvirt::log
