// <secret>: libvirt 9.6's secretxml2xmltest (every input formats back to
// itself and validates against secret.rng) and the parser's checks.
#include <gtest/gtest.h>

#include "conf/secret/secret.hpp"
#include "support/test_support.hpp"
#include "util/files.hpp"
#include "util/xml.hpp"

using namespace cvirt;
using namespace cvirt::conf::secret;

namespace {

void expectError(const std::string& xml, ErrorCode code, const std::string& message) {
    try {
        parseSecretXml(xml);
        ADD_FAILURE() << "accepted: " << xml;
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), code) << xml;
        EXPECT_EQ(e.message(), message) << xml;
    }
}

const std::string kUuid = "<uuid>22e1353d-c27e-4d6d-bf15-465053e6ba0b</uuid>";

}  // namespace

TEST(SecretXml, SecretXml2Xml) {
    auto dir = test::conformancePath("libvirt-9.6");
    auto schema = xml::RngSchema::load(dir + "/schemas/secret.rng");
    auto cases = listDirectory(dir + "/secretxml2xmlin", ".xml");
    ASSERT_FALSE(cases.empty());
    int passed = 0;
    for (const auto& file : cases) {
        auto input = readFile(dir + "/secretxml2xmlin/" + file);
        try {
            auto actual = formatSecretXml(parseSecretXml(input));
            EXPECT_EQ(actual, input) << file;
            schema->validate(xml::Document::parse(actual, file, ErrorDomain::Secret));
            passed += actual == input;
        } catch (const Error& e) {
            ADD_FAILURE() << file << ": " << e.message();
        }
    }
    std::printf("secretxml2xml: %d/%zu\n", passed, cases.size());
    EXPECT_EQ(passed, static_cast<int>(cases.size()));
}

TEST(SecretXml, DefaultsAndEscaping) {
    auto s = parseSecretXml("<secret><description>a&amp;b</description></secret>");
    EXPECT_FALSE(s.uuid.isNull());  // generated
    s.uuid = *Uuid::parse("22e1353d-c27e-4d6d-bf15-465053e6ba0b");
    EXPECT_EQ(formatSecretXml(s),
              "<secret ephemeral='no' private='no'>\n"
              "  <uuid>22e1353d-c27e-4d6d-bf15-465053e6ba0b</uuid>\n"
              "  <description>a&amp;b</description>\n"
              "</secret>\n");
    // usage type='none' is accepted and not written back.
    EXPECT_EQ(formatSecretXml(parseSecretXml("<secret>" + kUuid + "<usage type='none'/></secret>")),
              "<secret ephemeral='no' private='no'>\n"
              "  <uuid>22e1353d-c27e-4d6d-bf15-465053e6ba0b</uuid>\n"
              "</secret>\n");
}

TEST(SecretXml, Errors) {
    expectError("<secret ephemeral='x'/>", ErrorCode::XmlError, "XML error: invalid value of 'ephemeral'");
    expectError("<secret private='YES'/>", ErrorCode::XmlError, "XML error: invalid value of 'private'");
    expectError("<secret><uuid>x</uuid></secret>", ErrorCode::InternalError,
                "internal error: malformed uuid element");
    expectError("<secret>" + kUuid + "<usage/></secret>", ErrorCode::XmlError,
                "XML error: unknown secret usage type");
    expectError("<secret>" + kUuid + "<usage type='x'/></secret>", ErrorCode::ConfigUnsupported,
                "unsupported configuration: unknown secret usage type x");
    expectError("<secret>" + kUuid + "<usage type='volume'/></secret>", ErrorCode::InternalError,
                "internal error: volume usage specified, but volume path is missing");
    expectError("<secret>" + kUuid + "<usage type='iscsi'><name>x</name></usage></secret>",
                ErrorCode::InternalError, "internal error: iSCSI usage specified, but target is missing");
    expectError("<secret>" + kUuid + "<usage type='vtpm'/></secret>", ErrorCode::InternalError,
                "internal error: vTPM usage specified, but name is missing");
    expectError("<domain/>", ErrorCode::XmlError,
                "XML error: expecting root element of 'secret', not 'domain'");
}
