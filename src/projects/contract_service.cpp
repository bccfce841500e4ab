#include "projects/contract_service.h"

#include "access/page_cursor.h"
#include "audit/canonical_json.h"
#include "core/field_errors.h"
#include "core/identifier.h"
#include "projects/payment_repo.h"
#include "projects/project_access.h"
#include "projects/project_repo.h"
#include "projects/project_service.h"

namespace kl::projects {

namespace {


Result<void> require_payee_org(store::Tx& tx, const std::string& org_id, const std::string& field) {
    KL_TRY_ASSIGN(auto kind, organisation_kind(tx, org_id));
    if (!kind) return fail_field(field, ProblemCode::unknown_reference, "is not a known organisation");
    if (*kind == "agency") return fail_field(field, ProblemCode::unknown_reference, "a government agency is not a contractor");
    return ok();
}

// The contract if the actor sees it (not_found otherwise, so its existence is not revealed).
Result<Contract> visible_contract(store::Tx& tx, const Scope& scope, const std::string& id) {
    auto contract = require_contract(tx, id);
    if (!contract || !sees_money_record(scope, contract->county, contract->fields.counterparty_org_id)) {
        return fail(ErrorCode::not_found, "contract " + id + " not found");
    }
    return contract;
}

Result<Contract> writable_contract(store::Tx& tx, const std::optional<access::Principal>& actor, const std::string& id) {
    KL_TRY_ASSIGN(Scope scope, scope_of(tx, actor));
    KL_TRY_ASSIGN(Contract contract, visible_contract(tx, scope, id));
    KL_TRY(require_project_write(scope, contract.county));
    return contract;
}

// A look-alike counts as the same number (core/identifier.h); said by the check inside the write and
// by the unique index (payee_org_id, invoice_key) when two requests race past that check.
Error invoice_no_taken() {
    Error error{ErrorCode::already_exists, "invoice_no: this payee already has an invoice with this number", {}};
    error.fields.push_back(FieldError{"invoice_no", ProblemCode::duplicate, "is already recorded for this payee (compared ignoring case, "
                                                    "width, dash forms and surrounding spaces)"});
    return error;
}

}  // namespace

Result<Contract> ContractService::create(const std::optional<access::Principal>& actor, const ContractFields& fields) {
    FieldErrors errors;
    errors.check_text("title", fields.title, 1, name_chars_max);
    if (fields.value_fen <= 0 || fields.value_fen > budget_fen_max) errors.add("value_fen", ProblemCode::not_positive, "must be positive and at most the budget limit");
    if (fields.retention_bp < 0 || fields.retention_bp > retention_bp_max) {
        errors.add("retention_bp", ProblemCode::out_of_range, "must be between 0 and 300 (quality retention is at most 3 %)");
    }
    if (fields.bid_count < 0 || fields.bid_count > bid_count_max) errors.add("bid_count", ProblemCode::out_of_range, "must be between 0 and 1000");
    if (is_tender(fields.procurement_method) && fields.bid_count < 1) errors.add("bid_count", ProblemCode::below_min, "a tender has at least one bid");
    if (fields.tender_days && (*fields.tender_days < 0 || *fields.tender_days > tender_days_max)) {
        errors.add("tender_days", ProblemCode::out_of_range, "must be between 0 and 365");
    }
    KL_TRY(errors.finish());
    return context_.store.write([&](store::Tx& tx) -> Result<Contract> {
        KL_TRY_ASSIGN(Scope scope, scope_of(tx, actor));
        auto project = require_project(tx, fields.project_id);
        if (!project) return fail_field("project_id", ProblemCode::unknown_reference, "is not a known project");
        KL_TRY(require_project_read(scope, *project));
        KL_TRY(require_project_write(scope, project->fields.county));
        if (project->status == ProjectStatus::planned || project->status == ProjectStatus::closed) {
            return fail(ErrorCode::conflict, ProblemCode::wrong_state,
                        "contracts are signed for approved, unclosed projects; this one is " +
                            std::string(to_string(project->status)),
                        {{"record", "project"}, {"status", to_string(project->status)}, {"action", "sign_contract"}});
        }
        KL_TRY(require_payee_org(tx, fields.counterparty_org_id, "counterparty_org_id"));
        const std::string id = context_.ids.next();
        KL_TRY(insert_contract(tx, id, fields, user_id_of(actor), context_.clock.now_ms()));
        KL_TRY(audit(tx, context_, actor, "contract.create", "contract", id,
                     audit::CanonicalJson().add("project_id", fields.project_id).add("counterparty_org_id", fields.counterparty_org_id)
                         .add("category", to_string(fields.category)).add("value_fen", fields.value_fen)
                         .add("retention_bp", fields.retention_bp).add("award_date", kl::format_date(fields.award_date))
                         .add("procurement_method", to_string(fields.procurement_method))
                         .add("bid_count", fields.bid_count).str()));
        return require_contract(tx, id);
    });
}

Result<Contract> ContractService::get(const std::optional<access::Principal>& actor, const std::string& id) {
    return context_.store.read([&](store::Tx& tx) -> Result<Contract> {
        KL_TRY_ASSIGN(Scope scope, scope_of(tx, actor));
        return visible_contract(tx, scope, id);
    });
}

Result<std::vector<Contract>> ContractService::list(const std::optional<access::Principal>& actor,
                                                    const ContractFilter& filter, int limit,
                                                    const std::optional<std::string>& cursor,
                                                    std::optional<std::string>& next_cursor) {
    return scoped_page(
        context_.store, limit, cursor, next_cursor, [&](store::Tx& tx) { return scope_of(tx, actor); },
        [&](store::Tx& tx, const ListScope& rows, const auto& after) { return list_contracts(tx, filter, rows, after, limit); });
}

Result<Contract> ContractService::modify(const std::optional<access::Principal>& actor, const std::string& contract_id,
                                         ModificationKind kind, int64_t delta_fen, Date approved_on,
                                         const std::string& reason) {
    FieldErrors errors;
    errors.check_text("reason", reason, 1, note_chars_max, TextKind::prose);
    if (kind != ModificationKind::value && delta_fen != 0) errors.add("delta_fen", ProblemCode::invalid_value, "only a value modification changes the value");
    if (kind == ModificationKind::value && (delta_fen == 0 || delta_fen > budget_fen_max || delta_fen < -budget_fen_max)) {
        errors.add("delta_fen", ProblemCode::invalid_value, "a value modification changes the value by a non-zero amount");
    }
    KL_TRY(errors.finish());
    return context_.store.write([&](store::Tx& tx) -> Result<Contract> {
        KL_TRY_ASSIGN(Contract contract, writable_contract(tx, actor, contract_id));
        KL_TRY(require_fund_officer(actor, "approve a contract modification"));
        if (contract.fields.value_fen + contract.modifications_fen + delta_fen < contract.paid_fen) {
            return fail_field("delta_fen", ProblemCode::invalid_value, "would bring the contract's value below what has been paid");
        }
        if (approved_on < contract.fields.award_date) return fail_field("approved_on", ProblemCode::before_other_field, "must not be before the award date");
        const std::string id = context_.ids.next();
        KL_TRY(insert_modification(tx, Modification{id, contract_id, kind, delta_fen, approved_on, reason},
                                   user_id_of(actor), context_.clock.now_ms()));
        KL_TRY(audit(tx, context_, actor, "contract.modify", "modification", id,
                     audit::CanonicalJson().add("contract_id", contract_id).add("kind", to_string(kind)).add("delta_fen", delta_fen)
                         .add("reason", reason).str()));
        return require_contract(tx, contract_id);
    });
}

Result<Invoice> ContractService::add_invoice(const std::optional<access::Principal>& actor, const InvoiceFields& fields) {
    FieldErrors errors;
    errors.check_text("invoice_no", fields.invoice_no, 1, invoice_no_chars_max, TextKind::identifier);
    if (fields.amount_fen <= 0 || fields.amount_fen > budget_fen_max) errors.add("amount_fen", ProblemCode::not_positive, "must be positive");
    KL_TRY(errors.finish());
    const std::string invoice_key = identifier_key(fields.invoice_no);
    auto written = context_.store.write([&](store::Tx& tx) -> Result<Invoice> {
        auto contract = writable_contract(tx, actor, fields.contract_id);
        if (!contract) {
            if (contract.error().code == ErrorCode::not_found) return fail_field("contract_id", ProblemCode::unknown_reference, "is not a known contract");
            return fail(std::move(contract).error());
        }
        KL_TRY(require_payee_org(tx, fields.payee_org_id, "payee_org_id"));
        KL_TRY_ASSIGN(bool taken, invoice_key_taken(tx, fields.payee_org_id, invoice_key));
        if (taken) return fail(invoice_no_taken());
        const std::string id = context_.ids.next();
        KL_TRY(insert_invoice(tx, Invoice{id, fields}, invoice_key, user_id_of(actor), context_.clock.now_ms()));
        KL_TRY(audit(tx, context_, actor, "invoice.create", "invoice", id,
                     audit::CanonicalJson().add("contract_id", fields.contract_id).add("payee_org_id", fields.payee_org_id)
                         .add("invoice_no", fields.invoice_no).add("amount_fen", fields.amount_fen).str()));
        return Invoice{id, fields};
    });
    if (!written && written.error().code == ErrorCode::already_exists) return fail(invoice_no_taken());
    return written;
}

Result<std::vector<Invoice>> ContractService::invoices(const std::optional<access::Principal>& actor,
                                                       const std::string& contract_id) {
    return context_.store.read([&](store::Tx& tx) -> Result<std::vector<Invoice>> {
        KL_TRY_ASSIGN(Scope scope, scope_of(tx, actor));
        KL_TRY(visible_contract(tx, scope, contract_id));
        return contract_invoices(tx, contract_id);
    });
}

}  // namespace kl::projects
