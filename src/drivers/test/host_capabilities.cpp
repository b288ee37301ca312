#include "drivers/test/host_capabilities.hpp"

#include <dirent.h>

namespace cvirt::drivers::test {
namespace {

namespace caps = conf::capabilities;

constexpr const char* kEmulator = "/usr/bin/test-hv";

// virHostHasIOMMU: the host kernel has formed IOMMU groups.
bool hostHasIommu() {
    DIR* dir = opendir("/sys/kernel/iommu_groups/");
    if (!dir)
        return false;
    bool found = false;
    while (dirent* entry = readdir(dir)) {
        std::string_view name = entry->d_name;
        if (name != "." && name != "..") {
            found = true;
            break;
        }
    }
    closedir(dir);
    return found;
}

}  // namespace

std::vector<NumaCell> defaultNumaCells() {
    std::vector<NumaCell> cells(2);
    for (size_t i = 0; i < cells.size(); ++i) {
        cells[i].memoryKiB = (i + 1) * 2048 * 1024;
        cells[i].freeMemoryKiB = (i + 1) * 1024 * 1024;
    }
    for (unsigned id = 0; id < 16; ++id) {
        caps::NumaCpu cpu;
        cpu.id = id;
        cpu.socketId = id / 8;
        cpu.coreId = id % 8;
        Bitmap siblings;
        siblings.set(id);
        cpu.siblings = siblings;
        cells[id / 8].cpus.push_back(cpu);
    }
    return cells;
}

caps::Capabilities buildCapabilities(const std::vector<NumaCell>& cells) {
    caps::Capabilities c;
    c.host.arch = "i686";
    c.host.features = {"pae", "nonpae"};
    c.host.iommu = hostHasIommu();
    c.host.pageSizesKiB = {4, 8, 2048, 1024 * 1024};

    // Each cell lists every page size but the second; cell 1 has its small
    // pages in 8 KiB rather than 4 KiB (testBuildCapabilities' quirk).
    std::vector<caps::NumaCell> numa;
    for (size_t i = 0; i < cells.size(); ++i) {
        caps::NumaCell cell;
        cell.id = static_cast<unsigned>(i);
        cell.memoryKiB = cells[i].memoryKiB;
        unsigned small = i == 1 ? c.host.pageSizesKiB[1] : c.host.pageSizesKiB[0];
        cell.pages.push_back({small, cells[i].memoryKiB / small});
        for (size_t j = 2; j < c.host.pageSizesKiB.size(); ++j)
            cell.pages.push_back({c.host.pageSizesKiB[j], 0});
        cell.cpus = cells[i].cpus;
        numa.push_back(std::move(cell));
    }
    c.host.numaCells = std::move(numa);
    c.host.securityModels.push_back({"testSecurity", "", {}});

    for (const char* osType : {"hvm", "xen"}) {
        caps::Guest g;
        g.osType = osType;
        g.arch = "i686";
        g.wordSize = caps::archWordSize(g.arch);
        g.defaults.emulator = kEmulator;
        g.domains.push_back({"test", {}});
        g.features.push_back({caps::GuestFeatureType::Pae, std::nullopt, std::nullopt});
        g.features.push_back({caps::GuestFeatureType::NonPae, std::nullopt, std::nullopt});
        c.guests.push_back(std::move(g));
    }
    return c;
}

}  // namespace cvirt::drivers::test
