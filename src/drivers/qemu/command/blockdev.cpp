#include "drivers/qemu/command/blockdev.hpp"

#include <fmt/format.h>

#include "util/error.hpp"

namespace cvirt::qemu {

using namespace conf::domain;

namespace {

std::string nodePrefix(const Build& b, const StorageSource& src) {
    auto it = b.nodeIndex.find(&src);
    if (it == b.nodeIndex.end())
        fail(ErrorCode::InternalError, ErrorDomain::Qemu, "storage source has no node name");
    return fmt::format("libvirt-{}", it->second);
}

Props cacheProps(const BlockdevSettings& s) {
    bool wb, direct, noFlush;
    if (!cacheModeFlags(s.cache, wb, direct, noFlush))
        return {};
    return Props{{"direct", direct}, {"no-flush", noFlush}};
}

Props serverProps(const NetHost& h, bool portAsString = true) {
    if (h.transport == HostTransport::Unix)
        return Props{{"type", "unix"}, {"path", h.socket}};
    Props p{{"type", "inet"}, {"host", h.name}};
    std::string port = std::to_string(h.port);
    if (portAsString)
        p["port"] = port;
    return p;
}

const char* protocolScheme(NetProtocol p) {
    switch (p) {
    case NetProtocol::Http: return "http";
    case NetProtocol::Https: return "https";
    case NetProtocol::Ftp: return "ftp";
    case NetProtocol::Ftps: return "ftps";
    case NetProtocol::Tftp: return "tftp";
    default: return "";
    }
}

// The protocol node's own properties (qemuBlockStorageSourceGetBackendProps).
Props backendProps(const StorageSource& src, const BlockdevSettings& s, bool cdrom) {
    Props p;
    switch (src.type) {
    case StorageType::File:
    case StorageType::Block:
        p["driver"] = src.type == StorageType::Block ? "host_device" : "file";
        p["filename"] = src.path.value_or("");
        if (s.io != DiskIo::Default)
            p["aio"] = toString(s.io);
        break;
    case StorageType::Dir:
        p["driver"] = "vvfat";
        p["dir"] = src.path.value_or("");
        p["floppy"] = false;
        p["rw"] = false;
        (void)cdrom;
        break;
    case StorageType::Network: {
        const NetHost* host = src.hosts.empty() ? nullptr : &src.hosts.front();
        switch (src.protocol) {
        case NetProtocol::Nbd:
            p["driver"] = "nbd";
            if (host)
                p["server"] = serverProps(*host);
            if (src.path && !src.path->empty())
                p["export"] = *src.path;
            break;
        case NetProtocol::Gluster: {
            p["driver"] = "gluster";
            p["volume"] = src.netVolume;
            p["path"] = src.path.value_or("");
            Props servers = Props::array();
            for (const auto& h : src.hosts)
                servers.push_back(serverProps(h));
            p["server"] = servers;
            p["debug"] = 4;
            break;
        }
        case NetProtocol::Http:
        case NetProtocol::Https:
        case NetProtocol::Ftp:
        case NetProtocol::Ftps:
        case NetProtocol::Tftp: {
            p["driver"] = protocolScheme(src.protocol);
            std::string url = fmt::format("{}://{}", protocolScheme(src.protocol), host ? host->name : "");
            if (host && host->port)
                url += fmt::format(":{}", host->port);
            url += "/" + src.path.value_or("");
            if (!src.query.empty())
                url += "?" + src.query;
            p["url"] = url;
            break;
        }
        case NetProtocol::Rbd: {
            p["driver"] = "rbd";
            p["pool"] = src.netVolume;
            p["image"] = src.path.value_or("");
            if (!src.snapshot.empty())
                p["snapshot"] = src.snapshot;
            if (!src.configFile.empty())
                p["conf"] = src.configFile;
            if (!src.hosts.empty()) {
                Props servers = Props::array();
                for (const auto& h : src.hosts)
                    servers.push_back(Props{{"host", h.name}, {"port", std::to_string(h.port)}});
                p["server"] = servers;
            }
            break;
        }
        default:
            fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "storage protocol '{}' is not supported",
                 toString(src.protocol));
        }
        break;
    }
    default:
        fail(ErrorCode::ConfigUnsupported, ErrorDomain::Qemu, "storage type '{}' is not supported with blockdev",
             toString(src.type));
    }
    return p;
}

DetectZeroes effectiveDetectZeroes(const BlockdevSettings& s) {
    // 'unmap' needs discard='unmap'; otherwise it is plain 'on'.
    if (s.detectZeroes == DetectZeroes::Unmap && s.discard != DiskDiscard::Unmap)
        return DetectZeroes::On;
    return s.detectZeroes;
}

}  // namespace

bool cacheModeFlags(DiskCache mode, bool& writeback, bool& direct, bool& noFlush) {
    writeback = direct = noFlush = false;
    switch (mode) {
    case DiskCache::Default: return false;
    case DiskCache::None: writeback = direct = true; break;
    case DiskCache::Writethrough: break;
    case DiskCache::Writeback: writeback = true; break;
    case DiskCache::Directsync: direct = true; break;
    case DiskCache::Unsafe: writeback = noFlush = true; break;
    }
    return true;
}

std::string buildBlockdevChain(Build& b, const StorageSource& top, const BlockdevSettings& s) {
    std::vector<const StorageSource*> chain;
    for (const StorageSource* n = &top; n && n->type != StorageType::None; n = n->backingStore.get())
        chain.push_back(n);
    Props cache = cacheProps(s);
    for (size_t i = chain.size(); i-- > 0;) {
        const StorageSource& src = *chain[i];
        std::string prefix = nodePrefix(b, src);
        Props storage = backendProps(src, s, false);
        storage["node-name"] = prefix + "-storage";
        if (!cache.is_null())
            storage["cache"] = cache;
        storage["auto-read-only"] = true;
        storage["discard"] = "unmap";
        b.blockdev(storage);

        std::string file = prefix + "-storage";
        bool rawSlice = src.sliceStorage && src.format == StorageFormat::Raw;
        if (src.sliceStorage && !rawSlice) {
            Props slice{{"driver", "raw"},
                        {"node-name", prefix + "-slice-sto"},
                        {"offset", src.sliceStorage->first},
                        {"size", src.sliceStorage->second},
                        {"file", file},
                        {"auto-read-only", true},
                        {"discard", "unmap"}};
            b.blockdev(slice);
            file = prefix + "-slice-sto";
        }

        Props fmt{{"node-name", prefix + "-format"}, {"read-only", src.readonly}};
        if (!cache.is_null())
            fmt["cache"] = cache;
        if (s.discard != DiskDiscard::Default)
            fmt["discard"] = toString(s.discard);
        if (auto dz = effectiveDetectZeroes(s); dz != DetectZeroes::Default)
            fmt["detect-zeroes"] = toString(dz);
        StorageFormat f = src.format == StorageFormat::None ? StorageFormat::Raw : src.format;
        fmt["driver"] = toString(f);
        if (rawSlice) {
            fmt["offset"] = src.sliceStorage->first;
            fmt["size"] = src.sliceStorage->second;
        }
        if (f == StorageFormat::Qcow2 && src.metadataCacheMaxSize)
            fmt["cache-size"] = src.metadataCacheMaxSize;
        fmt["file"] = file;
        if (f == StorageFormat::Qcow2 || f == StorageFormat::Qcow || f == StorageFormat::Qed ||
            f == StorageFormat::Vmdk) {
            if (src.backingStore && src.backingStore->type == StorageType::None)
                fmt["backing"] = nullptr;
            else if (i + 1 < chain.size())
                fmt["backing"] = nodePrefix(b, *chain[i + 1]) + "-format";
        }
        b.blockdev(fmt);
    }
    return nodePrefix(b, top) + "-format";
}

}  // namespace cvirt::qemu
