// libvirt's virconfdata: every NAME.conf, read and written back, must equal
// NAME.out byte for byte (libvirt's canonical form).
#include <gtest/gtest.h>

#include "conf/conf_file.hpp"
#include "support/test_support.hpp"
#include "util/files.hpp"

using namespace cvirt;

TEST(ConfFileConformance, VirconfdataRoundTrips) {
    auto dir = test::conformancePath("libvirt-9.6/virconfdata");
    auto inputs = listDirectory(dir, ".conf");
    ASSERT_FALSE(inputs.empty()) << "no .conf inputs in " << dir;
    int passed = 0;
    for (const auto& name : inputs) {
        auto base = name.substr(0, name.size() - 5);
        auto conf = conf::ConfFile::read(dir + "/" + name);
        auto expected = readFile(dir + "/" + base + ".out");
        EXPECT_EQ(conf.format(), expected) << base;
        passed += conf.format() == expected;
    }
    std::printf("virconfdata: %d/%zu round-trip byte-identical\n", passed, inputs.size());
    EXPECT_EQ(passed, static_cast<int>(inputs.size()));
}
