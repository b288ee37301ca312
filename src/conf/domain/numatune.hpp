#pragma once
// Where a domain runs on the host: <numatune> (host NUMA memory policy,
// globally and per guest cell) and <resource> (cgroup partition, Fibre
// Channel application id).

#include <map>
#include <optional>
#include <string>

#include "conf/domain/props.hpp"
#include "conf/xml/writer.hpp"
#include "util/bitmap.hpp"

namespace cvirt::conf::domain {

enum class NumatuneMode { Strict, Preferred, Interleave, Restrictive };
CVIRT_ENUM_STRINGS(NumatuneMode, "strict", "preferred", "interleave", "restrictive");
enum class NumatunePlacement { Default, Static, Auto };
CVIRT_ENUM_STRINGS_UNSET(NumatunePlacement, "default", "static", "auto");

struct NumatuneMemory {
    NumatuneMode mode{};
    NumatunePlacement placement{};
    std::optional<Bitmap> nodeset;  // static placement only
};

struct MemNode {
    NumatuneMode mode{};
    Bitmap nodeset;
};

struct Numatune {
    std::optional<NumatuneMemory> memory;
    std::map<unsigned, MemNode> memnodes;  // by guest cell id

    bool placementAuto() const { return memory && memory->placement == NumatunePlacement::Auto; }
};

struct Resource {
    std::optional<std::string> partition;
    std::optional<std::string> appid;  // <fibrechannel appid=..>
};

// `placementStatic`: the <vcpu> placement is static (otherwise a missing
// <memory> element means automatic placement). `cells`: guest NUMA cells.
void parseNumatune(Numatune& n, const Node& domain, bool placementStatic, size_t cells);
void formatNumatune(xml::Writer& w, const Numatune& n);
// 'restrictive' must be used for both the memory and the memnodes.
void validateNumatune(const Numatune& n);

// nullopt when the element is missing or empty.
std::optional<Resource> parseResource(const Node& domain);
void formatResource(xml::Writer& w, const std::optional<Resource>& r);
void validateResource(const std::optional<Resource>& r);

}  // namespace cvirt::conf::domain
