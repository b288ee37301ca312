#include "drivers/qemu/paths.hpp"

#include "util/files.hpp"
#include "util/process.hpp"

namespace cvirt::qemu {

QemuPaths QemuPaths::system(const std::string& root) {
    QemuPaths p;
    p.configDir = root + "/etc/cvirt/qemu";
    p.autostartDir = p.configDir + "/autostart";
    p.stateDir = root + "/run/cvirt/qemu";
    p.libDir = root + "/var/lib/cvirt/qemu";
    p.logDir = root + "/var/log/cvirt/qemu";
    p.cacheDir = root + "/var/cache/cvirt/qemu";
    return p;
}

QemuPaths QemuPaths::session() {
    std::string home = envOr("HOME", "/tmp");
    std::string config = envOr("XDG_CONFIG_HOME", home + "/.config");
    std::string cache = envOr("XDG_CACHE_HOME", home + "/.cache");
    std::string runtime = envOr("XDG_RUNTIME_DIR", cache);
    QemuPaths p;
    p.configDir = config + "/cvirt/qemu";
    p.autostartDir = p.configDir + "/autostart";
    p.stateDir = runtime + "/cvirt/qemu/run";
    p.libDir = config + "/cvirt/qemu/lib";
    p.logDir = cache + "/cvirt/qemu/log";
    p.cacheDir = cache + "/cvirt/qemu/cache";
    return p;
}

QemuPaths QemuPaths::embed(const std::string& root) { return system(root); }

void QemuPaths::create() const {
    for (const auto* dir : {&configDir, &autostartDir, &stateDir, &libDir, &logDir, &cacheDir})
        makeDirectories(*dir, 0700);
    makeDirectories(libDir + "/save", 0700);
}

}  // namespace cvirt::qemu
