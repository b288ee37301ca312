#include "drivers/qemu/caps_replies.hpp"

#include <sstream>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace cvirt::test {

qemu::QemuCaps capsFromReplies(const std::string& path, bool stripAliases) {
    std::istringstream in(readText(path));
    qemu::QemuCaps caps;
    caps.binary = "/usr/bin/qemu-system-x86_64";
    std::string command;
    bool haveMachines = false, haveCpus = false;
    while (in >> std::ws && !in.eof()) {
        nlohmann::json j;
        in >> j;
        if (j.contains("execute")) {
            command = j["execute"].get<std::string>();
            continue;
        }
        if (!j.contains("return"))
            continue;
        const auto& r = j["return"];
        if (command == "query-version") {
            const auto& q = r["qemu"];
            caps.version = q["major"].get<uint64_t>() * 1000000 + q["minor"].get<uint64_t>() * 1000 +
                           q["micro"].get<uint64_t>();
        } else if (command == "query-target") {
            caps.arch = r.value("arch", "");
        } else if (command == "query-kvm") {
            caps.kvm = r.value("enabled", false);
        } else if (command == "qom-list-types") {
            for (const auto& t : r)
                caps.deviceTypes.insert(t.value("name", ""));
        } else if (command == "query-machines" && !haveMachines) {
            haveMachines = true;
            for (const auto& m : r) {
                qemu::MachineType t;
                t.name = m.value("name", "");
                t.alias = m.value("alias", "");
                t.isDefault = m.value("is-default", false);
                t.maxCpus = m.value("cpu-max", 0);
                t.hotplugCpus = m.value("hotpluggable-cpus", false);
                t.deprecated = m.value("deprecated", false);
                t.defaultRamId = m.value("default-ram-id", "");
                t.defaultCpuType = m.value("default-cpu-type", "");
                if (stripAliases && !t.alias.empty()) {
                    t.name = t.alias;
                    t.alias.clear();
                }
                caps.machines.push_back(std::move(t));
            }
        } else if (command == "query-cpu-definitions" && !haveCpus) {
            haveCpus = true;
            for (const auto& c : r) {
                qemu::CpuModel m;
                m.name = c.value("name", "");
                m.usable = !c.contains("unavailable-features") || c["unavailable-features"].empty();
                m.deprecated = c.value("deprecated", false);
                caps.cpuModels.push_back(std::move(m));
            }
        }
    }
    return caps;
}

}  // namespace cvirt::test
