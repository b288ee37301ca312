// Domain definition -> QEMU command line. The families of arguments live
// in their own files; this one assembles them in libvirt's order.
#include "drivers/qemu/command/command_line.hpp"
#include "drivers/qemu/def_info.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

CommandLine buildCommandLine(const conf::domain::Domain& def, const BuildContext& ctx) {
    CommandLine cmd;
    cmd.binary = emulatorOf(def);
    cmd.env = {"LC_ALL=C", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
               "HOME=" + ctx.runtimeDir, "XDG_DATA_HOME=" + ctx.runtimeDir + "/.local/share",
               "XDG_CACHE_HOME=" + ctx.runtimeDir + "/.cache", "XDG_CONFIG_HOME=" + ctx.runtimeDir + "/.config"};
    auto& a = cmd.args;
    a = {"-name", "guest=" + def.name + ",debug-threads=on", "-S"};
    a.insert(a.end(), {"-machine", "pc,usb=off,dump-guest-core=off", "-accel", wantsKvm(def) ? "kvm" : "tcg"});
    a.insert(a.end(), {"-m", std::to_string(maxMemoryKiB(def) / 1024)});
    a.insert(a.end(), {"-smp", std::to_string(currentVcpus(def))});
    a.insert(a.end(), {"-uuid", def.uuid.format(), "-display", "none", "-no-user-config", "-nodefaults"});
    a.insert(a.end(), {"-chardev", "socket,id=charmonitor,path=" + ctx.monitorPath + ",server=on,wait=off", "-mon",
                       "chardev=charmonitor,id=monitor,mode=control"});
    a.insert(a.end(), {"-rtc", "base=utc", "-no-shutdown", "-boot", "strict=on"});
    a.insert(a.end(), {"-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny", "-msg",
                       "timestamp=on"});
    return cmd;
}

}  // namespace cvirt::qemu
