// The <domain> root and its non-device elements: input XML -> exact output
// (as libvirt 9.6's generic formatter writes it), bad input -> libvirt's
// error code and message.
#include <gtest/gtest.h>

#include <string>

#include "conf/domain/domain.hpp"
#include "support/test_support.hpp"
#include "util/error.hpp"

namespace {

using namespace cvirt::conf::domain;
using cvirt::ErrorCode;

constexpr const char* kUuid = "c7a5fdbd-edaf-9455-926a-d65c16db1809";

// A domain with `body` between <uuid> and <os>, and `tail` after <os>.
std::string domainXml(const std::string& body, const std::string& tail = "", const std::string& os = "") {
    return "<domain type='qemu'><name>g</name><uuid>" + std::string(kUuid) + "</uuid>" + body +
           "<os><type arch='x86_64'>hvm</type>" + os + "</os>" + tail + "</domain>";
}

std::string format(const std::string& xml, bool inactive = false) {
    DomainParseOptions po;
    po.inactive = inactive;
    DomainFormatOptions fo;
    fo.secure = true;
    fo.inactive = inactive;
    return formatDomainXml(parseDomainXml(xml, po), fo);
}

// The part of the output between two lines that start with `from` and
// `to` (inclusive of `from`, exclusive of `to`).
std::string section(const std::string& out, const std::string& from, const std::string& to) {
    auto a = out.find(from);
    if (a == std::string::npos)
        return "<missing " + from + ">";
    a = out.rfind('\n', a) + 1;
    auto b = out.find(to, a + from.size());
    if (b == std::string::npos)
        return out.substr(a);
    b = out.rfind('\n', b) + 1;
    return out.substr(a, b - a);
}

void expectError(const std::string& xml, ErrorCode code, const std::string& message, bool inactive = false) {
    DomainParseOptions po;
    po.inactive = inactive;
    try {
        parseDomainXml(xml, po);
        ADD_FAILURE() << "parsed although it should fail with: " << message;
    } catch (const cvirt::Error& e) {
        EXPECT_EQ(e.code(), code) << e.what();
        EXPECT_EQ(e.message(), message);
    }
}

TEST(DomainRoot, MinimalDocumentGetsLibvirtDefaults) {
    std::string xml = "<domain type='qemu'><name>g</name><uuid>" + std::string(kUuid) +
                      "</uuid><memory>1024</memory><os><type>hvm</type></os></domain>";
    EXPECT_EQ(format(xml), "<domain type='qemu'>\n"
                           "  <name>g</name>\n"
                           "  <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>\n"
                           "  <memory unit='KiB'>1024</memory>\n"
                           "  <currentMemory unit='KiB'>1024</currentMemory>\n"
                           "  <vcpu placement='static'>1</vcpu>\n"
                           "  <os>\n"
                           "    <type arch='x86_64'>hvm</type>\n"
                           "    <boot dev='hd'/>\n"
                           "  </os>\n"
                           "  <clock offset='utc'/>\n"
                           "  <on_poweroff>destroy</on_poweroff>\n"
                           "  <on_reboot>restart</on_reboot>\n"
                           "  <on_crash>destroy</on_crash>\n"
                           "  <devices>\n"
                           "  </devices>\n"
                           "</domain>\n");
}

TEST(DomainRoot, IdOnlyForRunningDomains) {
    Domain d = parseDomainXml("<domain type='qemu' id='3'><name>a</name><memory>1</memory><os><type>hvm</type></os></domain>");
    EXPECT_EQ(d.id, 3);
    EXPECT_NE(formatDomainXml(d).find("<domain type='qemu' id='3'>\n"), std::string::npos);
    DomainFormatOptions inactive;
    inactive.inactive = true;
    EXPECT_NE(formatDomainXml(d, inactive).find("<domain type='qemu'>\n"), std::string::npos);
    // The id is live data: an inactive parse ignores it.
    DomainParseOptions po;
    po.inactive = true;
    EXPECT_EQ(parseDomainXml("<domain type='qemu' id='3'><name>a</name><memory>1</memory><os><type>hvm</type></os></domain>", po).id, -1);
    d.id = -1;
    EXPECT_EQ(formatDomainXml(d).find(" id="), std::string::npos);
}

TEST(DomainRoot, UuidGeneratedWhenAbsent) {
    Domain d = parseDomainXml("<domain type='kvm'><name>a</name><memory>1</memory><os><type>hvm</type></os></domain>");
    EXPECT_FALSE(d.uuid.isNull());
}

TEST(DomainRoot, IdentityElements) {
    std::string out = format(domainXml(
        "<genid>e9392370-2917-565e-692b-d057f46512d6</genid><title>A &amp; B</title>"
        "<description>multi\nline</description><memory unit='MiB'>2</memory>"));
    EXPECT_EQ(section(out, "<name>", "<memory"),
              "  <name>g</name>\n"
              "  <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>\n"
              "  <genid>e9392370-2917-565e-692b-d057f46512d6</genid>\n"
              "  <title>A &amp; B</title>\n"
              "  <description>multi\nline</description>\n");
    EXPECT_NE(out.find("<memory unit='KiB'>2048</memory>"), std::string::npos);
}

TEST(DomainRoot, MetadataKeepsFirstElementPerNamespace) {
    std::string out = format(domainXml(
        "<metadata>\n      <app1:foo xmlns:app1=\"http://foo.org/\">fooish</app1:foo>\n"
        "<app2:bar xmlns:app2=\"http://bar.com/\" maman=\"baz\">barish</app2:bar>"
        "<app3:foo xmlns:app3='http://foo.org/'>other</app3:foo><plain/></metadata><memory>1</memory>"));
    EXPECT_EQ(section(out, "<metadata>", "<memory"),
              "  <metadata>\n"
              "    <app1:foo xmlns:app1=\"http://foo.org/\">fooish</app1:foo>\n"
              "    <app2:bar xmlns:app2=\"http://bar.com/\" maman=\"baz\">barish</app2:bar>\n"
              "  </metadata>\n");
}

TEST(DomainRoot, MemoryTunables) {
    std::string out = format(domainXml(
        "<memory unit='GiB'>1</memory><currentMemory>4096</currentMemory>"
        "<memoryBacking><hugepages><page size='2' unit='M'/></hugepages><locked/><source type='file'/>"
        "<access mode='shared'/><allocation mode='immediate' threads='8'/><discard/></memoryBacking>"
        "<memtune><hard_limit unit='G'>1</hard_limit><min_guarantee>5</min_guarantee></memtune>"
        "<blkiotune><weight>800</weight><device><path>/a</path></device>"
        "<device><path>/b</path><weight>1</weight><write_bytes_sec>5</write_bytes_sec></device></blkiotune>"));
    EXPECT_EQ(section(out, "<memory ", "<vcpu"),
              "  <memory unit='KiB'>1048576</memory>\n"
              "  <currentMemory unit='KiB'>4096</currentMemory>\n"
              "  <blkiotune>\n"
              "    <weight>800</weight>\n"
              "    <device>\n"
              "      <path>/b</path>\n"
              "      <weight>1</weight>\n"
              "      <write_bytes_sec>5</write_bytes_sec>\n"
              "    </device>\n"
              "  </blkiotune>\n"
              "  <memtune>\n"
              "    <hard_limit unit='KiB'>1048576</hard_limit>\n"
              "    <min_guarantee unit='KiB'>5</min_guarantee>\n"
              "  </memtune>\n"
              "  <memoryBacking>\n"
              "    <hugepages>\n"
              "      <page size='2048' unit='KiB'/>\n"
              "    </hugepages>\n"
              "    <locked/>\n"
              "    <source type='file'/>\n"
              "    <access mode='shared'/>\n"
              "    <allocation mode='immediate' threads='8'/>\n"
              "    <discard/>\n"
              "  </memoryBacking>\n");
}

TEST(DomainRoot, CurrentMemoryDefaultsToMemory) {
    std::string out = format(domainXml("<memory>2048</memory><currentMemory>4096</currentMemory>"));
    EXPECT_NE(out.find("<currentMemory unit='KiB'>2048</currentMemory>"), std::string::npos);
}

TEST(DomainRoot, MemoryErrors) {
    expectError("<domain type='qemu'><name>a</name><os><type>hvm</type></os></domain>", ErrorCode::XmlError,
                "XML error: Memory size must be specified via <memory> or in the <numa> configuration");
    expectError(domainXml("<memory>-5</memory>"), ErrorCode::XmlError,
                "XML error: Invalid value '-5' for element or attribute './memory[1]'");
    expectError(domainXml("<memory unit='foo'>5</memory>"), ErrorCode::InvalidArg,
                "invalid argument: unknown suffix 'foo'");
    expectError(domainXml("<memory>1024</memory><memoryBacking><hugepages><page size='0'/></hugepages>"
                          "</memoryBacking>"),
                ErrorCode::XmlDetail, "hugepage size can't be zero");
    expectError(domainXml("<memory>1024</memory><blkiotune><device><weight>5</weight></device></blkiotune>"),
                ErrorCode::ConfigUnsupported, "unsupported configuration: missing per-device path");
}

TEST(DomainRoot, VcpusAndIOThreads) {
    std::string out = format(domainXml(
        "<memory>1</memory><vcpu placement='static' cpuset='0-3,^2' current='2'>4</vcpu>"
        "<iothreads>3</iothreads><iothreadids><iothread id='2' thread_pool_min='0' thread_pool_max='6'>"
        "<poll max='10'/></iothread></iothreadids>"));
    EXPECT_EQ(section(out, "<vcpu", "<os>"),
              "  <vcpu placement='static' cpuset='0-1,3' current='2'>4</vcpu>\n"
              "  <iothreads>3</iothreads>\n"
              "  <iothreadids>\n"
              "    <iothread id='2' thread_pool_min='0' thread_pool_max='6'>\n"
              "      <poll max='10'/>\n"
              "    </iothread>\n"
              "    <iothread id='1'/>\n"
              "    <iothread id='3'/>\n"
              "  </iothreadids>\n");
}

TEST(DomainRoot, IndividualVcpusGetHotpluggableDefaults) {
    std::string out = format(domainXml("<memory>1</memory><vcpu current='1'>2</vcpu><vcpus><vcpu id='0' "
                                       "enabled='yes' order='1'/><vcpu id='1' enabled='no'/></vcpus>"));
    EXPECT_EQ(section(out, "<vcpu", "<os>"),
              "  <vcpu placement='static' current='1'>2</vcpu>\n"
              "  <vcpus>\n"
              "    <vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>\n"
              "    <vcpu id='1' enabled='no' hotpluggable='yes'/>\n"
              "  </vcpus>\n");
}

TEST(DomainRoot, VcpuErrors) {
    expectError(domainXml("<memory>1</memory><vcpu>x</vcpu>"), ErrorCode::XmlError,
                "XML error: maximum vcpus count must be an integer");
    expectError(domainXml("<memory>1</memory><vcpu current='3'>2</vcpu>"), ErrorCode::ConfigUnsupported,
                "unsupported configuration: maximum vCPU count must not be less than current vCPU count");
    expectError(domainXml("<memory>1</memory><iothreadids><iothread id='0'/></iothreadids>"), ErrorCode::XmlError,
                "XML error: Invalid value for attribute 'id' in element 'iothread': Zero is not permitted");
    expectError(domainXml("<memory>1</memory><vcpus><vcpu id='x' enabled='yes'/></vcpus>"), ErrorCode::XmlError,
                "XML error: Invalid value for attribute 'id' in element 'vcpu': 'x'. Expected non-negative integer "
                "value");
    expectError(domainXml("<memory>1</memory><iothreadids><iothread id='1' thread_pool_min='-2'/></iothreadids>"),
                ErrorCode::XmlError,
                "XML error: Invalid value for attribute 'thread_pool_min' in element 'iothread': '-2'. Expected "
                "non-negative value");
}

TEST(DomainRoot, CputuneExpandsSchedulersPerThread) {
    std::string out = format(domainXml(
        "<memory>1</memory><vcpu>4</vcpu><iothreads>4</iothreads><cputune><shares>2048</shares>"
        "<period>1000000</period><quota>-1</quota><vcpupin vcpu='0' cpuset='0'/><vcpupin vcpu='1' cpuset='1'/>"
        "<emulatorpin cpuset='1'/><emulatorsched scheduler='fifo' priority='2'/>"
        "<vcpusched vcpus='0-1' scheduler='fifo' priority='1'/><vcpusched vcpus='1-3,^1' scheduler='idle'/>"
        "<iothreadsched iothreads='1,3' scheduler='batch'/><iothreadsched iothreads='2' scheduler='rr' "
        "priority='99'/></cputune>"));
    EXPECT_EQ(section(out, "<cputune>", "<os>"),
              "  <cputune>\n"
              "    <shares>2048</shares>\n"
              "    <period>1000000</period>\n"
              "    <quota>-1</quota>\n"
              "    <vcpupin vcpu='0' cpuset='0'/>\n"
              "    <vcpupin vcpu='1' cpuset='1'/>\n"
              "    <emulatorpin cpuset='1'/>\n"
              "    <emulatorsched scheduler='fifo' priority='2'/>\n"
              "    <vcpusched vcpus='0' scheduler='fifo' priority='1'/>\n"
              "    <vcpusched vcpus='1' scheduler='fifo' priority='1'/>\n"
              "    <vcpusched vcpus='2' scheduler='idle'/>\n"
              "    <vcpusched vcpus='3' scheduler='idle'/>\n"
              "    <iothreadsched iothreads='1' scheduler='batch'/>\n"
              "    <iothreadsched iothreads='2' scheduler='rr' priority='99'/>\n"
              "    <iothreadsched iothreads='3' scheduler='batch'/>\n"
              "  </cputune>\n");
}

TEST(DomainRoot, CachetuneIdsAreLiveOnly) {
    std::string body = "<memory>1</memory><vcpu>4</vcpu><cputune><cachetune vcpus='0-1' id='x'>"
                       "<cache id='1' level='3' type='both' size='3' unit='MiB'/>"
                       "<cache id='0' level='3' type='both' size='7680' unit='KiB'/><monitor level='3' vcpus='0-1'/>"
                       "</cachetune><memorytune vcpus='0-1'><node id='0' bandwidth='20'/></memorytune></cputune>";
    std::string live = "<domain type='qemu' id='1'" + domainXml(body).substr(std::string("<domain type='qemu'").size());
    EXPECT_EQ(section(format(live), "<cputune>", "<os>"),
              "  <cputune>\n"
              "    <cachetune vcpus='0-1' id='x'>\n"
              "      <cache id='0' level='3' type='both' size='7680' unit='KiB'/>\n"
              "      <cache id='1' level='3' type='both' size='3' unit='MiB'/>\n"
              "      <monitor level='3' vcpus='0-1'/>\n"
              "    </cachetune>\n"
              "    <memorytune vcpus='0-1' id='x'>\n"
              "      <node id='0' bandwidth='20'/>\n"
              "    </memorytune>\n"
              "  </cputune>\n");
    EXPECT_EQ(format(domainXml(body)).find(" id='x'"), std::string::npos);
}

TEST(DomainRoot, ResctrlCollisions) {
    auto tune = [](const std::string& t) { return domainXml("<memory>1</memory><vcpu>4</vcpu><cputune>" + t + "</cputune>"); };
    expectError(tune("<cachetune vcpus='0'><cache id='0' level='3' type='code' size='12' unit='KiB'/>"
                     "<cache id='0' level='3' type='code' size='18' unit='KiB'/></cachetune>"),
                ErrorCode::XmlError,
                "XML error: Colliding cache allocations for cache level '3' id '0', type 'code'", true);
    expectError(tune("<cachetune vcpus='0'><cache id='0' level='3' type='code' size='12' unit='KiB'/></cachetune>"
                     "<cachetune vcpus='0'><cache id='0' level='3' type='data' size='18' unit='KiB'/></cachetune>"),
                ErrorCode::XmlError, "XML error: Identical vcpus in cachetunes found", true);
    expectError(tune("<cachetune vcpus='0-1'><cache id='0' level='3' type='both' size='768' unit='KiB'/>"
                     "<monitor level='3' vcpus='2'/></cachetune>"),
                ErrorCode::InvalidArg, "invalid argument: Monitor vcpus conflicts with allocation", true);
    expectError(tune("<cachetune vcpus='0-1'><cache id='0' level='3' type='code' size='12' unit='KiB'/></cachetune>"
                     "<memorytune vcpus='0'><node id='0' bandwidth='50'/></memorytune>"),
                ErrorCode::XmlError, "XML error: Overlapping vcpus in resctrls", true);
}

TEST(DomainRoot, NumatuneAndResource) {
    std::string out = format(domainXml(
        "<memory>2048</memory><vcpu>2</vcpu><numatune><memory mode='interleave' nodeset='0-1'/>"
        "<memnode cellid='0' mode='preferred' nodeset='1'/></numatune>"
        "<resource><partition>/machine</partition><fibrechannel appid='app'/></resource>",
        "<cpu><numa><cell cpus='0' memory='1024'/><cell cpus='1' memory='1024'/></numa></cpu>"));
    EXPECT_EQ(section(out, "<numatune>", "<os>"),
              "  <numatune>\n"
              "    <memory mode='interleave' nodeset='0-1'/>\n"
              "    <memnode cellid='0' mode='preferred' nodeset='1'/>\n"
              "  </numatune>\n"
              "  <resource>\n"
              "    <partition>/machine</partition>\n"
              "    <fibrechannel appid='app'/>\n"
              "  </resource>\n");
    // Automatic vcpu placement implies automatic memory placement.
    std::string autoOut = format(domainXml("<memory>1</memory><vcpu placement='auto'>2</vcpu>"));
    EXPECT_NE(autoOut.find("<vcpu placement='auto'>2</vcpu>\n  <numatune>\n    <memory mode='strict' "
                           "placement='auto'/>\n  </numatune>\n"),
              std::string::npos)
        << autoOut;
}

TEST(DomainRoot, OsAndSysinfo) {
    std::string out = format(domainXml(
        "<memory>1</memory><sysinfo type='smbios'><bios><entry name='vendor'>V</entry><entry "
        "name='bogus'>b</entry></bios><system><entry name='uuid'>C7A5FDBD-EDAF-9455-926A-D65C16DB1809</entry>"
        "<entry name='family'>f</entry><entry name='manufacturer'>m</entry></system><oemStrings><entry>o1</entry>"
        "</oemStrings></sysinfo><sysinfo type='fwcfg'><entry name='opt/f' file='/x'/></sysinfo>",
        "",
        "<loader readonly='yes' type='pflash'>/code.fd</loader><nvram template='/vars.fd'>/my.fd</nvram>"
        "<kernel>/k</kernel><cmdline>c &amp; d</cmdline><boot dev='cdrom'/><bootmenu enable='yes' timeout='3'/>"
        "<bios useserial='yes' rebootTimeout='0'/><smbios mode='sysinfo'/>"));
    EXPECT_EQ(section(out, "<sysinfo", "<clock"),
              "  <sysinfo type='smbios'>\n"
              "    <bios>\n"
              "      <entry name='vendor'>V</entry>\n"
              "    </bios>\n"
              "    <system>\n"
              "      <entry name='manufacturer'>m</entry>\n"
              "      <entry name='uuid'>c7a5fdbd-edaf-9455-926a-d65c16db1809</entry>\n"
              "      <entry name='family'>f</entry>\n"
              "    </system>\n"
              "    <oemStrings>\n"
              "      <entry>o1</entry>\n"
              "    </oemStrings>\n"
              "  </sysinfo>\n"
              "  <sysinfo type='fwcfg'>\n"
              "    <entry name='opt/f' file='/x'/>\n"
              "  </sysinfo>\n"
              "  <os>\n"
              "    <type arch='x86_64'>hvm</type>\n"
              "    <loader readonly='yes' type='pflash'>/code.fd</loader>\n"
              "    <nvram template='/vars.fd'>/my.fd</nvram>\n"
              "    <kernel>/k</kernel>\n"
              "    <cmdline>c &amp; d</cmdline>\n"
              "    <boot dev='cdrom'/>\n"
              "    <bootmenu enable='yes' timeout='3'/>\n"
              "    <bios useserial='yes' rebootTimeout='0'/>\n"
              "    <smbios mode='sysinfo'/>\n"
              "  </os>\n");
}

TEST(DomainRoot, OsErrors) {
    expectError("<domain type='qemu'><name>a</name><memory>1</memory></domain>", ErrorCode::XmlError,
                "XML error: an os <type> must be specified");
    expectError(domainXml("<memory>1</memory>", "", "<boot dev='x'/>"), ErrorCode::XmlError,
                "XML error: Invalid value for attribute 'dev' in element 'boot': 'x'.");
    expectError(domainXml("<memory>1</memory>", "", "<bootmenu enable='yes' timeout='70000'/>"),
                ErrorCode::ConfigUnsupported,
                "unsupported configuration: invalid value for boot menu timeout, must be in range [0,65535]");
    expectError(domainXml("<memory>1</memory>", "", "<loader readonly='yes'/>"), ErrorCode::XmlDetail,
                "no loader path specified and firmware auto selection disabled");
    expectError("<domain type='qemu'><name>a</name><memory>1</memory><os><type arch='foo'>hvm</type></os></domain>",
                ErrorCode::ConfigUnsupported, "unsupported configuration: Unknown architecture foo");
    expectError(domainXml("<memory>1</memory><sysinfo type='smbios'><system><entry name='uuid'>"
                          "c7a5fdbd-edaf-9455-926a-d65c16db1800</entry></system></sysinfo>"),
                ErrorCode::XmlDetail, "UUID mismatch between <uuid> and <sysinfo>");
}

TEST(DomainRoot, BootOrderVersusOsBoot) {
    const std::string disk = "<disk type='file'><source file='/a'/><target dev='vda'/><boot order='1'/></disk>";
    expectError(domainXml("<memory>1</memory>", "<devices>" + disk + "</devices>", "<boot dev='hd'/>"),
                ErrorCode::ConfigUnsupported,
                "unsupported configuration: per-device boot elements cannot be used together with os/boot elements");
    expectError(domainXml("<memory>1</memory>",
                          "<devices>" + disk +
                              "<disk type='file'><source file='/b'/><target dev='vdb'/><boot order='1'/></disk>"
                              "</devices>"),
                ErrorCode::ConfigUnsupported, "unsupported configuration: boot order '1' used for more than one device");
    // With per-device boot orders, no <os><boot> is added.
    std::string out = format(domainXml("<memory>1</memory>", "<devices>" + disk + "</devices>"));
    EXPECT_EQ(out.find("<boot dev="), std::string::npos);
    EXPECT_NE(out.find("<boot order='1'/>"), std::string::npos);
}

TEST(DomainRoot, DeviceListChecks) {
    expectError(domainXml("<memory>1</memory>",
                          "<devices><disk type='file'><source file='/a'/><target dev='vda'/><alias name='ua-x'/>"
                          "</disk><disk type='file'><source file='/b'/><target dev='vdb'/><alias name='ua-x'/>"
                          "</disk></devices>"),
                ErrorCode::ConfigUnsupported, "unsupported configuration: non unique alias detected: ua-x");
    expectError(domainXml("<memory>1</memory>",
                          "<devices><controller type='ide' index='0'/><controller type='ide' index='0'/></devices>"),
                ErrorCode::XmlError, "XML error: Multiple 'ide' controllers with index '0'");
    expectError(domainXml("<memory>1</memory>",
                          "<devices><memballoon model='virtio'/><memballoon model='none'/></devices>"),
                ErrorCode::InternalError, "internal error: only a single memory balloon device is supported");
    expectError(domainXml("<memory>1</memory>", "<devices><iommu model='intel'/><iommu model='intel'/></devices>"),
                ErrorCode::XmlError, "XML error: only a single IOMMU device is supported");
}

TEST(DomainRoot, Features) {
    std::string out = format(domainXml(
        "<memory>1</memory>",
        "<features><acpi/><apic eoi='on'/><hyperv><relaxed state='on'/><spinlocks state='on' retries='0x1fff'/>"
        "<vendor_id state='on' value='KVM Hv'/><stimer state='on'><direct state='on'/></stimer></hyperv>"
        "<kvm><hidden state='on'/><dirty-ring state='on' size='4096'/></kvm><pmu/><vmport state='off'/>"
        "<smm state='on'><tseg unit='KiB'>4096</tseg></smm><ioapic driver='qemu'/><msrs unknown='ignore'/>"
        "<async-teardown/></features>"));
    EXPECT_EQ(section(out, "<features>", "<clock"),
              "  <features>\n"
              "    <acpi/>\n"
              "    <apic eoi='on'/>\n"
              "    <hyperv mode='custom'>\n"
              "      <relaxed state='on'/>\n"
              "      <spinlocks state='on' retries='8191'/>\n"
              "      <stimer state='on'>\n"
              "        <direct state='on'/>\n"
              "      </stimer>\n"
              "      <vendor_id state='on' value='KVM Hv'/>\n"
              "    </hyperv>\n"
              "    <kvm>\n"
              "      <hidden state='on'/>\n"
              "      <dirty-ring state='on' size='4096'/>\n"
              "    </kvm>\n"
              "    <pmu state='on'/>\n"
              "    <vmport state='off'/>\n"
              "    <smm state='on'>\n"
              "      <tseg unit='MiB'>4</tseg>\n"
              "    </smm>\n"
              "    <ioapic driver='qemu'/>\n"
              "    <msrs unknown='ignore'/>\n"
              "    <async-teardown enabled='yes'/>\n"
              "  </features>\n");
    EXPECT_NE(format(domainXml("<memory>1</memory>", "<features><hyperv mode='passthrough'/></features>"))
                  .find("    <hyperv mode='passthrough'>\n    </hyperv>\n"),
              std::string::npos);
    expectError(domainXml("<memory>1</memory>", "<features><foo/></features>"), ErrorCode::ConfigUnsupported,
                "unsupported configuration: unexpected feature 'foo'");
    expectError(domainXml("<memory>1</memory>", "<features><hyperv mode='none'/></features>"), ErrorCode::XmlError,
                "XML error: Invalid value for attribute 'mode' in element 'hyperv': 'none'.");
}

TEST(DomainRoot, CpuAndNuma) {
    std::string out = format(domainXml(
        "<memory>1</memory><vcpu>4</vcpu>",
        "<cpu mode='host-passthrough' migratable='on' check='partial'><cache mode='passthrough'/>"
        "<maxphysaddr mode='passthrough' limit='39'/><topology sockets='1' cores='2' threads='2'/>"
        "<feature name='vmx' policy='disable'/><numa><cell cpus='0-1' memory='1024' unit='MiB' "
        "memAccess='shared'><distances><sibling id='0' value='10'/><sibling id='1' value='21'/></distances>"
        "<cache level='1' associativity='direct' policy='writeback'><size value='10' unit='KiB'/>"
        "<line value='8' unit='B'/></cache></cell><cell cpus='2-3' memory='1' unit='GiB' discard='yes'/>"
        "<interconnects><latency initiator='0' target='0' type='access' value='5'/><bandwidth initiator='0' "
        "target='1' type='access' value='204800' unit='KiB'/></interconnects></numa></cpu>"));
    EXPECT_EQ(section(out, "<cpu", "<clock"),
              "  <cpu mode='host-passthrough' check='partial' migratable='on'>\n"
              "    <topology sockets='1' dies='1' cores='2' threads='2'/>\n"
              "    <cache mode='passthrough'/>\n"
              "    <maxphysaddr mode='passthrough' limit='39'/>\n"
              "    <feature policy='disable' name='vmx'/>\n"
              "    <numa>\n"
              "      <cell id='0' cpus='0-1' memory='1048576' unit='KiB' memAccess='shared'>\n"
              "        <distances>\n"
              "          <sibling id='0' value='10'/>\n"
              "          <sibling id='1' value='21'/>\n"
              "        </distances>\n"
              "        <cache level='1' associativity='direct' policy='writeback'>\n"
              "          <size value='10' unit='KiB'/>\n"
              "          <line value='8' unit='B'/>\n"
              "        </cache>\n"
              "      </cell>\n"
              "      <cell id='1' cpus='2-3' memory='1048576' unit='KiB' discard='yes'>\n"
              "        <distances>\n"
              "          <sibling id='0' value='21'/>\n"
              "          <sibling id='1' value='10'/>\n"
              "        </distances>\n"
              "      </cell>\n"
              "      <interconnects>\n"
              "        <latency initiator='0' target='0' type='access' value='5'/>\n"
              "        <bandwidth initiator='0' target='1' type='access' value='204800' unit='KiB'/>\n"
              "      </interconnects>\n"
              "    </numa>\n"
              "  </cpu>\n");
    expectError(domainXml("<memory>1</memory>", "<cpu><feature name='x'/></cpu>"), ErrorCode::XmlError,
                "XML error: Non-empty feature list specified without CPU model");
    expectError(domainXml("<memory>1</memory>", "<cpu check='full'/>"), ErrorCode::ConfigUnsupported,
                "unsupported configuration: check attribute specified for CPU with no model");
}

TEST(DomainRoot, ClockLifecyclePmPerf) {
    std::string out = format(domainXml(
        "<memory>1</memory>",
        "<clock offset='localtime' adjustment='-3600'><timer name='rtc' tickpolicy='catchup' track='guest'>"
        "<catchup threshold='123' slew='120' limit='10000'/></timer><timer name='tsc' present='yes' "
        "frequency='1000' mode='native'/></clock><on_poweroff>restart</on_poweroff><on_crash>coredump-destroy"
        "</on_crash><on_lockfailure>pause</on_lockfailure><pm><suspend-to-disk enabled='yes'/></pm><perf>"
        "<event name='mbmt' enabled='no'/><event name='cmt' enabled='yes'/></perf>"));
    EXPECT_EQ(section(out, "<clock", "<devices>"),
              "  <clock offset='variable' adjustment='-3600' basis='localtime'>\n"
              "    <timer name='rtc' tickpolicy='catchup' track='guest'>\n"
              "      <catchup threshold='123' slew='120' limit='10000'/>\n"
              "    </timer>\n"
              "    <timer name='tsc' present='yes' frequency='1000' mode='native'/>\n"
              "  </clock>\n"
              "  <on_poweroff>restart</on_poweroff>\n"
              "  <on_reboot>restart</on_reboot>\n"
              "  <on_crash>coredump-destroy</on_crash>\n"
              "  <on_lockfailure>pause</on_lockfailure>\n"
              "  <pm>\n"
              "    <suspend-to-disk enabled='yes'/>\n"
              "  </pm>\n"
              "  <perf>\n"
              "    <event name='cmt' enabled='yes'/>\n"
              "    <event name='mbmt' enabled='no'/>\n"
              "  </perf>\n");
    expectError(domainXml("<memory>1</memory>", "<clock><timer name='hpet' mode='auto'/></clock>"),
                ErrorCode::ConfigUnsupported,
                "unsupported configuration: timer hpet doesn't support setting of timer mode");
    expectError(domainXml("<memory>1</memory>", "<on_poweroff>coredump-restart</on_poweroff>"),
                ErrorCode::ConfigUnsupported,
                "unsupported configuration: Lifecycle event 'poweroff' doesn't support 'coredump-restart' action");
    expectError(domainXml("<memory>1</memory>", "<perf><event name='cmt' enabled='yes'/><event name='cmt' "
                                                "enabled='no'/></perf>"),
                ErrorCode::XmlError, "XML error: perf event 'cmt' was already specified");
}

TEST(DomainRoot, SecurityElements) {
    std::string out = format(
        domainXml("<memory>1</memory>",
                  "<seclabel type='dynamic' model='selinux'><baselabel>system_u</baselabel></seclabel>"
                  "<seclabel type='static' model='dac' relabel='no'><label>1:1</label></seclabel>"
                  "<seclabel type='none' model='apparmor'/><keywrap><cipher name='dea' state='on'/>"
                  "<cipher name='aes' state='off'/></keywrap><launchSecurity type='sev' kernelHashes='no'>"
                  "<cbitpos>47</cbitpos><policy>1</policy></launchSecurity>"),
        true);
    EXPECT_EQ(section(out, "<seclabel", "</domain>"),
              "  <seclabel type='dynamic' model='selinux' relabel='yes'>\n"
              "    <baselabel>system_u</baselabel>\n"
              "  </seclabel>\n"
              "  <seclabel type='static' model='dac' relabel='no'>\n"
              "    <label>1:1</label>\n"
              "  </seclabel>\n"
              "  <seclabel type='none' model='apparmor'/>\n"
              "  <keywrap>\n"
              "    <cipher name='aes' state='off'/>\n"
              "    <cipher name='dea' state='on'/>\n"
              "  </keywrap>\n"
              "  <launchSecurity type='sev' kernelHashes='no'>\n"
              "    <cbitpos>47</cbitpos>\n"
              "    <policy>0x0001</policy>\n"
              "  </launchSecurity>\n");
    expectError(domainXml("<memory>1</memory>", "<seclabel type='dynamic' relabel='no'/>"),
                ErrorCode::ConfigUnsupported, "unsupported configuration: dynamic label type must use resource relabeling");
    expectError(domainXml("<memory>1</memory>", "<launchSecurity type='sev'/>"), ErrorCode::XmlError,
                "XML error: failed to get launch security policy");
}

TEST(DomainRoot, RootErrors) {
    expectError("<foo type='qemu'/>", ErrorCode::XmlError, "XML error: expecting root element of 'domain', not 'foo'");
    expectError("<domain><name>a</name><memory>1</memory><os><type>hvm</type></os></domain>",
                ErrorCode::InternalError, "internal error: missing domain type attribute");
    expectError("<domain type='zz'><name>a</name><memory>1</memory><os><type>hvm</type></os></domain>",
                ErrorCode::ConfigUnsupported, "unsupported configuration: invalid domain type zz");
    expectError("<domain type='qemu'><memory>1</memory><os><type>hvm</type></os></domain>", ErrorCode::NoName,
                "missing name information");
    expectError("<domain type='qemu'><name>a/b</name><memory>1</memory><os><type>hvm</type></os></domain>",
                ErrorCode::XmlError, "XML error: name a/b cannot contain '/'");
    expectError("<domain type='qemu'><name>a</name><uuid>zz</uuid><memory>1</memory><os><type>hvm</type></os>"
                "</domain>",
                ErrorCode::InternalError, "internal error: malformed uuid element");
    expectError(domainXml("<title>a\nb</title><memory>1</memory>"), ErrorCode::XmlError,
                "XML error: Domain title can't contain newlines");
}

TEST(DomainRoot, DriverFeaturesGateMemoryHotplugAndFirmware) {
    struct Qemu : DomainXmlHooks {
        unsigned features() const override { return kFeatureMemoryHotplug | kFeatureFwAutoselect | kFeatureIndividualVcpus; }
    } qemu;
    std::string xml = domainXml("<maxMemory slots='16' unit='KiB'>1524288</maxMemory><memory>1024</memory>");
    expectError(xml, ErrorCode::ConfigUnsupported,
                "unsupported configuration: memory hotplug tunables <maxMemory> are not supported by this "
                "hypervisor driver");
    DomainParseOptions po;
    po.hooks = &qemu;
    std::string out = formatDomainXml(parseDomainXml(xml, po));
    EXPECT_NE(out.find("  <maxMemory slots='16' unit='KiB'>1524288</maxMemory>\n  <memory unit='KiB'>1024</memory>"),
              std::string::npos);
    std::string efi = "<domain type='qemu'><name>a</name><memory>1</memory><os firmware='efi'><type>hvm</type></os></domain>";
    expectError(efi, ErrorCode::XmlDetail, "firmware auto selection not implemented for this driver");
    EXPECT_NE(formatDomainXml(parseDomainXml(efi, po)).find("<os firmware='efi'>"), std::string::npos);
}

TEST(DomainRoot, DriverNamespaceIsDeclaredAndWrittenLast) {
    struct Commandline : DomainNamespace {
        std::vector<std::string> args;
        std::string_view prefix() const override { return "qemu"; }
        std::string_view uri() const override { return "http://libvirt.org/schemas/domain/qemu/1.0"; }
        void format(cvirt::conf::xml::Writer& w) const override {
            cvirt::conf::xml::Writer::Element cmd(w, "qemu:commandline", false);
            for (const auto& a : args) {
                cmd.beginChildren();
                cvirt::conf::xml::Writer::Element arg(w, "qemu:arg", true);
                arg.attr("value", a);
            }
        }
    };
    struct Hooks : DomainXmlHooks {
        std::shared_ptr<const DomainNamespace> parseNamespace(const cvirt::xml::Node& root) override {
            auto ns = std::make_shared<Commandline>();
            for (const auto& c : root.children("commandline"))
                for (const auto& a : c.children("arg"))
                    ns->args.push_back(a.attr("value").value_or(""));
            return ns;
        }
    } hooks;
    DomainParseOptions po;
    po.hooks = &hooks;
    std::string xml = "<domain type='qemu' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'><name>a</name>"
                      "<memory>1</memory><os><type arch='x86_64'>hvm</type></os><qemu:commandline>"
                      "<qemu:arg value='-newarg'/></qemu:commandline></domain>";
    std::string out = formatDomainXml(parseDomainXml(xml, po));
    EXPECT_EQ(out.substr(0, out.find('\n')),
              "<domain type='qemu' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>");
    EXPECT_NE(out.find("  </devices>\n  <qemu:commandline>\n    <qemu:arg value='-newarg'/>\n  </qemu:commandline>\n"
                       "</domain>\n"),
              std::string::npos)
        << out;
}

TEST(DomainRoot, SchemaValidationUsesLibvirtMessages) {
    DomainParseOptions po;
    po.validateSchema = true;
    po.schemaPath = cvirt::test::conformancePath("libvirt-9.6/schemas/domain.rng");
    try {
        parseDomainXml("<domain type='qemu'><name>a</name><memory>1024</memory><os><type>hvm</type></os><bogus/>"
                       "</domain>",
                       po);
        ADD_FAILURE() << "validated";
    } catch (const cvirt::Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::XmlInvalidSchema);
        EXPECT_EQ(e.message(), "XML document failed to validate against schema: Unable to validate doc against " +
                                   po.schemaPath + "\nElement domain has extra content: bogus\n");
    }
}

}  // namespace
