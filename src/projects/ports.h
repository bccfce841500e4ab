#pragma once
// The seams between projects and the money/audit modules built in parallel (src/funds, src/audit).
// The project services take these; tests pass recording fakes; `kashlink`, the demo and the risk
// command wire the real modules through src/bridges/projects_funds.h.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/store.h"

namespace kl::projects {

struct PaymentOrder {
    std::string payment_id /*32 hex chars, 128-bit idempotency id*/, project_id, county_code, payee_org_id;
    int64_t amount_fen = 0;
};

struct AuditRecord {
    std::string actor, action, record_type, record_id, body_json;
};

struct FundsPort {  // all run inside the caller's transaction
    std::function<Result<void>(store::Tx&, std::string_view project_id, std::string_view county_code,
                               int64_t budget_fen)>
        open_project_accounts;  // on approval
    std::function<Result<std::string>(store::Tx&, const PaymentOrder&)> pay_contractor;  // → chain id;
    // fails (e.g. failed_precondition) when quota/cash is insufficient
    std::function<Result<bool>(store::Tx&, std::string_view project_id)> project_settled;  // before close
    std::function<Result<void>(store::Tx&, std::string_view project_id)> close_project_accounts;
    // Funds arrived per project id (quota allocated to it), for the reports; unset: nothing arrived.
    std::function<Result<std::map<std::string, int64_t>>(store::Tx&)> quota_arrived_by_project;
};

using AuditSink = std::function<Result<void>(store::Tx&, const AuditRecord&)>;

}  // namespace kl::projects
