#include "projects/payment_repo.h"

#include "core/problem_code.h"

#include "store/sql.h"

namespace kl::projects {

Result<std::optional<std::string>> organisation_kind(store::Tx& tx, const std::string& org_id) {
    return store::query_first_text(tx, "SELECT kind FROM organisations WHERE id = $1", {org_id});
}

Result<void> insert_contract(store::Tx& tx, const std::string& id, const ContractFields& fields,
                             const std::optional<std::string>& created_by, int64_t now_ms) {
    return store::exec(tx, "INSERT INTO contracts (id, project_id, counterparty_org_id, title, category, value_fen, "
                      "retention_bp, award_date, procurement_method, bid_count, tender_days, created_by, created_at_ms) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                      {id, fields.project_id, fields.counterparty_org_id, fields.title,
                       std::string(to_string(fields.category)), fields.value_fen, fields.retention_bp,
                       kl::format_date(fields.award_date), std::string(to_string(fields.procurement_method)),
                       fields.bid_count, store::optional_int(fields.tender_days), store::optional_text(created_by), now_ms});
}

Result<void> insert_modification(store::Tx& tx, const Modification& modification,
                                 const std::optional<std::string>& created_by, int64_t now_ms) {
    return store::exec(tx, "INSERT INTO contract_modifications (id, contract_id, kind, delta_fen, approved_on, reason, "
                      "created_by, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                      {modification.id, modification.contract_id, std::string(to_string(modification.kind)),
                       modification.delta_fen, kl::format_date(modification.approved_on), modification.reason,
                       store::optional_text(created_by), now_ms});
}

Result<bool> invoice_key_taken(store::Tx& tx, const std::string& payee_org_id, const std::string& invoice_key) {
    return store::row_exists(tx, "SELECT 1 FROM invoices WHERE payee_org_id = $1 AND invoice_key = $2",
                             {payee_org_id, invoice_key});
}

Result<void> insert_invoice(store::Tx& tx, const Invoice& invoice, const std::string& invoice_key,
                            const std::optional<std::string>& created_by, int64_t now_ms) {
    const InvoiceFields& fields = invoice.fields;
    return store::exec(tx, "INSERT INTO invoices (id, contract_id, payee_org_id, invoice_no, invoice_key, amount_fen, "
                      "issued_on, created_by, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                      {invoice.id, fields.contract_id, fields.payee_org_id, fields.invoice_no, invoice_key,
                       fields.amount_fen, kl::format_date(fields.issued_on), store::optional_text(created_by), now_ms});
}

Result<void> insert_payment_request(store::Tx& tx, const std::string& id, const Project& project,
                                    const PaymentRequestFields& fields, const std::string& payee_org_id,
                                    const std::optional<std::string>& requested_by, int64_t now_ms) {
    return store::exec(tx, "INSERT INTO payment_requests (id, project_id, county_code, contract_id, invoice_id, progress_id, "
                      "payee_org_id, amount_fen, method, requested_on, status, requested_by, created_at_ms) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'submitted', $11, $12)",
                      {id, project.id, project.fields.county, fields.contract_id, fields.invoice_id, fields.progress_id,
                       payee_org_id, fields.amount_fen, std::string(to_string(fields.method)),
                       kl::format_date(fields.requested_on), store::optional_text(requested_by), now_ms});
}

Result<void> approve_payment_request(store::Tx& tx, const std::string& id, const std::string& approved_by, int64_t now_ms) {
    return store::exec(tx, "UPDATE payment_requests SET status = 'approved', approved_by = $1, approved_at_ms = $2 WHERE id = $3",
                      {approved_by, now_ms, id});
}

Result<void> reject_payment_request(store::Tx& tx, const std::string& id, const std::string& decided_by,
                                    const std::string& reason) {
    return store::exec(tx, "UPDATE payment_requests SET status = 'rejected', approved_by = $1, decision_reason = $2 WHERE id = $3",
                      {decided_by, reason, id});
}

Result<void> start_payment_attempt(store::Tx& tx, const std::string& id, int64_t attempt, const std::string& payment_id) {
    return store::exec(tx, "UPDATE payment_requests SET attempts = $1, payment_id = $2 WHERE id = $3", {attempt, payment_id, id});
}

Result<void> mark_payment_paid(store::Tx& tx, const std::string& id, const std::string& chain_id, Date paid_on,
                               int64_t now_ms) {
    return store::exec(tx, "UPDATE payment_requests SET status = 'paid', chain_id = $1, paid_on = $2, paid_at_ms = $3, "
                      "refusal_reason = '', refusal_code = '', refusal_params = '{}' WHERE id = $4",
                      {chain_id, kl::format_date(paid_on), now_ms, id});
}

Result<void> record_payment_refusal(store::Tx& tx, const std::string& id, const std::string& code,
                                    const ProblemParams& params, const std::string& reason) {
    return store::exec(tx, "UPDATE payment_requests SET refusal_reason = $1, refusal_code = $3, refusal_params = $4 WHERE id = $2",
                       {reason, id, code, params_json_text(params)});
}

Result<void> insert_payment_override(store::Tx& tx, const std::string& id, const std::string& request_id,
                                     const std::string& actor, const std::string& reason, const std::string& flag_ids,
                                     int64_t now_ms) {
    return store::exec(tx, "INSERT INTO payment_overrides (id, payment_request_id, actor, reason, flag_ids, created_at_ms) "
                      "VALUES ($1, $2, $3, $4, $5, $6)",
                      {id, request_id, actor, reason, flag_ids, now_ms});
}

}  // namespace kl::projects
