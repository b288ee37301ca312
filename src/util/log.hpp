#pragma once
// Logging with libvirt's configuration syntax.
//
//   log_level   1 debug, 2 info, 3 warning, 4 error: the default threshold
//   log_filters "1:qemu 3:remote 4:event": per-source thresholds; a filter
//               matches when its name (a glob, '*' allowed) occurs anywhere
//               in the source name, as libvirt matches; a leading '+' (stack
//               traces) is accepted and ignored
//   log_outputs "1:file:/path 3:stderr 2:journald": where records go and the
//               minimum level each output takes
//
// The environment configures it (CVIRT_LOG_* first, then LIBVIRT_LOG_*,
// CVIRT_DEBUG / LIBVIRT_DEBUG for the level); cvirtd.conf later overrides.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace cvirt::log {

enum class Level : int { Debug = 1, Info = 2, Warning = 3, Error = 4 };

struct Filter {
    std::string pattern;
    Level level;
    bool operator==(const Filter&) const = default;
};

struct Output {
    enum class Kind { Stderr, File, Syslog, Journald };
    Level level;
    Kind kind;
    std::string target;  // file path or syslog ident
    bool operator==(const Output&) const = default;
};

// Parsers for the three settings; they throw cvirt::Error (CONF_SYNTAX)
// naming the bad entry.
Level parseLevel(std::string_view text);
std::vector<Filter> parseFilters(std::string_view text);
std::vector<Output> parseOutputs(std::string_view text);
std::string_view levelName(Level level);

// True when `pattern` (a '*' glob, implicitly wrapped in '*') matches source.
bool filterMatches(std::string_view pattern, std::string_view source);

class Logger {
public:
    Logger();
    ~Logger();
    void setLevel(Level level);
    void setFilters(std::vector<Filter> filters);
    // Throws when a file output cannot be opened; the previous outputs stay.
    void setOutputs(std::vector<Output> outputs);
    Level level() const { return static_cast<Level>(level_.load(std::memory_order_relaxed)); }

    bool enabled(std::string_view source, Level level) const;
    void write(std::string_view source, Level level, std::string_view message);

    // Applies CVIRT_/LIBVIRT_ environment settings; bad values are reported
    // on stderr and ignored, as libvirt does.
    void configureFromEnvironment();

private:
    struct Sink;
    std::atomic<int> level_;
    std::atomic<bool> have_filters_{false};
    mutable std::mutex mutex_;
    std::vector<Filter> filters_;
    std::vector<std::unique_ptr<Sink>> sinks_;
};

Logger& logger();

template <typename... Args>
void log(std::string_view source, Level level, fmt::format_string<Args...> format, Args&&... args) {
    auto& l = logger();
    if (l.enabled(source, level))
        l.write(source, level, fmt::format(format, std::forward<Args>(args)...));
}

#define CVIRT_LOG_AT(lvl, source, ...) ::cvirt::log::log(source, ::cvirt::log::Level::lvl, __VA_ARGS__)
#define CVIRT_DEBUG(source, ...) CVIRT_LOG_AT(Debug, source, __VA_ARGS__)
#define CVIRT_INFO(source, ...) CVIRT_LOG_AT(Info, source, __VA_ARGS__)
#define CVIRT_WARN(source, ...) CVIRT_LOG_AT(Warning, source, __VA_ARGS__)
#define CVIRT_ERROR(source, ...) CVIRT_LOG_AT(Error, source, __VA_ARGS__)

}  // namespace cvirt::log
