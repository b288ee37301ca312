#pragma once
// UUIDs as libvirt reads and writes them.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cvirt {

class Uuid {
public:
    static constexpr size_t kBytes = 16;
    using Bytes = std::array<uint8_t, kBytes>;

    Uuid() = default;  // all zero
    explicit Uuid(const Bytes& bytes) : bytes_(bytes) {}

    // Accepts 32 hex digits with '-' or ' ' between any two bytes and
    // surrounding whitespace, as libvirt does; nullopt otherwise.
    static std::optional<Uuid> parse(std::string_view text);
    // A random version-4 UUID.
    static Uuid generate();

    // The canonical 8-4-4-4-12 lowercase form.
    std::string format() const;
    const Bytes& bytes() const { return bytes_; }
    bool isNull() const;
    auto operator<=>(const Uuid&) const = default;

private:
    Bytes bytes_{};
};

}  // namespace cvirt
