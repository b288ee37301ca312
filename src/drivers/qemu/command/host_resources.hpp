#pragma once
// The host side of a guest that the command line refers to and the driver
// must create before QEMU starts: tap devices (attached to a bridge for
// type='bridge', standalone for type='ethernet') and the TCP ports of
// VNC/SPICE displays with autoport. Everything is released by
// destructors, so a failed start or a stopped domain leaves nothing behind.

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "drivers/qemu/command/command_line.hpp"

namespace cvirt::qemu {

// A tap device this process created (or borrowed, for managed='no').
class TapDevice {
public:
    // Creates a persistent tap named `name` ("vnet%d" picks a free one),
    // owned by our uid so QEMU can open it by name, with the host-side MAC
    // derived from `guestMac`, up, and on `bridge` when one is given.
    static TapDevice create(const std::string& name, const std::string& guestMac, const std::string& bridge,
                            bool vnetHeader);
    // An existing tap the user manages: checked, never deleted.
    static TapDevice borrow(const std::string& name);

    TapDevice(TapDevice&& other) noexcept;
    TapDevice& operator=(TapDevice&& other) noexcept;
    TapDevice(const TapDevice&) = delete;
    ~TapDevice();

    const std::string& name() const { return name_; }

private:
    TapDevice(std::string name, bool owned) : name_(std::move(name)), owned_(owned) {}
    void destroy() noexcept;
    std::string name_;
    bool owned_ = false;
};

// A TCP port reserved in this process for a display, from 5900 up.
class PortReservation {
public:
    static PortReservation allocate(int from, int to);
    PortReservation(PortReservation&& other) noexcept;
    PortReservation& operator=(PortReservation&& other) noexcept;
    PortReservation(const PortReservation&) = delete;
    ~PortReservation();
    int port() const { return port_; }

private:
    explicit PortReservation(int port) : port_(port) {}
    void release() noexcept;
    int port_ = -1;
};

// Everything prepared for one running domain.
struct HostResources {
    std::vector<TapDevice> taps;
    std::vector<PortReservation> ports;
};

// Creates the taps and picks the display ports `def` needs, writing the
// chosen ports and tap names into `def` (the live definition) and the tap
// names into `ctx.nets`. Throws with libvirt's messages; on failure
// whatever was created is released again.
HostResources prepareHostResources(conf::domain::Domain& def, BuildContext& ctx);

}  // namespace cvirt::qemu
