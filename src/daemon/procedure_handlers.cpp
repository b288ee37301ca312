// Every line of drivers/remote/procedure_bindings.def becomes a handler that
// decodes the args, checks the connection, runs the API method through
// server_stub.hpp and encodes the ret.

#include "daemon/client_session.hpp"
#include "daemon/remote_dispatcher.hpp"
#include "daemon/server_stub.hpp"

namespace cvirt::daemon {

namespace {

// The error domain libvirt reports a read-only refusal of `api` from: the
// file of libvirt's public API the call lives in.
constexpr ErrorDomain apiDomain(std::string_view api) {
    if (api.find("Snapshot") != std::string_view::npos)
        return ErrorDomain::DomainSnapshot;
    if (api.starts_with("virDomain"))
        return ErrorDomain::Domain;
    if (api.starts_with("virNetwork"))
        return ErrorDomain::Network;
    if (api.starts_with("virStorage"))
        return ErrorDomain::Storage;
    return ErrorDomain::None;
}

// A driver that lacks a method names the method's newest API; the client
// asked for `api` (virsh compares "virDomainAttachDevice", not "...Flags").
Error asCalled(const Error& e, std::string_view api) {
    if (e.code() == ErrorCode::NoSupport && e.str2() && e.str2()->starts_with("vir") && *e.str2() != api &&
        e.str2()->find(' ') == std::string::npos)
        return Error(ErrorCode::NoSupport, e.domain(), api);
    return e;
}

// libvirt's API name for a procedure, for those no binding names: the words
// of the procedure in CamelCase, acronyms kept ("DOMAIN_OPEN_CONSOLE" ->
// "virDomainOpenConsole", "NODE_GET_CPU_MAP" -> "virNodeGetCPUMap").
std::string apiNameOf(std::string_view procedure) {
    static constexpr std::string_view kAcronyms[] = {"XML", "UUID", "ID", "OS", "CPU", "SEV", "TLS", "PCI", "MAC", "SCSI"};
    std::string out = "vir";
    while (!procedure.empty()) {
        auto end = procedure.find('_');
        std::string_view word = procedure.substr(0, end);
        procedure = end == std::string_view::npos ? std::string_view() : procedure.substr(end + 1);
        bool acronym = false;
        for (auto a : kAcronyms)
            acronym = acronym || word == a;
        for (size_t i = 0; i < word.size(); ++i)
            out += (i == 0 || acronym) ? word[i] : static_cast<char>(word[i] - 'A' + 'a');
    }
    return out;
}

}  // namespace

template <typename P, typename Shape, auto Method>
static void bindProcedure(rpc::ProcedureDispatcher& dispatcher, std::string_view api) {
    constexpr bool mutating = !(P::kFlags & rpc::proc_flags::RO);
    dispatcher.handleRaw(
        P::kProgram, P::kVersion, P::kNumber, P::kFlags, api,
        [api](rpc::CallContext& call) -> std::vector<uint8_t> {
            auto args = rpc::decode<typename P::Args>(call.payload);
            Connection conn = sessionOf(call.client).connection();
            // The RPC layer refuses these on read-only clients already; the
            // connection's own flag is checked too, as the API checks it.
            if (mutating && conn.readOnly())
                throw Error(ErrorCode::OperationDenied, apiDomain(api), "read only access prevents " + std::string(api));
            try {
                return rpc::encode(Serve<P, Shape, Method>::run(conn, args));
            } catch (const Error& e) {
                throw asCalled(e, api);
            }
        },
        apiDomain(api));
}

// Every other REMOTE procedure is known but not served: NO_SUPPORT naming
// libvirt's API, as a driver without the method reports it (and, for a
// mutating one on a read-only connection, the API's refusal first).
void RemoteDispatcher::addUnsupportedHandlers() {
    for (const auto& info : rpc::remote::allProcedures()) {
        if (info.is(rpc::proc_flags::EVENT) || info.is(rpc::proc_flags::PREAUTH))
            continue;
        rpc::Header probe;
        probe.program = rpc::remote::kProgram;
        probe.procedure = info.number;
        if (route(probe).kind == rpc::Route::Kind::Known)
            continue;
        auto api = std::make_shared<const std::string>(apiNameOf(info.name));
        ErrorDomain domain = apiDomain(*api);
        handleRaw(info.program, rpc::remote::kVersion, info.number, info.flags, *api,
                  [api, domain](rpc::CallContext&) -> std::vector<uint8_t> {
                      throw Error(ErrorCode::NoSupport, domain, *api);
                  },
                  domain);
    }
}

void RemoteDispatcher::addProcedureHandlers() {
#define BIND(proc, cls, method, api, ...) \
    bindProcedure<rpc::remote::proc, drivers::remote::__VA_ARGS__, &cls::method>(*this, api);
#include "drivers/remote/procedure_bindings.def"
#undef BIND
}

}  // namespace cvirt::daemon
