#pragma once
// The vocabulary of procedure_bindings.def: how the fields of a procedure's
// wire args and ret line up with the parameters and result of the method
// it is bound to. The client side (client_stub.hpp) and the server side
// (daemon/server_stub.hpp) each implement every shape once.
//
// Shapes:
//   Positional     wire args field i <-> parameter i (same count); the ret is
//                  Void, converts as a whole, or is a struct of one field
//   Trailing<V...> server only, for libvirt's older procedures without
//                  flags: the wire args, then V..., then value-initialized
//                  parameters (DOMAIN_SET_MEMORY -> setMemory(kib, LIVE))
//   ListAll        CONNECT_LIST_ALL_* style: args {..., need_results, flags}
//                  drop need_results; ret {list, ret = count}
//   LegacyCount<F> server only: CONNECT_NUM_OF_* as the size of list(F)
//   LegacyNames<V...> server only: CONNECT_LIST_* / *_LIST_NAMES: the args
//                  without maxnames, then V...; ret {names} capped at maxnames
//   LegacyIds      server only: CONNECT_LIST_DOMAINS: ids of running domains
//   ReturnsDomain  DOMAIN_CREATE_WITH_FLAGS: a void method whose ret is the
//                  domain as it is afterwards (with its new id)
//   VcpuMaps, VcpuPinMaps, EmulatorPinMap
//                  the flat cpumaps of DOMAIN_GET_VCPUS / GET_VCPU_PIN_INFO /
//                  GET_EMULATOR_PIN_INFO

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "rpc/xdr.hpp"

namespace cvirt::drivers::remote {

struct Positional {};
template <auto... Values>
struct Trailing {};
struct ListAll {};
template <unsigned ListFlags>
struct LegacyCount {};
template <auto... Values>
struct LegacyNames {};
struct LegacyIds {};
struct ReturnsDomain {};
struct VcpuMaps {};
struct VcpuPinMaps {};
struct EmulatorPinMap {};

// Adapters only the daemon serves: a client always calls the newest
// procedure of a method.
template <typename A>
struct ServerOnly : std::is_same<A, LegacyIds> {};
template <auto... V>
struct ServerOnly<Trailing<V...>> : std::true_type {};
template <unsigned F>
struct ServerOnly<LegacyCount<F>> : std::true_type {};
template <auto... V>
struct ServerOnly<LegacyNames<V...>> : std::true_type {};
template <typename A>
inline constexpr bool kServerOnly = ServerOnly<A>::value;

// ---- member function pointers --------------------------------------------

template <typename M>
struct MethodTraits;

template <typename R, typename C, typename... A>
struct MethodTraits<R (C::*)(A...)> {
    using Result = R;
    using Class = C;
    using Params = std::tuple<std::remove_cvref_t<A>...>;
    static constexpr size_t kArity = sizeof...(A);
};

template <typename R, typename C, typename... A>
struct MethodTraits<R (C::*)(A...) const> : MethodTraits<R (C::*)(A...)> {};

// ---- wire struct fields ----------------------------------------------------

// A struct's fields as a tuple of references; Void has none.
template <typename W>
auto fieldsOf(W& value) {
    if constexpr (rpc::XdrStruct<std::remove_const_t<W>>)
        return value.xdrFields();
    else
        return std::tuple<>();
}

template <typename W>
constexpr size_t fieldCount() {
    if constexpr (rpc::XdrStruct<W>)
        return std::tuple_size_v<decltype(std::declval<const W&>().xdrFields())>;
    else
        return 0;
}

// The index of the field called `name` in a CVIRT_XDR_STRUCT's list, or
// fieldCount<W>() when it has none.
template <typename W>
constexpr size_t fieldIndex(std::string_view name) {
    if constexpr (!rpc::XdrStruct<W>) {
        return 0;
    } else {
        std::string_view names = W::kXdrFieldNames;
        size_t index = 0;
        while (!names.empty()) {
            size_t comma = names.find(',');
            std::string_view field = names.substr(0, comma);
            while (!field.empty() && field.front() == ' ')
                field.remove_prefix(1);
            while (!field.empty() && field.back() == ' ')
                field.remove_suffix(1);
            if (field == name)
                return index;
            ++index;
            names = comma == std::string_view::npos ? std::string_view() : names.substr(comma + 1);
        }
        return index;
    }
}

// `tuple` without its element `Skip` (nothing skipped when Skip is past the end).
template <size_t Skip, typename Tuple>
auto withoutElement(const Tuple& tuple) {
    constexpr size_t n = std::tuple_size_v<Tuple>;
    return [&]<size_t... I>(std::index_sequence<I...>) {
        return std::tuple_cat([&] {
            if constexpr (I == Skip)
                return std::tuple<>();
            else
                return std::forward_as_tuple(std::get<I>(tuple));
        }()...);
    }(std::make_index_sequence<n>{});
}

}  // namespace cvirt::drivers::remote
