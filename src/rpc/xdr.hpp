#pragma once
// XDR (RFC 4506) encoding driven by C++ types, as libvirt's RPC protocol uses it.
//
//   int32_t / uint32_t / int64_t / uint64_t / double   int, unsigned, hyper, unsigned hyper, double
//   int8_t / uint8_t / int16_t / uint16_t             char, uchar, short, ushort: widened to 4 bytes
//   bool                                              bool (4 bytes; decoding takes any non-zero as true)
//   std::string                                       string<4 MiB> (remote_nonnull_string)
//   std::optional<T>                                  optional pointer `T *x`
//   Uuid, std::array<uint8_t, N>                      opaque[N]
//   Opaque<Max>                                       opaque<Max>
//   Array<T, Max>                                     T x<Max>
//   std::array<T, N>                                  T x[N]
//   CharArray<N> / CharVector<Max>                    char x[N] / char x<Max>: one 4-byte int per char
//   Union<UnionTags<t1, t2...>, T1, T2...>            discriminated union, int32 tag t_i selects T_i
//   Void                                              nothing
//   struct with CVIRT_XDR_STRUCT(Type, f1, f2, ...)   its fields in the listed (wire) order
//
// Decoding faces untrusted bytes: it never reads past the buffer, never
// allocates more than the bytes present (or the declared maxima) justify, and
// reports every failure as Error(RPC, RPC, "Unable to decode message payload").

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "util/error.hpp"
#include "util/uuid.hpp"

namespace cvirt::rpc {

// remote_nonnull_string's bound (REMOTE_STRING_MAX / VIR_NET_MESSAGE_STRING_MAX).
inline constexpr uint32_t kStringMax = 4194304;

// Throws the error libvirt reports for a payload that does not decode; `why`
// goes to the debug log only, the wire text stays libvirt's.
[[noreturn]] void failDecode(std::string_view why);

class XdrWriter {
public:
    void putUint32(uint32_t value);
    void putInt32(int32_t value) { putUint32(static_cast<uint32_t>(value)); }
    void putUint64(uint64_t value);
    void putInt64(int64_t value) { putUint64(static_cast<uint64_t>(value)); }
    void putDouble(double value);
    // `size` raw bytes followed by zero padding to a multiple of 4.
    void putPadded(const void* data, size_t size);

    const std::vector<uint8_t>& bytes() const { return buffer_; }
    std::vector<uint8_t> take() { return std::move(buffer_); }
    size_t size() const { return buffer_.size(); }

private:
    std::vector<uint8_t> buffer_;
};

class XdrReader {
public:
    explicit XdrReader(std::span<const uint8_t> data) : data_(data) {}

    uint32_t getUint32();
    int32_t getInt32() { return static_cast<int32_t>(getUint32()); }
    uint64_t getUint64();
    int64_t getInt64() { return static_cast<int64_t>(getUint64()); }
    double getDouble();
    // `size` bytes plus their padding; the span points into the input.
    std::span<const uint8_t> getPadded(size_t size);
    // A variable-length count, checked against the declared maximum and
    // against what the remaining bytes can hold (each element takes at least
    // `minWireSize` bytes), so a forged count cannot make us allocate.
    uint32_t getCount(uint32_t max, size_t minWireSize);

    size_t remaining() const { return data_.size() - pos_; }
    size_t position() const { return pos_; }
    // Fails unless every byte was consumed.
    void expectEnd() const;

private:
    void need(size_t bytes) const;
    std::span<const uint8_t> data_;
    size_t pos_ = 0;
};

// ---- wire types that have no natural C++ spelling ----

// Nothing on the wire: the args or ret of a procedure that has none.
struct Void {
    bool operator==(const Void&) const = default;
};

// opaque<Max>: counted bytes.
template <uint32_t Max>
struct Opaque : std::vector<uint8_t> {
    using std::vector<uint8_t>::vector;
    Opaque() = default;
    Opaque(std::vector<uint8_t> bytes) : std::vector<uint8_t>(std::move(bytes)) {}
};

// T x<Max>: a counted array.
template <typename T, uint32_t Max>
struct Array : std::vector<T> {
    using std::vector<T>::vector;
    Array() = default;
    Array(std::vector<T> items) : std::vector<T>(std::move(items)) {}
};

// char x[N] and char x<Max>: libvirt's char arrays travel as one 4-byte int
// per char. `chars` holds them exactly as on the wire (usually with the
// trailing NUL libvirt counts), so a decoded value re-encodes byte for byte.
template <uint32_t N>
struct CharArray {
    std::string chars;  // at most N; encoding pads with NULs up to N
    static CharArray fromText(std::string_view text) {
        std::string chars(text.substr(0, N));
        chars.resize(N, '\0');
        return {std::move(chars)};
    }
    std::string text() const { return chars.substr(0, chars.find('\0')); }
    bool operator==(const CharArray&) const = default;
};

template <uint32_t Max>
struct CharVector {
    std::string chars;
    // The text plus the NUL libvirt includes in the count.
    static CharVector fromText(std::string_view text) { return {std::string(text) + '\0'}; }
    std::string text() const { return chars.substr(0, chars.find('\0')); }
    bool operator==(const CharVector&) const = default;
};

// Discriminated union: tag Tags[i] on the wire selects alternative i.
template <int32_t... Tags>
struct UnionTags {
    static constexpr std::array<int32_t, sizeof...(Tags)> kValues{Tags...};
};

template <typename TagList, typename... Ts>
struct Union : std::variant<Ts...> {
    static_assert(TagList::kValues.size() == sizeof...(Ts), "one tag per alternative");
    using std::variant<Ts...>::variant;
    using Tags = TagList;
    int32_t tag() const { return TagList::kValues[this->index()]; }
    bool operator==(const Union& other) const {
        return static_cast<const std::variant<Ts...>&>(*this) ==
               static_cast<const std::variant<Ts...>&>(other);
    }
};

// Declares a struct's fields in wire order, once: encoding, decoding,
// printing and equality all derive from this list.
#define CVIRT_XDR_STRUCT(Type, ...)                                   \
    auto xdrFields() { return std::tie(__VA_ARGS__); }                \
    auto xdrFields() const { return std::tie(__VA_ARGS__); }          \
    static constexpr std::string_view kXdrFieldNames = #__VA_ARGS__; \
    bool operator==(const Type&) const = default

template <typename T>
concept XdrStruct = requires(T& value) { value.xdrFields(); };

// ---- the codec ----

template <typename T, typename Enable = void>
struct Codec;

namespace detail {
template <typename T>
inline constexpr bool kAlwaysFalse = false;
void appendQuoted(std::string& out, std::string_view text);
std::string_view fieldName(std::string_view names, size_t index);
}  // namespace detail

template <typename T>
void encodeTo(XdrWriter& out, const T& value) {
    Codec<T>::encode(out, value);
}

template <typename T>
void decodeFrom(XdrReader& in, T& value) {
    Codec<T>::decode(in, value);
}

template <typename T>
void printTo(std::string& out, const T& value) {
    Codec<T>::print(out, value);
}

// Whole-buffer helpers.
template <typename T>
std::vector<uint8_t> encode(const T& value) {
    XdrWriter out;
    encodeTo(out, value);
    return out.take();
}

// Decodes exactly one T filling the whole buffer.
template <typename T>
T decode(std::span<const uint8_t> bytes) {
    XdrReader in(bytes);
    T value{};
    decodeFrom(in, value);
    in.expectEnd();
    return value;
}

// A one-line rendering for logs and tests: {name="test", uuid=..., id=1}.
template <typename T>
std::string toText(const T& value) {
    std::string out;
    printTo(out, value);
    return out;
}

// The smallest number of bytes any value of T takes on the wire; it bounds
// counts before anything is allocated.
template <typename T>
constexpr size_t minWireSize();

namespace detail {
template <typename Tuple>
struct FieldsMinSize;
template <typename... F>
struct FieldsMinSize<std::tuple<F...>> {
    static constexpr size_t value = (minWireSize<std::decay_t<F>>() + ... + 0);
};
template <typename T>
struct FixedArrayTraits : std::false_type {};
template <typename T, size_t N>
struct FixedArrayTraits<std::array<T, N>> : std::true_type {
    using Element = T;
    static constexpr size_t kCount = N;
};
}  // namespace detail

template <typename T>
constexpr size_t minWireSize() {
    if constexpr (std::is_same_v<T, Void>)
        return 0;
    else if constexpr (std::is_same_v<T, int64_t> || std::is_same_v<T, uint64_t> || std::is_same_v<T, double>)
        return 8;
    else if constexpr (std::is_same_v<T, Uuid>)
        return Uuid::kBytes;
    else if constexpr (detail::FixedArrayTraits<T>::value) {
        using E = typename detail::FixedArrayTraits<T>::Element;
        constexpr size_t n = detail::FixedArrayTraits<T>::kCount;
        return std::is_same_v<E, uint8_t> ? (n + 3) / 4 * 4 : n * minWireSize<E>();
    } else if constexpr (XdrStruct<T>)
        return detail::FieldsMinSize<decltype(std::declval<const T&>().xdrFields())>::value;
    else
        return 4;
}

// 4-byte integers and the narrow ones libvirt widens to 4 bytes.
template <typename T>
struct Codec<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
    static_assert(sizeof(T) <= 8 && !std::is_same_v<T, char>, "use int8_t for a scalar char");
    static void encode(XdrWriter& out, T value) {
        if constexpr (sizeof(T) == 8)
            out.putUint64(static_cast<uint64_t>(value));
        else if constexpr (std::is_signed_v<T>)
            out.putInt32(value);
        else
            out.putUint32(value);
    }
    static void decode(XdrReader& in, T& value) {
        if constexpr (sizeof(T) == 8)
            value = static_cast<T>(in.getUint64());
        else if constexpr (std::is_signed_v<T>)
            value = static_cast<T>(in.getInt32());  // narrower types truncate, as rpcgen's do
        else
            value = static_cast<T>(in.getUint32());
    }
    static void print(std::string& out, T value) { out += std::to_string(value); }
};

template <>
struct Codec<bool> {
    static void encode(XdrWriter& out, bool value) { out.putUint32(value ? 1 : 0); }
    static void decode(XdrReader& in, bool& value) { value = in.getUint32() != 0; }
    static void print(std::string& out, bool value) { out += value ? "true" : "false"; }
};

template <>
struct Codec<double> {
    static void encode(XdrWriter& out, double value) { out.putDouble(value); }
    static void decode(XdrReader& in, double& value) { value = in.getDouble(); }
    static void print(std::string& out, double value);
};

template <>
struct Codec<std::string> {
    static void encode(XdrWriter& out, const std::string& value);
    static void decode(XdrReader& in, std::string& value);
    static void print(std::string& out, const std::string& value) { detail::appendQuoted(out, value); }
};

template <>
struct Codec<Uuid> {
    static void encode(XdrWriter& out, const Uuid& value) { out.putPadded(value.bytes().data(), Uuid::kBytes); }
    static void decode(XdrReader& in, Uuid& value);
    static void print(std::string& out, const Uuid& value) { out += value.format(); }
};

template <>
struct Codec<Void> {
    static void encode(XdrWriter&, const Void&) {}
    static void decode(XdrReader&, Void&) {}
    static void print(std::string& out, const Void&) { out += "{}"; }
};

template <typename T>
struct Codec<std::optional<T>> {
    static void encode(XdrWriter& out, const std::optional<T>& value) {
        out.putUint32(value ? 1 : 0);
        if (value)
            encodeTo(out, *value);
    }
    static void decode(XdrReader& in, std::optional<T>& value) {
        if (in.getUint32() == 0) {
            value.reset();
            return;
        }
        value.emplace();
        decodeFrom(in, *value);
    }
    static void print(std::string& out, const std::optional<T>& value) {
        if (value)
            printTo(out, *value);
        else
            out += "null";
    }
};

// opaque[N]
template <size_t N>
struct Codec<std::array<uint8_t, N>> {
    static void encode(XdrWriter& out, const std::array<uint8_t, N>& value) { out.putPadded(value.data(), N); }
    static void decode(XdrReader& in, std::array<uint8_t, N>& value) {
        auto bytes = in.getPadded(N);
        std::memcpy(value.data(), bytes.data(), N);
    }
    static void print(std::string& out, const std::array<uint8_t, N>& value);
};

void printHex(std::string& out, std::span<const uint8_t> bytes);

template <size_t N>
void Codec<std::array<uint8_t, N>>::print(std::string& out, const std::array<uint8_t, N>& value) {
    printHex(out, value);
}

// T x[N] for anything but bytes.
template <typename T, size_t N>
struct Codec<std::array<T, N>, std::enable_if_t<!std::is_same_v<T, uint8_t>>> {
    static void encode(XdrWriter& out, const std::array<T, N>& value) {
        for (const auto& item : value)
            encodeTo(out, item);
    }
    static void decode(XdrReader& in, std::array<T, N>& value) {
        for (auto& item : value)
            decodeFrom(in, item);
    }
    static void print(std::string& out, const std::array<T, N>& value) {
        out += '[';
        for (size_t i = 0; i < N; ++i) {
            if (i)
                out += ", ";
            printTo(out, value[i]);
        }
        out += ']';
    }
};

template <uint32_t Max>
struct Codec<Opaque<Max>> {
    static void encode(XdrWriter& out, const Opaque<Max>& value) {
        out.putUint32(static_cast<uint32_t>(value.size()));
        out.putPadded(value.data(), value.size());
    }
    static void decode(XdrReader& in, Opaque<Max>& value) {
        uint32_t size = in.getCount(Max, 1);
        auto bytes = in.getPadded(size);
        value.assign(bytes.begin(), bytes.end());
    }
    static void print(std::string& out, const Opaque<Max>& value) { printHex(out, value); }
};

template <typename T, uint32_t Max>
struct Codec<Array<T, Max>> {
    static void encode(XdrWriter& out, const Array<T, Max>& value) {
        out.putUint32(static_cast<uint32_t>(value.size()));
        for (const auto& item : value)
            encodeTo(out, item);
    }
    static void decode(XdrReader& in, Array<T, Max>& value) {
        uint32_t count = in.getCount(Max, std::max<size_t>(minWireSize<T>(), 1));
        value.clear();
        value.resize(count);
        for (auto& item : value)
            decodeFrom(in, item);
    }
    static void print(std::string& out, const Array<T, Max>& value) {
        out += '[';
        for (size_t i = 0; i < value.size(); ++i) {
            if (i)
                out += ", ";
            printTo(out, value[i]);
        }
        out += ']';
    }
};

void encodeChars(XdrWriter& out, std::string_view chars, size_t count);
void decodeChars(XdrReader& in, std::string& chars, size_t count);

template <uint32_t N>
struct Codec<CharArray<N>> {
    static void encode(XdrWriter& out, const CharArray<N>& value) { encodeChars(out, value.chars, N); }
    static void decode(XdrReader& in, CharArray<N>& value) { decodeChars(in, value.chars, N); }
    static void print(std::string& out, const CharArray<N>& value) { detail::appendQuoted(out, value.text()); }
};

template <uint32_t Max>
struct Codec<CharVector<Max>> {
    static void encode(XdrWriter& out, const CharVector<Max>& value) {
        out.putUint32(static_cast<uint32_t>(value.chars.size()));
        encodeChars(out, value.chars, value.chars.size());
    }
    static void decode(XdrReader& in, CharVector<Max>& value) { decodeChars(in, value.chars, in.getCount(Max, 4)); }
    static void print(std::string& out, const CharVector<Max>& value) { detail::appendQuoted(out, value.text()); }
};

template <typename TagList, typename... Ts>
struct Codec<Union<TagList, Ts...>> {
    using U = Union<TagList, Ts...>;
    static void encode(XdrWriter& out, const U& value) {
        out.putInt32(value.tag());
        std::visit([&](const auto& arm) { encodeTo(out, arm); }, static_cast<const std::variant<Ts...>&>(value));
    }
    static void decode(XdrReader& in, U& value) {
        int32_t tag = in.getInt32();
        if (!decodeArm(in, value, tag, std::index_sequence_for<Ts...>{}))
            failDecode("unknown union discriminant " + std::to_string(tag));
    }
    static void print(std::string& out, const U& value) {
        std::visit([&](const auto& arm) { printTo(out, arm); }, static_cast<const std::variant<Ts...>&>(value));
    }

private:
    template <size_t... I>
    static bool decodeArm(XdrReader& in, U& value, int32_t tag, std::index_sequence<I...>) {
        return ((TagList::kValues[I] == tag ? (decodeFrom(in, value.template emplace<I>()), true) : false) || ...);
    }
};

template <XdrStruct T>
struct Codec<T> {
    static void encode(XdrWriter& out, const T& value) {
        std::apply([&](const auto&... field) { (encodeTo(out, field), ...); }, value.xdrFields());
    }
    static void decode(XdrReader& in, T& value) {
        std::apply([&](auto&... field) { (decodeFrom(in, field), ...); }, value.xdrFields());
    }
    static void print(std::string& out, const T& value) {
        out += '{';
        size_t index = 0;
        std::apply(
            [&](const auto&... field) {
                ((out += index ? ", " : "", out += detail::fieldName(T::kXdrFieldNames, index++), out += '=',
                  printTo(out, field)),
                 ...);
            },
            value.xdrFields());
        out += '}';
    }
};

}  // namespace cvirt::rpc
