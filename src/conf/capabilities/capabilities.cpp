#include "conf/capabilities/capabilities.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace cvirt::conf::capabilities {
namespace {

constexpr std::array<std::string_view, 3> kPowerTargetNames = {"suspend_mem", "suspend_disk", "suspend_hybrid"};
constexpr std::array<std::string_view, 9> kGuestFeatureNames = {
    "pae", "nonpae", "ia64_be", "acpi", "apic", "cpuselection", "deviceboot", "disksnapshot", "externalSnapshot"};

// An indented text buffer, the way virBuffer with AdjustIndent builds
// libvirt's hand-formatted documents.
class Out {
public:
    void line(std::string_view text) {
        text_.append(static_cast<size_t>(indent_), ' ');
        text_ += text;
        text_ += '\n';
    }
    void blank() { text_ += '\n'; }
    void push() { indent_ += 2; }
    void open(std::string_view tag) {
        line(tag);
        indent_ += 2;
    }
    void close(std::string_view tag) {
        indent_ -= 2;
        line(tag);
    }
    std::string take() { return std::move(text_); }

private:
    std::string text_;
    int indent_ = 0;
};

void formatHostCpuModel(Out& out, const HostCpuModel& cpu) {
    if (!cpu.model.empty()) {
        std::string attrs;
        if (cpu.fallback)
            attrs += fmt::format(" fallback='{}'", xmlEscape(*cpu.fallback));
        out.line(fmt::format("<model{}>{}</model>", attrs, xmlEscape(cpu.model)));
    }
    if (!cpu.vendor.empty())
        out.line(fmt::format("<vendor>{}</vendor>", xmlEscape(cpu.vendor)));
    if (cpu.microcode)
        out.line(fmt::format("<microcode version='{}'/>", *cpu.microcode));
    if (cpu.signature)
        out.line(fmt::format("<signature family='{}' model='{}' stepping='{}'/>", cpu.signature->family,
                             cpu.signature->model, cpu.signature->stepping));
    if (cpu.counter) {
        std::string scaling;
        if (cpu.counter->scaling)
            scaling = fmt::format(" scaling='{}'", *cpu.counter->scaling ? "yes" : "no");
        out.line(fmt::format("<counter name='{}' frequency='{}'{}/>", cpu.counter->name, cpu.counter->frequency,
                             scaling));
    }
    if (cpu.topology) {
        const auto& t = *cpu.topology;
        std::string clusters = t.clusters ? fmt::format(" clusters='{}'", t.clusters) : std::string();
        out.line(fmt::format("<topology sockets='{}' dies='{}'{} cores='{}' threads='{}'/>", t.sockets, t.dies,
                             clusters, t.cores, t.threads));
    }
    if (cpu.maxPhysAddr) {
        std::string bits = cpu.maxPhysAddr->bits ? fmt::format(" bits='{}'", *cpu.maxPhysAddr->bits) : std::string();
        out.line(fmt::format("<maxphysaddr mode='{}'{}/>", cpu.maxPhysAddr->mode, bits));
    }
    for (const auto& f : cpu.features)
        out.line(fmt::format("<feature name='{}'/>", xmlEscape(f)));
}

void formatNumaCell(Out& out, const NumaCell& cell) {
    out.open(fmt::format("<cell id='{}'>", cell.id));
    if (cell.memoryKiB)
        out.line(fmt::format("<memory unit='KiB'>{}</memory>", cell.memoryKiB));
    for (const auto& p : cell.pages)
        out.line(fmt::format("<pages unit='KiB' size='{}'>{}</pages>", p.sizeKiB, p.available));
    if (!cell.distances.empty()) {
        out.open("<distances>");
        for (const auto& d : cell.distances)
            out.line(fmt::format("<sibling id='{}' value='{}'/>", d.cellId, d.value));
        out.close("</distances>");
    }
    out.open(fmt::format("<cpus num='{}'>", cell.cpus.size()));
    for (const auto& c : cell.cpus) {
        if (c.siblings)
            out.line(fmt::format("<cpu id='{}' socket_id='{}' die_id='{}' core_id='{}' siblings='{}'/>", c.id,
                                 c.socketId, c.dieId, c.coreId, c.siblings->format()));
        else
            out.line(fmt::format("<cpu id='{}'/>", c.id));
    }
    out.close("</cpus>");
    out.close("</cell>");
}

void formatHost(Out& out, const Host& host) {
    // libvirt writes no <host> when it knows nothing minimal about it.
    if (host.uuid.isNull() && host.arch.empty() && host.powerManagement.empty() && !host.iommu)
        return;
    out.open("<host>");
    if (!host.uuid.isNull())
        out.line(fmt::format("<uuid>{}</uuid>", host.uuid.format()));
    out.open("<cpu>");
    if (!host.arch.empty())
        out.line(fmt::format("<arch>{}</arch>", host.arch));
    if (!host.features.empty()) {
        out.open("<features>");
        for (const auto& f : host.features)
            out.line(fmt::format("<{}/>", f));
        out.close("</features>");
    }
    if (host.cpu)
        formatHostCpuModel(out, *host.cpu);
    for (unsigned size : host.pageSizesKiB)
        out.line(fmt::format("<pages unit='KiB' size='{}'/>", size));
    out.close("</cpu>");

    if (host.powerManagement.empty()) {
        out.line("<power_management/>");
    } else {
        auto targets = host.powerManagement;
        std::sort(targets.begin(), targets.end());
        targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
        out.open("<power_management>");
        for (auto t : targets)
            out.line(fmt::format("<{}/>", kPowerTargetNames[static_cast<size_t>(t)]));
        out.close("</power_management>");
    }
    out.line(fmt::format("<iommu support='{}'/>", host.iommu ? "yes" : "no"));

    if (host.offlineMigration) {
        out.open("<migration_features>");
        if (host.liveMigration)
            out.line("<live/>");
        if (!host.migrationTransports.empty()) {
            out.open("<uri_transports>");
            for (const auto& t : host.migrationTransports)
                out.line(fmt::format("<uri_transport>{}</uri_transport>", t));
            out.close("</uri_transports>");
        }
        out.close("</migration_features>");
    }
    if (host.netPrefix)
        out.line(fmt::format("<netprefix>{}</netprefix>", *host.netPrefix));

    if (host.numaCells) {
        out.open("<topology>");
        out.open(fmt::format("<cells num='{}'>", host.numaCells->size()));
        for (const auto& cell : *host.numaCells)
            formatNumaCell(out, cell);
        out.close("</cells>");
        out.close("</topology>");
    }

    for (const auto& sec : host.securityModels) {
        out.open("<secmodel>");
        out.line(fmt::format("<model>{}</model>", sec.model));
        out.line(fmt::format("<doi>{}</doi>", sec.doi));
        for (const auto& l : sec.baseLabels)
            out.line(fmt::format("<baselabel type='{}'>{}</baselabel>", l.type, l.label));
        out.close("</secmodel>");
    }
    out.close("</host>");
    out.blank();
}

void formatMachines(Out& out, const std::vector<Machine>& machines, bool withDeprecated) {
    for (const auto& m : machines) {
        std::string attrs;
        if (m.canonical)
            attrs += fmt::format(" canonical='{}'", *m.canonical);
        if (m.maxCpus > 0)
            attrs += fmt::format(" maxCpus='{}'", m.maxCpus);
        if (withDeprecated && m.deprecated)
            attrs += " deprecated='yes'";
        out.line(fmt::format("<machine{}>{}</machine>", attrs, m.name));
    }
}

void formatInfo(Out& out, const GuestDomainInfo& info, bool withDeprecated) {
    if (info.emulator)
        out.line(fmt::format("<emulator>{}</emulator>", *info.emulator));
    if (info.loader)
        out.line(fmt::format("<loader>{}</loader>", *info.loader));
    formatMachines(out, info.machines, withDeprecated);
}

void formatGuest(Out& out, const Guest& guest) {
    out.open("<guest>");
    out.line(fmt::format("<os_type>{}</os_type>", guest.osType));
    // Like libvirt, the arch body is indented even when the arch is unknown.
    if (!guest.arch.empty())
        out.open(fmt::format("<arch name='{}'>", guest.arch));
    else
        out.push();
    out.line(fmt::format("<wordsize>{}</wordsize>", guest.wordSize));
    formatInfo(out, guest.defaults, true);
    for (const auto& d : guest.domains) {
        const auto& info = d.info;
        if (!info.emulator && !info.loader && info.machines.empty()) {
            out.line(fmt::format("<domain type='{}'/>", d.type));
            continue;
        }
        out.open(fmt::format("<domain type='{}'>", d.type));
        formatInfo(out, info, false);
        out.close("</domain>");
    }
    out.close("</arch>");

    auto features = guest.features;
    std::stable_sort(features.begin(), features.end(),
                     [](const GuestFeature& a, const GuestFeature& b) { return a.type < b.type; });
    if (!features.empty()) {
        out.open("<features>");
        for (const auto& f : features) {
            std::string attrs;
            if (f.defaultOn)
                attrs += fmt::format(" default='{}'", *f.defaultOn ? "on" : "off");
            if (f.toggle)
                attrs += fmt::format(" toggle='{}'", *f.toggle ? "yes" : "no");
            out.line(fmt::format("<{}{}/>", kGuestFeatureNames[static_cast<size_t>(f.type)], attrs));
        }
        out.close("</features>");
    }
    out.close("</guest>");
    out.blank();
}

}  // namespace

int archWordSize(std::string_view arch) {
    static constexpr std::pair<std::string_view, int> kTable[] = {
        {"alpha", 64},   {"armv6l", 32},  {"armv7l", 32},   {"armv7b", 32},   {"aarch64", 64},  {"cris", 32},
        {"i686", 32},    {"ia64", 64},    {"lm32", 32},     {"loongarch64", 64}, {"m68k", 32}, {"microblaze", 32},
        {"microblazeel", 32}, {"mips", 32}, {"mipsel", 32},  {"mips64", 64},   {"mips64el", 64}, {"openrisc", 32},
        {"parisc", 32},  {"parisc64", 64}, {"ppc", 32},     {"ppcle", 32},    {"ppc64", 64},    {"ppc64le", 64},
        {"ppcemb", 32},  {"riscv32", 32}, {"riscv64", 64},  {"s390", 32},     {"s390x", 64},    {"sh4", 32},
        {"sh4eb", 64},   {"sparc", 32},   {"sparc64", 64},  {"unicore32", 32}, {"x86_64", 64},  {"xtensa", 32},
        {"xtensaeb", 32},
    };
    for (const auto& [name, size] : kTable)
        if (name == arch)
            return size;
    return 0;
}

std::string formatCapabilitiesXml(const Capabilities& caps) {
    Out out;
    out.open("<capabilities>");
    out.blank();
    formatHost(out, caps.host);
    for (const auto& g : caps.guests)
        formatGuest(out, g);
    if (!caps.storagePoolTypes.empty()) {
        out.open("<pool>");
        out.open("<enum name='type'>");
        for (const auto& t : caps.storagePoolTypes)
            out.line(fmt::format("<value>{}</value>", t));
        out.close("</enum>");
        out.close("</pool>");
        out.blank();
    }
    out.close("</capabilities>");
    return out.take();
}

}  // namespace cvirt::conf::capabilities
