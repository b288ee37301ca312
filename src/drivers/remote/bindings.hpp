#pragma once
// Binding<P>: what procedure_bindings.def says about procedure P (its shape
// and libvirt's API name), for the stubs of both sides. Procedures without
// a line have no Binding and are answered NO_SUPPORT by cvirtd unless a
// session handler takes them.

#include <string_view>

#include "drivers/remote/binding_traits.hpp"
#include "drivers/remote/wire_convert.hpp"

namespace cvirt::drivers::remote {

template <typename P>
struct Binding;

#define BIND(proc, cls, method, api, ...)                     \
    template <>                                                \
    struct Binding<wire::proc> {                               \
        using Shape = __VA_ARGS__;                             \
        static constexpr std::string_view kApi = api;          \
    };
#include "drivers/remote/procedure_bindings.def"
#undef BIND

template <typename P>
concept Bound = requires { typename Binding<P>::Shape; };

}  // namespace cvirt::drivers::remote
