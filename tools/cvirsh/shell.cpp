#include "cvirsh/shell.hpp"

#include <unistd.h>

#include <chrono>
#include <ctime>

#include <fmt/format.h>

#include "cvirsh/parser.hpp"
#include "util/error.hpp"

namespace cvirt::shell {
namespace {

constexpr std::string_view kLevelNames[] = {"DEBUG", "INFO", "NOTICE", "WARNING", "ERROR"};

}  // namespace

Shell::Shell(Printer& printer, std::unique_ptr<Connector> connector)
    : printer_(printer), connector_(std::move(connector)) {}

Shell::~Shell() {
    if (connector_)
        connector_->close();
    if (log_)
        std::fclose(log_);
}

void Shell::openLog(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "ae");
    if (!f)
        throw Error::raw(ErrorCode::SystemError, ErrorDomain::None,
                         "failed to open the log file. check the log file path");
    if (log_)
        std::fclose(log_);
    log_ = f;
    settings_.logFile = path;
}

void Shell::debug(int level, std::string_view message) {
    if (level < settings_.debug)
        return;
    if (log_) {
        std::time_t now = std::time(nullptr);
        std::tm tm{};
        localtime_r(&now, &tm);
        char stamp[32];
        std::strftime(stamp, sizeof stamp, "%Y.%m.%d %H:%M:%S", &tm);
        int index = level < 0 ? 0 : level > 4 ? 4 : level;
        fmt::print(log_, "[{} cvirsh {}] {} {}", stamp, getpid(), kLevelNames[index], message);
        if (!message.ends_with('\n'))
            std::fputc('\n', log_);
        std::fflush(log_);
    }
    printer_.print(message);
}

std::optional<std::vector<Invocation>> Shell::parseTokens(TokenSource& tokens) {
    ParseHooks hooks;
    hooks.softError = [this](const std::string& m) { printer_.error(m); };
    if (settings_.debug <= kInfo || log_)
        hooks.trace = [this](const std::string& m) { debug(kInfo, m); };
    try {
        return parseCommands(tokens, hooks);
    } catch (const ParseError& e) {
        // The required-option check reports every missing option, one a line.
        std::string_view all = e.what();
        for (size_t start = 0; start <= all.size();) {
            size_t end = all.find('\n', start);
            if (end == std::string_view::npos)
                end = all.size();
            printer_.error(all.substr(start, end - start));
            start = end + 1;
        }
        return std::nullopt;
    }
}

std::optional<std::vector<Invocation>> Shell::parseString(std::string_view line) {
    // virsh treats an empty command string as a failure that says nothing.
    if (line.empty())
        return std::nullopt;
    debug(kInfo, fmt::format("commands: \"{}\"\n", line));
    StringTokenizer tokens(line);
    return parseTokens(tokens);
}

std::optional<std::vector<Invocation>> Shell::parseArgv(std::vector<std::string> args) {
    if (args.empty())
        return std::nullopt;
    ArgvTokenizer tokens(std::move(args));
    return parseTokens(tokens);
}

bool Shell::runString(std::string_view line) {
    auto commands = parseString(line);
    return commands && run(*commands);
}

bool Shell::runArgv(std::vector<std::string> args) {
    auto commands = parseArgv(std::move(args));
    return commands && run(*commands);
}

bool Shell::run(const std::vector<Invocation>& commands) {
    // Every command runs even after one fails; the last one's status counts.
    bool ok = true;
    for (const auto& cmd : commands) {
        auto before = std::chrono::steady_clock::now();
        ok = runOne(cmd);
        auto after = std::chrono::steady_clock::now();
        // quit/exit end the list at once, without the separator line.
        if (cmd.name() == "quit" || cmd.name() == "exit")
            return ok;
        if (settings_.timing)
            printer_.timing(std::chrono::duration<double, std::milli>(after - before).count());
        else
            printer_.printExtra("\n");
    }
    return ok;
}

bool Shell::runOne(const Invocation& cmd) {
    try {
        if (cmd.def().needsConnection() && !ensureConnected())
            return false;
        return cmd.def().handler(*this, cmd);
    } catch (const Error& e) {
        printer_.error(e.message());
        return false;
    } catch (const CommandFailed&) {
        return false;
    }
}

bool Shell::ensureConnected() {
    if (connector_->isOpen())
        return true;
    return reconnect(settings_.connectName, settings_.readonly);
}

bool Shell::reconnect(const std::optional<std::string>& name, bool readonly) {
    connector_->close();
    try {
        connector_->open(name, readonly);
        return true;
    } catch (const Error& e) {
        printer_.error("failed to connect to the hypervisor");
        printer_.error(e.message());
        return false;
    }
}

}  // namespace cvirt::shell
