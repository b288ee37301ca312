#pragma once
// Security of the whole guest: <seclabel> (per security driver),
// <keywrap> (s390 key wrapping) and <launchSecurity> (AMD SEV, s390
// protected virtualization).

#include <optional>
#include <string>
#include <vector>

#include "conf/domain/props.hpp"
#include "conf/xml/writer.hpp"

namespace cvirt::conf::domain {

enum class SeclabelType { Default, None, Dynamic, Static };
CVIRT_ENUM_STRINGS_UNSET(SeclabelType, "default", "none", "dynamic", "static");

struct Seclabel {
    std::optional<std::string> model;
    SeclabelType type = SeclabelType::Dynamic;
    bool relabel = true;
    bool implicit = false;  // added by a security driver, not the user
    std::optional<std::string> label, imagelabel, baselabel;
};

struct KeyWrap {
    TriSwitch aes{}, dea{};
};

enum class LaunchSecurityType { None, Sev, S390Pv };
CVIRT_ENUM_STRINGS_UNSET(LaunchSecurityType, "none", "sev", "s390-pv");

struct LaunchSecurity {
    LaunchSecurityType type{};
    // sev
    TriBool kernelHashes{};
    std::optional<unsigned> cbitpos, reducedPhysBits;
    unsigned long policy = 0;
    std::optional<std::string> dhCert, session;
};

std::vector<Seclabel> parseSeclabels(const Node& domain, bool inactive);
std::optional<KeyWrap> parseKeyWrap(const Node& domain);
std::optional<LaunchSecurity> parseLaunchSecurity(const Node& domain);

void formatSeclabels(xml::Writer& w, const std::vector<Seclabel>& labels, bool migratable);
void formatKeyWrap(xml::Writer& w, const std::optional<KeyWrap>& k);
void formatLaunchSecurity(xml::Writer& w, const std::optional<LaunchSecurity>& s);

}  // namespace cvirt::conf::domain
