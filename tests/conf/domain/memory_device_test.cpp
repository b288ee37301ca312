// <memory> devices: each model's source and target, units, live-only
// <current>, post-parse defaults, parse errors and validation.
#include "conf/domain/devices/memory.hpp"

#include "device_xml.hpp"

namespace {

using namespace cvirt::conf::domain;
using cvirt::test::domain::errorOf;
using cvirt::test::domain::parseDevice;
using cvirt::test::domain::roundTrip;

TEST(MemoryDevice, DimmWithUnitsRoundedUpToKiB) {
    EXPECT_EQ(roundTrip<MemoryDevice>("memory",
                                      "<memory model='dimm' discard='yes'><source><pagesize unit='MiB'>2</pagesize>"
                                      "<nodemask>1-3,0</nodemask></source><target><size unit='G'>1</size>"
                                      "<node>0</node></target><address type='dimm' slot='0' base='0x100000000'/>"
                                      "</memory>"),
              "<memory model='dimm' discard='yes'>\n"
              "  <source>\n"
              "    <nodemask>0-3</nodemask>\n"
              "    <pagesize unit='KiB'>2048</pagesize>\n"
              "  </source>\n"
              "  <target>\n"
              "    <size unit='KiB'>1048576</size>\n"
              "    <node>0</node>\n"
              "  </target>\n"
              "  <address type='dimm' slot='0' base='0x100000000'/>\n"
              "</memory>\n");
    // Bytes round up to the next KiB.
    auto mem = parseDevice<MemoryDevice>("<memory model='dimm'><target><size unit='b'>1025</size></target></memory>");
    EXPECT_EQ(mem.sizeKiB, 2u);
}

TEST(MemoryDevice, Nvdimm) {
    EXPECT_EQ(roundTrip<MemoryDevice>("memory",
                                      "<memory model='nvdimm' access='private'>"
                                      "<uuid>49545eb3-75e1-2d0a-acdd-f0294406c99e</uuid>"
                                      "<source><path>/tmp/nvdimm</path><alignsize unit='KiB'>2048</alignsize><pmem/>"
                                      "</source><target><size unit='KiB'>523264</size><node>0</node>"
                                      "<label><size unit='KiB'>128</size></label><readonly/></target></memory>"),
              "<memory model='nvdimm' access='private'>\n"
              "  <uuid>49545eb3-75e1-2d0a-acdd-f0294406c99e</uuid>\n"
              "  <source>\n"
              "    <path>/tmp/nvdimm</path>\n"
              "    <alignsize unit='KiB'>2048</alignsize>\n"
              "    <pmem/>\n"
              "  </source>\n"
              "  <target>\n"
              "    <size unit='KiB'>523264</size>\n"
              "    <node>0</node>\n"
              "    <label>\n"
              "      <size unit='KiB'>128</size>\n"
              "    </label>\n"
              "    <readonly/>\n"
              "  </target>\n"
              "</memory>\n");
}

TEST(MemoryDevice, VirtioMemCurrentIsLiveOnly) {
    const char* in =
        "<memory model='virtio-mem'><source><nodemask>1-3</nodemask>"
        "<pagesize unit='KiB'>2048</pagesize></source><target><size unit='KiB'>2097152</size><node>0</node>"
        "<block unit='KiB'>2048</block><requested unit='KiB'>1048576</requested><current unit='KiB'>4</current>"
        "<address base='0x150000000'/></target>"
        "<address type='pci' domain='0' bus='1' slot='1' function='0'/></memory>";
    EXPECT_EQ(roundTrip<MemoryDevice>("memory", in, true),
              "<memory model='virtio-mem'>\n"
              "  <source>\n"
              "    <nodemask>1-3</nodemask>\n"
              "    <pagesize unit='KiB'>2048</pagesize>\n"
              "  </source>\n"
              "  <target>\n"
              "    <size unit='KiB'>2097152</size>\n"
              "    <node>0</node>\n"
              "    <block unit='KiB'>2048</block>\n"
              "    <requested unit='KiB'>1048576</requested>\n"
              "    <address base='0x150000000'/>\n"
              "  </target>\n"
              "  <address type='pci' domain='0x0000' bus='0x01' slot='0x01' function='0x0'/>\n"
              "</memory>\n");
    // The live XML reports what the guest plugged (filled in by a driver).
    EXPECT_NE(roundTrip<MemoryDevice>("memory", in, false).find("<current unit='KiB'>0</current>"),
              std::string::npos);
}

TEST(MemoryDevice, SourceAndTargetFieldsOfOtherModelsAreIgnored) {
    EXPECT_EQ(roundTrip<MemoryDevice>("memory",
                                      "<memory model='sgx-epc'><source><nodemask>0</nodemask><path>/x</path>"
                                      "<pagesize>4</pagesize></source><target><size unit='KiB'>16384</size>"
                                      "<block>2048</block><readonly/><address base='0x1000'/></target></memory>"),
              "<memory model='sgx-epc'>\n"
              "  <source>\n"
              "    <nodemask>0</nodemask>\n"
              "  </source>\n"
              "  <target>\n"
              "    <size unit='KiB'>16384</size>\n"
              "  </target>\n"
              "</memory>\n");
}

TEST(MemoryDevice, PostParse) {
    auto pmem = parseDevice<MemoryDevice>(
        "<memory model='virtio-pmem'><source><path>/tmp/p</path></source><target><size>1024</size></target></memory>");
    postParseMemoryDevice(pmem, false);
    EXPECT_EQ(pmem.access, MemoryAccess::Shared);
    auto nvdimm = parseDevice<MemoryDevice>(
        "<memory model='nvdimm'><source><path>/tmp/n</path></source><target><size>1024</size></target></memory>");
    postParseMemoryDevice(nvdimm, false);
    EXPECT_FALSE(std::get<NvdimmMemory>(nvdimm.kind).uuid);
    postParseMemoryDevice(nvdimm, true);
    EXPECT_TRUE(std::get<NvdimmMemory>(nvdimm.kind).uuid);
}

TEST(MemoryDevice, ParseErrors) {
    auto err = [](const char* xml) { return errorOf([&] { parseDevice<MemoryDevice>(xml); }); };
    EXPECT_EQ(err("<memory><target><size>1</size></target></memory>"),
              "VIR_ERR_XML_ERROR: XML error: Missing required attribute 'model' in element 'memory'");
    EXPECT_EQ(err("<memory model='ram'/>"),
              "VIR_ERR_XML_ERROR: XML error: Invalid value for attribute 'model' in element 'memory': 'ram'.");
    EXPECT_EQ(err("<memory model='dimm' access='default'/>"),
              "VIR_ERR_XML_ERROR: XML error: Invalid value for attribute 'access' in element 'memory': 'default'.");
    EXPECT_EQ(err("<memory model='dimm'/>"),
              "VIR_ERR_XML_ERROR: XML error: missing <target> element for <memory> device");
    EXPECT_EQ(err("<memory model='dimm'><target/></memory>"),
              "VIR_ERR_XML_ERROR: XML error: missing element or attribute './size'");
    EXPECT_EQ(err("<memory model='dimm'><target><size>12x</size></target></memory>"),
              "VIR_ERR_XML_ERROR: XML error: Invalid value '12x' for element or attribute './size'");
    EXPECT_EQ(err("<memory model='dimm'><target><size unit='parsec'>1</size></target></memory>"),
              "VIR_ERR_INVALID_ARG: invalid argument: unknown suffix 'parsec'");
    EXPECT_EQ(err("<memory model='dimm'><target><size>1</size><node>-1</node></target></memory>"),
              "VIR_ERR_XML_ERROR: XML error: invalid value of memory device node");
    EXPECT_EQ(err("<memory model='dimm'><source><nodemask>^0</nodemask></source><target><size>1</size></target>"
                  "</memory>"),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: Invalid value of 'nodemask': ^0");
    EXPECT_EQ(err("<memory model='nvdimm'><uuid>not-a-uuid</uuid><target><size>1</size></target></memory>"),
              "VIR_ERR_INTERNAL_ERROR: internal error: malformed uuid element");
    EXPECT_EQ(err("<memory model='nvdimm'><target><size>1024</size><label><size>64</size></label></target></memory>"),
              "VIR_ERR_XML_ERROR: XML error: nvdimm label must be at least 128KiB");
    EXPECT_EQ(err("<memory model='nvdimm'><target><size>1024</size><label><size>1024</size></label></target>"
                  "</memory>"),
              "VIR_ERR_XML_ERROR: XML error: label size must be smaller than NVDIMM size");
    EXPECT_EQ(err("<memory model='virtio-mem'><target><size>1024</size><address base='xyz'/></target></memory>"),
              "VIR_ERR_XML_ERROR: XML error: Invalid value for attribute 'base' in element 'address': 'xyz'. "
              "Expected non-negative integer value");
}

TEST(MemoryDevice, Validation) {
    auto validate = [](const char* xml, size_t numaNodes = 1, bool ppc64 = false) {
        return errorOf([&] {
            auto mem = parseDevice<MemoryDevice>(xml);
            postParseMemoryDevice(mem, ppc64);
            validateMemoryDevice(mem, numaNodes, ppc64);
        });
    };
    EXPECT_EQ(validate("<memory model='dimm'><target><size>1024</size><node>0</node></target></memory>", 0),
              "VIR_ERR_XML_DETAIL: can't add memory backend as guest has no NUMA nodes configured");
    EXPECT_EQ(validate("<memory model='dimm'><target><size>1024</size><node>2</node></target></memory>", 2),
              "VIR_ERR_XML_DETAIL: can't add memory backend for guest node '2' as the guest has only '2' NUMA nodes "
              "configured");
    EXPECT_EQ(validate("<memory model='nvdimm'><target><size>1024</size></target></memory>"),
              "VIR_ERR_XML_DETAIL: path is required for model 'nvdimm'");
    EXPECT_EQ(validate("<memory model='nvdimm' discard='yes'><source><path>/n</path></source>"
                       "<target><size>1024</size></target></memory>"),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: discard is not supported for nvdimms");
    EXPECT_EQ(validate("<memory model='nvdimm'><source><path>/n</path></source><target><size>1024</size></target>"
                       "</memory>",
                       1, true),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: label size is required for NVDIMM device");
    EXPECT_EQ(validate("<memory model='nvdimm'><uuid>49545eb3-75e1-2d0a-acdd-f0294406c99e</uuid><source><path>/n"
                       "</path></source><target><size>1024</size></target></memory>"),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: UUID is not supported for NVDIMM device");
    EXPECT_EQ(validate("<memory model='virtio-pmem'><target><size>1024</size></target></memory>"),
              "VIR_ERR_XML_DETAIL: path is required for model 'virtio-pmem'");
    EXPECT_EQ(validate("<memory model='virtio-pmem' access='private'><source><path>/p</path></source>"
                       "<target><size>1024</size></target></memory>"),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: shared access mode required for virtio-pmem "
              "device");
    EXPECT_EQ(validate("<memory model='virtio-pmem'><source><path>/p</path></source>"
                       "<target><size>1024</size><node>0</node></target></memory>"),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: virtio-pmem does not support NUMA nodes");
    EXPECT_EQ(validate("<memory model='virtio-mem'><target><size>1024</size><block>2048</block>"
                       "<requested>2048</requested></target></memory>"),
              "VIR_ERR_XML_DETAIL: requested size must be smaller than or equal to @size (1024KiB)");
    EXPECT_EQ(validate("<memory model='virtio-mem'><target><size>8192</size><block>3000</block></target></memory>"),
              "VIR_ERR_XML_DETAIL: block size must be a power of two");
    EXPECT_EQ(validate("<memory model='virtio-mem'><target><size>8192</size><block>1024</block></target></memory>"),
              "VIR_ERR_XML_DETAIL: block size too small, must be at least 2048KiB");
    EXPECT_EQ(validate("<memory model='virtio-mem'><target><size>8192</size><block>2048</block>"
                       "<requested>3072</requested></target></memory>"),
              "VIR_ERR_XML_DETAIL: requested size must be an integer multiple of block size");
    EXPECT_EQ(validate("<memory model='virtio-mem'><target><size>8192</size><block>2048</block>"
                       "<address base='0x1000'/></target></memory>"),
              "VIR_ERR_XML_DETAIL: memory device address must be aligned to blocksize");
    EXPECT_EQ(validate("<memory model='sgx-epc'><target><size>1024</size></target>"
                       "<address type='dimm' slot='0'/></memory>"),
              "VIR_ERR_CONFIG_UNSUPPORTED: unsupported configuration: memory device address is not supported for "
              "model 'sgx-epc'");
    EXPECT_EQ(validate("<memory model='virtio-mem'><target><size>8192</size><node>0</node><block>2048</block>"
                       "<requested>4096</requested><address base='0x200000'/></target></memory>"),
              "no error");
}

}  // namespace
