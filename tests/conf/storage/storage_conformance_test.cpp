// libvirt 9.6's storagepoolxml2xmltest and storagevolxml2xmltest: pools
// and volumes (read in the context of their pool) format back to the
// expected XML byte for byte, and our output validates against
// storagepool.rng / storagevol.rng.
#include <gtest/gtest.h>

#include "conf/storage/volume.hpp"
#include "support/test_support.hpp"
#include "util/files.hpp"
#include "util/xml.hpp"

using namespace cvirt;
using namespace cvirt::conf::storage;

namespace {

struct VolumeCase {
    const char* pool;
    const char* volume;
    bool noCapacity = false;
};

// storagevolxml2xmltest.c's pairs. (vol-qcow2-nocow's output file in the
// corpus is a stale one no test reads: it still has an empty <source>.)
const VolumeCase kVolumeCases[] = {
    {"pool-dir", "vol-file"},
    {"pool-dir", "vol-file-naming"},
    {"pool-dir", "vol-file-backing"},
    {"pool-dir", "vol-file-iso"},
    {"pool-dir", "vol-qcow2"},
    {"pool-dir", "vol-qcow2-1.1"},
    {"pool-dir", "vol-qcow2-lazy"},
    {"pool-dir", "vol-qcow2-0.10-lazy"},
    {"pool-dir", "vol-qcow2-nobacking"},
    {"pool-dir", "vol-qcow2-encryption"},
    {"pool-dir", "vol-qcow2-luks"},
    {"pool-dir", "vol-qcow2-clusterSize"},
    {"pool-dir", "vol-luks"},
    {"pool-dir", "vol-luks-cipher"},
    {"pool-disk", "vol-partition"},
    {"pool-logical", "vol-logical"},
    {"pool-logical", "vol-logical-backing"},
    {"pool-gluster", "vol-gluster-dir"},
    {"pool-gluster", "vol-gluster-dir-neg-uid"},
    {"pool-dir", "vol-qcow2-nocapacity", true},
};

void validate(const xml::RngSchema& schema, const std::string& text, const std::string& name) {
    try {
        schema.validate(xml::Document::parse(text, name, ErrorDomain::Storage));
    } catch (const Error& e) {
        ADD_FAILURE() << name << ": " << e.message();
    }
}

}  // namespace

TEST(StorageConformance, StoragePoolXml2Xml) {
    auto dir = test::conformancePath("libvirt-9.6");
    auto schema = xml::RngSchema::load(dir + "/schemas/storagepool.rng");
    auto cases = listDirectory(dir + "/storagepoolxml2xmlout", ".xml");
    ASSERT_FALSE(cases.empty());
    int passed = 0;
    for (const auto& file : cases) {
        try {
            auto actual =
                formatStoragePoolXml(parseStoragePoolXml(readFile(dir + "/storagepoolxml2xmlin/" + file)));
            auto expected = readFile(dir + "/storagepoolxml2xmlout/" + file);
            EXPECT_EQ(actual, expected) << file;
            validate(*schema, actual, file);
            passed += actual == expected;
        } catch (const Error& e) {
            ADD_FAILURE() << file << ": " << e.message();
        }
    }
    std::printf("storagepoolxml2xml: %d/%zu\n", passed, cases.size());
    EXPECT_EQ(passed, static_cast<int>(cases.size()));
}

TEST(StorageConformance, StorageVolXml2Xml) {
    auto dir = test::conformancePath("libvirt-9.6");
    auto schema = xml::RngSchema::load(dir + "/schemas/storagevol.rng");
    int passed = 0;
    for (const auto& c : kVolumeCases) {
        std::string name = c.volume;
        try {
            auto pool = parseStoragePoolXml(readFile(dir + "/storagepoolxml2xmlin/" + c.pool + ".xml"));
            StorageVolumeParseOptions po;
            po.noCapacity = c.noCapacity;
            auto vol =
                parseStorageVolumeXml(pool, readFile(dir + "/storagevolxml2xmlin/" + name + ".xml"), po);
            auto actual = formatStorageVolumeXml(pool, vol);
            auto expected = readFile(dir + "/storagevolxml2xmlout/" + name + ".xml");
            EXPECT_EQ(actual, expected) << name;
            validate(*schema, actual, name);
            passed += actual == expected;
        } catch (const Error& e) {
            ADD_FAILURE() << name << ": " << e.message();
        }
    }
    std::printf("storagevolxml2xml: %d/%zu\n", passed, std::size(kVolumeCases));
    EXPECT_EQ(passed, static_cast<int>(std::size(kVolumeCases)));
}
