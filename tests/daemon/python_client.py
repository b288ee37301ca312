#!/usr/bin/python3
"""python3-libvirt against cvirtd (run by python_client_test.cpp).

Usage: python_client.py RW_URI RO_SOCKET_URI
RW_URI reaches the daemon's read-write socket; RO_SOCKET_URI its read-only
socket. Prints one line per check; exits non-zero on the first failure.
"""
import sys
import threading
import time

import libvirt

rw_uri, ro_socket_uri = sys.argv[1], sys.argv[2]

XML = """<domain type='test'>
  <name>pyvm</name>
  <memory unit='KiB'>65536</memory>
  <os><type>hvm</type></os>
</domain>"""


def check(what, condition):
    if not condition:
        print("FAIL:", what, flush=True)
        sys.exit(1)
    print("ok:", what, flush=True)


def refused(what, fn, code):
    try:
        fn()
    except libvirt.libvirtError as e:
        check("%s refused with %d (%s)" % (what, code, e.get_error_message()), e.get_error_code() == code)
        return
    check(what + " refused", False)


# Events need an event loop, as for any libvirt client; registering it also
# makes the client negotiate keepalive with the daemon.
libvirt.virEventRegisterDefaultImpl()


def run_event_loop():
    while True:
        libvirt.virEventRunDefaultImpl()


threading.Thread(target=run_event_loop, daemon=True).start()

conn = libvirt.open(rw_uri)
check("type is TEST", conn.getType() == "TEST")
check("hostname", len(conn.getHostname()) > 0)
check("lib version", conn.getLibVersion() == 9000000)
names = sorted(d.name() for d in conn.listAllDomains())
check("listAllDomains gives test", names == ["test"])
test = conn.lookupByName("test")
check("lookupByName", test.ID() == 1)
check("info says running", test.info()[0] == libvirt.VIR_DOMAIN_RUNNING)
# libvirt's default node reports "running (unknown)".
check("state", test.state() == [libvirt.VIR_DOMAIN_RUNNING, libvirt.VIR_DOMAIN_RUNNING_UNKNOWN])
check("XMLDesc", "<name>test</name>" in test.XMLDesc())
check("lookupByUUIDString", conn.lookupByUUIDString(test.UUIDString()).name() == "test")
check("networks", [n.name() for n in conn.listAllNetworks()] == ["default"])
check("pools", [p.name() for p in conn.listAllStoragePools()] == ["default-pool"])

events = []
cond = threading.Condition()


def lifecycle(c, dom, event, detail, opaque):
    with cond:
        events.append((dom.name(), event, detail, dom.ID()))
        cond.notify_all()


cb = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, lifecycle, None)
check("event callback registered", cb >= 0)

dom = conn.defineXML(XML)
check("defineXML", dom.name() == "pyvm" and dom.ID() == -1)
dom.create()
check("create gives an id", dom.ID() > 0)
check("running", dom.isActive() == 1)
dom.destroy()
check("destroyed", dom.isActive() == 0)

want = [("pyvm", libvirt.VIR_DOMAIN_EVENT_DEFINED), ("pyvm", libvirt.VIR_DOMAIN_EVENT_STARTED),
        ("pyvm", libvirt.VIR_DOMAIN_EVENT_STOPPED)]
with cond:
    cond.wait_for(lambda: len(events) >= 3, timeout=15)
check("events of define/start/destroy: %s" % events, [(e[0], e[1]) for e in events[:3]] == want)
check("started event detail is booted, with the id", events[1][2] == libvirt.VIR_DOMAIN_EVENT_STARTED_BOOTED
      and events[1][3] > 0)
check("stopped event detail is destroyed", events[2][2] == libvirt.VIR_DOMAIN_EVENT_STOPPED_DESTROYED)

dom.undefine()
try:
    conn.lookupByName("pyvm")
    check("undefined domain is gone", False)
except libvirt.libvirtError as e:
    check("undefined domain is gone", e.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN)
    check("error domain is the test driver's", e.get_error_domain() == libvirt.VIR_FROM_TEST)
    # libvirt's test driver gives no detail for a failed lookup by name.
    check("error message", e.get_error_message() == "Domain not found")
conn.domainEventDeregisterAny(cb)

# Read-only, as libvirt's client does it: refused before the wire.
ro = libvirt.openReadOnly(rw_uri)
check("read-only lists", [d.name() for d in ro.listAllDomains()] == ["test"])
check("read-only reads XML", "<name>test</name>" in ro.lookupByName("test").XMLDesc())
refused("read-only destroy", lambda: ro.lookupByName("test").destroy(), libvirt.VIR_ERR_OPERATION_DENIED)
refused("read-only define", lambda: ro.defineXML(XML), libvirt.VIR_ERR_OPERATION_DENIED)
ro.close()

# The daemon's read-only socket: the daemon itself refuses.
ros = libvirt.open(ro_socket_uri)
check("ro socket lists", [d.name() for d in ros.listAllDomains()] == ["test"])
check("ro socket info", ros.lookupByName("test").info()[0] == libvirt.VIR_DOMAIN_RUNNING)
refused("ro socket destroy", lambda: ros.lookupByName("test").destroy(), libvirt.VIR_ERR_OPERATION_DENIED)
refused("ro socket define", lambda: ros.defineXML(XML), libvirt.VIR_ERR_OPERATION_DENIED)
refused("ro socket suspend", lambda: ros.lookupByName("test").suspend(), libvirt.VIR_ERR_OPERATION_DENIED)
check("still running after the refusals", ros.lookupByName("test").isActive() == 1)
ros.close()

conn.close()
print("all ok", flush=True)
