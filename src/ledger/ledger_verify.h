#pragma once
// Verification of the ledger against itself and against the audit trail (what `kashlink verify` and
// GET /api/v1/audit/verify run, together with the audit chain):
//   - every account's four totals equal the sums recomputed from the transfers and pending states;
//   - per ledger, Σ debits = Σ credits, posted and pending;
//   - every zero_balance account is at zero; no account breaks its debit/credit limit flag;
//   - every transfer row matches the body its audit row hashed, and every audited transfer exists;
//   - every account's fixed fields and flags match its latest audit row;
//   - every pending state is explained: posted/voided by an existing post/void transfer, expired by
//     an audit row, pending by neither.
// So altering any row directly in the database — a transfer amount, an account total, an audit
// row — is reported, with the row and what differs.

#include <vector>

#include "audit/audit_trail.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::ledger {

struct VerifyReport {
    audit::ChainReport chain;
    int64_t accounts = 0;
    int64_t transfers = 0;
    std::vector<audit::Break> ledger_breaks;
    bool ok() const { return chain.breaks.empty() && ledger_breaks.empty(); }
};

Result<std::vector<audit::Break>> verify_ledger(store::Tx& tx, int64_t* accounts = nullptr, int64_t* transfers = nullptr);
// The audit chain and the ledger, in one read transaction; the chain also against `anchors`
// (checkpoints kept outside the database) when given.
Result<VerifyReport> verify_all(store::Tx& tx, audit::AuditTrail& trail, const audit::Anchors* anchors = nullptr);

}  // namespace kl::ledger
