#pragma once
// The SQL of the risk rules and flags (internal to src/projects): the settings, the flags raised and
// reviewed, and the figures the rules of risk_rules.h look at. Runs inside a caller's transaction,
// with no permission checks.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "projects/project_types.h"
#include "projects/risk_rules.h"
#include "store/store.h"

namespace kl::projects {

// name → value of every row of risk_settings.
Result<std::map<std::string, int64_t>> risk_setting_values(store::Tx& tx);
Result<void> update_risk_setting(store::Tx& tx, const std::string& name, int64_t value);

// Raises `finding` as open flag `id`; false when a flag with its fingerprint already exists.
Result<bool> insert_flag(store::Tx& tx, const std::string& id, const Finding& finding, int64_t now_ms);
Result<void> update_flag_review(store::Tx& tx, const std::string& id, FlagStatus decision, const std::string& reviewed_by,
                                const std::string& reason, int64_t now_ms);

// What the contract's other requests had paid when `request` was paid (or, not paid yet, so far).
Result<int64_t> others_paid_fen(store::Tx& tx, const PaymentRequest& request);

// An invoice as the duplicate checks name it.
struct InvoiceNumber {
    std::string id, invoice_no;
};
// The payee's invoices other than `except_id`, by id.
Result<std::vector<InvoiceNumber>> payee_invoices(store::Tx& tx, const std::string& payee_org_id, const std::string& except_id);
// The payee's invoices other than `except_id` of `amount_fen` issued from `from` to `to`, by id.
Result<std::vector<InvoiceNumber>> payee_invoices_of_amount(store::Tx& tx, const std::string& payee_org_id,
                                                            int64_t amount_fen, const std::string& except_id, Date from,
                                                            Date to);
// The live (not rejected) requests other than `except_request_id` citing `invoice_id`, by id.
Result<std::vector<std::string>> requests_citing_invoice(store::Tx& tx, const std::string& invoice_id,
                                                         const std::string& except_request_id);

// What identifies an organisation as a related party (empty text where it has none).
struct PartyDetails {
    std::string id, kind, credit_code, contact_phone, address;
};
Result<PartyDetails> require_party(store::Tx& tx, const std::string& org_id);  // asserts it exists (a foreign key)
// The county's agencies (its staff) and the project's contractors, other than `payee_org_id`, by id.
Result<std::vector<PartyDetails>> related_parties(store::Tx& tx, const std::string& payee_org_id,
                                                  const std::string& county, const std::string& project_id);

// Σ paid per county and payee, by county then payee.
struct PayeeTotal {
    std::string county, payee_org_id;
    int64_t paid_fen = 0;
};
Result<std::vector<PayeeTotal>> paid_by_county_payee(store::Tx& tx);

// Σ paid on a project and the date of its last payment.
struct ProjectPaid {
    int64_t paid_fen = 0;
    std::optional<Date> last_paid_on;
};
Result<ProjectPaid> project_paid(store::Tx& tx, const std::string& project_id);

// Σ paid per county and year, and the part paid in December, by county then year.
struct CountyYearPaid {
    std::string county, year;
    int64_t paid_fen = 0, december_fen = 0;
};
Result<std::vector<CountyYearPaid>> paid_by_county_year(store::Tx& tx);

}  // namespace kl::projects
