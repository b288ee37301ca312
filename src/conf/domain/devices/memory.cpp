#include "conf/domain/devices/memory.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include "conf/domain/props.hpp"
#include "conf/domain/scaled.hpp"
#include "conf/xml/c_number.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

// libvirt's fallback for the host's transparent huge page size, in KiB.
constexpr uint64_t kThpSizeKiB = 2048;

MemoryDeviceKind kindFor(MemoryModel model) {
    switch (model) {
    case MemoryModel::Dimm: return DimmMemory{};
    case MemoryModel::Nvdimm: return NvdimmMemory{};
    case MemoryModel::VirtioPmem: return VirtioPmemMemory{};
    case MemoryModel::VirtioMem: return VirtioMemMemory{};
    case MemoryModel::SgxEpc: return SgxEpcMemory{};
    case MemoryModel::None: break;
    }
    fail(ErrorCode::InternalError, ErrorDomain::Domain, "unexpected memory model");
}

std::optional<Bitmap> parseNodemask(const Node& source) {
    auto text = childText(source, "nodemask");
    if (!text)
        return std::nullopt;
    Bitmap nodes = parseBitmap(*text);
    if (nodes.empty())
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Invalid value of 'nodemask': {}", *text);
    return nodes;
}

// <address base='0x...'/> inside <target>: hexadecimal, "0x" optional.
uint64_t parseTargetAddress(const Node& target) {
    Node address = target.child("address");
    if (!address)
        return 0;
    auto text = address.attr("base");
    if (!text)
        return 0;
    auto v = xml::cParseUnsigned(*text, 16, true);
    if (!v)
        xml::invalidAttr(address, "base", *text, "Expected non-negative integer value");
    return *v;
}

void parseSource(MemoryDevice& mem, const Node& source) {
    std::visit(
        [&](auto& kind) {
            using K = std::decay_t<decltype(kind)>;
            if constexpr (std::is_same_v<K, DimmMemory> || std::is_same_v<K, VirtioMemMemory>) {
                kind.pagesizeKiB = childMemoryKiB(source, "pagesize", "./pagesize", false).value_or(0);
                kind.nodemask = parseNodemask(source);
            } else if constexpr (std::is_same_v<K, NvdimmMemory>) {
                kind.path = childText(source, "path").value_or("");
                kind.alignsizeKiB = childMemoryKiB(source, "alignsize", "./alignsize", false).value_or(0);
                kind.pmem = static_cast<bool>(source.child("pmem"));
            } else if constexpr (std::is_same_v<K, VirtioPmemMemory>) {
                kind.path = childText(source, "path").value_or("");
            } else {
                kind.nodemask = parseNodemask(source);
            }
        },
        mem.kind);
}

void parseTarget(MemoryDevice& mem, const Node& target) {
    if (auto node = childText(target, "node")) {
        auto v = xml::cParseSigned<int>(*node);
        if (!v || *v < 0)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "invalid value of memory device node");
        mem.targetNode = *v;
    }
    mem.sizeKiB = *childMemoryKiB(target, "size", "./size", true);
    std::visit(
        [&](auto& kind) {
            using K = std::decay_t<decltype(kind)>;
            if constexpr (std::is_same_v<K, NvdimmMemory>) {
                Node label = target.child("label");
                kind.labelSizeKiB = childMemoryKiB(label, "size", "./label/size", false).value_or(0);
                if (kind.labelSizeKiB && kind.labelSizeKiB < 128)
                    fail(ErrorCode::XmlError, ErrorDomain::Domain, "nvdimm label must be at least 128KiB");
                if (kind.labelSizeKiB >= mem.sizeKiB)
                    fail(ErrorCode::XmlError, ErrorDomain::Domain, "label size must be smaller than NVDIMM size");
                kind.readonly = static_cast<bool>(target.child("readonly"));
            } else if constexpr (std::is_same_v<K, VirtioMemMemory>) {
                kind.blockKiB = childMemoryKiB(target, "block", "./block", false).value_or(0);
                kind.requestedKiB = childMemoryKiB(target, "requested", "./requested", false).value_or(0);
                kind.address = parseTargetAddress(target);
            } else if constexpr (std::is_same_v<K, VirtioPmemMemory>) {
                kind.address = parseTargetAddress(target);
            }
        },
        mem.kind);
}

void formatNodemask(Writer& w, const std::optional<Bitmap>& nodemask) {
    if (nodemask)
        w.textElement("nodemask", nodemask->format());
}

void formatSource(Writer::Element& device, Writer& w, const MemoryDevice& mem) {
    device.beginChildren();
    Writer::Element source(w, "source", false);
    source.beginChildren();
    std::visit(
        [&](const auto& kind) {
            using K = std::decay_t<decltype(kind)>;
            if constexpr (std::is_same_v<K, DimmMemory> || std::is_same_v<K, VirtioMemMemory>) {
                formatNodemask(w, kind.nodemask);
                if (kind.pagesizeKiB)
                    formatKiB(w, "pagesize", kind.pagesizeKiB);
            } else if constexpr (std::is_same_v<K, NvdimmMemory>) {
                if (!kind.path.empty())
                    w.textElement("path", kind.path);
                if (kind.alignsizeKiB)
                    formatKiB(w, "alignsize", kind.alignsizeKiB);
                if (kind.pmem)
                    Writer::Element(w, "pmem", true);
            } else if constexpr (std::is_same_v<K, VirtioPmemMemory>) {
                if (!kind.path.empty())
                    w.textElement("path", kind.path);
            } else {
                formatNodemask(w, kind.nodemask);
            }
        },
        mem.kind);
}

void formatTargetAddress(Writer& w, uint64_t address) {
    if (!address)
        return;
    Writer::Element e(w, "address", true);
    e.attr("base", xml::formatHex(address, 1));
}

void formatTarget(Writer::Element& device, Writer& w, const MemoryDevice& mem, const FormatContext& ctx) {
    device.beginChildren();
    Writer::Element target(w, "target", true);
    target.beginChildren();
    formatKiB(w, "size", mem.sizeKiB);
    if (mem.targetNode >= 0)
        w.textElement("node", std::to_string(mem.targetNode));
    std::visit(
        [&](const auto& kind) {
            using K = std::decay_t<decltype(kind)>;
            if constexpr (std::is_same_v<K, NvdimmMemory>) {
                if (kind.labelSizeKiB) {
                    Writer::Element label(w, "label", false);
                    label.beginChildren();
                    formatKiB(w, "size", kind.labelSizeKiB);
                }
                if (kind.readonly)
                    Writer::Element(w, "readonly", true);
            } else if constexpr (std::is_same_v<K, VirtioPmemMemory>) {
                formatTargetAddress(w, kind.address);
            } else if constexpr (std::is_same_v<K, VirtioMemMemory>) {
                if (kind.blockKiB) {
                    formatKiB(w, "block", kind.blockKiB);
                    formatKiB(w, "requested", kind.requestedKiB);
                    if (!ctx.inactive)
                        formatKiB(w, "current", kind.currentKiB);
                }
                formatTargetAddress(w, kind.address);
            }
        },
        mem.kind);
}

}  // namespace

void xmlParse(MemoryDevice& mem, const Node& node, ParseContext& ctx) {
    mem.kind = kindFor(*propEnum<MemoryModel>(node, "model", kPropRequired | kPropNonZero));
    mem.access = propEnum<MemoryAccess>(node, "access", kPropNonZero).value_or(MemoryAccess::Default);
    mem.discard = propTriBool(node, "discard");
    if (auto* nvdimm = std::get_if<NvdimmMemory>(&mem.kind)) {
        if (auto text = childText(node, "uuid")) {
            nvdimm->uuid = Uuid::parse(*text);
            if (!nvdimm->uuid)
                fail(ErrorCode::InternalError, ErrorDomain::Domain, "malformed uuid element");
        }
    }
    if (auto source = node.child("source"))
        parseSource(mem, source);
    Node target = node.child("target");
    if (!target)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "missing <target> element for <memory> device");
    parseTarget(mem, target);
    parseDeviceInfo(mem.info, node, ctx, 0);
}

void xmlFormat(Writer& w, std::string_view name, const MemoryDevice& mem, FormatContext& ctx) {
    Writer::Element el(w, name, true);
    el.attr("model", toString(mem.model()));
    if (isSet(mem.access))
        el.attr("access", toString(mem.access));
    if (isSet(mem.discard))
        el.attr("discard", toString(mem.discard));
    if (const auto* nvdimm = std::get_if<NvdimmMemory>(&mem.kind); nvdimm && nvdimm->uuid) {
        el.beginChildren();
        w.textElement("uuid", nvdimm->uuid->format());
    }
    formatSource(el, w, mem);
    formatTarget(el, w, mem, ctx);
    formatDeviceInfo(el, w, mem.info, ctx, 0);
}

void postParseMemoryDevice(MemoryDevice& mem, bool ppc64Guest) {
    if (std::holds_alternative<VirtioPmemMemory>(mem.kind) && !isSet(mem.access))
        mem.access = MemoryAccess::Shared;
    if (auto* nvdimm = std::get_if<NvdimmMemory>(&mem.kind); nvdimm && ppc64Guest && !nvdimm->uuid)
        nvdimm->uuid = Uuid::generate();
}

void validateMemoryDevice(const MemoryDevice& mem, size_t numaNodes, bool ppc64Guest) {
    if (mem.targetNode != -1) {
        if (numaNodes == 0)
            fail(ErrorCode::XmlDetail, ErrorDomain::Domain,
                 "can't add memory backend as guest has no NUMA nodes configured");
        if (static_cast<size_t>(mem.targetNode) >= numaNodes)
            fail(ErrorCode::XmlDetail, ErrorDomain::Domain,
                 "can't add memory backend for guest node '{}' as the guest has only '{}' NUMA nodes configured",
                 mem.targetNode, numaNodes);
    }
    const char* model = toString(mem.model()).data();
    std::visit(
        [&](const auto& kind) {
            using K = std::decay_t<decltype(kind)>;
            if constexpr (std::is_same_v<K, NvdimmMemory>) {
                if (kind.path.empty())
                    fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "path is required for model 'nvdimm'");
                if (mem.discard == TriBool::Yes)
                    fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "discard is not supported for nvdimms");
                if (ppc64Guest) {
                    if (kind.labelSizeKiB == 0)
                        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                             "label size is required for NVDIMM device");
                } else if (kind.uuid) {
                    fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "UUID is not supported for NVDIMM device");
                }
            } else if constexpr (std::is_same_v<K, VirtioPmemMemory>) {
                if (kind.path.empty())
                    fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "path is required for model '{}'", model);
                if (mem.discard == TriBool::Yes)
                    fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "discard is not supported for model '{}'",
                         model);
                if (mem.access != MemoryAccess::Shared)
                    fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                         "shared access mode required for virtio-pmem device");
                if (mem.targetNode != -1)
                    fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "virtio-pmem does not support NUMA nodes");
                long pagesize = sysconf(_SC_PAGESIZE);
                if (pagesize > 0 && kind.address % static_cast<uint64_t>(pagesize) != 0)
                    fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "memory address must be aligned to {} bytes",
                         pagesize);
            } else if constexpr (std::is_same_v<K, VirtioMemMemory>) {
                if (kind.requestedKiB > mem.sizeKiB)
                    fail(ErrorCode::XmlDetail, ErrorDomain::Domain,
                         "requested size must be smaller than or equal to @size ({}KiB)", mem.sizeKiB);
                if (kind.blockKiB == 0 || (kind.blockKiB & (kind.blockKiB - 1)) != 0)
                    fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "block size must be a power of two");
                if (kind.blockKiB < kThpSizeKiB)
                    fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "block size too small, must be at least {}KiB",
                         kThpSizeKiB);
                if (kind.requestedKiB % kind.blockKiB != 0)
                    fail(ErrorCode::XmlDetail, ErrorDomain::Domain,
                         "requested size must be an integer multiple of block size");
                if (kind.address % (kind.blockKiB * 1024) != 0)
                    fail(ErrorCode::XmlDetail, ErrorDomain::Domain,
                         "memory device address must be aligned to blocksize");
            } else if constexpr (std::is_same_v<K, SgxEpcMemory>) {
                if (!std::holds_alternative<std::monostate>(mem.info.address))
                    fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
                         "memory device address is not supported for model '{}'", model);
            }
        },
        mem.kind);
}

}  // namespace cvirt::conf::domain
