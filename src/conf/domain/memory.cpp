#include "conf/domain/memory.hpp"

#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

std::optional<std::string> attrOf(const Node& n, const char* name) { return n ? n.attr(name) : std::nullopt; }

// An element's text and unit attribute, as libvirt's xpath pair
// "./x[1]" + "./x[1]/@unit" reads them.
std::optional<uint64_t> elementKiB(const Node& parent, const char* name, std::string_view where, bool required) {
    Node n = parent ? parent.child(name) : Node();
    return memoryKiB(n ? nonEmptyText(n) : std::nullopt, attrOf(n, "unit"), where, required);
}

uint64_t elementLimitKiB(const Node& parent, const char* name, std::string_view where) {
    Node n = parent ? parent.child(name) : Node();
    return memoryLimitKiB(n ? nonEmptyText(n) : std::nullopt, attrOf(n, "unit"), where);
}

// virXPathUInt on an attribute: -2 (unparsable) is an error, missing is not.
std::optional<unsigned> xpathUInt(const std::optional<std::string>& text) {
    if (!text)
        return std::nullopt;
    auto v = parseInt<unsigned>(trim(*text));
    return v;
}

template <StringEnum E>
E backingEnum(const Node& backing, const char* element, const char* attr, const char* what) {
    auto text = attrOf(backing ? backing.child(element) : Node(), attr);
    if (!text || text->empty())
        return E{};
    auto v = fromString<E>(*text);
    if (!v || static_cast<int>(*v) == 0)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown memoryBacking/{} '{}'", what, *text);
    return *v;
}

Hugepage parsePage(const Node& page) {
    Hugepage h;
    h.sizeKiB = *memoryKiB(page.attr("size"), page.attr("unit"), "./@size", true);
    if (!h.sizeKiB)
        fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "hugepage size can't be zero");
    if (auto ns = page.attr("nodeset")) {
        h.nodeset = parseBitmap(*ns);
        if (h.nodeset->empty())
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Invalid value of 'nodeset': {}", *ns);
    }
    return h;
}

// Per-device blkio values fail with "could not parse <what> <value>".
template <typename T>
T blkioValue(const Node& device, const char* element, const char* what) {
    auto text = childText(device, element);
    if (!text)
        return 0;
    auto v = parseInt<T>(*text);
    if (!v)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "could not parse {} {}", what, *text);
    return *v;
}

void limitElement(Writer& w, const char* name, uint64_t kib) {
    Writer::Element e(w, name, true);
    e.attr("unit", "KiB");
    e.text(std::to_string(kib));
}

}  // namespace

void parseMemory(MemorySettings& m, const Node& domain) {
    m.total = elementKiB(domain, "memory", "./memory[1]", false).value_or(0);
    m.current = elementKiB(domain, "currentMemory", "./currentMemory[1]", false).value_or(0);
    m.max = elementKiB(domain, "maxMemory", "./maxMemory[1]", false).value_or(0);
    if (auto mm = domain.child("maxMemory")) {
        auto slots = mm.attr("slots");
        auto v = xpathUInt(slots);
        if (slots && !v)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Failed to parse memory slot count");
        m.slots = v.value_or(0);
    }
    if (auto mem = domain.child("memory"))
        m.dumpCore = propTriSwitch(mem, "dumpCore");

    Node backing = domain.child("memoryBacking");
    auto& b = m.backing;
    b.source = backingEnum<MemorySource>(backing, "source", "type", "source/type");
    b.access = backingEnum<MemoryAccess>(backing, "access", "mode", "access/mode");
    b.allocation = backingEnum<MemoryAllocation>(backing, "allocation", "mode", "allocation/mode");
    auto threads = attrOf(backing ? backing.child("allocation") : Node(), "threads");
    if (threads) {
        auto v = xpathUInt(threads);
        if (!v)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "Failed to parse memory allocation threads");
        b.allocationThreads = *v;
    }
    if (!backing)
        return;
    if (auto hp = backing.child("hugepages")) {
        for (const auto& page : hp.children("page"))
            b.hugepages.push_back(parsePage(page));
        if (b.hugepages.empty())
            b.hugepages.push_back(Hugepage{});
    }
    b.nosharepages = bool(backing.child("nosharepages"));
    b.locked = bool(backing.child("locked"));
    b.discard = bool(backing.child("discard"));
}

void parseTunables(MemorySettings& m, const Node& domain) {
    Node blkio = domain.child("blkiotune");
    // An unparsable <weight> is silently 0, as virXPathUInt failing is.
    m.blkio.weight = xpathUInt(childText(blkio, "weight")).value_or(0);
    if (blkio) {
        for (const auto& dev : blkio.children("device")) {
            BlkioDevice d;
            auto path = childText(dev, "path");
            if (!path)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "missing per-device path");
            d.path = *path;
            d.weight = blkioValue<unsigned>(dev, "weight", "weight");
            d.readIops = blkioValue<unsigned>(dev, "read_iops_sec", "read iops sec");
            d.writeIops = blkioValue<unsigned>(dev, "write_iops_sec", "write iops sec");
            d.readBytes = blkioValue<uint64_t>(dev, "read_bytes_sec", "read bytes sec");
            d.writeBytes = blkioValue<uint64_t>(dev, "write_bytes_sec", "write bytes sec");
            m.blkio.devices.push_back(std::move(d));
        }
    }
    Node tune = domain.child("memtune");
    m.tune.hardLimit = elementLimitKiB(tune, "hard_limit", "./memtune/hard_limit[1]");
    m.tune.softLimit = elementLimitKiB(tune, "soft_limit", "./memtune/soft_limit[1]");
    m.tune.minGuarantee = elementKiB(tune, "min_guarantee", "./memtune/min_guarantee[1]", false).value_or(0);
    m.tune.swapHardLimit = elementLimitKiB(tune, "swap_hard_limit", "./memtune/swap_hard_limit[1]");
}

void formatMemory(Writer& w, const MemorySettings& m) {
    if (m.hotplug()) {
        Writer::Element e(w, "maxMemory", true);
        if (m.slots > 0)
            e.attr("slots", std::to_string(m.slots));
        e.attr("unit", "KiB");
        e.text(std::to_string(m.max));
    }
    {
        Writer::Element e(w, "memory", true);
        if (isSet(m.dumpCore))
            e.attr("dumpCore", toString(m.dumpCore));
        e.attr("unit", "KiB");
        e.text(std::to_string(m.total));
    }
    limitElement(w, "currentMemory", m.current);

    {
        Writer::Element blkio(w, "blkiotune", false);
        if (m.blkio.weight) {
            blkio.beginChildren();
            w.textElement("weight", std::to_string(m.blkio.weight));
        }
        for (const auto& d : m.blkio.devices) {
            if (!d.weight && !d.readIops && !d.writeIops && !d.readBytes && !d.writeBytes)
                continue;
            blkio.beginChildren();
            Writer::Element dev(w, "device", true);
            dev.beginChildren();
            w.textElement("path", d.path);
            if (d.weight)
                w.textElement("weight", std::to_string(d.weight));
            if (d.readIops)
                w.textElement("read_iops_sec", std::to_string(d.readIops));
            if (d.writeIops)
                w.textElement("write_iops_sec", std::to_string(d.writeIops));
            if (d.readBytes)
                w.textElement("read_bytes_sec", std::to_string(d.readBytes));
            if (d.writeBytes)
                w.textElement("write_bytes_sec", std::to_string(d.writeBytes));
        }
    }

    {
        Writer::Element tune(w, "memtune", false);
        auto limit = [&](const char* name, uint64_t v, bool set) {
            if (!set)
                return;
            tune.beginChildren();
            limitElement(w, name, v);
        };
        limit("hard_limit", m.tune.hardLimit, m.tune.hardLimit < kMemoryUnlimited);
        limit("soft_limit", m.tune.softLimit, m.tune.softLimit < kMemoryUnlimited);
        limit("min_guarantee", m.tune.minGuarantee, m.tune.minGuarantee != 0);
        limit("swap_hard_limit", m.tune.swapHardLimit, m.tune.swapHardLimit < kMemoryUnlimited);
    }

    const auto& b = m.backing;
    Writer::Element backing(w, "memoryBacking", false);
    if (!b.hugepages.empty()) {
        backing.beginChildren();
        Writer::Element hp(w, "hugepages", true);
        if (!(b.hugepages.size() == 1 && b.hugepages[0].sizeKiB == 0)) {
            hp.beginChildren();
            for (const auto& p : b.hugepages) {
                Writer::Element page(w, "page", true);
                page.attr("size", std::to_string(p.sizeKiB));
                page.attr("unit", "KiB");
                if (p.nodeset)
                    page.attr("nodeset", p.nodeset->format());
            }
        }
    }
    auto flag = [&](const char* name, bool on) {
        if (!on)
            return;
        backing.beginChildren();
        Writer::Element e(w, name, true);
    };
    flag("nosharepages", b.nosharepages);
    flag("locked", b.locked);
    if (isSet(b.source)) {
        backing.beginChildren();
        Writer::Element e(w, "source", true);
        e.attr("type", toString(b.source));
    }
    if (isSet(b.access)) {
        backing.beginChildren();
        Writer::Element e(w, "access", true);
        e.attr("mode", toString(b.access));
    }
    if (isSet(b.allocation) || b.allocationThreads > 0) {
        backing.beginChildren();
        Writer::Element e(w, "allocation", false);
        if (isSet(b.allocation))
            e.attr("mode", toString(b.allocation));
        if (b.allocationThreads > 0)
            e.attr("threads", std::to_string(b.allocationThreads));
    }
    flag("discard", b.discard);
}

void postParseMemory(MemorySettings& m, size_t numaCells, uint64_t numaTotal, uint64_t hotplugTotal, bool abiUpdate) {
    uint64_t numaMemory = (m.total == 0 || abiUpdate) ? numaTotal : 0;
    if (numaMemory) {
        m.total = numaMemory + hotplugTotal;
    } else if (hotplugTotal > m.total) {
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Total size of memory devices exceeds the total memory size");
    }
    if (m.total - hotplugTotal == 0)
        fail(ErrorCode::XmlError, ErrorDomain::Domain,
             "Memory size must be specified via <memory> or in the <numa> configuration");
    if (m.current > m.total || m.current == 0)
        m.current = m.total;
    if (m.max == 0 && m.slots > 0)
        fail(ErrorCode::XmlError, ErrorDomain::Domain,
             "maximum memory size must be specified when specifying number of memory slots");
    if (m.max && m.max < m.total)
        fail(ErrorCode::XmlError, ErrorDomain::Domain,
             "maximum memory size must be equal or greater than the actual memory size");

    // Without guest NUMA a nodeset of just "0" means "everywhere".
    if (numaCells == 0) {
        for (auto& p : m.backing.hugepages)
            if (p.nodeset && p.nodeset->next(0) < 0)
                p.nodeset.reset();
    }
}

void validateMemory(const MemorySettings& m, size_t numaCells) {
    const auto& pages = m.backing.hugepages;
    for (size_t i = 0; i < pages.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
            const auto& a = pages[i];
            const auto& b = pages[j];
            if (a.nodeset && b.nodeset) {
                for (size_t bit : a.nodeset->bits())
                    if (b.nodeset->test(bit))
                        fail(ErrorCode::XmlDetail, ErrorDomain::Domain,
                             "nodeset attribute of hugepages of sizes {} and {} intersect", a.sizeKiB, b.sizeKiB);
            } else if (!a.nodeset && !b.nodeset) {
                fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "two master hugepages detected: {} and {}",
                     a.sizeKiB, b.sizeKiB);
            }
        }
        if (!pages[i].nodeset)
            continue;
        long next = pages[i].nodeset->next(static_cast<long>(numaCells) - 1);
        if (next >= 0)
            fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "hugepages: node {} not found", next);
    }
}

}  // namespace cvirt::conf::domain
