#pragma once
// The risk rules R1–R15 of funds-anchors.md (b) as checks over the records. A finding means "look",
// not "guilty" (Cardinal, ARACHNE). Each carries a severity, a summary, the evidence (the records
// that tripped it, as JSON) and a fingerprint (rule + those records) so a rule never raises the
// same flag twice. Thresholds come from the risk_settings table (RiskSettings below).
//
//   rule  checked on                 trips when                                            severity
//   R1    payment request            Σ paid on the contract + this > value + modifications  high
//   R2    payment request            … > verified progress × value, or, before acceptance,   high
//                                    > (1 − retention (capped at 3 %)) × value
//   R3    contract                   same counterparty, or same project, within the split   high
//                                    window, same category, each below the tender threshold
//                                    but together above it; or one contract at 90–100 % of  medium
//                                    its threshold
//   R4    payment request            the invoice is cited by another live request; or the    high
//                                    payee has another invoice with the same number (its
//                                    look-alike: core/identifier.h), whatever the amount; or
//                                    another invoice of the same amount ± 7 days
//   R5    scan                       a payee's paid total in a county above Q3 + 1.5 × IQR    medium
//                                    of that county's payees (at least 4 payees)
//   R6    payment request            amount a multiple of ¥10,000                            low
//   R7    scan                       an approved/started project with budget left and no     medium
//                                    payment for idle_days (since approval or last payment)
//   R8    payment request            the payee shares credit code, phone or address with a   high
//                                    county agency (staff) or another contractor of the project
//   R9    payment request            payee is a household (an individual) or method is cash   high
//   R10   payment request            payee ≠ the contract's counterparty                     high
//   R11   payment request            requested before the award date or after the project    high
//                                    closed
//   R12   scan                       December's share of a county's annual disbursement      medium
//                                    above december_share_bp
//   R13   contract                   Σ value modifications > 10 % of the original value, or  medium
//                                    any modification within 30 days of the award
//   R14   contract                   a tender with a single bid, or a submission period      medium
//                                    under 15 days
//   R15   payment request            amount within 5 % below the approval limit              medium

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "projects/project_types.h"
#include "projects/risk_codes.h"
#include "store/store.h"

namespace kl::projects {

struct RiskSettings {
    std::map<std::string, int64_t> values;  // name → value, every name of risk_setting_names()
    int64_t get(const std::string& name) const;
    int64_t tender_threshold_fen(ContractCategory category) const;
};

// The names of the settings, in a fixed order, each with its allowed maximum.
const std::vector<std::pair<std::string, int64_t>>& risk_setting_names();

Result<RiskSettings> load_risk_settings(store::Tx& tx);

struct Finding {
    std::string rule;
    Severity severity = Severity::low;
    std::string fingerprint;
    RiskCode code = RiskCode::round_amount;
    ProblemParams params;  // the code's parameters (risk_codes.h)
    std::string summary;   // the same in English, for the API log
    std::string evidence_json;
    std::optional<std::string> county, project_id, contract_id, payment_request_id;
};

// R1, R2, R4, R6, R8, R9, R10, R11, R15 for one request (which may already be paid: what others
// paid never counts the request itself).
Result<std::vector<Finding>> check_payment_request(store::Tx& tx, const RiskSettings& settings,
                                                   const PaymentRequest& request);
// R3, R13, R14 for one contract.
Result<std::vector<Finding>> check_contract(store::Tx& tx, const RiskSettings& settings, const Contract& contract);
// R5, R7, R12 over the whole programme as of `today`.
Result<std::vector<Finding>> check_programme(store::Tx& tx, const RiskSettings& settings, Date today);

}  // namespace kl::projects
