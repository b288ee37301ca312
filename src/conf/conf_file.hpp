#pragma once
// libvirt's .conf dialect (libvirtd.conf, qemu.conf, libvirt.conf): a list of
// `name = value` statements and `#` comments. Values are integers, strings
// ('single', "double" or """triple""" quoted) and nested lists. Reading keeps
// comments so that a file can be written back in libvirt's canonical form.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cvirt::conf {

struct ConfValue {
    struct List {
        std::vector<ConfValue> items;
        bool operator==(const List&) const = default;
    };
    // int64_t holds values written with a leading '-', uint64_t the rest,
    // as libvirt distinguishes them.
    std::variant<int64_t, uint64_t, std::string, List> data;

    bool isString() const { return std::holds_alternative<std::string>(data); }
    bool isList() const { return std::holds_alternative<List>(data); }
    bool isNumber() const { return !isString() && !isList(); }
    bool operator==(const ConfValue&) const = default;
};

struct ConfEntry {
    std::optional<std::string> name;  // absent: a comment line
    std::optional<ConfValue> value;
    std::optional<std::string> comment;  // text after '#', without the '#'
    int line = 0;
};

class ConfFile {
public:
    // Parses `content`; `filename` names it in errors ("file:line: what").
    // Throws Error(CONF_SYNTAX, VIR_FROM_CONF).
    static ConfFile parse(std::string_view content, std::string filename = {});
    // Reads and parses a file (at most 10 MiB, as libvirt).
    static ConfFile read(const std::string& path);

    // libvirt's canonical form: one entry a line, "name = value # comment".
    std::string format() const;

    const std::vector<ConfEntry>& entries() const { return entries_; }
    const std::string& filename() const { return filename_; }
    // The first entry of that name, as libvirt looks values up.
    const ConfEntry* find(std::string_view name) const;

    // Typed getters: nullopt when the key is absent; Error(CONF_SYNTAX)
    // naming file, line and key when the value has the wrong type or range.
    std::optional<std::string> getString(std::string_view name) const;
    std::optional<bool> getBool(std::string_view name) const;
    std::optional<int64_t> getInt(std::string_view name, int64_t min, int64_t max) const;
    std::optional<uint64_t> getUInt(std::string_view name, uint64_t max) const;
    // A list of strings; a single string is accepted as a one-item list.
    std::optional<std::vector<std::string>> getStringList(std::string_view name) const;

    // Replaces the value of the first entry named `name`, or appends one.
    void set(std::string name, ConfValue value);

    // Throws naming file, line and key for the first entry whose name is
    // not in `known` (for daemon config files, where a typo must not pass).
    void checkKnownKeys(const std::vector<std::string_view>& known) const;

private:
    [[noreturn]] void typeError(const ConfEntry& entry, std::string_view expected) const;
    std::string filename_;
    std::vector<ConfEntry> entries_;
};

}  // namespace cvirt::conf
