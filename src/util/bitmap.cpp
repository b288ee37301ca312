#include "util/bitmap.hpp"

#include <bit>
#include <cctype>

#include "util/error.hpp"

namespace cvirt {
namespace {

[[noreturn]] void badBitmap(std::string_view text) {
    fail(ErrorCode::InvalidArg, ErrorDomain::None, "Failed to parse bitmap '{}'", text);
}

}  // namespace

void Bitmap::resize(size_t size) {
    if (size > size_) {
        size_ = size;
        words_.resize((size + 63) / 64);
    }
}

void Bitmap::set(size_t bit) {
    resize(bit + 1);
    words_[bit / 64] |= uint64_t{1} << (bit % 64);
}

void Bitmap::clear(size_t bit) {
    if (bit < size_)
        words_[bit / 64] &= ~(uint64_t{1} << (bit % 64));
}

bool Bitmap::test(size_t bit) const {
    return bit < size_ && (words_[bit / 64] >> (bit % 64) & 1);
}

size_t Bitmap::count() const {
    size_t n = 0;
    for (auto w : words_)
        n += static_cast<size_t>(std::popcount(w));
    return n;
}

std::vector<size_t> Bitmap::bits() const {
    std::vector<size_t> out;
    for (long b = next(-1); b >= 0; b = next(b))
        out.push_back(static_cast<size_t>(b));
    return out;
}

long Bitmap::next(long after) const {
    for (size_t bit = static_cast<size_t>(after + 1); bit < size_; ++bit) {
        uint64_t word = words_[bit / 64] >> (bit % 64);
        if (word)
            return static_cast<long>(bit + static_cast<size_t>(std::countr_zero(word)));
        bit |= 63;  // skip to the end of this word
    }
    return -1;
}

bool Bitmap::operator==(const Bitmap& other) const { return bits() == other.bits(); }

Bitmap Bitmap::parse(std::string_view text, size_t limit) {
    Bitmap map;
    size_t i = 0;
    auto skipSpaces = [&] {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])))
            ++i;
    };
    auto number = [&]() -> size_t {
        if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i])))
            badBitmap(text);
        size_t value = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            value = value * 10 + static_cast<size_t>(text[i++] - '0');
            if (value >= limit)
                badBitmap(text);
        }
        return value;
    };
    skipSpaces();
    while (i < text.size()) {
        bool negate = false;
        if (text[i] == '^') {
            negate = true;
            ++i;
        }
        size_t start = number();
        skipSpaces();
        if (i < text.size() && text[i] == '-') {
            if (negate)
                badBitmap(text);
            ++i;
            skipSpaces();
            size_t last = number();
            if (last < start)
                badBitmap(text);
            for (size_t b = start; b <= last; ++b)
                map.set(b);
            skipSpaces();
        } else if (negate) {
            map.clear(start);
        } else {
            map.set(start);
        }
        if (i == text.size())
            break;
        if (text[i] != ',')
            badBitmap(text);
        ++i;
        skipSpaces();
        if (i == text.size())
            badBitmap(text);  // a trailing comma
    }
    return map;
}

std::string Bitmap::format() const {
    std::string out;
    long b = next(-1);
    while (b >= 0) {
        long last = b;
        while (test(static_cast<size_t>(last + 1)))
            ++last;
        if (!out.empty())
            out += ',';
        out += std::to_string(b);
        if (last > b)
            out += '-' + std::to_string(last);
        b = next(last);
    }
    return out;
}

}  // namespace cvirt
