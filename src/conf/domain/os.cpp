#include "conf/domain/os.hpp"

#include <libxml/tree.h>

#include <algorithm>
#include <cstdlib>

#include "conf/domain/file_path.hpp"
#include "util/error.hpp"

namespace cvirt::conf::domain {
namespace {

using xml::Writer;

constexpr size_t kMaxBootDevices = 4;  // VIR_DOMAIN_BOOT_LAST

// Every virStorageFileFormat name: formats other than raw and qcow2 are
// known but unsupported for firmware images.
constexpr std::string_view kStorageFormats[] = {"none", "raw",  "dir",  "bochs", "cloop", "dmg",
                                                "iso",  "vpc",  "vdi",  "fat",   "vhd",   "ploop",
                                                "cow",  "qcow", "qcow2", "qed",  "vmdk"};

FirmwareFormat firmwareFormat(const Node& node, const char* what) {
    auto text = node.attr("format");
    if (!text)
        return FirmwareFormat::None;
    if (std::find(std::begin(kStorageFormats), std::end(kStorageFormats), *text) == std::end(kStorageFormats) ||
        *text == "none")
        xml::invalidAttr(node, "format", *text);
    auto v = fromString<FirmwareFormat>(*text);
    if (!v)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Unsupported {} format '{}'", what, *text);
    return *v;
}

std::optional<std::string> nonEmptyContent(const Node& n) {
    std::string t = n.text();
    if (t.empty())
        return std::nullopt;
    return t;
}

void parseKernel(Os& os, const Node& osNode) {
    os.kernel = childText(osNode, "kernel");
    os.initrd = childText(osNode, "initrd");
    os.cmdline = childText(osNode, "cmdline");
    os.dtb = childText(osNode, "dtb");
    os.root = childText(osNode, "root");
}

void parseFirmware(Os& os, const Node& osNode, bool abiUpdate) {
    auto firmware = osNode.attr("firmware");
    auto features = osNode.child("firmware") ? osNode.child("firmware").children("feature") : std::vector<Node>{};
    // Feature lists without firmware= come from migrations of libvirt
    // 8.6-9.1 and are ignored rather than rejected.
    if (!features.empty() && !firmware && !abiUpdate)
        return;
    if (!features.empty()) {
        os.firmwareFeatures.assign(2, TriBool::Absent);
        for (const auto& f : features) {
            auto name = *propEnum<FirmwareFeature>(f, "name", kPropRequired);
            os.firmwareFeatures[static_cast<size_t>(name)] = propTriBool(f, "enabled", kPropRequired);
        }
    }
    if (!firmware)
        return;
    auto fw = fromString<Firmware>(*firmware);
    if (!fw || *fw == Firmware::None)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "unknown firmware value {}", *firmware);
    os.firmware = *fw;
}

void parseLoader(Os& os, const Node& osNode) {
    Node loader = osNode.child("loader");
    Node nvram = osNode.child("nvram");
    if (!loader && !nvram)
        return;
    OsLoader l;
    if (nvram) {
        OsNvram n;
        n.templ = nvram.attr("template");
        n.format = firmwareFormat(nvram, "nvram");
        if (auto type = nvram.attr("type")) {
            static constexpr std::string_view kTypes[] = {"file", "block", "dir", "network", "volume", "nvme",
                                                          "vhostuser", "vhostvdpa"};
            if (std::find(std::begin(kTypes), std::end(kTypes), *type) == std::end(kTypes))
                xml::invalidAttr(nvram, "type", *type);
            Node source = nvram.child("source");
            if (!source)
                fail(ErrorCode::InternalError, ErrorDomain::Domain, "missing source for nvram");
            n.type = type;
            n.source = RawElement::fromNode(source);
        } else {
            n.path = nonEmptyContent(nvram);
        }
        os.nvram = std::move(n);
    }
    if (!loader) {
        // <nvram format=..> alone asks for firmware in that format.
        if (os.nvram)
            l.format = os.nvram->format;
    } else {
        l.readonly = propTriBool(loader, "readonly");
        l.type = propEnum<LoaderType>(loader, "type", kPropNonZero).value_or(LoaderType::None);
        l.path = nonEmptyContent(loader);
        l.secure = propTriBool(loader, "secure");
        l.stateless = propTriBool(loader, "stateless");
        l.format = firmwareFormat(loader, "loader");
    }
    os.loader = l;
}

void parseInit(Os& os, const Node& osNode) {
    os.init = childText(osNode, "init");
    os.cmdline = childText(osNode, "cmdline");
    os.initdir = childText(osNode, "initdir");
    os.inituser = childText(osNode, "inituser");
    os.initgroup = childText(osNode, "initgroup");
    for (const auto& arg : osNode.children("initarg")) {
        auto text = nonEmptyContent(arg);
        if (!text)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "No data supplied for <initarg> element");
        os.initargs.push_back(*text);
    }
    for (const auto& env : osNode.children("initenv")) {
        auto name = env.attr("name");
        if (!name)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "No name supplied for <initenv> element");
        auto value = nonEmptyContent(env);
        if (!value)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "No value supplied for <initenv name='{}'> element", *name);
        os.initenv.push_back({*name, *value});
    }
}

void parseBoot(Os& os, const Node& osNode) {
    auto boots = osNode.children("boot");
    for (size_t i = 0; i < boots.size() && i < kMaxBootDevices; ++i)
        os.boot.push_back(*propEnum<BootDevice>(boots[i], "dev", kPropRequired));
    if (auto menu = osNode.child("bootmenu")) {
        os.bootmenu = propTriBool(menu, "enable");
        if (os.bootmenu == TriBool::Yes)
            os.bootmenuTimeout = propInt<unsigned>(menu, "timeout");
    }
    if (auto bios = osNode.child("bios")) {
        // An invalid useserial is reported by libvirt but does not stop
        // the parse; it reads as "no".
        try {
            os.biosUseSerial = propTriBool(bios, "useserial");
        } catch (const Error&) {
            os.biosUseSerial = TriBool::No;
        }
        os.biosRebootTimeout = propInt<int>(bios, "rebootTimeout");
    }
}

void parseAcpi(Os& os, const Node& osNode) {
    Node acpi = osNode.child("acpi");
    auto tables = acpi ? acpi.children("table") : std::vector<Node>{};
    if (tables.size() > 1)
        fail(ErrorCode::XmlError, ErrorDomain::Domain, "Only one acpi table is supported");
    for (const auto& t : tables) {
        auto type = *propEnum<AcpiTableType>(t, "type", kPropRequired);
        os.acpiTables.push_back({type, sanitizeFilePath(t.text())});
    }
}

void textIf(Writer& w, const char* name, const std::optional<std::string>& value) {
    if (value)
        w.textElement(name, *value);
}

const char* const kBiosEntries[] = {"vendor", "version", "date", "release"};
const char* const kSystemEntries[] = {"manufacturer", "product", "version", "serial", "uuid", "sku", "family"};
const char* const kBaseBoardEntries[] = {"manufacturer", "product", "version", "serial", "asset", "location"};
const char* const kChassisEntries[] = {"manufacturer", "version", "serial", "asset", "sku"};

template <size_t N>
SysinfoSection parseSection(const Node& node, const char* const (&names)[N]) {
    SysinfoSection s;
    if (!node)
        return s;
    for (const char* name : names) {
        for (const auto& e : node.children("entry")) {
            if (e.attr("name") != std::optional<std::string>(name))
                continue;
            if (auto v = nonEmptyContent(e))
                s.entries.push_back({name, *v});
            break;
        }
    }
    return s;
}

std::string* entry(SysinfoSection& s, std::string_view name) {
    for (auto& [k, v] : s.entries)
        if (k == name)
            return &v;
    return nullptr;
}

// "mm/dd/yy" or "mm/dd/yyyy" with a plausible month, day and year.
bool validBiosDate(const std::string& date) {
    const char* p = date.c_str();
    char* end = nullptr;
    long month = std::strtol(p, &end, 10);
    if (end == p || *end != '/')
        return false;
    p = end + 1;
    long day = std::strtol(p, &end, 10);
    if (end == p || *end != '/')
        return false;
    p = end + 1;
    long year = std::strtol(p, &end, 10);
    if (end == p || *end)
        return false;
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 && !(year < 0 || (year >= 100 && year < 1900));
}

void formatSection(Writer& w, const char* name, const SysinfoSection& s) {
    if (s.empty())
        return;
    Writer::Element el(w, name, true);
    el.beginChildren();
    for (const auto& [k, v] : s.entries) {
        Writer::Element e(w, "entry", true);
        e.attr("name", k);
        e.text(v);
    }
}

}  // namespace

Arch hostArch() {
#if defined(__x86_64__)
    return Arch::X86_64;
#elif defined(__aarch64__)
    return Arch::Aarch64;
#elif defined(__i386__)
    return Arch::I686;
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
    return Arch::Ppc64le;
#elif defined(__powerpc64__)
    return Arch::Ppc64;
#elif defined(__s390x__)
    return Arch::S390x;
#elif defined(__riscv) && __riscv_xlen == 64
    return Arch::Riscv64;
#elif defined(__arm__)
    return Arch::Armv7l;
#else
    return Arch::None;
#endif
}

RawElement RawElement::fromNode(const Node& node) {
    RawElement e;
    e.name = std::string(node.name());
    for (xmlAttrPtr a = node.raw()->properties; a; a = a->next) {
        xmlChar* v = xmlNodeListGetString(node.raw()->doc, a->children, 1);
        e.attrs.push_back({reinterpret_cast<const char*>(a->name), v ? reinterpret_cast<const char*>(v) : ""});
        xmlFree(v);
    }
    auto kids = node.children();
    if (kids.empty())
        e.text = node.text();
    for (const auto& c : kids)
        e.children.push_back(fromNode(c));
    return e;
}

void RawElement::format(Writer& w) const {
    Writer::Element el(w, name, true);
    for (const auto& [k, v] : attrs)
        el.attr(k, v);
    if (!text.empty())
        el.text(text);
    for (const auto& c : children) {
        el.beginChildren();
        c.format(w);
    }
}

void parseOs(Os& os, const Node& domain, Arch defaultArch, bool abiUpdate) {
    Node osNode = domain.child("os");
    Node typeNode = osNode ? osNode.child("type") : Node();
    auto ostype = typeNode ? nonEmptyContent(typeNode) : std::nullopt;
    os.bootloader = childText(domain, "bootloader");
    os.bootloaderArgs = childText(domain, "bootloader_args");
    if (typeNode) {
        os.machine = typeNode.attr("machine");
        if (os.machine && os.machine->empty())
            os.machine.reset();
    }
    if (!ostype) {
        if (!os.bootloader)
            fail(ErrorCode::XmlError, ErrorDomain::Domain, "an os <type> must be specified");
        os.type = OsType::Xen;
    } else {
        auto t = fromString<OsType>(*ostype);
        if (!t)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown OS type '{}'", *ostype);
        os.type = *t;
    }
    if (auto arch = typeNode ? typeNode.attr("arch") : std::nullopt; arch && !arch->empty()) {
        auto a = fromString<Arch>(*arch);
        if (!a || *a == Arch::None)
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "Unknown architecture {}", *arch);
        os.arch = *a;
    }
    if (os.arch == Arch::None)
        os.arch = defaultArch;

    if (!osNode)
        return;
    switch (os.type) {
    case OsType::Hvm:
        parseKernel(os, osNode);
        parseFirmware(os, osNode, abiUpdate);
        parseLoader(os, osNode);
        parseAcpi(os, osNode);
        parseBoot(os, osNode);
        break;
    case OsType::Xen:
    case OsType::Xenpvh:
    case OsType::Uml:
        parseKernel(os, osNode);
        parseLoader(os, osNode);
        break;
    case OsType::Exe:
        parseInit(os, osNode);
        break;
    case OsType::Linux:
        break;
    }
    if (auto smbios = osNode.child("smbios")) {
        if (auto mode = smbios.attr("mode")) {
            auto m = fromString<SmbiosMode>(*mode);
            if (!m)
                fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "unknown smbios mode '{}'", *mode);
            os.smbios = *m;
        }
    }
}

void formatBootloader(Writer& w, const Os& os) {
    if (!os.bootloader)
        return;
    w.textElement("bootloader", *os.bootloader);
    textIf(w, "bootloader_args", os.bootloaderArgs);
}

void formatOs(Writer& w, const Os& os, bool migratable, bool xenDomain) {
    Writer::Element el(w, "os", true);
    if (isSet(os.firmware) && !migratable)
        el.attr("firmware", toString(os.firmware));
    el.beginChildren();
    {
        Writer::Element type(w, "type", true);
        if (isSet(os.arch))
            type.attr("arch", toString(os.arch));
        if (os.machine)
            type.attr("machine", *os.machine);
        // libvirt keeps printing the historical 'linux' for Xen PV guests.
        type.text(xenDomain && os.type == OsType::Xen ? "linux" : toString(os.type));
    }
    if (!os.firmwareFeatures.empty() && !migratable) {
        Writer::Element fw(w, "firmware", true);
        for (size_t i = 0; i < os.firmwareFeatures.size(); ++i) {
            if (!isSet(os.firmwareFeatures[i]))
                continue;
            fw.beginChildren();
            Writer::Element f(w, "feature", true);
            f.attr("enabled", toString(os.firmwareFeatures[i]));
            f.attr("name", toString(static_cast<FirmwareFeature>(i)));
        }
    }
    textIf(w, "init", os.init);
    for (const auto& a : os.initargs)
        w.textElement("initarg", a);
    for (const auto& e : os.initenv)
        // libvirt writes the value unescaped here.
        w.line("<initenv name='" + e.name + "'>" + e.value + "</initenv>");
    textIf(w, "initdir", os.initdir);
    if (os.inituser)
        w.line("<inituser>" + *os.inituser + "</inituser>");
    if (os.initgroup)
        w.line("<initgroup>" + *os.initgroup + "</initgroup>");
    if (os.loader) {
        const OsLoader& l = *os.loader;
        {
            Writer::Element e(w, "loader", false);
            if (isSet(l.readonly))
                e.attr("readonly", toString(l.readonly));
            if (isSet(l.secure))
                e.attr("secure", toString(l.secure));
            if (isSet(l.type))
                e.attr("type", toString(l.type));
            if (isSet(l.stateless))
                e.attr("stateless", toString(l.stateless));
            if (isSet(l.format))
                e.attr("format", toString(l.format));
            if (l.path)
                e.text(*l.path);
        }
        if (os.nvram) {
            const OsNvram& n = *os.nvram;
            Writer::Element e(w, "nvram", false);
            if (n.templ)
                e.attr("template", *n.templ);
            if (n.source && n.type)
                e.attr("type", *n.type);
            if (isSet(n.format))
                e.attr("format", toString(n.format));
            if (n.source) {
                e.beginChildren();
                n.source->format(w);
            } else if (n.path) {
                e.text(*n.path);
            }
        }
    }
    textIf(w, "kernel", os.kernel);
    textIf(w, "initrd", os.initrd);
    textIf(w, "cmdline", os.cmdline);
    textIf(w, "dtb", os.dtb);
    textIf(w, "root", os.root);
    if (!os.acpiTables.empty()) {
        Writer::Element acpi(w, "acpi", true);
        acpi.beginChildren();
        for (const auto& [type, path] : os.acpiTables) {
            Writer::Element t(w, "table", true);
            t.attr("type", toString(type));
            t.text(path);
        }
    }
    if (!os.bootloader) {
        for (auto dev : os.boot) {
            Writer::Element b(w, "boot", true);
            b.attr("dev", toString(dev));
        }
        if (isSet(os.bootmenu)) {
            Writer::Element m(w, "bootmenu", true);
            m.attr("enable", toString(os.bootmenu));
            if (os.bootmenuTimeout)
                m.attr("timeout", std::to_string(*os.bootmenuTimeout));
        }
        if (isSet(os.biosUseSerial) || os.biosRebootTimeout) {
            Writer::Element b(w, "bios", true);
            if (isSet(os.biosUseSerial))
                b.attr("useserial", toString(os.biosUseSerial));
            if (os.biosRebootTimeout)
                b.attr("rebootTimeout", std::to_string(*os.biosRebootTimeout));
        }
    }
    if (isSet(os.smbios)) {
        Writer::Element s(w, "smbios", true);
        s.attr("mode", toString(os.smbios));
    }
}

IdMap parseIdMap(const Node& domain) {
    IdMap map;
    Node idmap = domain.child("idmap");
    if (!idmap)
        return map;
    auto read = [](const std::vector<Node>& nodes) {
        std::vector<IdMapEntry> out;
        for (const auto& n : nodes) {
            auto start = parseInt<unsigned>(n.attr("start").value_or(""));
            auto target = parseInt<unsigned>(n.attr("target").value_or(""));
            auto count = parseInt<unsigned>(n.attr("count").value_or(""));
            if (!start || !target || !count)
                fail(ErrorCode::XmlError, ErrorDomain::Domain, "invalid idmap start/target/count settings");
            out.push_back({*start, *target, *count});
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const IdMapEntry& a, const IdMapEntry& b) { return a.start < b.start; });
        return out;
    };
    map.uid = read(idmap.children("uid"));
    map.gid = read(idmap.children("gid"));
    return map;
}

void formatIdMap(Writer& w, const IdMap& idmap) {
    if (idmap.uid.empty())
        return;
    Writer::Element el(w, "idmap", true);
    el.beginChildren();
    auto entries = [&](const char* name, const std::vector<IdMapEntry>& list) {
        for (const auto& e : list) {
            Writer::Element x(w, name, true);
            x.attr("start", std::to_string(e.start));
            x.attr("target", std::to_string(e.target));
            x.attr("count", std::to_string(e.count));
        }
    };
    entries("uid", idmap.uid);
    entries("gid", idmap.gid);
}

void validateIdMap(const IdMap& idmap) {
    if (idmap.uid.empty() != idmap.gid.empty())
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "uid and gid should be mapped both");
    if ((!idmap.uid.empty() && idmap.uid[0].start != 0) || (!idmap.gid.empty() && idmap.gid[0].start != 0))
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain, "You must map the root user of container");
}

std::vector<Sysinfo> parseSysinfo(const Node& domain, Uuid& uuid, bool uuidGenerated) {
    std::vector<Sysinfo> out;
    for (const auto& node : domain.children("sysinfo")) {
        Sysinfo s;
        s.type = *propEnum<SysinfoType>(node, "type", kPropRequired);
        if (s.type == SysinfoType::Smbios) {
            s.bios = parseSection(node.child("bios"), kBiosEntries);
            if (auto* date = entry(s.bios, "date"); date && !validBiosDate(*date))
                fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "Invalid BIOS 'date' format");
            s.system = parseSection(node.child("system"), kSystemEntries);
            if (auto* text = entry(s.system, "uuid")) {
                auto u = Uuid::parse(*text);
                if (!u)
                    fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "malformed <sysinfo> uuid element");
                if (uuidGenerated)
                    uuid = *u;
                else if (*u != uuid)
                    fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "UUID mismatch between <uuid> and <sysinfo>");
                *text = u->format();
            }
            for (const auto& bb : node.children("baseBoard")) {
                auto section = parseSection(bb, kBaseBoardEntries);
                if (!section.empty())
                    s.baseBoards.push_back(std::move(section));
            }
            s.chassis = parseSection(node.child("chassis"), kChassisEntries);
            if (auto oem = node.child("oemStrings")) {
                std::vector<std::string> values;
                for (const auto& e : oem.children("entry"))
                    values.push_back(e.text());
                s.oemStrings = std::move(values);
            }
        } else {
            for (const auto& e : node.children("entry")) {
                FwCfgEntry f;
                auto name = e.attr("name");
                if (!name)
                    fail(ErrorCode::XmlError, ErrorDomain::Domain, "Firmware entry is missing 'name' attribute");
                f.name = *name;
                f.value = nonEmptyContent(e);
                f.file = e.attr("file");
                if (!f.value && !f.file)
                    fail(ErrorCode::XmlError, ErrorDomain::Domain,
                         "Firmware entry must have either value or 'file' attribute");
                s.fwcfg.push_back(std::move(f));
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

void formatSysinfo(Writer& w, const std::vector<Sysinfo>& sysinfo) {
    for (const auto& s : sysinfo) {
        Writer::Element el(w, "sysinfo", true);
        el.attr("type", toString(s.type));
        if (s.type == SysinfoType::Smbios) {
            bool any = !s.bios.empty() || !s.system.empty() || !s.baseBoards.empty() || !s.chassis.empty() ||
                       s.oemStrings;
            if (any)
                el.beginChildren();
            formatSection(w, "bios", s.bios);
            formatSection(w, "system", s.system);
            for (const auto& bb : s.baseBoards)
                formatSection(w, "baseBoard", bb);
            formatSection(w, "chassis", s.chassis);
            if (s.oemStrings) {
                Writer::Element oem(w, "oemStrings", true);
                oem.beginChildren();
                for (const auto& v : *s.oemStrings)
                    w.textElement("entry", v);
            }
        } else {
            for (const auto& f : s.fwcfg) {
                el.beginChildren();
                Writer::Element e(w, "entry", true);
                e.attr("name", f.name);
                if (f.file)
                    e.attr("file", *f.file);
                else
                    e.text(*f.value);
            }
        }
    }
}

void validateOs(const Os& os, bool fwAutoselect) {
    if (os.bootmenuTimeout && *os.bootmenuTimeout > 65535)
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
             "invalid value for boot menu timeout, must be in range [0,65535]");
    if (os.biosRebootTimeout && (*os.biosRebootTimeout < -1 || *os.biosRebootTimeout > 65535))
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Domain,
             "invalid value for rebootTimeout, must be in range [-1,65535]");

    const OsLoader* loader = os.loader ? &*os.loader : nullptr;
    bool hasNvram = os.nvram.has_value();
    auto feature = [&](FirmwareFeature f) {
        size_t i = static_cast<size_t>(f);
        return i < os.firmwareFeatures.size() ? os.firmwareFeatures[i] : TriBool::Absent;
    };
    if (isSet(os.firmware)) {
        if (!fwAutoselect)
            fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "firmware auto selection not implemented for this driver");
        if (feature(FirmwareFeature::EnrolledKeys) == TriBool::Yes &&
            feature(FirmwareFeature::SecureBoot) == TriBool::No)
            fail(ErrorCode::XmlDetail, ErrorDomain::Domain,
                 "firmware feature 'enrolled-keys' cannot be enabled when firmware feature 'secure-boot' is "
                 "disabled");
        if (!loader)
            return;
        if (hasNvram && os.firmware != Firmware::Efi)
            fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "firmware type '{}' does not support nvram",
                 toString(os.firmware));
    } else {
        if (!os.firmwareFeatures.empty())
            fail(ErrorCode::XmlDetail, ErrorDomain::Domain,
                 "cannot use feature-based firmware autoselection when firmware autoselection is disabled");
        if (!loader)
            return;
        if (!loader->path)
            fail(ErrorCode::XmlDetail, ErrorDomain::Domain,
                 "no loader path specified and firmware auto selection disabled");
    }
    if (loader->stateless == TriBool::Yes) {
        if (os.nvram && os.nvram->templ)
            fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "NVRAM template is not permitted when loader is stateless");
        if (hasNvram)
            fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "NVRAM is not permitted when loader is stateless");
    } else if (loader->stateless == TriBool::No) {
        if (os.firmware == Firmware::None) {
            if (loader->type != LoaderType::Pflash)
                fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "Only pflash loader type permits NVRAM");
        } else if (os.firmware != Firmware::Efi) {
            fail(ErrorCode::XmlDetail, ErrorDomain::Domain, "Only EFI firmware permits NVRAM");
        }
    }
}

}  // namespace cvirt::conf::domain
