// virsh's "Domain Events" commands: their declarations and handlers.

#include <signal.h>

#include <atomic>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <mutex>
#include <sys/time.h>

#include <fmt/format.h>

#include "cvirsh/commands/common.hpp"
#include "cvirsh/commands/groups.hpp"

namespace cvirt::shell {

namespace {

// Event type names in virDomainEventID order (libvirt 9.0 knows 27).
constexpr std::string_view kEventNames[] = {
    "lifecycle",       "reboot",        "rtc-change",          "watchdog",
    "io-error",        "graphics",      "io-error-reason",     "control-error",
    "block-job",       "disk-change",   "tray-change",         "pm-wakeup",
    "pm-suspend",      "balloon-change", "pm-suspend-disk",    "device-removed",
    "block-job-2",     "tunable",       "agent-lifecycle",     "device-added",
    "migration-iteration", "job-completed", "device-removal-failed", "metadata-change",
    "block-threshold", "memory-failure", "memory-device-size-change",
};
static_assert(std::size(kEventNames) == event::kLast);

template <size_t N>
std::string_view pick(const std::string_view (&names)[N], int index) {
    return index >= 0 && static_cast<size_t>(index) < N ? names[index] : "unknown";
}

std::string_view lifecycleName(int event) {
    static constexpr std::string_view kNames[] = {"Defined", "Undefined", "Started",     "Suspended", "Resumed",
                                                  "Stopped", "Shutdown",  "PMSuspended", "Crashed"};
    return pick(kNames, event);
}

std::string_view lifecycleDetail(int event, int detail) {
    static constexpr std::string_view kDefined[] = {"Added", "Updated", "Renamed", "Snapshot"};
    static constexpr std::string_view kUndefined[] = {"Removed", "Renamed"};
    static constexpr std::string_view kStarted[] = {"Booted", "Migrated", "Restored", "Snapshot", "Event wakeup"};
    static constexpr std::string_view kSuspended[] = {"Paused",   "Migrated",  "I/O Error", "Watchdog",
                                                      "Restored", "Snapshot",  "API error", "Post-copy",
                                                      "Post-copy Error"};
    static constexpr std::string_view kResumed[] = {"Unpaused", "Migrated", "Snapshot", "Post-copy"};
    static constexpr std::string_view kStopped[] = {"Shutdown", "Destroyed", "Crashed", "Migrated",
                                                    "Saved",    "Failed",    "Snapshot"};
    static constexpr std::string_view kShutdown[] = {"Finished", "Finished after guest request",
                                                     "Finished after host request"};
    static constexpr std::string_view kPmSuspended[] = {"Memory", "Disk"};
    static constexpr std::string_view kCrashed[] = {"Panicked", "Crashloaded"};
    switch (event) {
        case event::kDefined: return pick(kDefined, detail);
        case event::kUndefined: return pick(kUndefined, detail);
        case event::kStarted: return pick(kStarted, detail);
        case event::kSuspended: return pick(kSuspended, detail);
        case event::kResumed: return pick(kResumed, detail);
        case event::kStopped: return pick(kStopped, detail);
        case event::kShutdown: return pick(kShutdown, detail);
        case event::kPmSuspended: return pick(kPmSuspended, detail);
        case event::kCrashed: return pick(kCrashed, detail);
        default: return "unknown";
    }
}

// libvirt's virTimeStringNowRaw: "2024-05-01 12:00:00.123+0000" (UTC).
std::string timestampNow() {
    timeval tv{};
    gettimeofday(&tv, nullptr);
    std::tm tm{};
    time_t seconds = tv.tv_sec;
    gmtime_r(&seconds, &tm);
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}+0000", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                       tm.tm_hour, tm.tm_min, tm.tm_sec, tv.tv_usec / 1000);
}

std::atomic<bool> interrupted{false};
extern "C" void onInterrupt(int) { interrupted = true; }

// Catches Ctrl-C while waiting for events, as vshEventStart does.
class InterruptGuard {
public:
    InterruptGuard() {
        interrupted = false;
        struct sigaction action {};
        action.sa_handler = onInterrupt;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &saved_);
    }
    ~InterruptGuard() { sigaction(SIGINT, &saved_, nullptr); }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    struct sigaction saved_ {};
};

// What the callbacks (on a driver thread) and the waiting command share.
struct EventWait {
    std::mutex mutex;
    std::condition_variable wake;
    Printer* printer = nullptr;
    bool loop = false;
    bool timestamp = false;
    int count = 0;
    bool done = false;

    void deliver(const DomainEvent& e) {
        std::lock_guard lock(mutex);
        if (!loop && count)
            return;
        std::string line;
        if (timestamp)
            line = timestampNow() + ": ";
        if (e.eventId == event::kLifecycle)
            line += fmt::format("event 'lifecycle' for domain '{}': {} {}\n", e.domain.name, lifecycleName(e.event),
                                lifecycleDetail(e.event, e.detail));
        else
            line += fmt::format("event '{}' for domain '{}'\n", pick(kEventNames, e.eventId), e.domain.name);
        printer->print(line);
        std::fflush(printer->out());
        ++count;
        if (!loop) {
            done = true;
            wake.notify_all();
        }
    }
};

bool cmdEvent(Shell& shell, const Invocation& cmd) {
    requireExclusive(cmd, "all", "event");
    requireExclusive(cmd, "list", "all");
    requireExclusive(cmd, "list", "event");
    Printer& p = shell.printer();
    if (cmd.has("list")) {
        for (auto name : kEventNames)
            p.printf("{}\n", name);
        return true;
    }
    auto eventName = cmd.string("event");
    if (!eventName && !cmd.has("all"))
        failCommand(shell, "one of --list, --all, or --event <type> is required");
    std::vector<int> events;
    for (size_t i = 0; i < std::size(kEventNames); ++i)
        if (!eventName || *eventName == kEventNames[i])
            events.push_back(static_cast<int>(i));
    if (events.empty())
        failCommand(shell, fmt::format("unknown event type {}", *eventName));

    // --timeout seconds, at least 1 and small enough to count in ms.
    std::optional<std::chrono::milliseconds> timeout;
    if (auto seconds = cmd.getUInt("timeout")) {
        if (*seconds == 0 || *seconds > INT_MAX / 1000)
            failCommand(shell, fmt::format("Numeric value '{}' for <timeout> option is malformed or out of range",
                                           *seconds));
        timeout = std::chrono::milliseconds(static_cast<int64_t>(*seconds) * 1000);
    }
    std::optional<Domain> dom;
    if (cmd.has("domain"))
        dom = domainOption(shell, cmd);

    EventWait wait;
    wait.printer = &p;
    wait.loop = cmd.has("loop");
    wait.timestamp = cmd.has("timestamp");
    Connection& conn = api(shell);
    std::vector<int> ids;
    struct Deregister {
        Connection& conn;
        std::vector<int>& ids;
        ~Deregister() {
            for (int id : ids) {
                try {
                    conn.deregisterDomainEvent(id);
                } catch (const Error&) {
                }
            }
        }
    } deregister{conn, ids};
    InterruptGuard guard;
    for (size_t i = 0; i < events.size(); ++i) {
        try {
            ids.push_back(conn.registerDomainEvent(dom, events[i], [&wait](const DomainEvent& e) { wait.deliver(e); }));
        } catch (const Error&) {
            // Registering for every event: an older server may not know
            // the later ones.
            if (i == 0)
                throw;
        }
    }

    auto deadline = timeout ? std::chrono::steady_clock::now() + *timeout : std::chrono::steady_clock::time_point::max();
    bool timedOut = false;
    {
        std::unique_lock lock(wait.mutex);
        while (!wait.done && !interrupted) {
            auto now = std::chrono::steady_clock::now();
            if (now >= deadline) {
                timedOut = true;
                break;
            }
            // Wake up regularly to notice Ctrl-C.
            wait.wake.wait_until(lock, std::min(deadline, now + std::chrono::milliseconds(100)));
        }
    }
    std::lock_guard lock(wait.mutex);
    if (!wait.done && interrupted)
        p.print("event loop interrupted\n");
    else if (!wait.done && timedOut)
        p.print("event loop timed out\n");
    p.printf("events received: {}\n", wait.count);
    return wait.count > 0;
}

}  // namespace

const CommandGroup& domainEventsGroup() {
    static const CommandGroup group{"Domain Events", "events", {
        {
            .name = "event",
            .help = "Domain Events",
            .desc = "List event types, or wait for domain events to occur",
            .options = {
                opt::string("domain", kPositional, "filter by domain name, id or uuid"),
                opt::string("event", kPositional, "which event type to wait for"),
                opt::flag("all", "wait for all events instead of just one type"),
                opt::flag("loop", "loop until timeout or interrupt, rather than one-shot"),
                opt::number("timeout", kPositional, "timeout seconds"),
                opt::flag("list", "list valid event types"),
                opt::flag("timestamp", "show timestamp for each printed event"),
            },
            .handler = cmdEvent,
        },
    }};
    return group;
}

}  // namespace cvirt::shell
