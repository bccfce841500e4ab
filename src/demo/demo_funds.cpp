#include "demo/demo_funds.h"

#include "audit/audit_trail.h"
#include "funds/funds_accounts.h"
#include "funds/funds_service.h"
#include "ledger/ledger_service.h"

namespace kl::demo {

Result<void> seed_funds(store::Store& store, store::Tx& tx, const Clock& clock) {
    audit::AuditTrail trail(store.backend(), clock);
    ledger::LedgerService ledger(store, clock, trail);
    funds::FundsService funds(store, clock, ledger);
    const std::string actor = "demo";
    KL_TRY(funds.ensure_structure(tx, actor));
    int64_t total = 0;
    int tranche = 0;
    for (int64_t amount : demo_funds_received_fen) {
        KL_TRY(funds.receive_funds(tx, funds::derived_id("demo/funds/receipt/" + std::to_string(++tranche)), amount, actor));
        total += amount;
    }
    KL_TRY(funds.grant_quota(tx, funds::derived_id("demo/funds/quota/front_command"), total, actor));
    for (const auto& county : demo_county_quota) {
        KL_TRY(funds.allocate_county_quota(tx, funds::derived_id(std::string("demo/funds/quota/") + county.county_code), county.county_code,
                                           county.quota_fen, actor));
    }
    return ok();
}

}  // namespace kl::demo
