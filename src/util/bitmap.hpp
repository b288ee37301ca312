#pragma once
// Bitmaps in libvirt's list syntax ("0-3,^2,8"), used for cpusets, nodesets
// and vcpu masks.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cvirt {

class Bitmap {
public:
    // The largest bitmap libvirt parses from XML (VIR_DOMAIN_CPUMASK_LEN).
    static constexpr size_t kDefaultLimit = 1024;

    Bitmap() = default;
    explicit Bitmap(size_t size) { resize(size); }

    // Parses "N", "N-M" and "^N" entries separated by ',' (spaces allowed
    // around them). Throws Error(INVALID_ARG) naming the text when it is
    // malformed or a bit is >= `limit`.
    static Bitmap parse(std::string_view text, size_t limit = kDefaultLimit);

    // "0-3,8"; an empty bitmap formats as "".
    std::string format() const;

    void set(size_t bit);
    void clear(size_t bit);
    bool test(size_t bit) const;
    size_t size() const { return size_; }  // one past the highest bit ever set
    size_t count() const;
    bool empty() const { return count() == 0; }
    // The set bits in ascending order.
    std::vector<size_t> bits() const;
    // Index of the first set bit after `after` (pass -1 to start), or -1.
    long next(long after) const;
    bool operator==(const Bitmap& other) const;

private:
    void resize(size_t size);
    std::vector<uint64_t> words_;
    size_t size_ = 0;
};

}  // namespace cvirt
