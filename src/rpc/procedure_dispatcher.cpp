#include "rpc/procedure_dispatcher.hpp"

#include <mutex>

#include "util/error.hpp"

namespace cvirt::rpc {

void ProcedureDispatcher::addProgram(uint32_t program, uint32_t version,
                                     std::span<const ProcedureInfo> procedures) {
    std::unique_lock lock(mutex_);
    auto& entry = programs_[{program, version}];
    for (const auto& info : procedures)
        entry.names[info.number] = info.name;
}

void ProcedureDispatcher::handleRaw(uint32_t program, uint32_t version, int32_t procedure, ProcFlags flags,
                                    std::string_view name, RawHandler handler, ErrorDomain deniedDomain) {
    std::unique_lock lock(mutex_);
    // Replacing a handler could pull it from under a running call.
    auto [it, inserted] = programs_[{program, version}].handlers.try_emplace(procedure);
    if (!inserted)
        throw Error(ErrorCode::InternalError, ErrorDomain::Rpc,
                    "procedure " + std::to_string(procedure) + " has a handler already");
    it->second = Entry{flags, name, std::move(handler), deniedDomain};
}

Route ProcedureDispatcher::route(const Header& header) const {
    std::shared_lock lock(mutex_);
    auto program = programs_.find({header.program, header.version});
    if (program == programs_.end())
        return {};
    auto handler = program->second.handlers.find(header.procedure);
    if (handler != program->second.handlers.end())
        return {Route::Kind::Known, handler->second.flags, handler->second.name, handler->second.deniedDomain};
    auto name = program->second.names.find(header.procedure);
    return {Route::Kind::UnknownProcedure, proc_flags::NONE,
            name == program->second.names.end() ? std::string_view() : name->second, ErrorDomain::Rpc};
}

std::vector<uint8_t> ProcedureDispatcher::dispatch(CallContext& call) {
    RawHandler* handler = nullptr;
    {
        std::shared_lock lock(mutex_);
        auto program = programs_.find({call.header.program, call.header.version});
        if (program != programs_.end()) {
            auto entry = program->second.handlers.find(call.header.procedure);
            if (entry != program->second.handlers.end())
                handler = &entry->second.handler;
        }
    }
    // Handlers are registered before serving and never removed, so the
    // pointer stays valid without the lock (which a slow call must not hold).
    if (!handler)
        throw Error(ErrorCode::NoSupport, ErrorDomain::Remote, "procedure " + std::to_string(call.header.procedure));
    return (*handler)(call);
}

}  // namespace cvirt::rpc
