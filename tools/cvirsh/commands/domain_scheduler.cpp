// schedinfo: a domain's scheduler and its typed parameters, shown and set
// as virsh shows and sets them (virsh-domain.c's cmdSchedinfo).

#include <strings.h>

#include <charconv>
#include <string>
#include <variant>

#include <fmt/format.h>

#include "cvirsh/commands/common.hpp"
#include "cvirsh/commands/domain_handlers.hpp"
#include "cvirsh/commands/domain_util.hpp"

namespace cvirt::shell {
namespace {

// vshGetTypedParamValue
std::string formatValue(const TypedValue& value) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>)
                return v ? "yes" : "no";
            else if constexpr (std::is_same_v<T, double>)
                return fmt::format("{:f}", v);
            else if constexpr (std::is_same_v<T, std::string>)
                return v;
            else
                return std::to_string(v);
        },
        value);
}

// strtol's leniency (leading blanks, a '+'), the whole text a number.
template <typename Int>
std::optional<Int> parseNumber(std::string_view text, bool allowMinus) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (text.empty() || (!allowMinus && text.front() == '-'))
        return std::nullopt;
    Int value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

// virTypedParamsAddFromString: `text` read as the type `like` has.
TypedParameter parseLike(const TypedParameter& like, const std::string& text) {
    auto invalid = [&](const char* expected) {
        return Error(ErrorCode::InvalidArg, ErrorDomain::None,
                     fmt::format("Invalid value for field '{}': expected {}", like.field, expected));
    };
    TypedParameter out{like.field, like.value};
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, bool>) {
                if (text == "1" || strcasecmp(text.c_str(), "true") == 0)
                    out.value = true;
                else if (text == "0" || strcasecmp(text.c_str(), "false") == 0)
                    out.value = false;
                else
                    throw Error(ErrorCode::InvalidArg, ErrorDomain::None,
                                fmt::format("Invalid boolean value for field '{}'", like.field));
            } else if constexpr (std::is_same_v<T, std::string>) {
                out.value = text;
            } else if constexpr (std::is_same_v<T, double>) {
                try {
                    size_t used = 0;
                    out.value = std::stod(text, &used);
                    if (used != text.size())
                        throw invalid("double");
                } catch (const std::logic_error&) {
                    throw invalid("double");
                }
            } else {
                static constexpr const char* kNames[] = {"int", "unsigned int", "long long", "unsigned long long"};
                constexpr size_t index = std::is_same_v<T, int32_t>    ? 0
                                         : std::is_same_v<T, uint32_t> ? 1
                                         : std::is_same_v<T, int64_t>  ? 2
                                                                       : 3;
                auto parsed = parseNumber<T>(text, std::is_signed_v<T>);
                if (!parsed)
                    throw invalid(kNames[index]);
                out.value = *parsed;
            }
        },
        like.value);
    return out;
}

// cmdSchedInfoUpdate: the --set list, then the legacy --cap and --weight,
// each typed as the parameter of that name the domain reported.
std::vector<TypedParameter> updatesFrom(Shell& shell, const Invocation& cmd,
                                        const std::vector<TypedParameter>& current) {
    std::vector<TypedParameter> updates;
    auto add = [&](const std::string& field, const std::string& value) {
        for (const auto& p : current) {
            if (p.field == field) {
                updates.push_back(parseLike(p, value));
                return;
            }
        }
        failCommand(shell, fmt::format("invalid scheduler option: {}", field));
    };
    for (const auto& item : cmd.argv()) {
        auto eq = item.find('=');
        if (eq == std::string::npos)
            failCommand(shell, "Invalid syntax for --set, expecting name=value");
        add(item.substr(0, eq), item.substr(eq + 1));
    }
    for (const char* legacy : {"cap", "weight"})
        if (auto value = cmd.string(legacy))
            add(legacy, *value);
    return updates;
}

}  // namespace

bool cmdSchedinfo(Shell& shell, const Invocation& cmd) {
    bool config = cmd.has("config"), live = cmd.has("live");
    unsigned flags = affectFlags(cmd);
    Domain dom = domainOption(shell, cmd);
    Printer& p = shell.printer();
    SchedulerType type;
    try {
        type = dom.schedulerType();
    } catch (const Error&) {
        p.printf("{:<15}: {}\n", "Scheduler", "Unknown");
        throw;
    }
    p.printf("{:<15}: {}\n", "Scheduler", type.type);
    if (type.nparams == 0)
        return false;  // virsh ends here without an error, and fails
    // Both at once cannot be read: the current values then.
    unsigned getFlags = live && config ? 0 : flags;
    auto params = dom.schedulerParameters(type.nparams, getFlags);
    auto updates = updatesFrom(shell, cmd, params);
    if (!updates.empty()) {
        dom.setSchedulerParameters(updates, flags);
        params = dom.schedulerParameters(type.nparams, getFlags);
    } else if (live && config) {
        failCommand(shell, "cannot query both live and config at once");
    }
    for (const auto& param : params)
        p.printf("{:<15}: {}\n", param.field, formatValue(param.value));
    return true;
}

}  // namespace cvirt::shell
