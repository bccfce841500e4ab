#pragma once
// The stable codes of the risk rules' findings (R1–R15, risk_rules.h): one per kind of finding, with
// named parameters, stored on each flag beside the English summary (kept for the API log) so that a
// client writes the finding in its reader's language (the console's web/src/risk-messages.js). A
// code, once sent, keeps its name and meaning; a new kind of finding gets a new code.
//
// The table below is the documentation: GET /api/v1/openapi.json lists every code with its rule,
// parameters and meaning (components.x-risk-codes), and the console's unit test reads
// risk_codes.cpp to check that its table knows every code.

#include <string>
#include <string_view>
#include <vector>

#include "core/problem_code.h"  // ProblemParams: named numbers (fen, days, bp, counts) or texts; params_json_text

namespace kl::projects {

enum class RiskCode {
    contract_value_exceeded,        // R1
    progress_exceeded,              // R2
    retention_eaten,                // R2
    split_purchase,                 // R3
    near_tender_threshold,          // R3
    invoice_cited_twice,            // R4
    invoice_number_look_alike,      // R4
    invoice_amount_twin,            // R4
    payee_concentration,            // R5
    round_amount,                   // R6
    idle_funds,                     // R7
    payee_shares_details,           // R8
    cash_payment,                   // R9
    household_payee,                // R9
    payee_not_counterparty,         // R10
    requested_before_award,         // R11
    requested_after_close,          // R11
    december_share,                 // R12
    modification_soon_after_award,  // R13
    modifications_above_share,      // R13
    single_bid_tender,              // R14
    short_bid_period,               // R14
    near_approval_limit,            // R15 (keep last: risk_code_count)
};
inline constexpr size_t risk_code_count = static_cast<size_t>(RiskCode::near_approval_limit) + 1;

struct RiskCodeInfo {
    RiskCode code;
    std::string_view name;
    std::string_view rule;
    std::string_view params;
    std::string_view meaning;
};

const std::vector<RiskCodeInfo>& risk_codes();
std::string_view to_string(RiskCode code);
std::vector<std::string> risk_code_names();

}  // namespace kl::projects
