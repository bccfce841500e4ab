#pragma once
// Routes of the ledger (/api/v1/ledger/…, ledger_routes.cpp), the funds structure (/api/v1/funds/…,
// funds_routes.cpp) and the audit trail (/api/v1/audit/…, audit_routes.cpp): thin handlers over
// ledger::LedgerService, funds::FundsService and ledger::AuditService. Their JSON: ledger_json.h.

#include "http/router.h"

namespace kl::ledger {
class LedgerService;
}
namespace kl::funds {
class FundsService;
}

namespace kl::http {

void add_ledger_routes(Router& router, ledger::LedgerService& ledger);
void add_funds_routes(Router& router, funds::FundsService& funds);
// Verification, the event list and month seals; needs the ledger (verify checks its invariants).
void add_audit_routes(Router& router, ledger::LedgerService& ledger);

}  // namespace kl::http
