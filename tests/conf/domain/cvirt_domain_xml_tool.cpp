// cvirt-domain-xml: parses a domain XML file with the generic parser and
// prints what the formatter makes of it, the way `virsh define` followed by
// `virsh dumpxml` would (without any driver's defaults).
//
//   cvirt-domain-xml [--inactive] [--validate] [--schema PATH] FILE
//
// --inactive parses with INACTIVE and formats the inactive XML; --validate
// checks the input against domain.rng first (--schema overrides the path).
// Errors are printed as "error: <message>" with exit status 1.
#include <cstdio>
#include <string>
#include <string_view>

#include "conf/domain/domain.hpp"
#include "util/error.hpp"
#include "util/files.hpp"

namespace {

int usage() {
    std::fprintf(stderr, "usage: cvirt-domain-xml [--inactive] [--validate] [--schema PATH] FILE\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    cvirt::conf::domain::DomainParseOptions po;
    cvirt::conf::domain::DomainFormatOptions fo;
    fo.secure = true;
    std::string file;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--inactive") {
            po.inactive = fo.inactive = true;
        } else if (a == "--validate") {
            po.validateSchema = true;
        } else if (a == "--schema" && i + 1 < argc) {
            po.schemaPath = argv[++i];
        } else if (!a.empty() && a[0] == '-' && a != "-") {
            return usage();
        } else if (file.empty()) {
            file = a;
        } else {
            return usage();
        }
    }
    if (file.empty())
        return usage();
    try {
        std::string text = file == "-" ? cvirt::readFile("/dev/stdin") : cvirt::readFile(file);
        auto d = cvirt::conf::domain::parseDomainXml(text, po);
        std::fputs(cvirt::conf::domain::formatDomainXml(d, fo).c_str(), stdout);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
