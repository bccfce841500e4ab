#include "projects/risk_service.h"

#include "access/page_cursor.h"
#include "access/permissions.h"
#include "audit/canonical_json.h"
#include "core/field_errors.h"
#include "projects/project_access.h"
#include "projects/project_repo.h"
#include "projects/risk_repo.h"

namespace kl::projects {

namespace {

Result<Scope> flag_scope(store::Tx& tx, const std::optional<access::Principal>& actor) {
    KL_TRY_ASSIGN(Scope scope, scope_of(tx, actor));
    if (scope.kind == Scope::Kind::counterparty) {
        return fail(ErrorCode::permission_denied, "risk flags are for the Front Command, auditors and county officers");
    }
    return scope;
}

bool sees_flag(const Scope& scope, const RiskFlag& flag) {
    if (scope.kind == Scope::Kind::everything) return true;
    return scope.kind == Scope::Kind::county && flag.county == scope.value;
}

}  // namespace

Result<std::vector<std::string>> raise_findings(store::Tx& tx, const ProjectContext& context,
                                                const std::optional<access::Principal>& actor,
                                                const std::vector<Finding>& findings) {
    std::vector<std::string> raised;
    for (const auto& finding : findings) {
        const std::string id = context.ids.next();
        KL_TRY_ASSIGN(bool inserted, insert_flag(tx, id, finding, context.clock.now_ms()));
        if (!inserted) continue;
        KL_TRY(audit(tx, context, actor, "risk_flag.raise", "risk_flag", id,
                     audit::CanonicalJson().add("rule", finding.rule).add("severity", to_string(finding.severity))
                         .add("summary", finding.summary).add_raw("evidence", finding.evidence_json).str()));
        raised.push_back(id);
    }
    return raised;
}

Result<std::vector<RiskFlag>> RiskService::list(const std::optional<access::Principal>& actor, const FlagFilter& filter,
                                                int limit, const std::optional<std::string>& cursor,
                                                std::optional<std::string>& next_cursor) {
    return scoped_page(
        context_.store, limit, cursor, next_cursor, [&](store::Tx& tx) { return flag_scope(tx, actor); },
        [&](store::Tx& tx, const ListScope& rows, const auto& after) { return list_flags(tx, filter, rows.county, after, limit); });
}

Result<RiskFlag> RiskService::get(const std::optional<access::Principal>& actor, const std::string& id) {
    return context_.store.read([&](store::Tx& tx) -> Result<RiskFlag> {
        KL_TRY_ASSIGN(Scope scope, flag_scope(tx, actor));
        KL_TRY_ASSIGN(auto found, find_flag(tx, id));
        if (!found || !sees_flag(scope, *found)) return fail(ErrorCode::not_found, "risk flag " + id + " not found");
        return std::move(*found);
    });
}

Result<RiskFlag> RiskService::review(const std::optional<access::Principal>& actor, const std::string& id,
                                     FlagStatus decision, const std::string& reason) {
    if (actor) {
        KL_TRY(access::require_role(*actor, {access::Role::fund_officer, access::Role::auditor}));
    }
    FieldErrors errors;
    if (decision == FlagStatus::open) errors.add("decision", ProblemCode::not_one_of, "must be confirmed or dismissed");
    errors.check_text("reason", reason, 1, review_reason_chars_max, TextKind::prose);
    KL_TRY(errors.finish());
    return context_.store.write([&](store::Tx& tx) -> Result<RiskFlag> {
        KL_TRY_ASSIGN(auto found, find_flag(tx, id));
        if (!found) return fail(ErrorCode::not_found, "risk flag " + id + " not found");
        if (found->status != FlagStatus::open) {
            return fail(ErrorCode::conflict, "this flag was already " + std::string(to_string(found->status)));
        }
        KL_TRY(update_flag_review(tx, id, decision, actor_name(actor), reason, context_.clock.now_ms()));
        KL_TRY(audit(tx, context_, actor, "risk_flag." + std::string(to_string(decision)), "risk_flag", id,
                     audit::CanonicalJson().add("rule", found->rule).add("reason", reason).str()));
        KL_TRY_ASSIGN(auto updated, find_flag(tx, id));
        return std::move(*updated);  // reviewed just now
    });
}

Result<ScanSummary> RiskService::scan(const std::optional<access::Principal>& actor) {
    if (actor) KL_TRY(access::require_role(*actor, {access::Role::admin}));
    return context_.store.write([&](store::Tx& tx) -> Result<ScanSummary> {
        ScanSummary summary;
        KL_TRY_ASSIGN(RiskSettings settings, load_risk_settings(tx));
        std::vector<Finding> findings;
        KL_TRY_ASSIGN(auto contracts, all_contracts(tx));
        for (const auto& listed : contracts) {
            KL_TRY_ASSIGN(Contract contract, require_contract(tx, listed.id));  // with its modifications
            KL_TRY_ASSIGN(auto found, check_contract(tx, settings, contract));
            findings.insert(findings.end(), found.begin(), found.end());
            ++summary.contracts;
        }
        KL_TRY_ASSIGN(auto requests, unrejected_payments(tx));
        for (const auto& request : requests) {
            KL_TRY_ASSIGN(auto found, check_payment_request(tx, settings, request));
            findings.insert(findings.end(), found.begin(), found.end());
            ++summary.requests;
        }
        KL_TRY_ASSIGN(auto programme, check_programme(tx, settings, kl::today_in_shanghai(context_.clock)));
        findings.insert(findings.end(), programme.begin(), programme.end());
        KL_TRY_ASSIGN(auto raised, raise_findings(tx, context_, actor, findings));
        summary.new_flags = static_cast<int64_t>(raised.size());
        return summary;
    });
}

Result<RiskSettings> RiskService::settings(const std::optional<access::Principal>& actor) {
    if (actor) {
        KL_TRY(access::require_role(*actor, {access::Role::admin, access::Role::fund_officer, access::Role::auditor}));
    }
    return context_.store.read([&](store::Tx& tx) { return load_risk_settings(tx); });
}

Result<RiskSettings> RiskService::update_settings(const std::optional<access::Principal>& actor,
                                                  const std::map<std::string, int64_t>& values) {
    if (actor) KL_TRY(access::require_role(*actor, {access::Role::admin}));
    FieldErrors errors;
    for (const auto& [name, value] : values) {
        bool known = false;
        for (const auto& [known_name, max] : risk_setting_names()) {
            if (known_name != name) continue;
            known = true;
            if (value < 0 || value > max) errors.add(name, ProblemCode::out_of_range, "must be between 0 and " + std::to_string(max));
        }
        if (!known) errors.add(name, ProblemCode::unknown_reference, "is not a risk setting");
    }
    if (values.empty()) errors.add("body", ProblemCode::invalid_value, "names no setting to change");
    KL_TRY(errors.finish());
    return context_.store.write([&](store::Tx& tx) -> Result<RiskSettings> {
        audit::CanonicalJson body;
        for (const auto& [name, value] : values) {
            KL_TRY(update_risk_setting(tx, name, value));
            body.add(name, value);
        }
        KL_TRY(audit(tx, context_, actor, "risk_settings.update", "risk_settings", "risk_settings", body.str()));
        return load_risk_settings(tx);
    });
}

DailyJob::Run nightly_risk_scan(RiskService& risk) {
    return [&risk]() -> Result<JobSummary> {
        KL_TRY_ASSIGN(ScanSummary summary, risk.scan(std::nullopt));
        return JobSummary{"risk_scan_done",
                          {{"contracts", summary.contracts}, {"requests", summary.requests}, {"new_flags", summary.new_flags}},
                          std::to_string(summary.contracts) + " contract(s) and " + std::to_string(summary.requests) +
                              " payment request(s) checked, " + std::to_string(summary.new_flags) + " new flag(s)"};
    };
}

}  // namespace kl::projects
