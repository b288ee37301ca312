#pragma once
// A PCI function address as libvirt's virPCIDeviceAddress XML reads and
// prints it (<address domain='0x0000' bus='0x03' slot='0x00' function='0x1'/>),
// for the network forward pool and storage adapters.

#include "conf/xml/schema.hpp"

namespace cvirt::conf::network {

struct PciAddress {
    unsigned domain = 0, bus = 0, slot = 0, function = 0;
    bool operator==(const PciAddress&) const = default;
};

// virPCIDeviceAddressParseXML: numbers in any C base, range-checked unless
// the address is all zero (XML_ERROR with libvirt's messages).
PciAddress parsePciAddress(const xml::Node& node);
// Attributes in libvirt's order, optionally preceded by type='pci'.
void formatPciAddress(xml::Writer& w, const PciAddress& address, bool withType);

}  // namespace cvirt::conf::network
