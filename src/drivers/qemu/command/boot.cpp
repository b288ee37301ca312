// How the guest boots and keeps time: firmware (-bios, pflash), -rtc and
// timer policies, power management, -boot and direct kernel boot.
#include <fmt/format.h>

#include <ctime>

#include "drivers/qemu/command/families.hpp"
#include "drivers/qemu/domain_defaults/machine.hpp"
#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

void pflashBlockdev(Build& b, int unit, const std::string& path, FirmwareFormat format, bool readonly) {
    std::string prefix = fmt::format("libvirt-pflash{}", unit);
    b.blockdev(Props{{"driver", "file"},
                     {"filename", path},
                     {"node-name", prefix + "-storage"},
                     {"auto-read-only", true},
                     {"discard", "unmap"}});
    b.blockdev(Props{{"node-name", prefix + "-format"},
                     {"read-only", readonly},
                     {"driver", format == FirmwareFormat::Qcow2 ? "qcow2" : "raw"},
                     {"file", prefix + "-storage"}});
}

std::string rtcBase(const Clock& c) {
    auto when = [](int64_t t) {
        std::time_t tt = static_cast<std::time_t>(t);
        std::tm tm{};
        gmtime_r(&tt, &tm);
        char buf[32];
        std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
        return std::string(buf);
    };
    switch (c.offset) {
    case ClockOffset::Utc: return "base=utc";
    case ClockOffset::Localtime:
    case ClockOffset::Timezone: return "base=localtime";
    case ClockOffset::Variable: {
        int64_t adjustment = c.adjustment;
        if (c.basis == ClockBasis::Localtime) {
            std::time_t now = std::time(nullptr);
            std::tm local{};
            localtime_r(&now, &local);
            adjustment += local.tm_gmtoff;
        }
        return "base=" + when(static_cast<int64_t>(std::time(nullptr)) + adjustment);
    }
    case ClockOffset::Absolute: return "base=" + when(static_cast<int64_t>(c.start));
    }
    return "base=utc";
}

}  // namespace

void buildPflash(Build& b) {
    const auto& os = b.def.os;
    if (!os.loader || os.loader->type != LoaderType::Pflash || !os.loader->path)
        return;
    pflashBlockdev(b, 0, *os.loader->path, os.loader->format, os.loader->readonly == conf::TriBool::Yes);
    if (os.nvram && os.nvram->path)
        pflashBlockdev(b, 1, *os.nvram->path, os.nvram->format, false);
}

void buildLoader(Build& b) {
    const auto& loader = b.def.os.loader;
    if (!loader)
        return;
    if (loader->type == LoaderType::Rom && loader->path)
        b.arg("-bios", *loader->path);
    else if (loader->type == LoaderType::Pflash && loader->secure == conf::TriBool::Yes)
        b.arg("-global", "driver=cfi.pflash01,property=secure,value=on");
}

void buildClock(Build& b) {
    const Clock& c = b.def.clock;
    std::string rtc = rtcBase(c);
    for (const auto& t : c.timers) {
        if (t.name != TimerName::Rtc)
            continue;
        switch (t.track) {
        case TimerTrack::Boot:
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "unsupported rtc timer track '{}'", toString(t.track));
        case TimerTrack::Guest: rtc += ",clock=vm"; break;
        case TimerTrack::Wall: rtc += ",clock=host"; break;
        case TimerTrack::Realtime: rtc += ",clock=rt"; break;
        default: break;
        }
        if (t.tickpolicy == TimerTickpolicy::Catchup)
            rtc += ",driftfix=slew";
        else if (t.tickpolicy == TimerTickpolicy::Merge || t.tickpolicy == TimerTickpolicy::Discard)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "unsupported rtc timer tickpolicy '{}'",
                 toString(t.tickpolicy));
        break;
    }
    b.arg("-rtc", rtc);
    if (c.offset == ClockOffset::Timezone && c.timezone)
        b.env("TZ", *c.timezone);
    for (const auto& t : c.timers) {
        if (t.name == TimerName::Platform)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "unsupported timer type (name) '{}'",
                 toString(t.name));
        if (t.name != TimerName::Pit)
            continue;
        switch (t.tickpolicy) {
        case TimerTickpolicy::None:
        case TimerTickpolicy::Delay: b.arg("-global", "kvm-pit.lost_tick_policy=delay"); break;
        case TimerTickpolicy::Discard: b.arg("-global", "kvm-pit.lost_tick_policy=discard"); break;
        case TimerTickpolicy::Merge:
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "unsupported pit tickpolicy '{}'",
                 toString(t.tickpolicy));
        default: break;
        }
    }
}

void buildPm(Build& b) {
    const Domain& def = b.def;
    // Guest power-off is handled by the driver (on_poweroff) through the
    // monitor, so QEMU must never exit on its own.
    b.arg("-no-shutdown");
    const auto& l = def.lifecycle;
    if (l.suspendToMem == conf::TriBool::Absent && l.suspendToDisk == conf::TriBool::Absent)
        return;
    const char* pm = isQ35(def) ? "ICH9-LPC" : "PIIX4_PM";
    if (l.suspendToMem != conf::TriBool::Absent)
        b.arg("-global", fmt::format("{}.disable_s3={}", pm, l.suspendToMem == conf::TriBool::No ? 1 : 0));
    if (l.suspendToDisk != conf::TriBool::Absent)
        b.arg("-global", fmt::format("{}.disable_s4={}", pm, l.suspendToDisk == conf::TriBool::No ? 1 : 0));
}

void buildBoot(Build& b) {
    const auto& os = b.def.os;
    std::string boot;
    if (os.bootmenu != conf::TriBool::Absent)
        boot += os.bootmenu == conf::TriBool::Yes ? "menu=on," : "menu=off,";
    if (os.biosRebootTimeout)
        boot += fmt::format("reboot-timeout={},", *os.biosRebootTimeout);
    if (os.bootmenuTimeout)
        boot += fmt::format("splash-time={},", *os.bootmenuTimeout);
    boot += "strict=on";
    b.arg("-boot", boot);
    if (os.kernel)
        b.arg("-kernel", *os.kernel);
    if (os.initrd)
        b.arg("-initrd", *os.initrd);
    if (os.cmdline)
        b.arg("-append", *os.cmdline);
    if (os.dtb)
        b.arg("-dtb", *os.dtb);
    for (const auto& [type, path] : os.acpiTables)
        if (type == AcpiTableType::Slic)
            b.arg("-acpitable", "sig=SLIC,file=" + escapeComma(path));
}

}  // namespace cvirt::qemu
