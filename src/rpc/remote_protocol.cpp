#include "rpc/remote_protocol.hpp"

#include <array>

#include "rpc/procedure_table.hpp"

namespace cvirt::rpc::remote {
namespace {

constexpr auto kTable = std::to_array<ProcedureInfo>({
#define X(number, name, args, ret, flags) procedureInfoOf<name>(),
#include "rpc/remote_procedures.def"
#undef X
});

static_assert(kTable.size() == kProcedureLast, "one entry per procedure 1..443");

constexpr bool numberedInOrder() {
    for (size_t i = 0; i < kTable.size(); ++i)
        if (kTable[i].number != static_cast<int32_t>(i + 1))
            return false;
    return true;
}
static_assert(numberedInOrder(), "remote_procedures.def must list procedures 1..443 in order");

}  // namespace

const ProcedureInfo* procedureInfo(int32_t number) {
    if (number < 1 || number > kProcedureLast)
        return nullptr;
    return &kTable[static_cast<size_t>(number - 1)];
}

std::span<const ProcedureInfo> allProcedures() { return kTable; }

std::string procedureName(int32_t number) {
    if (const auto* info = procedureInfo(number))
        return std::string(info->name);
    return "procedure " + std::to_string(number);
}

}  // namespace cvirt::rpc::remote
