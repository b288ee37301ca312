// libvirt's virschematest for domain XML: the domainschemadata files and
// every *-invalid.xml of the corpus's domain sets against domain.rng, both
// through the raw validator and through parseDomainXml's validateSchema.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "conf/domain/domain.hpp"
#include "conformance_support.hpp"
#include "support/test_support.hpp"
#include "util/error.hpp"
#include "util/xml.hpp"

namespace {

using namespace cvirt::conf::domain;
namespace td = cvirt::test::domain;

// The corpus folders libvirt validates against domain.rng.
const char* const kDomainSets[] = {
    "domainschemadata",    "qemuxml2argvdata", "qemuxml2xmloutdata", "genericxml2xmlindata",
    "genericxml2xmloutdata", "lxcxml2xmldata",   "lxcxml2xmloutdata",  "xlconfigdata",
    "vmx2xmldata",
};

std::string schemaPath() { return cvirt::test::conformancePath("libvirt-9.6/schemas/domain.rng"); }

struct Files {
    std::vector<std::string> valid, invalid;  // paths
};

Files files() {
    Files f;
    std::string base = cvirt::test::conformancePath("libvirt-9.6");
    for (const auto& name : td::listFiles(base + "/domainschemadata", ".xml"))
        f.valid.push_back(base + "/domainschemadata/" + name);
    for (const char* set : kDomainSets)
        for (const auto& name : td::listFiles(base + "/" + set, "-invalid.xml"))
            f.invalid.push_back(base + "/" + set + "/" + name);
    return f;
}

TEST(DomainSchema, ValidatorAcceptsValidAndRejectsInvalid) {
    auto schema = cvirt::xml::RngSchema::load(schemaPath());
    auto f = files();
    ASSERT_EQ(f.valid.size(), 8u);
    ASSERT_EQ(f.invalid.size(), 12u);
    size_t accepted = 0, rejected = 0;
    for (const auto& path : f.valid) {
        auto doc = cvirt::xml::Document::parse(cvirt::test::readText(path), path, cvirt::ErrorDomain::Domain);
        try {
            schema->validate(doc);
            ++accepted;
        } catch (const cvirt::Error& e) {
            ADD_FAILURE() << path << " should validate: " << e.what();
        }
    }
    for (const auto& path : f.invalid) {
        auto doc = cvirt::xml::Document::parse(cvirt::test::readText(path), path, cvirt::ErrorDomain::Domain);
        try {
            schema->validate(doc);
            ADD_FAILURE() << path << " should fail validation";
        } catch (const cvirt::Error& e) {
            EXPECT_EQ(e.code(), cvirt::ErrorCode::XmlInvalidSchema) << path;
            ++rejected;
        }
    }
    std::printf("domain schema: %zu/%zu valid accepted, %zu/%zu invalid rejected\n", accepted, f.valid.size(),
                rejected, f.invalid.size());
}

// The same files through the domain parser with schema validation on (the
// VALIDATE flag of virDomainDefineXMLFlags). Valid files pass validation;
// one of them (openvz, no <memory>) is then refused by the parser, as
// libvirt refuses it.
TEST(DomainSchema, ParserWithValidationAcceptsValidAndRejectsInvalid) {
    auto f = files();
    DomainParseOptions po;
    po.validateSchema = true;
    po.schemaPath = schemaPath();
    size_t accepted = 0, rejected = 0;
    for (const auto& path : f.valid) {
        try {
            parseDomainXml(cvirt::test::readText(path), po);
            ++accepted;
        } catch (const cvirt::Error& e) {
            if (path.ends_with("/domain-openvz-simple.xml")) {
                EXPECT_EQ(e.message(),
                          "XML error: Memory size must be specified via <memory> or in the <numa> configuration");
                ++accepted;
            } else {
                ADD_FAILURE() << path << " should parse: " << e.what();
            }
        }
    }
    for (const auto& path : f.invalid) {
        try {
            parseDomainXml(cvirt::test::readText(path), po);
            ADD_FAILURE() << path << " should fail validation";
        } catch (const cvirt::Error& e) {
            EXPECT_EQ(e.code(), cvirt::ErrorCode::XmlInvalidSchema) << path << ": " << e.what();
            ++rejected;
        }
    }
    std::printf("domain parser with validation: %zu/%zu valid accepted, %zu/%zu invalid rejected\n", accepted,
                f.valid.size(), rejected, f.invalid.size());
}

}  // namespace
