// Domain XML from untrusted bytes: parse, then format what parsed, in both
// live and inactive modes. libvirt's errors (cvirt::Error) are the expected
// way out; anything else (a crash, a leak, UB, another exception type) is a
// bug. Seed corpus: the *.xml inputs of the conformance corpus's
// libvirt-9.6/genericxml2xmlindata and libvirt-9.6/qemuxml2argvdata.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "conf/domain/domain.hpp"
#include "util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace cvirt::conf::domain;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    for (bool inactive : {false, true}) {
        try {
            DomainParseOptions po;
            po.inactive = inactive;
            Domain d = parseDomainXml(text, po);
            DomainFormatOptions fo;
            fo.secure = true;
            fo.inactive = inactive;
            std::string out = formatDomainXml(d, fo);
            // What we print must parse again.
            (void)parseDomainXml(out, po);
        } catch (const cvirt::Error&) {
        }
    }
    return 0;
}
