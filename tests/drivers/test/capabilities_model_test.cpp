// The capabilities model: libvirt's layout for what drivers other than
// the test driver will describe (host CPU model, machines, features).

#include <gtest/gtest.h>

#include "conf/capabilities/capabilities.hpp"

namespace cvirt::conf::capabilities {
namespace {

TEST(CapabilitiesModel, WordSizes) {
    EXPECT_EQ(archWordSize("i686"), 32);
    EXPECT_EQ(archWordSize("x86_64"), 64);
    EXPECT_EQ(archWordSize("aarch64"), 64);
    EXPECT_EQ(archWordSize("armv7l"), 32);
    EXPECT_EQ(archWordSize("bogus"), 0);
}

TEST(CapabilitiesModel, EmptyHostIsLeftOut) {
    Capabilities caps;
    EXPECT_EQ(formatCapabilitiesXml(caps), "<capabilities>\n\n</capabilities>\n");
}

TEST(CapabilitiesModel, FullDocument) {
    Capabilities caps;
    caps.host.uuid = *Uuid::parse("11111111-2222-3333-4444-555555555555");
    caps.host.arch = "x86_64";
    HostCpuModel cpu;
    cpu.model = "Skylake-Client-IBRS";
    cpu.vendor = "Intel";
    cpu.microcode = 240;
    cpu.signature = HostCpuModel::Signature{6, 94, 3};
    cpu.counter = HostCpuModel::Counter{"tsc", 2592000000, false};
    cpu.topology = HostCpuModel::Topology{1, 1, 0, 4, 1};
    cpu.maxPhysAddr = HostCpuModel::MaxPhysAddr{"emulate", 39};
    cpu.features = {"ds", "acpi"};
    caps.host.cpu = cpu;
    caps.host.pageSizesKiB = {4, 2048};
    caps.host.powerManagement = {PowerTarget::SuspendDisk, PowerTarget::SuspendMem};
    caps.host.iommu = true;
    caps.host.offlineMigration = true;
    caps.host.liveMigration = true;
    caps.host.migrationTransports = {"tcp", "rdma"};
    NumaCell cell;
    cell.memoryKiB = 1024;
    cell.pages = {{4, 256}};
    cell.distances = {{0, 10}};
    NumaCpu c0;
    c0.id = 0;
    cell.cpus = {c0};
    caps.host.numaCells = std::vector<NumaCell>{cell};
    caps.host.securityModels = {{"dac", "0", {{"kvm", "+0:+0"}}}};

    Guest g;
    g.osType = "hvm";
    g.arch = "x86_64";
    g.wordSize = 64;
    g.defaults.emulator = "/usr/bin/qemu-system-x86_64";
    g.defaults.machines = {{"pc-q35-7.2", std::string("q35"), 255, false}, {"pc-i440fx-2.0", {}, 255, true}};
    g.domains = {{"qemu", {}}, {"kvm", {"/usr/bin/kvm", std::nullopt, {{"pc", {}, 0, false}}}}};
    g.features = {{GuestFeatureType::DiskSnapshot, true, false}, {GuestFeatureType::Acpi, true, true},
                  {GuestFeatureType::Apic, true, false}};
    caps.guests.push_back(g);

    EXPECT_EQ(formatCapabilitiesXml(caps),
              "<capabilities>\n"
              "\n"
              "  <host>\n"
              "    <uuid>11111111-2222-3333-4444-555555555555</uuid>\n"
              "    <cpu>\n"
              "      <arch>x86_64</arch>\n"
              "      <model>Skylake-Client-IBRS</model>\n"
              "      <vendor>Intel</vendor>\n"
              "      <microcode version='240'/>\n"
              "      <signature family='6' model='94' stepping='3'/>\n"
              "      <counter name='tsc' frequency='2592000000' scaling='no'/>\n"
              "      <topology sockets='1' dies='1' cores='4' threads='1'/>\n"
              "      <maxphysaddr mode='emulate' bits='39'/>\n"
              "      <feature name='ds'/>\n"
              "      <feature name='acpi'/>\n"
              "      <pages unit='KiB' size='4'/>\n"
              "      <pages unit='KiB' size='2048'/>\n"
              "    </cpu>\n"
              "    <power_management>\n"
              "      <suspend_mem/>\n"
              "      <suspend_disk/>\n"
              "    </power_management>\n"
              "    <iommu support='yes'/>\n"
              "    <migration_features>\n"
              "      <live/>\n"
              "      <uri_transports>\n"
              "        <uri_transport>tcp</uri_transport>\n"
              "        <uri_transport>rdma</uri_transport>\n"
              "      </uri_transports>\n"
              "    </migration_features>\n"
              "    <topology>\n"
              "      <cells num='1'>\n"
              "        <cell id='0'>\n"
              "          <memory unit='KiB'>1024</memory>\n"
              "          <pages unit='KiB' size='4'>256</pages>\n"
              "          <distances>\n"
              "            <sibling id='0' value='10'/>\n"
              "          </distances>\n"
              "          <cpus num='1'>\n"
              "            <cpu id='0'/>\n"
              "          </cpus>\n"
              "        </cell>\n"
              "      </cells>\n"
              "    </topology>\n"
              "    <secmodel>\n"
              "      <model>dac</model>\n"
              "      <doi>0</doi>\n"
              "      <baselabel type='kvm'>+0:+0</baselabel>\n"
              "    </secmodel>\n"
              "  </host>\n"
              "\n"
              "  <guest>\n"
              "    <os_type>hvm</os_type>\n"
              "    <arch name='x86_64'>\n"
              "      <wordsize>64</wordsize>\n"
              "      <emulator>/usr/bin/qemu-system-x86_64</emulator>\n"
              "      <machine canonical='q35' maxCpus='255'>pc-q35-7.2</machine>\n"
              "      <machine maxCpus='255' deprecated='yes'>pc-i440fx-2.0</machine>\n"
              "      <domain type='qemu'/>\n"
              "      <domain type='kvm'>\n"
              "        <emulator>/usr/bin/kvm</emulator>\n"
              "        <machine>pc</machine>\n"
              "      </domain>\n"
              "    </arch>\n"
              "    <features>\n"
              "      <acpi default='on' toggle='yes'/>\n"
              "      <apic default='on' toggle='no'/>\n"
              "      <disksnapshot default='on' toggle='no'/>\n"
              "    </features>\n"
              "  </guest>\n"
              "\n"
              "</capabilities>\n");
}

}  // namespace
}  // namespace cvirt::conf::capabilities
