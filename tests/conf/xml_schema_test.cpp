// The declarative XML engine: parse and format derived from one declaration.
#include <gtest/gtest.h>

#include "conf/xml/schema.hpp"
#include "util/error.hpp"
#include "util/xml.hpp"

namespace demo {

enum class Cache { Default, None, Writeback };
CVIRT_ENUM_STRINGS_UNSET(Cache, "default", "none", "writeback");
enum class Device { Disk, Cdrom };
CVIRT_ENUM_STRINGS(Device, "disk", "cdrom");

struct Driver {
    std::string name;
    Cache cache{};
    std::optional<unsigned> queues;
    cvirt::conf::TriSwitch ioeventfd{};
};
CVIRT_XML_FIELDS(Driver, attr("name", &Self::name), attr("cache", &Self::cache), attr("queues", &Self::queues),
                 attr("ioeventfd", &Self::ioeventfd));

struct Address {
    unsigned domain = 0, bus = 0;
};
CVIRT_XML_FIELDS(Address, attr<HexCodec<unsigned, 4>>("domain", &Self::domain),
                 attr<HexCodec<unsigned, 2>>("bus", &Self::bus));

struct Disk {
    Device device{};
    Driver driver;
    std::optional<Address> address;
    bool readonly = false;
    std::vector<std::string> serials;
    std::string alias;
};
CVIRT_XML_FIELDS(Disk, attr("device", &Self::device, kAlways), child("driver", &Self::driver),
                 flag("readonly", &Self::readonly), textChild("serial", &Self::serials),
                 custom<Disk>(
                     [](Disk& d, const Node& n, ParseContext&) {
                         if (auto a = n.child("alias"))
                             d.alias = a.attr("name").value_or("");
                     },
                     nullptr,
                     [](Writer::Element& el, Writer& w, const Disk& d, FormatContext& ctx) {
                         if (d.alias.empty() || ctx.inactive)
                             return;
                         el.beginChildren();
                         Writer::Element a(w, "alias", false);
                         a.attr("name", d.alias);
                     }),
                 child("address", &Self::address));

struct Top {
    std::string name;
    std::vector<Disk> disks;
};
CVIRT_XML_FIELDS(Top, textChild("name", &Self::name, kRequired), child("disk", &Self::disks));

}  // namespace demo

using namespace cvirt::conf::xml;

namespace {

std::string roundTrip(const std::string& in, bool inactive = false) {
    auto doc = cvirt::xml::Document::parse(in, "(test)", cvirt::ErrorDomain::Domain);
    ParseContext pc;
    auto top = parseElement<demo::Top>(doc.root(), pc);
    Writer w;
    FormatContext fc;
    fc.inactive = inactive;
    formatElement(w, "top", top, fc);
    return w.out();
}

}  // namespace

TEST(XmlSchema, ParsesAndFormatsInDeclaredOrder) {
    std::string in =
        "<top>\n"
        "  <disk device='cdrom'>\n"
        "    <address bus='1' domain='0'/>\n"
        "    <alias name='ide0'/>\n"
        "    <serial>A&amp;B</serial><serial>C</serial>\n"
        "    <readonly/>\n"
        "    <driver queues='4' cache='writeback' name='qemu' unknown='x'/>\n"
        "    <unknown/>\n"
        "  </disk>\n"
        "  <name>t</name>\n"
        "</top>\n";
    EXPECT_EQ(roundTrip(in),
              "<top>\n"
              "  <name>t</name>\n"
              "  <disk device='cdrom'>\n"
              "    <driver name='qemu' cache='writeback' queues='4'/>\n"
              "    <readonly/>\n"
              "    <serial>A&amp;B</serial>\n"
              "    <serial>C</serial>\n"
              "    <alias name='ide0'/>\n"
              "    <address domain='0x0000' bus='0x01'/>\n"
              "  </disk>\n"
              "</top>\n");
}

TEST(XmlSchema, EmptyElementsAreDroppedAndDefaultsAlwaysWritten) {
    EXPECT_EQ(roundTrip("<top><name>x</name><disk><driver cache='default'/></disk></top>", true),
              "<top>\n  <name>x</name>\n  <disk device='disk'/>\n</top>\n");
}

TEST(XmlSchema, BadValuesGetLibvirtMessages) {
    auto expectError = [](const std::string& in, const std::string& message) {
        try {
            roundTrip(in);
            ADD_FAILURE() << "accepted " << in;
        } catch (const cvirt::Error& e) {
            EXPECT_EQ(e.code(), cvirt::ErrorCode::XmlError);
            EXPECT_EQ(e.message(), message);
        }
    };
    expectError("<top><name>x</name><disk><driver cache='wrietback'/></disk></top>",
                "XML error: Invalid value for attribute 'cache' in element 'driver': 'wrietback'.");
    expectError("<top><name>x</name><disk><driver queues='-1'/></disk></top>",
                "XML error: Invalid value for attribute 'queues' in element 'driver': '-1'. Expected non-negative "
                "integer value");
    expectError("<top/>", "XML error: missing element 'name' in element 'top'");
}

TEST(XmlSchema, MalformedXmlReportsLineAndPointer) {
    try {
        cvirt::xml::Document::parse("<top>\n  <nam>x</name>\n</top>\n", "(domain_definition)",
                                    cvirt::ErrorDomain::Domain);
        FAIL();
    } catch (const cvirt::Error& e) {
        EXPECT_EQ(e.code(), cvirt::ErrorCode::XmlDetail);
        EXPECT_EQ(e.message(),
                  "(domain_definition):2: Opening and ending tag mismatch: nam line 2 and name\n"
                  "  <nam>x</name>\n"
                  "---------------^");
    }
}
