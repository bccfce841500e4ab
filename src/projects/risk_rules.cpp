#include "projects/risk_rules.h"

#include <algorithm>

#include "audit/canonical_json.h"
#include "core/identifier.h"
#include "projects/project_repo.h"
#include "projects/risk_repo.h"

namespace kl::projects {

namespace {

constexpr int64_t bp_whole = 10'000;

std::string fen_text(int64_t fen) { return std::to_string(fen); }

Finding make(const std::string& rule, Severity severity, std::string fingerprint, RiskCode code, ProblemParams params,
             std::string summary, std::string evidence) {
    Finding out;
    out.rule = rule;
    out.severity = severity;
    out.fingerprint = rule + ":" + fingerprint;
    out.code = code;
    out.params = std::move(params);
    out.summary = std::move(summary);
    out.evidence_json = std::move(evidence);
    return out;
}

Finding for_request(Finding finding, const PaymentRequest& request) {
    finding.county = request.county;
    finding.project_id = request.project_id;
    finding.contract_id = request.contract_id;
    finding.payment_request_id = request.id;
    return finding;
}

Finding for_contract(Finding finding, const Contract& contract) {
    finding.county = contract.county;
    finding.project_id = contract.fields.project_id;
    finding.contract_id = contract.id;
    return finding;
}

// value × bp / 10000 without overflow for amounts below ¥10 billion (10^12 fen × 10^4 < 2^63).
int64_t share(int64_t value, int64_t bp) { return value * bp / bp_whole; }

Result<void> check_amounts(store::Tx& tx, const RiskSettings& settings, const PaymentRequest& request,
                           const Contract& contract, std::vector<Finding>& out) {
    KL_TRY_ASSIGN(int64_t paid, others_paid_fen(tx, request));
    const int64_t total = paid + request.amount_fen;
    const int64_t value = contract.fields.value_fen + contract.modifications_fen;
    auto evidence = [&](audit::CanonicalJson object) {
        return object.add("contract_id", contract.id).add("payment_request_id", request.id)
            .add("contract_value_fen", contract.fields.value_fen).add("modifications_fen", contract.modifications_fen)
            .add("paid_before_fen", paid).add("amount_fen", request.amount_fen).str();
    };
    if (total > value) {
        out.push_back(for_request(make("R1", Severity::high, request.id, RiskCode::contract_value_exceeded,
                                       {{"total_fen", total}, {"value_fen", value}},
                                       "payments would exceed the contract value (" + fen_text(total) + " > " +
                                           fen_text(value) + " fen)",
                                       evidence(audit::CanonicalJson())),
                                  request));
    }
    KL_TRY_ASSIGN(ProgressReport progress, require_progress(tx, request.progress_id));
    KL_TRY_ASSIGN(Project project, require_project(tx, request.project_id));
    const int64_t progress_cap = value * progress.pct / 100;
    const bool before_acceptance = project.status != ProjectStatus::accepted && project.status != ProjectStatus::closed;
    const int64_t retention_bp = std::min(contract.fields.retention_bp, settings.get("retention_cap_bp"));
    const int64_t retention_cap = value - share(value, retention_bp);
    if (total > progress_cap || (before_acceptance && total > retention_cap)) {
        const bool by_progress = total > progress_cap;
        out.push_back(for_request(
            make("R2", Severity::high, request.id,
                 by_progress ? RiskCode::progress_exceeded : RiskCode::retention_eaten,
                 by_progress ? ProblemParams{{"total_fen", total}, {"cap_fen", progress_cap}, {"pct", progress.pct}}
                             : ProblemParams{{"total_fen", total}, {"cap_fen", retention_cap}, {"retention_bp", retention_bp}},
                 by_progress ? "payments would exceed verified progress (" + std::to_string(progress.pct) + " % of the value)"
                             : "payments would eat into the quality retention before acceptance",
                 evidence(audit::CanonicalJson().add("progress_id", progress.id).add("verified_pct", progress.pct)
                              .add("progress_cap_fen", progress_cap).add("retention_bp", retention_bp)
                              .add("retention_cap_fen", retention_cap))),
            request));
    }
    if (request.amount_fen % settings.get("round_amount_fen") == 0) {
        out.push_back(for_request(make("R6", Severity::low, request.id, RiskCode::round_amount,
                                       {{"amount_fen", request.amount_fen}, {"round_fen", settings.get("round_amount_fen")}},
                                       "a round amount",
                                       audit::CanonicalJson().add("payment_request_id", request.id)
                                           .add("amount_fen", request.amount_fen).str()),
                                  request));
    }
    const int64_t limit = settings.get("approval_limit_fen");
    if (request.amount_fen < limit && request.amount_fen >= limit - share(limit, settings.get("approval_margin_bp"))) {
        out.push_back(for_request(make("R15", Severity::medium, request.id, RiskCode::near_approval_limit,
                                       {{"amount_fen", request.amount_fen}, {"limit_fen", limit}},
                                       "amount just below the approval limit",
                                       audit::CanonicalJson().add("payment_request_id", request.id)
                                           .add("amount_fen", request.amount_fen).add("approval_limit_fen", limit).str()),
                                  request));
    }
    const bool before_award = request.requested_on < contract.fields.award_date;
    if (before_award || (project.closed_on && request.requested_on > *project.closed_on)) {
        out.push_back(for_request(
            make("R11", Severity::high, request.id,
                 before_award ? RiskCode::requested_before_award : RiskCode::requested_after_close,
                 before_award ? ProblemParams{{"requested_on", kl::format_date(request.requested_on)},
                                              {"award_date", kl::format_date(contract.fields.award_date)}}
                              : ProblemParams{{"requested_on", kl::format_date(request.requested_on)},
                                              {"closed_on", kl::format_date(*project.closed_on)}},
                 before_award ? "payment requested before the contract was awarded"
                                                                   : "payment requested after the project closed",
                 audit::CanonicalJson().add("payment_request_id", request.id).add("requested_on", kl::format_date(request.requested_on))
                     .add("award_date", kl::format_date(contract.fields.award_date)).str()),
            request));
    }
    return ok();
}

std::string named(const InvoiceNumber& invoice) { return invoice.id + " (" + invoice.invoice_no + ")"; }

// The payee's other invoices whose number is this one's look-alike (core/identifier.h), whatever
// their amount and date, as "id (number)". Keys are computed here, not read from invoice_key: rows
// older than migration 0013 that were look-alikes of each other keep a NULL key.
Result<std::vector<std::string>> look_alike_invoices(store::Tx& tx, const Invoice& invoice) {
    const std::string key = identifier_key(invoice.fields.invoice_no);
    KL_TRY_ASSIGN(auto others, payee_invoices(tx, invoice.fields.payee_org_id, invoice.id));
    std::vector<std::string> found;
    for (const auto& other : others) {
        if (identifier_key(other.invoice_no) == key) found.push_back(named(other));
    }
    return found;
}

Result<void> check_duplicates(store::Tx& tx, const RiskSettings& settings, const PaymentRequest& request,
                              std::vector<Finding>& out) {
    KL_TRY_ASSIGN(auto citing, requests_citing_invoice(tx, request.invoice_id, request.id));
    if (!citing.empty()) {
        out.push_back(for_request(make("R4", Severity::high, request.id, RiskCode::invoice_cited_twice,
                                       {{"others", citing.size()}}, "the invoice is already cited by another request",
                                       audit::CanonicalJson().add("invoice_id", request.invoice_id).add("payment_request_id", request.id)
                                           .add("other_requests", citing).str()),
                                  request));
        return ok();
    }
    KL_TRY_ASSIGN(Invoice invoice, require_invoice(tx, request.invoice_id));
    // One R4 flag per request (the fingerprint is the rule and the request), so the strongest sign wins.
    KL_TRY_ASSIGN(std::vector<std::string> look_alikes, look_alike_invoices(tx, invoice));
    if (!look_alikes.empty()) {
        out.push_back(for_request(make("R4", Severity::high, request.id, RiskCode::invoice_number_look_alike,
                                       {{"invoice_no", invoice.fields.invoice_no}, {"others", look_alikes.size()}},
                                       "the payee has another invoice with the same number (ignoring case, width, "
                                       "dash forms, spaces and invisible characters)",
                                       audit::CanonicalJson().add("invoice_id", invoice.id).add("invoice_no", invoice.fields.invoice_no)
                                           .add("amount_fen", invoice.fields.amount_fen).add("other_invoices", look_alikes)
                                           .str()),
                                  request));
        return ok();
    }
    const int64_t window = settings.get("duplicate_invoice_window_days");
    KL_TRY_ASSIGN(auto twins, payee_invoices_of_amount(tx, invoice.fields.payee_org_id, invoice.fields.amount_fen, invoice.id,
                                                       kl::add_days(invoice.fields.issued_on, -window),
                                                       kl::add_days(invoice.fields.issued_on, window)));
    if (!twins.empty()) {
        std::vector<std::string> ids;
        for (const auto& twin : twins) ids.push_back(named(twin));
        out.push_back(for_request(make("R4", Severity::high, request.id, RiskCode::invoice_amount_twin,
                                       {{"amount_fen", invoice.fields.amount_fen}, {"days", window}, {"others", ids.size()}},
                                       "the payee has another invoice of the same amount within " +
                                           std::to_string(window) + " days",
                                       audit::CanonicalJson().add("invoice_id", invoice.id).add("invoice_no", invoice.fields.invoice_no)
                                           .add("amount_fen", invoice.fields.amount_fen).add("other_invoices", ids).str()),
                                  request));
    }
    return ok();
}

Result<void> check_payee(store::Tx& tx, const PaymentRequest& request, const Contract& contract,
                         std::vector<Finding>& out) {
    if (request.payee_org_id != contract.fields.counterparty_org_id) {
        out.push_back(for_request(make("R10", Severity::high, request.id, RiskCode::payee_not_counterparty, {}, "the payee is not the contract's counterparty",
                                       audit::CanonicalJson().add("payment_request_id", request.id).add("payee_org_id", request.payee_org_id)
                                           .add("counterparty_org_id", contract.fields.counterparty_org_id).str()),
                                  request));
    }
    KL_TRY_ASSIGN(PartyDetails payee, require_party(tx, request.payee_org_id));
    if (payee.kind == "household" || request.method == PaymentMethod::cash) {
        const bool cash = request.method == PaymentMethod::cash;
        out.push_back(for_request(make("R9", Severity::high, request.id,
                                       cash ? RiskCode::cash_payment : RiskCode::household_payee, {},
                                       request.method == PaymentMethod::cash ? "a cash payment from a project account"
                                                                             : "a payment to an individual household",
                                       audit::CanonicalJson().add("payment_request_id", request.id).add("payee_kind", payee.kind)
                                           .add("method", to_string(request.method)).str()),
                                  request));
    }
    // Related parties: the county's agencies (its staff) and the project's other contractors.
    KL_TRY_ASSIGN(auto related, related_parties(tx, request.payee_org_id, request.county, request.project_id));
    constexpr std::pair<const char*, std::string PartyDetails::*> details[] = {
        {"credit_code", &PartyDetails::credit_code}, {"contact_phone", &PartyDetails::contact_phone},
        {"address", &PartyDetails::address}};
    std::vector<std::string> matches;
    for (const auto& party : related) {
        for (const auto& [field, member] : details) {
            const std::string& mine = payee.*member;
            if (!mine.empty() && mine == party.*member) matches.push_back(party.id + ":" + field);
        }
    }
    if (!matches.empty()) {
        out.push_back(for_request(make("R8", Severity::high, request.id, RiskCode::payee_shares_details,
                                       {{"matches", matches.size()}},
                                       "the payee shares identifying details with staff or another contractor",
                                       audit::CanonicalJson().add("payment_request_id", request.id).add("payee_org_id", request.payee_org_id)
                                           .add("shared_with", matches).str()),
                                  request));
    }
    return ok();
}

// Quartile by the nearest-rank method on sorted integers (no floating point): Q at p/4.
int64_t quartile(const std::vector<int64_t>& sorted, size_t quarter) {
    const size_t rank = (quarter * sorted.size() + 3) / 4;  // ceil(quarter/4 × n), 1-based
    return sorted[std::max<size_t>(rank, 1) - 1];
}

}  // namespace

const std::vector<std::pair<std::string, int64_t>>& risk_setting_names() {
    static const std::vector<std::pair<std::string, int64_t>> names = {
        {"tender_threshold_construction_fen", 1'000'000'000'000LL},
        {"tender_threshold_goods_fen", 1'000'000'000'000LL},
        {"tender_threshold_services_fen", 1'000'000'000'000LL},
        {"split_window_days", 3660},
        {"near_threshold_bp", bp_whole},
        {"duplicate_invoice_window_days", 366},
        {"round_amount_fen", 1'000'000'000'000LL},
        {"idle_days", 3660},
        {"december_share_bp", bp_whole},
        {"modification_share_bp", bp_whole},
        {"modification_after_award_days", 3660},
        {"tender_days_min", 366},
        {"approval_limit_fen", 1'000'000'000'000LL},
        {"approval_margin_bp", bp_whole},
        {"retention_cap_bp", bp_whole},
    };
    return names;
}

int64_t RiskSettings::get(const std::string& name) const {
    auto found = values.find(name);
    KL_ASSERT(found != values.end());  // load_risk_settings fills every name
    return found->second;
}

int64_t RiskSettings::tender_threshold_fen(ContractCategory category) const {
    return get("tender_threshold_" + std::string(to_string(category)) + "_fen");
}

Result<RiskSettings> load_risk_settings(store::Tx& tx) {
    RiskSettings settings;
    KL_TRY_ASSIGN(settings.values, risk_setting_values(tx));
    for (const auto& [name, max] : risk_setting_names()) {
        if (!settings.values.count(name)) return fail(ErrorCode::internal, "risk setting " + name + " is missing");
    }
    if (settings.get("round_amount_fen") <= 0) settings.values["round_amount_fen"] = 1;  // a zero would divide
    return settings;
}

Result<std::vector<Finding>> check_payment_request(store::Tx& tx, const RiskSettings& settings,
                                                   const PaymentRequest& request) {
    std::vector<Finding> out;
    KL_TRY_ASSIGN(Contract contract, require_contract(tx, request.contract_id));
    KL_TRY(check_amounts(tx, settings, request, contract, out));
    KL_TRY(check_duplicates(tx, settings, request, out));
    KL_TRY(check_payee(tx, request, contract, out));
    return out;
}

Result<std::vector<Finding>> check_contract(store::Tx& tx, const RiskSettings& settings, const Contract& contract) {
    std::vector<Finding> out;
    const int64_t threshold = settings.tender_threshold_fen(contract.fields.category);
    const int64_t window = settings.get("split_window_days");
    const std::string category(to_string(contract.fields.category));
    if (contract.fields.value_fen < threshold) {
        KL_TRY_ASSIGN(auto group, split_group_contracts(
                                      tx, SplitGroup{contract.fields.counterparty_org_id, contract.fields.project_id,
                                                     contract.fields.category, kl::add_days(contract.fields.award_date, -window),
                                                     kl::add_days(contract.fields.award_date, window), threshold}));
        int64_t sum = 0;
        std::vector<std::string> ids;
        for (const auto& other : group) {
            sum += other.fields.value_fen;
            ids.push_back(other.id);
        }
        if (group.size() >= 2 && sum >= threshold) {
            std::string fingerprint;
            for (const auto& id : ids) fingerprint += id + ",";
            out.push_back(for_contract(make("R3", Severity::high, fingerprint, RiskCode::split_purchase,
                                            {{"contracts", ids.size()}, {"category", category}, {"sum_fen", sum},
                                             {"threshold_fen", threshold}},
                                            "possible split purchase: " + std::to_string(ids.size()) + " " + category +
                                                " contracts below the tender threshold sum to " + fen_text(sum) + " fen",
                                            audit::CanonicalJson().add("contracts", ids).add("sum_fen", sum)
                                                .add("threshold_fen", threshold).add("window_days", window).str()),
                                       contract));
        }
        if (contract.fields.value_fen >= share(threshold, settings.get("near_threshold_bp"))) {
            out.push_back(for_contract(make("R3", Severity::medium, "near:" + contract.id, RiskCode::near_tender_threshold,
                                            {{"value_fen", contract.fields.value_fen}, {"threshold_fen", threshold}},
                                            "contract value just below the tender threshold",
                                            audit::CanonicalJson().add("contract_id", contract.id).add("value_fen", contract.fields.value_fen)
                                                .add("threshold_fen", threshold).str()),
                                       contract));
        }
    }
    int64_t raised = 0;
    std::vector<std::string> early;
    const int64_t after_award = settings.get("modification_after_award_days");
    for (const auto& modification : contract.modifications) {
        if (modification.delta_fen > 0) raised += modification.delta_fen;
        if (kl::days_between(contract.fields.award_date, modification.approved_on) < after_award) {
            early.push_back(modification.id);
        }
    }
    if (raised > share(contract.fields.value_fen, settings.get("modification_share_bp")) || !early.empty()) {
        out.push_back(for_contract(make("R13", Severity::medium, contract.id + ":" + std::to_string(contract.modifications.size()),
                                        !early.empty() ? RiskCode::modification_soon_after_award : RiskCode::modifications_above_share,
                                        !early.empty() ? ProblemParams{{"modifications", early.size()}, {"days", after_award}}
                                                       : ProblemParams{{"raised_fen", raised}, {"value_fen", contract.fields.value_fen},
                                                                       {"share_bp", settings.get("modification_share_bp")}},
                                        !early.empty() ? "a modification soon after the award"
                                                       : "modifications above the allowed share of the value",
                                        audit::CanonicalJson().add("contract_id", contract.id).add("value_fen", contract.fields.value_fen)
                                            .add("raised_fen", raised).add("early_modifications", early).str()),
                                   contract));
    }
    const bool single_bid = is_tender(contract.fields.procurement_method) && contract.fields.bid_count == 1;
    const bool short_period = contract.fields.tender_days && *contract.fields.tender_days < settings.get("tender_days_min");
    if (single_bid || short_period) {
        out.push_back(for_contract(make("R14", Severity::medium, contract.id,
                                        single_bid ? RiskCode::single_bid_tender : RiskCode::short_bid_period,
                                        single_bid ? ProblemParams{}
                                                   : ProblemParams{{"days", contract.fields.tender_days.value_or(0)},
                                                                   {"days_min", settings.get("tender_days_min")}},
                                        single_bid ? "a tender with a single bid" : "a short bid submission period",
                                        audit::CanonicalJson().add("contract_id", contract.id).add("bid_count", contract.fields.bid_count)
                                            .add("tender_days", contract.fields.tender_days.value_or(-1)).str()),
                                   contract));
    }
    return out;
}

Result<std::vector<Finding>> check_programme(store::Tx& tx, const RiskSettings& settings, Date today) {
    std::vector<Finding> out;
    // R5: payee concentration per county.
    KL_TRY_ASSIGN(auto totals, paid_by_county_payee(tx));
    std::map<std::string, std::vector<std::pair<std::string, int64_t>>> by_county;
    for (const auto& total : totals) by_county[total.county].emplace_back(total.payee_org_id, total.paid_fen);
    for (const auto& [county, payees] : by_county) {
        if (payees.size() < 4) continue;
        std::vector<int64_t> sorted;
        for (const auto& payee : payees) sorted.push_back(payee.second);
        std::sort(sorted.begin(), sorted.end());
        const int64_t q1 = quartile(sorted, 1), q3 = quartile(sorted, 3);
        const int64_t fence = q3 + (q3 - q1) * 3 / 2;
        for (const auto& [payee, total] : payees) {
            if (total <= fence) continue;
            Finding finding = make("R5", Severity::medium, county + ":" + payee, RiskCode::payee_concentration,
                                   {{"paid_fen", total}, {"fence_fen", fence}},
                                   "payee concentration: paid far more than the county's other payees",
                                   audit::CanonicalJson().add("county", county).add("payee_org_id", payee).add("paid_fen", total)
                                       .add("q1_fen", q1).add("q3_fen", q3).add("fence_fen", fence).str());
            finding.county = county;
            out.push_back(std::move(finding));
        }
    }
    // R7: idle funds.
    const int64_t idle_days = settings.get("idle_days");
    KL_TRY_ASSIGN(auto active, active_projects(tx));
    for (const auto& project : active) {
        KL_TRY_ASSIGN(ProjectPaid paid, project_paid(tx, project.id));
        if (paid.paid_fen >= project.fields.budget_fen || !project.approved_on) continue;
        const Date since = paid.last_paid_on.value_or(*project.approved_on);
        if (kl::days_between(since, today) <= idle_days) continue;
        Finding finding = make("R7", Severity::medium, project.id + ":" + kl::format_date(since), RiskCode::idle_funds,
                               {{"days", kl::days_between(since, today)}, {"budget_fen", project.fields.budget_fen},
                                {"disbursed_fen", paid.paid_fen}},
                               "idle funds: no payment for " + std::to_string(kl::days_between(since, today)) + " days",
                               audit::CanonicalJson().add("project_id", project.id).add("since", kl::format_date(since))
                                   .add("budget_fen", project.fields.budget_fen).add("disbursed_fen", paid.paid_fen).str());
        finding.county = project.fields.county;
        finding.project_id = project.id;
        out.push_back(std::move(finding));
    }
    // R12: December's share of each county's annual disbursement.
    KL_TRY_ASSIGN(auto yearly, paid_by_county_year(tx));
    const int64_t share_bp = settings.get("december_share_bp");
    for (const auto& year : yearly) {
        const int64_t total = year.paid_fen, december = year.december_fen;
        if (total <= 0 || december * bp_whole <= total * share_bp) continue;
        Finding finding = make("R12", Severity::medium, year.county + ":" + year.year, RiskCode::december_share,
                               {{"year", year.year}, {"december_fen", december}, {"total_fen", total}, {"limit_bp", share_bp}},
                               "December carries too large a share of the year's disbursement",
                               audit::CanonicalJson().add("county", year.county).add("year", year.year)
                                   .add("total_fen", total).add("december_fen", december).add("limit_bp", share_bp).str());
        finding.county = year.county;
        out.push_back(std::move(finding));
    }
    return out;
}

}  // namespace kl::projects
