#pragma once
// Where the QEMU driver keeps its state (DESIGN.md, "State on disk"). Every
// path hangs off one root so that tests and qemu:///embed?root=DIR run
// isolated: system mode uses "/", session mode the user's XDG directories,
// embed mode DIR.

#include <string>

namespace cvirt::qemu {

struct QemuPaths {
    std::string configDir;     // persistent definitions NAME.xml
    std::string autostartDir;  // autostart links
    std::string stateDir;      // live status NAME.xml, per-domain runtime dirs
    std::string libDir;        // managed save images, snapshots, channels, nvram
    std::string logDir;        // NAME.log: QEMU's stdout/stderr
    std::string cacheDir;      // probed emulator capabilities

    // qemu:///system (under `root`, "" for the real /), as cvirtd uses it.
    static QemuPaths system(const std::string& root = "");
    // qemu:///session for the current user.
    static QemuPaths session();
    // qemu:///embed?root=DIR
    static QemuPaths embed(const std::string& root);

    // Creates every directory.
    void create() const;

    std::string definitionFile(const std::string& name) const { return configDir + "/" + name + ".xml"; }
    std::string autostartLink(const std::string& name) const { return autostartDir + "/" + name + ".xml"; }
    std::string statusFile(const std::string& name) const { return stateDir + "/" + name + ".xml"; }
    std::string logFile(const std::string& name) const { return logDir + "/" + name + ".log"; }
    std::string managedSaveFile(const std::string& name) const { return libDir + "/save/" + name + ".save"; }
    // Per running domain: monitor socket, pid file, channel sockets.
    std::string runtimeDir(int id, const std::string& name) const {
        return stateDir + "/domain-" + std::to_string(id) + "-" + name;
    }
};

}  // namespace cvirt::qemu
