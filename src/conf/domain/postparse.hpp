#pragma once
// The generic post-parse (defaults and cross-element checks) and the
// generic validation of a domain, as libvirt runs them after parsing
// (domain_postparse.c, domain_validate.c), around the driver's hooks.

#include "conf/domain/domain.hpp"

namespace cvirt::conf::domain {

// virDomainDefPostParse: driver hooks and generic defaults/checks.
void postParseDomain(Domain& d, const DomainParseOptions& options, unsigned features);
// virDomainDefValidate: driver hook and generic checks.
void validateDomain(const Domain& d, const DomainParseOptions& options);

}  // namespace cvirt::conf::domain
