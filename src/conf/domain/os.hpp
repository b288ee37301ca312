#pragma once
// How the guest boots: <bootloader>, <os> (type, firmware, loader, nvram,
// kernel, init, boot devices, smbios), <idmap> and <sysinfo>.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "conf/domain/props.hpp"
#include "conf/xml/writer.hpp"
#include "util/uuid.hpp"

namespace cvirt::conf::domain {

// virArch, value 0 meaning "not given".
enum class Arch {
    None, Alpha, Armv6l, Armv7l, Armv7b, Aarch64, Cris, I686, Ia64, Lm32, M68k, Microblaze, Microblazeel, Mips,
    Mipsel, Mips64, Mips64el, Openrisc, Parisc, Parisc64, Ppc, Ppcle, Ppc64, Ppc64le, Ppcemb, Riscv32, Riscv64,
    S390, S390x, Sh4, Sh4eb, Sparc, Sparc64, Unicore32, X86_64, Xtensa, Xtensaeb
};
CVIRT_ENUM_STRINGS_UNSET(Arch, "none", "alpha", "armv6l", "armv7l", "armv7b", "aarch64", "cris", "i686", "ia64",
                         "lm32", "m68k", "microblaze", "microblazeel", "mips", "mipsel", "mips64", "mips64el",
                         "openrisc", "parisc", "parisc64", "ppc", "ppcle", "ppc64", "ppc64le", "ppcemb", "riscv32",
                         "riscv64", "s390", "s390x", "sh4", "sh4eb", "sparc", "sparc64", "unicore32", "x86_64",
                         "xtensa", "xtensaeb");
// The architecture cvirt itself runs on (virArchFromHost).
Arch hostArch();

enum class OsType { Hvm, Xen, Linux, Exe, Uml, Xenpvh };
CVIRT_ENUM_STRINGS(OsType, "hvm", "xen", "linux", "exe", "uml", "xenpvh");
enum class Firmware { None, Bios, Efi };
CVIRT_ENUM_STRINGS_UNSET(Firmware, "none", "bios", "efi");
enum class FirmwareFeature { EnrolledKeys, SecureBoot };
CVIRT_ENUM_STRINGS(FirmwareFeature, "enrolled-keys", "secure-boot");
enum class LoaderType { None, Rom, Pflash };
CVIRT_ENUM_STRINGS_UNSET(LoaderType, "none", "rom", "pflash");
enum class BootDevice { Floppy, Cdrom, Disk, Network };
CVIRT_ENUM_STRINGS(BootDevice, "fd", "cdrom", "hd", "network");
enum class SmbiosMode { None, Emulate, Host, Sysinfo };
CVIRT_ENUM_STRINGS_UNSET(SmbiosMode, "none", "emulate", "host", "sysinfo");
enum class AcpiTableType { Slic };
CVIRT_ENUM_STRINGS(AcpiTableType, "slic");
// The image formats a firmware loader or NVRAM may use (raw, qcow2).
enum class FirmwareFormat { None, Raw, Qcow2 };
CVIRT_ENUM_STRINGS_UNSET(FirmwareFormat, "none", "raw", "qcow2");

// An element kept as written (attributes in order, text, children), for
// content libvirt formats back unchanged.
struct RawElement {
    std::string name;
    std::vector<std::pair<std::string, std::string>> attrs;
    std::string text;
    std::vector<RawElement> children;

    static RawElement fromNode(const Node& node);
    void format(xml::Writer& w) const;
};

struct OsLoader {
    TriBool readonly{}, secure{}, stateless{};
    LoaderType type{};
    FirmwareFormat format{};
    std::optional<std::string> path;
};

struct OsNvram {
    std::optional<std::string> templ;  // template=
    FirmwareFormat format{};
    std::optional<std::string> path;  // <nvram>PATH</nvram>
    // <nvram type='file|block|network'><source .../></nvram>
    std::optional<std::string> type;
    std::optional<RawElement> source;
};

struct InitEnv {
    std::string name, value;
};

struct Os {
    OsType type{};
    Arch arch{};
    std::optional<std::string> machine;
    Firmware firmware{};
    // <firmware><feature>: by FirmwareFeature; Absent when not given.
    std::vector<TriBool> firmwareFeatures;
    std::optional<std::string> bootloader, bootloaderArgs;
    // exe guests
    std::optional<std::string> init;
    std::vector<std::string> initargs;
    std::vector<InitEnv> initenv;
    std::optional<std::string> initdir, inituser, initgroup;
    // kernel boot
    std::optional<std::string> kernel, initrd, cmdline, dtb, root;
    std::optional<OsLoader> loader;  // present when <loader> or <nvram> is
    std::optional<OsNvram> nvram;
    std::vector<std::pair<AcpiTableType, std::string>> acpiTables;
    std::vector<BootDevice> boot;
    TriBool bootmenu{};
    std::optional<unsigned> bootmenuTimeout;
    TriBool biosUseSerial{};
    std::optional<int> biosRebootTimeout;
    SmbiosMode smbios{};
};

struct IdMapEntry {
    unsigned start = 0, target = 0, count = 0;
};

struct IdMap {
    std::vector<IdMapEntry> uid, gid;  // sorted by start
};

enum class SysinfoType { Smbios, Fwcfg };
CVIRT_ENUM_STRINGS(SysinfoType, "smbios", "fwcfg");

// One SMBIOS section: its known entries by name, in libvirt's order.
struct SysinfoSection {
    std::vector<std::pair<std::string, std::string>> entries;
    bool empty() const { return entries.empty(); }
};

struct FwCfgEntry {
    std::string name;
    std::optional<std::string> value, file;
};

struct Sysinfo {
    SysinfoType type{};
    SysinfoSection bios, system, chassis;
    std::vector<SysinfoSection> baseBoards;
    std::optional<std::vector<std::string>> oemStrings;
    std::vector<FwCfgEntry> fwcfg;
};

// <os>, <bootloader> and <bootloader_args>; `defaultArch` fills a missing
// arch attribute (the driver's default, else the host's).
void parseOs(Os& os, const Node& domain, Arch defaultArch, bool abiUpdate);
void formatBootloader(xml::Writer& w, const Os& os);
void formatOs(xml::Writer& w, const Os& os, bool migratable, bool xenDomain);

IdMap parseIdMap(const Node& domain);
void formatIdMap(xml::Writer& w, const IdMap& idmap);
void validateIdMap(const IdMap& idmap);

// <sysinfo> elements; a <system> uuid must match the domain's, and when
// the domain has none (`uuidGenerated`) it becomes the domain's uuid.
std::vector<Sysinfo> parseSysinfo(const Node& domain, Uuid& uuid, bool uuidGenerated);
void formatSysinfo(xml::Writer& w, const std::vector<Sysinfo>& sysinfo);

// Generic validation of <os> (boot menu and reboot timeout ranges,
// firmware/loader/nvram combinations). `fwAutoselect`: the driver picks
// firmware itself.
void validateOs(const Os& os, bool fwAutoselect);

}  // namespace cvirt::conf::domain
