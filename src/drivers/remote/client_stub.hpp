#pragma once
// The client side of procedure_bindings.def: a driver method of the remote
// driver is one line,
//
//   DomainRef domainLookupByName(const std::string& name) override {
//       return call<wire::DOMAIN_LOOKUP_BY_NAME>(client(), name);
//   }
//
// call<P> converts the method's arguments into P's wire args following the
// procedure's shape, makes the call, and hands back the reply, which
// converts to whatever the method returns. A daemon's remote_error comes
// back as the cvirt::Error it describes.

#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include "drivers/remote/bindings.hpp"
#include "rpc/client.hpp"

namespace cvirt::drivers::remote {

namespace detail {

template <typename Wire, typename... Params, size_t... I>
void assignFields(Wire& out, std::index_sequence<I...>, const Params&... params) {
    [[maybe_unused]] auto fields = fieldsOf(out);
    static_assert(sizeof...(I) == std::tuple_size_v<decltype(fields)>,
                  "the method's arguments must line up with the procedure's wire fields");
    [[maybe_unused]] auto values = std::forward_as_tuple(params...);
    ((std::get<I>(fields) = Convert<std::remove_cvref_t<std::tuple_element_t<I, std::tuple<Params...>>>,
                                    std::remove_cvref_t<std::tuple_element_t<I, decltype(fields)>>>::
          toWire(std::get<I>(values))),
     ...);
}

// Fills every field of `out` but the one at `Skip` from `params`, in order.
template <size_t Skip, typename Wire, typename... Params>
void assignFieldsExcept(Wire& out, const Params&... params) {
    auto all = fieldsOf(out);
    auto fields = withoutElement<Skip>(all);
    static_assert(sizeof...(Params) == std::tuple_size_v<decltype(fields)>,
                  "the method's arguments must line up with the procedure's wire fields");
    [[maybe_unused]] auto values = std::forward_as_tuple(params...);
    [&]<size_t... I>(std::index_sequence<I...>) {
        ((std::get<I>(fields) =
              Convert<std::remove_cvref_t<std::tuple_element_t<I, std::tuple<Params...>>>,
                      std::remove_cvref_t<std::tuple_element_t<I, decltype(fields)>>>::toWire(std::get<I>(values))),
         ...);
    }(std::index_sequence_for<Params...>{});
}

}  // namespace detail

// P's wire args from a driver method's arguments.
template <typename P, typename... Params>
typename P::Args argsFor(const Params&... params) {
    using Args = typename P::Args;
    using Shape = typename Binding<P>::Shape;
    static_assert(!kServerOnly<Shape>, "clients call the newest procedure of a method");
    Args args{};
    if constexpr (std::is_same_v<Shape, ListAll>) {
        constexpr size_t need = fieldIndex<Args>("need_results");
        static_assert(need < fieldCount<Args>(), "a LIST_ALL procedure has need_results");
        detail::assignFieldsExcept<need>(args, params...);
        args.need_results = 1;
    } else {
        detail::assignFields(args, std::index_sequence_for<Params...>{}, params...);
    }
    return args;
}

namespace detail {

// The type a reply converts from: its list (ListAll), itself, or its one field.
template <typename P>
auto convertedPart() {
    using Ret = typename P::Ret;
    if constexpr (std::is_same_v<typename Binding<P>::Shape, ListAll> || fieldCount<Ret>() == 1)
        return std::type_identity<std::remove_cvref_t<std::tuple_element_t<0, decltype(std::declval<Ret&>().xdrFields())>>>{};
    else
        return std::type_identity<Ret>{};
}

}  // namespace detail

// A reply, converted on demand to the driver method's result type.
template <typename P>
class Reply {
public:
    explicit Reply(typename P::Ret ret) : ret_(std::move(ret)) {}

    template <typename R>
        requires(Convertible<R, typename P::Ret> ||
                 Convertible<R, typename decltype(detail::convertedPart<P>())::type>)
    operator R() const {
        using Ret = typename P::Ret;
        if constexpr (Convertible<R, Ret> && !std::is_same_v<typename Binding<P>::Shape, ListAll>) {
            return Convert<R, Ret>::fromWire(ret_);
        } else {
            using Part = typename decltype(detail::convertedPart<P>())::type;
            return Convert<R, Part>::fromWire(std::get<0>(ret_.xdrFields()));
        }
    }

    const typename P::Ret& wire() const { return ret_; }

private:
    typename P::Ret ret_;
};

template <typename P, typename... Params>
Reply<P> call(rpc::Client& client, const Params&... params) {
    return Reply<P>(client.call<P>(argsFor<P>(params...)));
}

// The reply of whichever of two procedures was called.
template <typename Old, typename New>
class EitherReply {
public:
    explicit EitherReply(std::variant<Reply<Old>, Reply<New>> reply) : reply_(std::move(reply)) {}
    template <typename R>
        requires(std::is_convertible_v<Reply<Old>, R> && std::is_convertible_v<Reply<New>, R>)
    operator R() const {
        return std::visit([](const auto& r) -> R { return r; }, reply_);
    }

private:
    std::variant<Reply<Old>, Reply<New>> reply_;
};

// Calls `Old`, libvirt's procedure for the API without flags, when the
// arguments past its wire fields are all unset (flags 0, no extra XML),
// and `New` otherwise: what libvirt's client sends for the same call, so
// daemons answer (and name the API in errors) as they would for virsh.
template <typename Old, typename New, typename... Params>
EitherReply<Old, New> callPreferringOld(rpc::Client& client, const Params&... params) {
    static_assert(std::is_same_v<typename Binding<Old>::Shape, Trailing<>>, "Old is New without its flags");
    constexpr size_t k = fieldCount<typename Old::Args>();
    static_assert(k <= sizeof...(Params));
    [[maybe_unused]] auto values = std::forward_as_tuple(params...);
    bool unset = [&]<size_t... I>(std::index_sequence<I...>) {
        return ((std::get<k + I>(values) == std::remove_cvref_t<std::tuple_element_t<k + I, std::tuple<Params...>>>{}) &&
                ...);
    }(std::make_index_sequence<sizeof...(Params) - k>{});
    if (!unset)
        return EitherReply<Old, New>(Reply<New>(client.call<New>(argsFor<New>(params...))));
    typename Old::Args args{};
    [&]<size_t... I>(std::index_sequence<I...>) {
        detail::assignFields(args, std::index_sequence<I...>{}, std::get<I>(values)...);
    }(std::make_index_sequence<k>{});
    return EitherReply<Old, New>(Reply<Old>(client.call<Old>(args)));
}

}  // namespace cvirt::drivers::remote
