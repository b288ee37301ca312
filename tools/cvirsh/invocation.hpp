#pragma once
// One parsed command: its declaration and the options given, with the typed
// getters handlers use. Getters throw cvirt::Error carrying virsh's message
// ("Numeric value 'x' for <size> option is malformed or out of range") so a
// handler can simply let it propagate.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cvirsh/command_def.hpp"

namespace cvirt::shell {

struct ParsedOption {
    const OptionDef* def;
    std::string value;  // empty for bool options
};

class Invocation {
public:
    Invocation(const CommandDef& def, std::vector<ParsedOption> options)
        : def_(&def), options_(std::move(options)) {}

    const CommandDef& def() const { return *def_; }
    std::string_view name() const { return def_->name; }
    const std::vector<ParsedOption>& options() const { return options_; }

    // Whether the option was given (any type), as virsh's OptBool.
    bool has(std::string_view name) const;
    // The value; nullopt when absent. An empty value is an error unless the
    // option allows it ("Failed to get option 'x': Option argument is empty").
    std::optional<std::string> string(std::string_view name) const;
    // The raw value, no checks (nullopt when absent).
    std::optional<std::string> raw(std::string_view name) const;
    // Every value of the argv option, in order.
    std::vector<std::string> argv() const;

    // Integers, base 10 with optional leading blanks and sign, the whole
    // value consumed. The unsigned getters reject a '-' unless `wrap`.
    std::optional<int> getInt(std::string_view name) const;
    std::optional<unsigned> getUInt(std::string_view name, bool wrap = false) const;
    std::optional<unsigned long> getULong(std::string_view name, bool wrap = false) const;
    std::optional<long long> getLongLong(std::string_view name) const;
    std::optional<unsigned long long> getULongLong(std::string_view name, bool wrap = false) const;
    // A size with an optional unit suffix (KiB, M, GB, ...), `scale` bytes
    // per unit when none is written, at most `max`.
    std::optional<unsigned long long> getScaled(
        std::string_view name, unsigned long long scale,
        unsigned long long max = std::numeric_limits<unsigned long long>::max()) const;

private:
    const ParsedOption* find(std::string_view name) const;
    const CommandDef* def_;
    std::vector<ParsedOption> options_;
};

// Throws unless at most one of the options is present:
// "Options --a and --b are mutually exclusive".
void requireExclusive(const Invocation& cmd, std::string_view a, std::string_view b);
// Throws when `option` is present without `required`:
// "Option --required is required by option --option".
void requireOption(const Invocation& cmd, std::string_view option, std::string_view required);

}  // namespace cvirt::shell
