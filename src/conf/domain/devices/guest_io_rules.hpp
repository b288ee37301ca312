#pragma once
// The domain-level rules of the guest I/O device families (character
// devices, interfaces, graphics, video, input, sound, audio, smartcards,
// USB redirection): what libvirt's generic post-parse, implicit-device and
// validation steps do with them, and how <console> elements are printed.
// The domain's post-parse, validation and formatter call these at the
// points libvirt does.

#include <functional>

#include "conf/xml/schema.hpp"

namespace cvirt::conf::domain {

struct Domain;

// The per-device post-parse of these families (virDomainDeviceDefPostParse,
// run before implicit devices are added): character device ports and
// console target types, input buses, video RAM defaults. Also
// virDomainChrIsaSerialDefPostParse and, without
// VIR_DOMAIN_DEF_FEATURE_NET_MODEL_STRING in `features`, the net model check.
void postParseGuestIoDevices(Domain& d, unsigned features);

// Their part of virDomainDefAddImplicitDevices and what follows it in
// virDomainDefPostParseCommon: the console/serial back-compat, virtio-serial
// and CCID controllers (with smartcard addresses), the implicit video of a
// guest with graphics, the primary video, and the SPICE listen default.
// `deviceDefaults` is the driver's device hook, run again for the first
// video before its generic defaults.
void addImplicitGuestIoDevices(Domain& d, unsigned features, const std::function<void()>& deviceDefaults = {});

// libvirt's per-device validation of these families, in its device order.
void validateGuestIoDevices(const Domain& d);

// Writes the <console> elements: for an HVM guest, a console that stands
// for a serial port is printed as that serial port.
void formatConsoles(xml::Writer::Element& devices, xml::Writer& w, const Domain& d, xml::FormatContext& ctx);

}  // namespace cvirt::conf::domain
