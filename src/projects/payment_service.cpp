#include "projects/payment_service.h"

#include "access/page_cursor.h"
#include "access/token.h"
#include "audit/canonical_json.h"
#include "core/field_errors.h"
#include "projects/payment_repo.h"
#include "projects/project_access.h"
#include "projects/project_repo.h"
#include "projects/project_service.h"
#include "projects/risk_codes.h"
#include "projects/risk_service.h"

namespace kl::projects {

namespace {

constexpr size_t payment_id_hex_chars = 32;

Result<PaymentRequest> visible_payment(store::Tx& tx, const Scope& scope, const std::string& id) {
    auto request = require_payment(tx, id);
    if (!request || !sees_money_record(scope, request->county, request->payee_org_id)) {
        return fail(ErrorCode::not_found, "payment request " + id + " not found");
    }
    return request;
}

// A decision of the Front Command on a request the actor sees.
Result<PaymentRequest> decidable_payment(store::Tx& tx, const std::optional<access::Principal>& actor,
                                         const std::string& id, const std::string& what) {
    KL_TRY_ASSIGN(Scope scope, scope_of(tx, actor));
    KL_TRY_ASSIGN(PaymentRequest request, visible_payment(tx, scope, id));
    KL_TRY(require_fund_officer(actor, what));
    return request;
}

std::string status_body(const PaymentRequest& request, const std::string& extra_key = "", const std::string& extra = "") {
    audit::CanonicalJson body;
    body.add("status", to_string(request.status)).add("amount_fen", request.amount_fen).add("contract_id", request.contract_id);
    if (!extra_key.empty()) body.add(extra_key, extra);
    return body.str();
}

// Failures of the ledger that are answers about this payment (refusals), not faults of the system.
bool is_refusal(ErrorCode code) {
    return code == ErrorCode::failed_precondition || code == ErrorCode::conflict ||
           code == ErrorCode::invalid_argument || code == ErrorCode::not_found || code == ErrorCode::already_exists;
}

}  // namespace

std::string payment_order_id(const std::string& request_id, int64_t attempt) {
    return access::sha256_hex("kashlink payment " + request_id + " " + std::to_string(attempt)).substr(0, payment_id_hex_chars);
}

namespace {

// An open or confirmed high-severity flag stops a payment unless it carries an override reason;
// the override is recorded (with the flags it lifts) and audited.
Result<void> override_blocking_flags(store::Tx& tx, const ProjectContext& context, const std::optional<access::Principal>& actor,
                                     const PaymentRequest& request, const std::optional<std::string>& override_reason) {
    KL_TRY_ASSIGN(auto blocking, blocking_flags(tx, request));
    if (blocking.empty()) return ok();
    std::vector<std::string> flag_ids;
    std::string rules;
    for (const auto& flag : blocking) {
        flag_ids.push_back(flag.id);
        rules += (rules.empty() ? "" : ", ") + flag.rule;
    }
    if (!override_reason) {
        return fail(ErrorCode::failed_precondition, ProblemCode::open_risk_flags,
                    "the request has open high-severity risk flags (" + rules +
                        "); paying it needs an override with a reason",
                    {{"rules", rules}});
    }
    const std::string override_id = context.ids.next();
    std::string joined;
    for (const auto& flag_id : flag_ids) joined += (joined.empty() ? "" : ",") + flag_id;
    KL_TRY(insert_payment_override(tx, override_id, request.id, actor_name(actor), *override_reason, joined,
                                   context.clock.now_ms()));
    return audit(tx, context, actor, "payment_request.override", "payment_override", override_id,
                 audit::CanonicalJson().add("payment_request_id", request.id).add("reason", *override_reason)
                     .add("flags", flag_ids).str());
}

// A refused payment is an answer: the request stays approved with the reason, audited.
Result<PayOutcome> refuse_payment(store::Tx& tx, const ProjectContext& context, const std::optional<access::Principal>& actor,
                                  const PaymentRequest& request, const std::string& code, const ProblemParams& params,
                                  const std::string& reason) {
    KL_TRY(record_payment_refusal(tx, request.id, code, params, reason));
    KL_TRY(audit(tx, context, actor, "payment_request.refused", "payment_request", request.id,
                 status_body(request, "reason", reason)));
    PayOutcome outcome;
    KL_TRY_ASSIGN(outcome.request, require_payment(tx, request.id));
    return outcome;
}

// One attempt through the funds seam with a fresh payment id; marks the request paid, or refused
// when the funds say no.
Result<PayOutcome> pay_through_funds(store::Tx& tx, const ProjectContext& context, const std::optional<access::Principal>& actor,
                                     const PaymentRequest& request, Date date) {
    const std::string& id = request.id;
    const int64_t attempt = request.attempts + 1;
    const PaymentOrder order{payment_order_id(id, attempt), request.project_id, request.county, request.payee_org_id,
                             request.amount_fen};
    KL_TRY(start_payment_attempt(tx, id, attempt, order.payment_id));
    // The chain runs under its own savepoint: a refusal undoes the ledger's part only, and the
    // refusal itself is still recorded below.
    std::string chain_id;
    auto paid = context.store.write([&](store::Tx& inner) -> Result<void> {
        KL_TRY_ASSIGN(chain_id, context.funds.pay_contractor(inner, order));
        KL_TRY(mark_payment_paid(inner, id, chain_id, date, context.clock.now_ms()));
        return audit(inner, context, actor, "payment_request.pay", "payment_request", id,
                     audit::CanonicalJson().add("payment_id", order.payment_id).add("chain_id", chain_id)
                         .add("amount_fen", request.amount_fen).add("payee_org_id", request.payee_org_id)
                         .add("paid_on", kl::format_date(date)).str());
    });
    if (!paid) {
        if (!is_refusal(paid.error().code)) return fail(std::move(paid).error());
        // The funds' own problem (quota_exceeded with its county and amounts, …), for the console.
        const Error& refused = paid.error();
        return refuse_payment(tx, context, actor, request, std::string(to_string(refused.problem_code())), refused.params,
                              "the funds refused the payment: " + refused.message);
    }
    PayOutcome outcome;
    outcome.paid = true;
    KL_TRY_ASSIGN(outcome.request, require_payment(tx, id));
    return outcome;
}

}  // namespace

Result<SubmitOutcome> PaymentService::submit(const std::optional<access::Principal>& actor,
                                             const PaymentRequestFields& fields) {
    if (fields.amount_fen <= 0 || fields.amount_fen > budget_fen_max) {
        return fail_field("amount_fen", ProblemCode::not_positive, "must be positive");
    }
    return context_.store.write([&](store::Tx& tx) -> Result<SubmitOutcome> {
        KL_TRY_ASSIGN(Scope scope, scope_of(tx, actor));
        auto contract = require_contract(tx, fields.contract_id);
        if (!contract || !sees_money_record(scope, contract->county, contract->fields.counterparty_org_id)) {
            return fail_field("contract_id", ProblemCode::unknown_reference, "is not a known contract");
        }
        KL_TRY(require_project_write(scope, contract->county));
        KL_TRY_ASSIGN(Project project, require_project(tx, contract->fields.project_id));
        if (project.status != ProjectStatus::started && project.status != ProjectStatus::completed &&
            project.status != ProjectStatus::accepted) {
            return fail(ErrorCode::conflict, ProblemCode::wrong_state,
                        "payments are requested for started, completed or accepted projects; this one is " +
                            std::string(to_string(project.status)),
                        {{"record", "project"}, {"status", to_string(project.status)}, {"action", "request_payment"}});
        }
        const std::string payee = fields.payee_org_id.value_or(contract->fields.counterparty_org_id);
        FieldErrors errors;
        auto invoice = require_invoice(tx, fields.invoice_id);
        if (!invoice || invoice->fields.contract_id != contract->id) {
            errors.add("invoice_id", ProblemCode::unknown_reference, "is not an invoice of this contract");
        } else if (invoice->fields.payee_org_id != payee) {
            errors.add("invoice_id", ProblemCode::invalid_value, "was issued by another payee");
        } else if (fields.amount_fen > invoice->fields.amount_fen) {
            errors.add("amount_fen", ProblemCode::above_max, "must not exceed the invoice's amount (" + std::to_string(invoice->fields.amount_fen) + " fen)");
        }
        auto progress = require_progress(tx, fields.progress_id);
        if (!progress || progress->project_id != project.id) {
            errors.add("progress_id", ProblemCode::unknown_reference, "is not a progress report of this project");
        } else if (!progress->verified_by) {
            errors.add("progress_id", ProblemCode::invalid_value, "cites progress that has not been verified");
        }
        KL_TRY(errors.finish());
        const std::string id = context_.ids.next();
        KL_TRY(insert_payment_request(tx, id, project, fields, payee, user_id_of(actor), context_.clock.now_ms()));
        SubmitOutcome outcome;
        KL_TRY_ASSIGN(outcome.request, require_payment(tx, id));
        KL_TRY(audit(tx, context_, actor, "payment_request.submit", "payment_request", id,
                     audit::CanonicalJson().add("contract_id", contract->id).add("invoice_id", fields.invoice_id)
                         .add("progress_id", fields.progress_id).add("payee_org_id", payee)
                         .add("amount_fen", fields.amount_fen).add("method", to_string(fields.method)).str()));
        KL_TRY_ASSIGN(RiskSettings settings, load_risk_settings(tx));
        KL_TRY_ASSIGN(auto findings, check_payment_request(tx, settings, outcome.request));
        KL_TRY_ASSIGN(auto contract_findings, check_contract(tx, settings, *contract));
        findings.insert(findings.end(), contract_findings.begin(), contract_findings.end());
        KL_TRY_ASSIGN(auto raised, raise_findings(tx, context_, actor, findings));
        for (const auto& flag_id : raised) {
            KL_TRY_ASSIGN(auto flag, find_flag(tx, flag_id));
            outcome.flags.push_back(std::move(*flag));  // raised just now
        }
        return outcome;
    });
}

Result<PaymentRequest> PaymentService::get(const std::optional<access::Principal>& actor, const std::string& id) {
    return context_.store.read([&](store::Tx& tx) -> Result<PaymentRequest> {
        KL_TRY_ASSIGN(Scope scope, scope_of(tx, actor));
        return visible_payment(tx, scope, id);
    });
}

Result<std::vector<PaymentRequest>> PaymentService::list(const std::optional<access::Principal>& actor,
                                                         const PaymentFilter& filter, int limit,
                                                         const std::optional<std::string>& cursor,
                                                         std::optional<std::string>& next_cursor) {
    return scoped_page(
        context_.store, limit, cursor, next_cursor, [&](store::Tx& tx) { return scope_of(tx, actor); },
        [&](store::Tx& tx, const ListScope& rows, const auto& after) { return list_payments(tx, filter, rows, after, limit); });
}

Result<PaymentRequest> PaymentService::approve(const std::optional<access::Principal>& actor, const std::string& id) {
    return context_.store.write([&](store::Tx& tx) -> Result<PaymentRequest> {
        KL_TRY_ASSIGN(PaymentRequest request, decidable_payment(tx, actor, id, "approve a payment request"));
        if (request.status != PaymentStatus::submitted) {
            return fail(ErrorCode::conflict, ProblemCode::wrong_state,
                        "only a submitted request is approved; this one is " + std::string(to_string(request.status)),
                        {{"record", "payment_request"}, {"status", to_string(request.status)}, {"action", "approve"}});
        }
        if (actor && request.requested_by == actor->user_id) {
            return fail(ErrorCode::permission_denied, "a request is approved by someone other than its requester");
        }
        KL_TRY(approve_payment_request(tx, id, actor_name(actor), context_.clock.now_ms()));
        KL_TRY_ASSIGN(PaymentRequest approved, require_payment(tx, id));
        KL_TRY(audit(tx, context_, actor, "payment_request.approve", "payment_request", id, status_body(approved)));
        return approved;
    });
}

Result<PaymentRequest> PaymentService::reject(const std::optional<access::Principal>& actor, const std::string& id,
                                              const std::string& reason) {
    FieldErrors errors;
    errors.check_text("reason", reason, 1, note_chars_max, TextKind::prose);
    KL_TRY(errors.finish());
    return context_.store.write([&](store::Tx& tx) -> Result<PaymentRequest> {
        KL_TRY_ASSIGN(PaymentRequest request, decidable_payment(tx, actor, id, "reject a payment request"));
        if (request.status != PaymentStatus::submitted && request.status != PaymentStatus::approved) {
            return fail(ErrorCode::conflict, ProblemCode::wrong_state,
                        "a " + std::string(to_string(request.status)) + " request cannot be rejected",
                        {{"record", "payment_request"}, {"status", to_string(request.status)}, {"action", "reject"}});
        }
        KL_TRY(reject_payment_request(tx, id, actor_name(actor), reason));
        KL_TRY_ASSIGN(PaymentRequest rejected, require_payment(tx, id));
        KL_TRY(audit(tx, context_, actor, "payment_request.reject", "payment_request", id,
                     status_body(rejected, "reason", reason)));
        return rejected;
    });
}

Result<PayOutcome> PaymentService::pay(const std::optional<access::Principal>& actor, const std::string& id,
                                       const std::optional<std::string>& override_reason, std::optional<Date> paid_on) {
    if (override_reason) {
        FieldErrors errors;
        errors.check_text("override_reason", *override_reason, 1, note_chars_max, TextKind::prose);
        KL_TRY(errors.finish());
    }
    const Date date = paid_on.value_or(kl::today_in_shanghai(context_.clock));
    return context_.store.write([&](store::Tx& tx) -> Result<PayOutcome> {
        KL_TRY_ASSIGN(PaymentRequest request, decidable_payment(tx, actor, id, "pay a payment request"));
        if (request.status != PaymentStatus::approved) {
            return fail(ErrorCode::conflict, ProblemCode::wrong_state,
                        "only an approved request is paid; this one is " + std::string(to_string(request.status)),
                        {{"record", "payment_request"}, {"status", to_string(request.status)}, {"action", "pay"}});
        }
        KL_TRY(override_blocking_flags(tx, context_, actor, request, override_reason));
        KL_TRY_ASSIGN(Contract contract, require_contract(tx, request.contract_id));
        const int64_t ceiling = contract.fields.value_fen + contract.modifications_fen;
        if (contract.paid_fen + request.amount_fen > ceiling) {
            // What R1 would flag: the risk code says it with the same figures.
            return refuse_payment(tx, context_, actor, request, std::string(to_string(RiskCode::contract_value_exceeded)),
                                  {{"total_fen", contract.paid_fen + request.amount_fen}, {"value_fen", ceiling}},
                                  "overpayment: " + std::to_string(contract.paid_fen) + " fen paid + " +
                                      std::to_string(request.amount_fen) + " fen would exceed the contract value of " +
                                      std::to_string(ceiling) + " fen");
        }
        return pay_through_funds(tx, context_, actor, request, date);
    });
}

}  // namespace kl::projects
