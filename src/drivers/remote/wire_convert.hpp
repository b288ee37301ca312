#pragma once
// Values between the driver interface (driver/types.hpp) and the REMOTE
// protocol's wire structs (rpc/remote_*.hpp), both ways:
//
//   Convert<Native, Wire>::toWire(native) -> Wire
//   Convert<Native, Wire>::fromWire(wire) -> Native
//
// Scalars convert by value (bool <-> int), optionals, lists and byte maps
// element by element, object references field by field, and the few info
// structs whose wire layout differs from the driver's by hand, here, once.
// The remote driver (client stubs) and cvirtd (server stubs) both build on
// these; the stubs themselves are derived in client_stub.hpp and
// daemon/server_stub.hpp from procedure_bindings.def.

#include <concepts>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "driver/connection.hpp"
#include "driver/types.hpp"
#include "rpc/remote_protocol.hpp"
#include "util/error.hpp"

namespace cvirt::drivers::remote {

namespace wire = rpc::remote;

template <typename Native, typename Wire>
struct Convert;  // no conversion unless specialized below

template <typename Native, typename Wire>
concept Convertible = requires(const Native& n, const Wire& w) {
    { Convert<Native, Wire>::toWire(n) } -> std::convertible_to<Wire>;
    { Convert<Native, Wire>::fromWire(w) } -> std::convertible_to<Native>;
};

template <typename Wire, typename Native>
Wire toWire(const Native& value) {
    return Convert<Native, Wire>::toWire(value);
}

template <typename Native, typename Wire>
Native fromWire(const Wire& value) {
    return Convert<Native, Wire>::fromWire(value);
}

// ---- scalars, strings, optionals, lists ----------------------------------

template <typename T>
struct Convert<T, T> {
    static const T& toWire(const T& v) { return v; }
    static const T& fromWire(const T& v) { return v; }
};

template <typename N, typename W>
    requires(std::is_arithmetic_v<N> && std::is_arithmetic_v<W> && !std::is_same_v<N, W>)
struct Convert<N, W> {
    static W toWire(N v) {
        if constexpr (std::is_same_v<W, bool>)
            return v != 0;
        else
            return static_cast<W>(v);
    }
    static N fromWire(W v) {
        if constexpr (std::is_same_v<N, bool>)
            return v != 0;
        else
            return static_cast<N>(v);
    }
};

template <typename N, typename W>
    requires(!std::is_same_v<N, W> && Convertible<N, W>)
struct Convert<std::optional<N>, std::optional<W>> {
    static std::optional<W> toWire(const std::optional<N>& v) {
        return v ? std::optional<W>(Convert<N, W>::toWire(*v)) : std::nullopt;
    }
    static std::optional<N> fromWire(const std::optional<W>& v) {
        return v ? std::optional<N>(Convert<N, W>::fromWire(*v)) : std::nullopt;
    }
};

// The peer's decoder rejects a list past the protocol's bound; saying so
// here names the list instead of failing the whole reply opaquely.
[[noreturn]] void failTooMany(size_t count, uint32_t max);

template <typename N, typename W, uint32_t Max>
    requires Convertible<N, W>
struct Convert<std::vector<N>, rpc::Array<W, Max>> {
    static rpc::Array<W, Max> toWire(const std::vector<N>& v) {
        if (v.size() > Max)
            failTooMany(v.size(), Max);
        rpc::Array<W, Max> out;
        out.reserve(v.size());
        for (const auto& item : v)
            out.push_back(Convert<N, W>::toWire(item));
        return out;
    }
    static std::vector<N> fromWire(const rpc::Array<W, Max>& v) {
        std::vector<N> out;
        out.reserve(v.size());
        for (const auto& item : v)
            out.push_back(Convert<N, W>::fromWire(item));
        return out;
    }
};

template <uint32_t Max>
struct Convert<std::vector<uint8_t>, rpc::Opaque<Max>> {
    static rpc::Opaque<Max> toWire(const std::vector<uint8_t>& v) {
        if (v.size() > Max)
            failTooMany(v.size(), Max);
        return rpc::Opaque<Max>(v);
    }
    static std::vector<uint8_t> fromWire(const rpc::Opaque<Max>& v) { return std::vector<uint8_t>(v.begin(), v.end()); }
};

// ---- object references ----------------------------------------------------

template <>
struct Convert<DomainRef, wire::DomainRef> {
    static wire::DomainRef toWire(const DomainRef& r) { return {r.name, r.uuid, r.id}; }
    static DomainRef fromWire(const wire::DomainRef& r) { return {r.name, r.uuid, r.id}; }
};

template <>
struct Convert<NetworkRef, wire::NetworkRef> {
    static wire::NetworkRef toWire(const NetworkRef& r) { return {r.name, r.uuid}; }
    static NetworkRef fromWire(const wire::NetworkRef& r) { return {r.name, r.uuid}; }
};

template <>
struct Convert<StoragePoolRef, wire::StoragePoolRef> {
    static wire::StoragePoolRef toWire(const StoragePoolRef& r) { return {r.name, r.uuid}; }
    static StoragePoolRef fromWire(const wire::StoragePoolRef& r) { return {r.name, r.uuid}; }
};

template <>
struct Convert<StorageVolRef, wire::StorageVolRef> {
    static wire::StorageVolRef toWire(const StorageVolRef& r) { return {r.pool, r.name, r.key}; }
    static StorageVolRef fromWire(const wire::StorageVolRef& r) { return {r.pool, r.name, r.key}; }
};

template <>
struct Convert<DomainSnapshotRef, wire::SnapshotRef> {
    static wire::SnapshotRef toWire(const DomainSnapshotRef& r) {
        return {r.name, Convert<DomainRef, wire::DomainRef>::toWire(r.domain)};
    }
    static DomainSnapshotRef fromWire(const wire::SnapshotRef& r) {
        return {Convert<DomainRef, wire::DomainRef>::fromWire(r.dom), r.name};
    }
};

// ---- info structs ----------------------------------------------------------

template <>
struct Convert<NodeInfo, wire::NodeGetInfoRet> {
    static wire::NodeGetInfoRet toWire(const NodeInfo& i);
    static NodeInfo fromWire(const wire::NodeGetInfoRet& w);
};

template <>
struct Convert<DomainInfo, wire::DomainGetInfoRet> {
    static wire::DomainGetInfoRet toWire(const DomainInfo& i);
    static DomainInfo fromWire(const wire::DomainGetInfoRet& w);
};

template <>
struct Convert<driver::DomainStateReason, wire::DomainGetStateRet> {
    static wire::DomainGetStateRet toWire(const driver::DomainStateReason& s);
    static driver::DomainStateReason fromWire(const wire::DomainGetStateRet& w);
};

template <>
struct Convert<SecurityModel, wire::NodeGetSecurityModelRet> {
    static wire::NodeGetSecurityModelRet toWire(const SecurityModel& m);
    static SecurityModel fromWire(const wire::NodeGetSecurityModelRet& w);
};

template <>
struct Convert<NodeCpuMap, wire::NodeGetCpuMapRet> {
    static wire::NodeGetCpuMapRet toWire(const NodeCpuMap& m);
    static NodeCpuMap fromWire(const wire::NodeGetCpuMapRet& w);
};

template <>
struct Convert<SecurityLabel, wire::DomainGetSecurityLabelRet> {
    static wire::DomainGetSecurityLabelRet toWire(const SecurityLabel& l);
    static SecurityLabel fromWire(const wire::DomainGetSecurityLabelRet& w);
};

template <>
struct Convert<DomainJobInfo, wire::DomainGetJobInfoRet> {
    static wire::DomainGetJobInfoRet toWire(const DomainJobInfo& j);
    static DomainJobInfo fromWire(const wire::DomainGetJobInfoRet& w);
};

template <>
struct Convert<StoragePoolInfo, wire::StoragePoolGetInfoRet> {
    static wire::StoragePoolGetInfoRet toWire(const StoragePoolInfo& i);
    static StoragePoolInfo fromWire(const wire::StoragePoolGetInfoRet& w);
};

template <>
struct Convert<StorageVolInfo, wire::StorageVolGetInfoRet> {
    static wire::StorageVolGetInfoRet toWire(const StorageVolInfo& i);
    static StorageVolInfo fromWire(const wire::StorageVolGetInfoRet& w);
};

template <>
struct Convert<SchedulerType, wire::DomainGetSchedulerTypeRet> {
    static wire::DomainGetSchedulerTypeRet toWire(const SchedulerType& t) { return {t.type, t.nparams}; }
    static SchedulerType fromWire(const wire::DomainGetSchedulerTypeRet& w) { return {w.type, w.nparams}; }
};

// The wire's union and the driver's variant list the same types in the
// same order.
template <>
struct Convert<TypedParameter, wire::TypedParam> {
    static wire::TypedParam toWire(const TypedParameter& p) {
        return {p.field, std::visit([](const auto& v) { return wire::TypedParamValue(v); }, p.value)};
    }
    static TypedParameter fromWire(const wire::TypedParam& w) {
        return {w.field, std::visit([](const auto& v) { return TypedValue(v); },
                                    static_cast<const TypedValue&>(w.value))};
    }
};

// ---- vCPU maps -------------------------------------------------------------
// The wire carries per-vCPU CPU maps as one flat byte string of
// `count * maplen` bytes; the driver keeps one vector per vCPU.

std::vector<uint8_t> flattenCpumaps(const std::vector<std::vector<uint8_t>>& maps, int maplen);
std::vector<std::vector<uint8_t>> splitCpumaps(const std::vector<uint8_t>& flat, int maplen, size_t count);

}  // namespace cvirt::drivers::remote
