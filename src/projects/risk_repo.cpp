#include "projects/risk_repo.h"

#include "core/assert.h"
#include "core/problem_code.h"
#include "store/sql.h"
#include "store/stored.h"

namespace kl::projects {

Result<std::map<std::string, int64_t>> risk_setting_values(store::Tx& tx) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT name, value FROM risk_settings"));
    std::map<std::string, int64_t> values;
    for (const auto& row : rows) values[row.text(0)] = row.i64(1);
    return values;
}

Result<void> update_risk_setting(store::Tx& tx, const std::string& name, int64_t value) {
    return store::exec(tx, "UPDATE risk_settings SET value = $1 WHERE name = $2", {value, name});
}

Result<bool> insert_flag(store::Tx& tx, const std::string& id, const Finding& finding, int64_t now_ms) {
    KL_TRY_ASSIGN(int64_t inserted,
                  tx.execute("INSERT INTO risk_flags (id, rule, severity, fingerprint, county_code, project_id, "
                             "contract_id, payment_request_id, summary, evidence_json, status, raised_at_ms, code, "
                             "params_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11, $12, $13) "
                             "ON CONFLICT (fingerprint) DO NOTHING",
                             {id, finding.rule, std::string(to_string(finding.severity)), finding.fingerprint,
                              store::optional_text(finding.county), store::optional_text(finding.project_id),
                              store::optional_text(finding.contract_id), store::optional_text(finding.payment_request_id),
                              finding.summary, finding.evidence_json, now_ms, std::string(to_string(finding.code)),
                              params_json_text(finding.params)}));
    return inserted > 0;
}

Result<void> update_flag_review(store::Tx& tx, const std::string& id, FlagStatus decision, const std::string& reviewed_by,
                                const std::string& reason, int64_t now_ms) {
    return store::exec(tx,
                       "UPDATE risk_flags SET status = $1, reviewed_by = $2, review_reason = $3, reviewed_at_ms = $4 "
                       "WHERE id = $5",
                       {std::string(to_string(decision)), reviewed_by, reason, now_ms, id});
}

// A request checked again later (the nightly scan) must not count payments made after it: each of
// those cited later, higher progress, and counting them made every earlier instalment look like an
// overpayment (R1/R2).
Result<int64_t> others_paid_fen(store::Tx& tx, const PaymentRequest& request) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT COALESCE(SUM(o.amount_fen), 0) FROM payment_requests o "
                           "WHERE o.contract_id = $1 AND o.status = 'paid' AND o.id <> $2 AND NOT EXISTS ("
                           "SELECT 1 FROM payment_requests me WHERE me.id = $2 AND me.status = 'paid' AND "
                           "(o.paid_on > me.paid_on OR (o.paid_on = me.paid_on AND (o.paid_at_ms > me.paid_at_ms OR "
                           "(o.paid_at_ms = me.paid_at_ms AND o.id > me.id)))))",
                           {request.contract_id, request.id}));
    return rows[0].i64(0);
}

namespace {

Result<std::vector<InvoiceNumber>> invoice_numbers(store::Tx& tx, const std::string& where, const store::Params& params) {
    return store::query_as(tx, "SELECT id, invoice_no FROM invoices WHERE " + where + " ORDER BY id", params,
                           [](const store::Row& row) { return InvoiceNumber{row.text(0), row.text(1)}; });
}

PartyDetails party_from_row(const store::Row& row) {
    return PartyDetails{row.text("id"), row.text("kind"), row.text("credit_code"), row.text("contact_phone"),
                        row.text("address")};
}

constexpr std::string_view select_party =
    "SELECT o.id, o.kind, COALESCE(o.credit_code, '') AS credit_code, o.contact_phone, o.address FROM organisations o ";

}  // namespace

Result<std::vector<InvoiceNumber>> payee_invoices(store::Tx& tx, const std::string& payee_org_id, const std::string& except_id) {
    return invoice_numbers(tx, "payee_org_id = $1 AND id <> $2", {payee_org_id, except_id});
}

Result<std::vector<InvoiceNumber>> payee_invoices_of_amount(store::Tx& tx, const std::string& payee_org_id,
                                                            int64_t amount_fen, const std::string& except_id, Date from,
                                                            Date to) {
    return invoice_numbers(tx, "payee_org_id = $1 AND amount_fen = $2 AND id <> $3 AND issued_on >= $4 AND issued_on <= $5",
                           {payee_org_id, amount_fen, except_id, kl::format_date(from), kl::format_date(to)});
}

Result<std::vector<std::string>> requests_citing_invoice(store::Tx& tx, const std::string& invoice_id,
                                                         const std::string& except_request_id) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT id FROM payment_requests WHERE invoice_id = $1 AND id <> $2 AND status <> 'rejected' "
                           "ORDER BY id",
                           {invoice_id, except_request_id}));
    std::vector<std::string> ids;
    for (const auto& row : rows) ids.push_back(row.text(0));
    return ids;
}

Result<PartyDetails> require_party(store::Tx& tx, const std::string& org_id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query(std::string(select_party) + "WHERE o.id = $1", {org_id}));
    KL_ASSERT(!rows.empty());  // a foreign key
    return party_from_row(rows[0]);
}

Result<std::vector<PartyDetails>> related_parties(store::Tx& tx, const std::string& payee_org_id,
                                                  const std::string& county, const std::string& project_id) {
    return store::query_as(tx,
                           std::string(select_party) +
                               "WHERE o.id <> $1 AND ((o.kind = 'agency' AND o.county_code = $2) OR o.id IN "
                               "(SELECT counterparty_org_id FROM contracts WHERE project_id = $3)) ORDER BY o.id",
                           {payee_org_id, county, project_id}, party_from_row);
}

Result<std::vector<PayeeTotal>> paid_by_county_payee(store::Tx& tx) {
    return store::query_as(tx, "SELECT county_code, payee_org_id, SUM(amount_fen) AS total FROM payment_requests "
                               "WHERE status = 'paid' GROUP BY county_code, payee_org_id ORDER BY county_code, payee_org_id",
                           {}, [](const store::Row& row) { return PayeeTotal{row.text(0), row.text(1), row.i64(2)}; });
}

Result<ProjectPaid> project_paid(store::Tx& tx, const std::string& project_id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT COALESCE(SUM(amount_fen), 0), MAX(paid_on) FROM payment_requests "
                                             "WHERE project_id = $1 AND status = 'paid'",
                                             {project_id}));
    ProjectPaid out;
    out.paid_fen = rows[0].i64(0);
    if (!rows[0].is_null(1)) out.last_paid_on = store::stored_date(rows[0].text(1));
    return out;
}

Result<std::vector<CountyYearPaid>> paid_by_county_year(store::Tx& tx) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT county_code, SUBSTR(paid_on, 1, 4) AS year, SUM(amount_fen) AS total, "
                           "SUM(CASE WHEN SUBSTR(paid_on, 6, 2) = '12' THEN amount_fen ELSE 0 END) AS december "
                           "FROM payment_requests WHERE status = 'paid' GROUP BY county_code, SUBSTR(paid_on, 1, 4) "
                           "ORDER BY county_code, year"));
    std::vector<CountyYearPaid> out;
    for (const auto& row : rows) {
        out.push_back(CountyYearPaid{row.text("county_code"), row.text("year"), row.i64("total"), row.i64("december")});
    }
    return out;
}

}  // namespace kl::projects
