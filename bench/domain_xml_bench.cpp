// Parse + format time of the seed's example domain (centos7u2-1.xml, the
// guest the DESIGN.md chapter walks through). Budget: under 50 µs per
// document.
//
// The libvirt figure beside it: the installed libvirt (libvirt.so.0,
// loaded at run time) defining the same XML in its in-process test driver,
// dumping it back and undefining it. That is its parse + format plus the
// bookkeeping of a domain object, so it is an upper bound for libvirt's
// parse + format alone.
#include <benchmark/benchmark.h>
#include <dlfcn.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "conf/domain/domain.hpp"
#include "util/files.hpp"

namespace {

using namespace cvirt::conf::domain;

std::string seedXml() {
    return cvirt::readFile(std::string(CVIRT_SOURCE_DIR) + "/tests/data/domain/centos7u2-1.xml");
}

void BM_DomainParse(benchmark::State& state) {
    std::string xml = seedXml();
    for (auto _ : state)
        benchmark::DoNotOptimize(parseDomainXml(xml));
}
BENCHMARK(BM_DomainParse)->Unit(benchmark::kMicrosecond);

void BM_DomainFormat(benchmark::State& state) {
    Domain d = parseDomainXml(seedXml());
    DomainFormatOptions fo;
    fo.secure = true;
    for (auto _ : state)
        benchmark::DoNotOptimize(formatDomainXml(d, fo));
}
BENCHMARK(BM_DomainFormat)->Unit(benchmark::kMicrosecond);

// The figure with the 50 µs budget: one document in, one document out.
void BM_DomainParseFormat(benchmark::State& state) {
    std::string xml = seedXml();
    DomainFormatOptions fo;
    fo.secure = true;
    for (auto _ : state)
        benchmark::DoNotOptimize(formatDomainXml(parseDomainXml(xml), fo));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DomainParseFormat)->Unit(benchmark::kMicrosecond);

// The few libvirt entry points the comparison needs, looked up at run time
// so that building needs no libvirt headers.
struct Libvirt {
    void* lib = nullptr;
    void* (*open)(const char*) = nullptr;
    int (*close)(void*) = nullptr;
    void* (*define)(void*, const char*) = nullptr;
    char* (*xmlDesc)(void*, unsigned) = nullptr;
    int (*undefine)(void*) = nullptr;
    int (*freeDomain)(void*) = nullptr;

    static const Libvirt* get() {
        static const Libvirt* instance = [] () -> const Libvirt* {
            static Libvirt l;
            l.lib = dlopen("libvirt.so.0", RTLD_NOW | RTLD_LOCAL);
            if (!l.lib)
                return nullptr;
            l.open = reinterpret_cast<void* (*)(const char*)>(dlsym(l.lib, "virConnectOpen"));
            l.close = reinterpret_cast<int (*)(void*)>(dlsym(l.lib, "virConnectClose"));
            l.define = reinterpret_cast<void* (*)(void*, const char*)>(dlsym(l.lib, "virDomainDefineXML"));
            l.xmlDesc = reinterpret_cast<char* (*)(void*, unsigned)>(dlsym(l.lib, "virDomainGetXMLDesc"));
            l.undefine = reinterpret_cast<int (*)(void*)>(dlsym(l.lib, "virDomainUndefine"));
            l.freeDomain = reinterpret_cast<int (*)(void*)>(dlsym(l.lib, "virDomainFree"));
            if (!l.open || !l.close || !l.define || !l.xmlDesc || !l.undefine || !l.freeDomain)
                return nullptr;
            return &l;
        }();
        return instance;
    }
};

void BM_LibvirtTestDriverDefineDumpxml(benchmark::State& state) {
    const Libvirt* lv = Libvirt::get();
    void* conn = lv ? lv->open("test:///default") : nullptr;
    if (!conn) {
        state.SkipWithError("libvirt.so.0 or its test driver is not available");
        return;
    }
    std::string xml = seedXml();
    for (auto _ : state) {
        void* dom = lv->define(conn, xml.c_str());
        if (!dom) {
            state.SkipWithError("libvirt rejected the seed domain");
            break;
        }
        char* out = lv->xmlDesc(dom, 1 /* VIR_DOMAIN_XML_SECURE */);
        benchmark::DoNotOptimize(out);
        std::free(out);
        lv->undefine(dom);
        lv->freeDomain(dom);
    }
    lv->close(conn);
}
BENCHMARK(BM_LibvirtTestDriverDefineDumpxml)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
