#include "projects/risk_codes.h"

#include "core/assert.h"

namespace kl::projects {

const std::vector<RiskCodeInfo>& risk_codes() {
    using R = RiskCode;
    static const std::vector<RiskCodeInfo> table = {
        {R::contract_value_exceeded, "contract_value_exceeded", "R1", "total_fen, value_fen",
         "payments on the contract, this one included, would exceed its value with modifications"},
        {R::progress_exceeded, "progress_exceeded", "R2", "total_fen, cap_fen, pct",
         "payments would exceed the verified progress (pct % of the value)"},
        {R::retention_eaten, "retention_eaten", "R2", "total_fen, cap_fen, retention_bp",
         "payments before acceptance would eat into the quality retention"},
        {R::split_purchase, "split_purchase", "R3", "contracts, category, sum_fen, threshold_fen",
         "contracts each below the tender threshold sum to more than it (a possible split purchase)"},
        {R::near_tender_threshold, "near_tender_threshold", "R3", "value_fen, threshold_fen",
         "a contract's value just below its tender threshold"},
        {R::invoice_cited_twice, "invoice_cited_twice", "R4", "others", "the invoice is cited by other live requests"},
        {R::invoice_number_look_alike, "invoice_number_look_alike", "R4", "invoice_no, others",
         "the payee has other invoices with the same number, ignoring case, width, dashes and spaces"},
        {R::invoice_amount_twin, "invoice_amount_twin", "R4", "amount_fen, days, others",
         "the payee has other invoices of the same amount within `days` days"},
        {R::payee_concentration, "payee_concentration", "R5", "paid_fen, fence_fen",
         "a payee was paid far more than the county's other payees (above Q3 + 1.5 × IQR)"},
        {R::round_amount, "round_amount", "R6", "amount_fen, round_fen", "the amount is a multiple of round_fen"},
        {R::idle_funds, "idle_funds", "R7", "days, budget_fen, disbursed_fen",
         "an approved or started project with budget left and no payment for `days` days"},
        {R::payee_shares_details, "payee_shares_details", "R8", "matches",
         "the payee shares a credit code, phone or address with county staff or another contractor"},
        {R::cash_payment, "cash_payment", "R9", "", "a cash payment from a project account"},
        {R::household_payee, "household_payee", "R9", "", "a payment to an individual household"},
        {R::payee_not_counterparty, "payee_not_counterparty", "R10", "", "the payee is not the contract's counterparty"},
        {R::requested_before_award, "requested_before_award", "R11", "requested_on, award_date",
         "payment requested before the contract was awarded"},
        {R::requested_after_close, "requested_after_close", "R11", "requested_on, closed_on",
         "payment requested after the project closed"},
        {R::december_share, "december_share", "R12", "year, december_fen, total_fen, limit_bp",
         "December carries more than limit_bp of a county's disbursement in the year"},
        {R::modification_soon_after_award, "modification_soon_after_award", "R13", "modifications, days",
         "contract modifications within `days` days of the award"},
        {R::modifications_above_share, "modifications_above_share", "R13", "raised_fen, value_fen, share_bp",
         "value modifications above share_bp of the original value"},
        {R::single_bid_tender, "single_bid_tender", "R14", "", "a tender with a single bid"},
        {R::short_bid_period, "short_bid_period", "R14", "days, days_min", "a bid submission period under days_min days"},
        {R::near_approval_limit, "near_approval_limit", "R15", "amount_fen, limit_fen",
         "an amount just below the approval limit"},
    };
    KL_ASSERT(table.size() == risk_code_count);
    return table;
}

std::string_view to_string(RiskCode code) {
    const auto& info = risk_codes().at(static_cast<size_t>(code));
    KL_ASSERT(info.code == code);  // the table is in enum order
    return info.name;
}

std::vector<std::string> risk_code_names() {
    std::vector<std::string> names;
    for (const auto& info : risk_codes()) names.emplace_back(info.name);
    return names;
}

}  // namespace kl::projects
