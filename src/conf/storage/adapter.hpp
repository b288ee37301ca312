#pragma once
// <adapter> of a SCSI pool source (libvirt's virStorageAdapter): a SCSI
// host by name or by its parent PCI address, or a Fibre Channel (vHBA)
// host by its WWNs.

#include <string>

#include "conf/network/pci_address.hpp"

namespace cvirt::conf::storage {

enum class AdapterType { Default, ScsiHost, FcHost };
CVIRT_ENUM_STRINGS_UNSET(AdapterType, "default", "scsi_host", "fc_host");

struct Adapter {
    AdapterType type{};
    // scsi_host
    std::string name;
    bool hasParentAddress = false;
    network::PciAddress parentAddress;
    int uniqueId = 0;
    // fc_host
    std::string parent, parentWwnn, parentWwpn, parentFabricWwn;
    TriBool managed{};
    std::string wwnn, wwpn;
};

Adapter parseAdapter(const xml::Node& node);
// The checks libvirt makes once the whole pool is read.
void validateAdapter(const Adapter& adapter);
void formatAdapter(xml::Writer& w, const Adapter& adapter);

}  // namespace cvirt::conf::storage
