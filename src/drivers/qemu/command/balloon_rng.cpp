// The memory balloon and virtio RNG devices.
#include "drivers/qemu/command/families.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

void buildMemballoon(Build& b) {
    const auto& m = b.def.devices.memballoon;
    if (!m || m->model == MemballoonModel::None || m->model == MemballoonModel::Xen)
        return;
    Props p = b.virtioProps("virtio-balloon", m->info, m->model == MemballoonModel::VirtioTransitional,
                            m->model == MemballoonModel::VirtioNonTransitional, &m->virtio);
    p["id"] = m->info.alias;
    putSwitch(p, "deflate-on-oom", m->autodeflate);
    putSwitch(p, "free-page-reporting", m->freePageReporting);
    b.address(p, m->info);
    b.device(p);
}

void buildRngs(Build& b) {
    for (const auto& r : b.def.devices.rngs) {
        std::string obj = "obj" + r.info.alias;
        if (auto* egd = std::get_if<RngEgdBackend>(&r.backend)) {
            buildChardev(b, egd->source, "char" + r.info.alias);
            b.object(Props{{"qom-type", "rng-egd"}, {"id", obj}, {"chardev", "char" + r.info.alias}});
        } else if (auto* rnd = std::get_if<RngRandomBackend>(&r.backend)) {
            b.object(Props{{"qom-type", "rng-random"}, {"id", obj}, {"filename", rnd->path}});
        } else {
            b.object(Props{{"qom-type", "rng-builtin"}, {"id", obj}});
        }
        Props p = b.virtioProps("virtio-rng", r.info, r.model == RngModel::VirtioTransitional,
                                r.model == RngModel::VirtioNonTransitional, &r.virtio);
        p["rng"] = obj;
        p["id"] = r.info.alias;
        putPositive(p, "max-bytes", r.rateBytes);
        if (r.rateBytes > 0)
            p["period"] = r.ratePeriod ? r.ratePeriod : 1000;
        b.address(p, r.info);
        b.device(p);
    }
}

}  // namespace cvirt::qemu
