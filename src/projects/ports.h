#pragma once
// The seam between projects and the money module (src/funds): the project services pay, open and
// close accounts through it; tests pass a recording fake; `kashlink`, the demo and the risk command
// wire the real funds service through src/bridges/projects_funds.h. (Audit records need no seam:
// every module appends to audit::AuditTrail directly, as catalog, access and ledger do.)

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

}  // namespace kl::projects
