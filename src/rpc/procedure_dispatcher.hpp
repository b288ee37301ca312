#pragma once
// A Dispatcher built from typed handlers, one per procedure:
//
//   ProcedureDispatcher d;
//   d.addProgram(remote::kProgram, remote::kVersion, remote::allProcedures());
//   d.handle<remote::DOMAIN_LOOKUP_BY_NAME>([&](CallContext& call, remote::NameArgs args) {
//       return remote::DomainRet{driverFor(call.client).lookupByName(args.name)};
//   });
//
// A handler takes the decoded args (optionally after the CallContext) and
// returns the ret struct (or void when Ret is Void). Bytes that do not decode
// are answered with VIR_ERR_RPC "Unable to decode message payload"; known
// procedures without a handler with VIR_ERR_NO_SUPPORT naming the procedure.

#include <functional>
#include <map>
#include <shared_mutex>
#include <span>
#include <string>
#include <type_traits>
#include <utility>

#include "rpc/dispatcher.hpp"
#include "rpc/xdr.hpp"

namespace cvirt::rpc {

class ProcedureDispatcher : public Dispatcher {
public:
    using RawHandler = std::function<std::vector<uint8_t>(CallContext&)>;

    // Declares a program served here; `procedures` names its procedures so
    // unhandled ones are reported by name.
    void addProgram(uint32_t program, uint32_t version, std::span<const ProcedureInfo> procedures = {});

    // `name` names the call in errors (a read-only refusal says "read only
    // access prevents <name>"), `deniedDomain` is that refusal's domain.
    void handleRaw(uint32_t program, uint32_t version, int32_t procedure, ProcFlags flags, std::string_view name,
                   RawHandler handler, ErrorDomain deniedDomain = ErrorDomain::Rpc);

    template <TypedProcedure P, typename Fn>
    void handle(Fn fn) {
        handleRaw(P::kProgram, P::kVersion, P::kNumber, P::kFlags, P::kName,
                  [fn = std::move(fn)](CallContext& call) mutable -> std::vector<uint8_t> {
                      auto args = decode<typename P::Args>(call.payload);
                      return invoke<typename P::Ret>(fn, call, std::move(args));
                  });
    }

    Route route(const Header& header) const override;
    std::vector<uint8_t> dispatch(CallContext& call) override;

private:
    template <typename Ret, typename Fn, typename Args>
    static std::vector<uint8_t> invoke(Fn& fn, CallContext& call, Args&& args) {
        if constexpr (std::is_invocable_v<Fn&, CallContext&, Args&&>)
            return encodeResult<Ret>([&] { return fn(call, std::forward<Args>(args)); });
        else
            return encodeResult<Ret>([&] { return fn(std::forward<Args>(args)); });
    }

    template <typename Ret, typename Call>
    static std::vector<uint8_t> encodeResult(Call&& callHandler) {
        using Result = decltype(callHandler());
        if constexpr (std::is_void_v<Result>) {
            static_assert(std::is_same_v<Ret, Void>, "a handler returns the procedure's Ret");
            callHandler();
            return {};
        } else {
            static_assert(std::is_convertible_v<Result, Ret>, "a handler returns the procedure's Ret");
            return encode<Ret>(callHandler());
        }
    }

    struct Entry {
        ProcFlags flags = proc_flags::NONE;
        std::string_view name;
        RawHandler handler;
        ErrorDomain deniedDomain = ErrorDomain::Rpc;
    };
    struct Program {
        std::map<int32_t, Entry> handlers;
        std::map<int32_t, std::string_view> names;
    };
    mutable std::shared_mutex mutex_;
    std::map<std::pair<uint32_t, uint32_t>, Program> programs_;
};

}  // namespace cvirt::rpc
