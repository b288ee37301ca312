#pragma once
// The server side of drivers/remote/procedure_bindings.def: for each line,
// serve<P, Shape, Method>(connection, args) turns P's decoded wire args into
// a call of the public API method (on the Connection, or on the handle its
// first wire field names) and the result into P's wire ret. The shapes are
// those of drivers/remote/binding_traits.hpp; values convert through
// drivers/remote/wire_convert.hpp, plus the API's handles here (a wire
// DomainRef is conn.domain(ref) going in and handle.ref() coming out).

#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "cvirt/connection.hpp"
#include "drivers/remote/binding_traits.hpp"
#include "drivers/remote/wire_convert.hpp"

namespace cvirt::daemon {

namespace wire = rpc::remote;
using drivers::remote::Convert;
using drivers::remote::Convertible;

// ---- API values <-> wire ---------------------------------------------------

template <typename T, typename W>
struct ApiConvert;

template <typename T, typename W>
    requires Convertible<T, W>
struct ApiConvert<T, W> {
    static W toWire(const T& v) { return Convert<T, W>::toWire(v); }
    static T fromWire(const Connection&, const W& w) { return Convert<T, W>::fromWire(w); }
};

template <>
struct ApiConvert<Domain, wire::DomainRef> {
    static wire::DomainRef toWire(const Domain& d) { return Convert<DomainRef, wire::DomainRef>::toWire(d.ref()); }
    static Domain fromWire(const Connection& c, const wire::DomainRef& w) {
        return c.domain(Convert<DomainRef, wire::DomainRef>::fromWire(w));
    }
};

template <>
struct ApiConvert<Network, wire::NetworkRef> {
    static wire::NetworkRef toWire(const Network& n) { return Convert<NetworkRef, wire::NetworkRef>::toWire(n.ref()); }
    static Network fromWire(const Connection& c, const wire::NetworkRef& w) {
        return c.network(Convert<NetworkRef, wire::NetworkRef>::fromWire(w));
    }
};

template <>
struct ApiConvert<StoragePool, wire::StoragePoolRef> {
    static wire::StoragePoolRef toWire(const StoragePool& p) {
        return Convert<StoragePoolRef, wire::StoragePoolRef>::toWire(p.ref());
    }
    static StoragePool fromWire(const Connection& c, const wire::StoragePoolRef& w) {
        return c.storagePool(Convert<StoragePoolRef, wire::StoragePoolRef>::fromWire(w));
    }
};

template <>
struct ApiConvert<StorageVolume, wire::StorageVolRef> {
    static wire::StorageVolRef toWire(const StorageVolume& v) {
        return Convert<StorageVolRef, wire::StorageVolRef>::toWire(v.ref());
    }
    static StorageVolume fromWire(const Connection& c, const wire::StorageVolRef& w) {
        return c.storageVolume(Convert<StorageVolRef, wire::StorageVolRef>::fromWire(w));
    }
};

// The API makes snapshot handles only by looking them up.
template <>
struct ApiConvert<DomainSnapshot, wire::SnapshotRef> {
    static wire::SnapshotRef toWire(const DomainSnapshot& s) {
        return Convert<DomainSnapshotRef, wire::SnapshotRef>::toWire(s.ref());
    }
    static DomainSnapshot fromWire(const Connection& c, const wire::SnapshotRef& w) {
        return ApiConvert<Domain, wire::DomainRef>::fromWire(c, w.dom).lookupSnapshotByName(w.name);
    }
};

template <typename T, typename W, uint32_t Max>
    requires(!Convertible<std::vector<T>, rpc::Array<W, Max>>)
struct ApiConvert<std::vector<T>, rpc::Array<W, Max>> {
    static rpc::Array<W, Max> toWire(const std::vector<T>& v) {
        if (v.size() > Max)
            drivers::remote::failTooMany(v.size(), Max);
        rpc::Array<W, Max> out;
        out.reserve(v.size());
        for (const auto& item : v)
            out.push_back(ApiConvert<T, W>::toWire(item));
        return out;
    }
};

template <>
struct ApiConvert<std::pair<DomainState, int>, wire::DomainGetStateRet> {
    static wire::DomainGetStateRet toWire(const std::pair<DomainState, int>& s) {
        return {static_cast<int32_t>(s.first), s.second};
    }
};

template <typename T, typename W>
concept ApiToWire = requires(const T& t) {
    { ApiConvert<T, W>::toWire(t) } -> std::convertible_to<W>;
};

// ---- calling the API method ---------------------------------------------------

namespace detail {

template <typename T>
using Bare = std::remove_cvref_t<T>;

// Parameter I of the method: from wire value I while there is one, then
// from the shape's constants, then value-initialized.
template <size_t I, typename Param, typename WireTuple, typename ExtraTuple>
Param parameter(const Connection& conn, const WireTuple& wireValues, const ExtraTuple& extras) {
    constexpr size_t nWire = std::tuple_size_v<WireTuple>;
    constexpr size_t nExtra = std::tuple_size_v<ExtraTuple>;
    if constexpr (I < nWire) {
        using W = Bare<std::tuple_element_t<I, WireTuple>>;
        return ApiConvert<Param, W>::fromWire(conn, std::get<I>(wireValues));
    } else if constexpr (I < nWire + nExtra) {
        return static_cast<Param>(std::get<I - nWire>(extras));
    } else {
        return Param{};
    }
}

template <auto Method, typename Target, typename WireTuple, typename ExtraTuple>
decltype(auto) invokeOn(Target& target, const Connection& conn, const WireTuple& wireValues,
                        const ExtraTuple& extras) {
    using Traits = drivers::remote::MethodTraits<decltype(Method)>;
    static_assert(std::tuple_size_v<WireTuple> + std::tuple_size_v<ExtraTuple> <= Traits::kArity,
                  "more wire fields than the API method has parameters");
    return [&]<size_t... I>(std::index_sequence<I...>) -> decltype(auto) {
        return (target.*Method)(
            parameter<I, std::tuple_element_t<I, typename Traits::Params>>(conn, wireValues, extras)...);
    }(std::make_index_sequence<Traits::kArity>{});
}

template <typename A>
struct ArrayLimit;
template <typename T, uint32_t Max>
struct ArrayLimit<rpc::Array<T, Max>> : std::integral_constant<uint32_t, Max> {};

template <typename Tuple>
auto dropFirst(const Tuple& t) {
    return drivers::remote::withoutElement<0>(t);
}

}  // namespace detail

// Calls Method with the wire values (the handle first, unless it is a
// Connection method) followed by `extras`.
template <auto Method, typename WireTuple, typename ExtraTuple = std::tuple<>>
decltype(auto) invokeApi(Connection& conn, const WireTuple& wireValues, const ExtraTuple& extras = {}) {
    using Class = typename drivers::remote::MethodTraits<decltype(Method)>::Class;
    if constexpr (std::is_same_v<Class, Connection>) {
        return detail::invokeOn<Method>(conn, conn, wireValues, extras);
    } else {
        static_assert(std::tuple_size_v<WireTuple> >= 1, "a handle method's first wire field names the object");
        using W = detail::Bare<std::tuple_element_t<0, WireTuple>>;
        Class target = ApiConvert<Class, W>::fromWire(conn, std::get<0>(wireValues));
        return detail::invokeOn<Method>(target, conn, detail::dropFirst(wireValues), extras);
    }
}

// A method's result as P's ret: as a whole, or as its only field.
template <typename Ret, typename R>
Ret retToWire(const R& result) {
    if constexpr (ApiToWire<R, Ret>) {
        return ApiConvert<R, Ret>::toWire(result);
    } else {
        static_assert(drivers::remote::fieldCount<Ret>() == 1, "a ret converts as a whole or is a struct of one field");
        Ret ret{};
        auto& field = std::get<0>(ret.xdrFields());
        field = ApiConvert<R, detail::Bare<decltype(field)>>::toWire(result);
        return ret;
    }
}

// ---- the shapes ------------------------------------------------------------------

template <typename P, typename Shape, auto Method>
struct Serve;

template <typename P, auto Method, auto... Values>
struct Serve<P, drivers::remote::Trailing<Values...>, Method> {
    static typename P::Ret run(Connection& conn, const typename P::Args& args) {
        using Ret = typename P::Ret;
        auto wireValues = drivers::remote::fieldsOf(args);
        auto extras = std::make_tuple(Values...);
        if constexpr (std::is_same_v<Ret, rpc::Void>) {
            invokeApi<Method>(conn, wireValues, extras);
            return {};
        } else {
            return retToWire<Ret>(invokeApi<Method>(conn, wireValues, extras));
        }
    }
};

template <typename P, auto Method>
struct Serve<P, drivers::remote::Positional, Method> : Serve<P, drivers::remote::Trailing<>, Method> {};

template <typename P, auto Method>
struct Serve<P, drivers::remote::ListAll, Method> {
    static typename P::Ret run(Connection& conn, const typename P::Args& args) {
        using Args = typename P::Args;
        using Ret = typename P::Ret;
        constexpr size_t need = drivers::remote::fieldIndex<Args>("need_results");
        auto all = drivers::remote::fieldsOf(args);
        auto items = invokeApi<Method>(conn, drivers::remote::withoutElement<need>(all));
        Ret ret{};
        auto [list, count] = ret.xdrFields();
        using Count = detail::Bare<decltype(count)>;
        count = static_cast<Count>(items.size());
        if (args.need_results)
            list = ApiConvert<detail::Bare<decltype(items)>, detail::Bare<decltype(list)>>::toWire(items);
        return ret;
    }
};

template <typename P, auto Method, unsigned ListFlags>
struct Serve<P, drivers::remote::LegacyCount<ListFlags>, Method> {
    static typename P::Ret run(Connection& conn, const typename P::Args& args) {
        auto items = invokeApi<Method>(conn, drivers::remote::fieldsOf(args), std::make_tuple(ListFlags));
        typename P::Ret ret{};
        ret.num = static_cast<int32_t>(items.size());
        return ret;
    }
};

// libvirt's answer to a negative or oversized count.
[[noreturn]] void failMaxNames(int32_t requested, uint32_t limit);

template <typename P, auto Method, auto... Values>
struct Serve<P, drivers::remote::LegacyNames<Values...>, Method> {
    static typename P::Ret run(Connection& conn, const typename P::Args& args) {
        using Args = typename P::Args;
        using Ret = typename P::Ret;
        constexpr size_t max = drivers::remote::fieldIndex<Args>("maxnames");
        static_assert(max < drivers::remote::fieldCount<Args>(), "a legacy listing has maxnames");
        constexpr uint32_t limit = detail::ArrayLimit<decltype(Ret::names)>::value;
        if (args.maxnames < 0 || static_cast<uint32_t>(args.maxnames) > limit)
            failMaxNames(args.maxnames, limit);
        auto all = drivers::remote::fieldsOf(args);
        auto items = invokeApi<Method>(conn, drivers::remote::withoutElement<max>(all), std::make_tuple(Values...));
        Ret ret{};
        for (const auto& item : items) {
            if (ret.names.size() >= static_cast<size_t>(args.maxnames))
                break;
            ret.names.push_back(item.name());
        }
        return ret;
    }
};

template <typename P, auto Method>
struct Serve<P, drivers::remote::LegacyIds, Method> {
    static typename P::Ret run(Connection& conn, const typename P::Args& args) {
        if (args.maxids < 0 || static_cast<uint32_t>(args.maxids) > wire::kDomainListMax)
            failMaxNames(args.maxids, wire::kDomainListMax);
        typename P::Ret ret{};
        for (const auto& dom : (conn.*Method)(flags::kListActive)) {
            if (ret.ids.size() >= static_cast<size_t>(args.maxids))
                break;
            ret.ids.push_back(dom.id());
        }
        return ret;
    }
};

template <typename P, auto Method>
struct Serve<P, drivers::remote::ReturnsDomain, Method> {
    static typename P::Ret run(Connection& conn, const typename P::Args& args) {
        Domain dom = ApiConvert<Domain, wire::DomainRef>::fromWire(conn, args.dom);
        (dom.*Method)(args.flags);  // refreshes the handle's id
        return {ApiConvert<Domain, wire::DomainRef>::toWire(dom)};
    }
};

// The checks libvirtd makes before a cpumap reply could outgrow its bounds.
void checkCpumapRequest(int32_t count, int32_t maplen, uint32_t maxCount, const char* what);

template <typename P, auto Method>
struct Serve<P, drivers::remote::VcpuMaps, Method> {
    static typename P::Ret run(Connection& conn, const typename P::Args& args) {
        checkCpumapRequest(args.maxinfo, args.maplen, wire::kVcpuinfoMax, "maxinfo");
        Domain dom = ApiConvert<Domain, wire::DomainRef>::fromWire(conn, args.dom);
        VcpuPinning pinning = (dom.*Method)(args.maxinfo, args.maplen);
        typename P::Ret ret{};
        for (const auto& v : pinning.info)
            ret.info.push_back({v.number, v.state, v.cpuTime, v.cpu});
        ret.cpumaps = drivers::remote::flattenCpumaps(pinning.cpumaps, args.maplen);
        return ret;
    }
};

template <typename P, auto Method>
struct Serve<P, drivers::remote::VcpuPinMaps, Method> {
    static typename P::Ret run(Connection& conn, const typename P::Args& args) {
        checkCpumapRequest(args.ncpumaps, args.maplen, wire::kVcpuinfoMax, "ncpumaps");
        Domain dom = ApiConvert<Domain, wire::DomainRef>::fromWire(conn, args.dom);
        auto maps = (dom.*Method)(args.ncpumaps, args.maplen, args.flags);
        typename P::Ret ret{};
        ret.cpumaps = drivers::remote::flattenCpumaps(maps, args.maplen);
        ret.num = static_cast<int32_t>(maps.size());
        return ret;
    }
};

template <typename P, auto Method>
struct Serve<P, drivers::remote::EmulatorPinMap, Method> {
    static typename P::Ret run(Connection& conn, const typename P::Args& args) {
        checkCpumapRequest(1, args.maplen, 1, "maplen");
        Domain dom = ApiConvert<Domain, wire::DomainRef>::fromWire(conn, args.dom);
        auto map = (dom.*Method)(args.maplen, args.flags);
        typename P::Ret ret{};
        ret.ret = map.empty() ? 0 : 1;
        ret.cpumaps = drivers::remote::flattenCpumaps({map}, args.maplen);
        if (map.empty())
            ret.cpumaps.clear();
        return ret;
    }
};

}  // namespace cvirt::daemon
