#pragma once
// The writes of the money records (internal to src/projects): contracts and their modifications,
// invoices, payment requests and the overrides that lift their risk flags. Each runs inside a
// caller's transaction, with no permission checks; the reads are project_repo.h's.

#include <cstdint>
#include <optional>
#include <string>

#include "core/problem_code.h"
#include "core/result.h"
#include "projects/project_types.h"
#include "store/store.h"

namespace kl::projects {

// The kind of organisation `org_id` (catalog's organisation kinds), nullopt when there is none.
Result<std::optional<std::string>> organisation_kind(store::Tx& tx, const std::string& org_id);

Result<void> insert_contract(store::Tx& tx, const std::string& id, const ContractFields& fields,
                             const std::optional<std::string>& created_by, int64_t now_ms);
Result<void> insert_modification(store::Tx& tx, const Modification& modification,
                                 const std::optional<std::string>& created_by, int64_t now_ms);

// Whether the payee already has an invoice whose number has identifier key `invoice_key`.
Result<bool> invoice_key_taken(store::Tx& tx, const std::string& payee_org_id, const std::string& invoice_key);
Result<void> insert_invoice(store::Tx& tx, const Invoice& invoice, const std::string& invoice_key,
                            const std::optional<std::string>& created_by, int64_t now_ms);

// A new request, submitted, for `project` (its county is kept on the request).
Result<void> insert_payment_request(store::Tx& tx, const std::string& id, const Project& project,
                                    const PaymentRequestFields& fields, const std::string& payee_org_id,
                                    const std::optional<std::string>& requested_by, int64_t now_ms);
Result<void> approve_payment_request(store::Tx& tx, const std::string& id, const std::string& approved_by, int64_t now_ms);
Result<void> reject_payment_request(store::Tx& tx, const std::string& id, const std::string& decided_by,
                                    const std::string& reason);
// Attempt `attempt` goes through the funds under `payment_id`.
Result<void> start_payment_attempt(store::Tx& tx, const std::string& id, int64_t attempt, const std::string& payment_id);
// The funds paid: status paid, the ledger chain and the date, any earlier refusal cleared.
Result<void> mark_payment_paid(store::Tx& tx, const std::string& id, const std::string& chain_id, Date paid_on,
                               int64_t now_ms);
// The funds (or the overpayment check) refused: the request stays approved, with the reason.
// The refusal's code and params (the console's words) beside its English reason.
Result<void> record_payment_refusal(store::Tx& tx, const std::string& id, const std::string& code,
                                    const ProblemParams& params, const std::string& reason);
// `flag_ids` joined by commas: the high-severity flags the override lifts.
Result<void> insert_payment_override(store::Tx& tx, const std::string& id, const std::string& request_id,
                                     const std::string& actor, const std::string& reason, const std::string& flag_ids,
                                     int64_t now_ms);

}  // namespace kl::projects
