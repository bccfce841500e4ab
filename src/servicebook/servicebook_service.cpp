#include "servicebook/servicebook_service.h"

#include "access/page_cursor.h"
#include "audit/canonical_json.h"
#include "catalog/catalog_access.h"
#include "core/field_errors.h"
#include "projects/project_access.h"
#include "projects/project_context.h"
#include "projects/project_repo.h"
#include "servicebook/servicebook_repo.h"

namespace kl::servicebook {

namespace {

using audit::CanonicalJson;
using projects::Scope;

Result<Scope> reader_scope(store::Tx& tx, const std::optional<access::Principal>& actor) {
    KL_TRY_ASSIGN(Scope scope, projects::scope_of(tx, actor));
    if (scope.kind == Scope::Kind::counterparty) {
        return fail(ErrorCode::permission_denied, "the service book is for the Front Command, auditors and county officers");
    }
    return scope;
}

Result<void> require_writer(store::Tx& tx, const std::optional<access::Principal>& actor, const std::string& county) {
    KL_TRY_ASSIGN(Scope scope, reader_scope(tx, actor));
    if (!scope.writes) return fail(ErrorCode::permission_denied, "this role reads the service book but does not change it");
    if (scope.kind == Scope::Kind::everything || (scope.kind == Scope::Kind::county && scope.value == county)) return ok();
    return fail(ErrorCode::permission_denied, "a county officer keeps the service book of its own county only");
}

// Appends one change of the book to the audit trail inside `tx`.
Result<void> audit_change(audit::AuditTrail& trail, store::Tx& tx, const std::optional<access::Principal>& actor,
                          std::string action, std::string record_type, std::string record_id, const CanonicalJson& body) {
    KL_TRY(trail.append(tx, audit::AuditEvent{projects::actor_name(actor), std::move(action), std::move(record_type),
                                              std::move(record_id), body.str()}));
    return ok();
}

// One page of a list, scoped to what the actor reads and filtered by `county`.
template <typename T, typename Select>
Result<std::vector<T>> list_page(store::Store& store, const std::optional<access::Principal>& actor,
                                 const std::optional<std::string>& county, const Page& page,
                                 std::optional<std::string>& next_cursor, Select select) {
    KL_TRY(access::check_page_limit(page.limit));
    KL_TRY_ASSIGN(auto after, access::decode_optional_cursor(page.cursor));
    return store.read([&](store::Tx& tx) -> Result<std::vector<T>> {
        KL_TRY_ASSIGN(Scope scope, reader_scope(tx, actor));
        KL_TRY(catalog::check_county_filter(tx, actor, county));
        if (scope.kind == Scope::Kind::nothing) return std::vector<T>{};
        ListFilter filter{{}, after, page.limit};
        if (scope.kind == Scope::Kind::county) filter.counties.push_back(scope.value);
        if (county) filter.counties.push_back(*county);
        KL_TRY_ASSIGN(std::vector<T> out, select(tx, filter));
        next_cursor = projects::finish_page(out, page.limit, [](const T& item) { return item.id; });
        return out;
    });
}

Result<Enterprise> load_enterprise(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(std::optional<Enterprise> found, find_enterprise(tx, id));
    if (!found) return fail_field("enterprise_id", ProblemCode::unknown_reference, "is not an enterprise in the service book");
    return *found;
}

Result<void> check_county_code(store::Tx& tx, const std::string& county) {
    KL_TRY_ASSIGN(bool known, projects::county_exists(tx, county));
    if (!known) return fail_field("county", ProblemCode::unknown_reference, "is not one of the aided counties");
    return ok();
}

// The county of an organisation that may join the book: an enterprise or cooperative with a county.
Result<std::string> served_county(store::Tx& tx, const std::string& org_id) {
    KL_TRY_ASSIGN(std::optional<ServedOrg> org, find_served_org(tx, org_id));
    if (!org) return fail_field("org_id", ProblemCode::unknown_reference, "is not a known organisation");
    if (org->kind != "enterprise" && org->kind != "cooperative") return fail_field("org_id", ProblemCode::wrong_kind, "must be an enterprise or cooperative");
    if (!org->county) return fail_field("org_id", ProblemCode::invalid_value, "the organisation has no county");
    return *org->county;
}

}  // namespace

Result<Enterprise> ServiceBook::add_enterprise(const std::optional<access::Principal>& actor, const std::string& org_id,
                                               const std::string& officer, bool leading, Date since_on) {
    FieldErrors errors;
    errors.check_text("officer", officer, 1, text_chars_max);
    errors.check_text("org_id", org_id, 1, projects::record_id_chars_max);
    KL_TRY(errors.finish());
    return store_.write([&](store::Tx& tx) -> Result<Enterprise> {
        KL_TRY_ASSIGN(const std::string county, served_county(tx, org_id));
        KL_TRY(require_writer(tx, actor, county));
        KL_TRY_ASSIGN(bool taken, org_in_book(tx, org_id));
        if (taken) {
            Error error{ErrorCode::already_exists, "org_id: this organisation is already in the service book", {}};
            error.fields.push_back(FieldError{"org_id", ProblemCode::invalid_value, "is already in the service book"});
            return fail(std::move(error));
        }
        Enterprise made{ids_.next(), org_id, "", county, officer, leading, since_on};
        KL_TRY(insert_enterprise(tx, made, clock_.now_ms()));
        KL_TRY(audit_change(audit_, tx, actor, "service_enterprise.create", "service_enterprise", made.id,
                            CanonicalJson().add("org_id", org_id).add("officer", officer)));
        return load_enterprise(tx, made.id);
    });
}

Result<Visit> ServiceBook::add_visit(const std::optional<access::Principal>& actor, const std::string& enterprise_id,
                                     Date visited_on, const std::string& officer, const std::string& topics) {
    FieldErrors errors;
    errors.check_text("officer", officer, 1, text_chars_max);
    errors.check_text("topics", topics, 1, topics_chars_max, TextKind::prose);
    KL_TRY(errors.finish());
    return store_.write([&](store::Tx& tx) -> Result<Visit> {
        KL_TRY_ASSIGN(Enterprise enterprise, load_enterprise(tx, enterprise_id));
        KL_TRY(require_writer(tx, actor, enterprise.county));
        Visit visit{ids_.next(), enterprise_id, enterprise.county, visited_on, officer, topics};
        KL_TRY(insert_visit(tx, visit, clock_.now_ms()));
        KL_TRY(audit_change(audit_, tx, actor, "service_visit.create", "service_visit", visit.id,
                            CanonicalJson().add("enterprise_id", enterprise_id).add("visited_on", kl::format_date(visited_on))));
        return visit;
    });
}

Result<ServiceRequest> ServiceBook::add_request(const std::optional<access::Principal>& actor,
                                                const std::string& enterprise_id, const std::string& subject,
                                                Date raised_on, Date deadline) {
    FieldErrors errors;
    errors.check_text("subject", subject, 1, topics_chars_max);
    if (deadline < raised_on) errors.add("deadline", ProblemCode::before_other_field, "must not be before raised_on");
    KL_TRY(errors.finish());
    return store_.write([&](store::Tx& tx) -> Result<ServiceRequest> {
        KL_TRY_ASSIGN(Enterprise enterprise, load_enterprise(tx, enterprise_id));
        KL_TRY(require_writer(tx, actor, enterprise.county));
        ServiceRequest request{ids_.next(), enterprise_id, enterprise.county, subject, raised_on, deadline,
                               RequestStatus::open, std::nullopt, enterprise.org_name, ""};
        KL_TRY(insert_request(tx, request, clock_.now_ms()));
        KL_TRY(audit_change(audit_, tx, actor, "service_request.create", "service_request", request.id,
                            CanonicalJson().add("enterprise_id", enterprise_id).add("subject", subject)));
        // Read back, named by its enterprise in both languages.
        KL_TRY_ASSIGN(std::optional<ServiceRequest> stored, find_request(tx, request.id));
        KL_ASSERT(stored.has_value());
        return std::move(*stored);
    });
}

Result<ServiceRequest> ServiceBook::set_request_status(const std::optional<access::Principal>& actor,
                                                       const std::string& id, RequestStatus status, Date on) {
    return store_.write([&](store::Tx& tx) -> Result<ServiceRequest> {
        KL_TRY_ASSIGN(std::optional<ServiceRequest> found, find_request(tx, id));
        if (!found) return fail(ErrorCode::not_found, "service request " + id + " not found");
        const ServiceRequest& request = *found;
        KL_TRY(require_writer(tx, actor, request.county));
        if (request.status == RequestStatus::closed) return fail(ErrorCode::conflict, "the request is closed");
        if (status == RequestStatus::open) return fail_field("status", ProblemCode::invalid_value, "a request does not go back to open");
        const bool resolving = status == RequestStatus::resolved || status == RequestStatus::closed;
        if (resolving && on < request.raised_on) return fail_field("on", ProblemCode::before_other_field, "must not be before the request was raised");
        // A request resolved before keeps its first resolution date when it is closed.
        const std::optional<Date> resolved_on = resolving ? std::optional<Date>(request.resolved_on.value_or(on)) : std::nullopt;
        KL_TRY(update_request_status(tx, id, status, resolved_on));
        KL_TRY(audit_change(audit_, tx, actor, "service_request.status", "service_request", id,
                            CanonicalJson().add("status", to_string(status))));
        KL_TRY_ASSIGN(std::optional<ServiceRequest> updated, find_request(tx, id));
        return *updated;
    });
}

Result<Investment> ServiceBook::add_investment(const std::optional<access::Principal>& actor, const Investment& input) {
    FieldErrors errors;
    errors.check_text("name", input.name, 1, text_chars_max);
    errors.check_text("investor", input.investor, 1, text_chars_max);
    if (input.amount_fen < 0 || input.amount_fen > investment_amount_fen_max) {
        errors.add("amount_fen", ProblemCode::out_of_range, "must be between 0 and ¥1 trillion");
    }
    KL_TRY(errors.finish());
    return store_.write([&](store::Tx& tx) -> Result<Investment> {
        KL_TRY(check_county_code(tx, input.county));
        KL_TRY(require_writer(tx, actor, input.county));
        Investment made = input;
        made.id = ids_.next();
        KL_TRY(insert_investment(tx, made, clock_.now_ms()));
        KL_TRY(audit_change(audit_, tx, actor, "investment.create", "investment", made.id,
                            CanonicalJson().add("name", made.name).add("stage", to_string(made.stage))
                                .add("amount_fen", made.amount_fen)));
        return made;
    });
}

Result<Investment> ServiceBook::advance_investment(const std::optional<access::Principal>& actor, const std::string& id,
                                                   Stage to) {
    return store_.write([&](store::Tx& tx) -> Result<Investment> {
        KL_TRY_ASSIGN(std::optional<Investment> found, find_investment(tx, id));
        if (!found) return fail(ErrorCode::not_found, "investment project " + id + " not found");
        Investment investment = *found;
        KL_TRY(require_writer(tx, actor, investment.county));
        if (static_cast<int>(to) != static_cast<int>(investment.stage) + 1) {
            return fail(ErrorCode::conflict, "an investment project moves one stage forward: from " +
                                                 std::string(to_string(investment.stage)) + " not to " +
                                                 std::string(to_string(to)));
        }
        KL_TRY(update_investment_stage(tx, id, to));
        KL_TRY(audit_change(audit_, tx, actor, "investment.stage", "investment", id, CanonicalJson().add("stage", to_string(to))));
        investment.stage = to;
        return investment;
    });
}

Result<PromotionEvent> ServiceBook::add_event(const std::optional<access::Principal>& actor, const PromotionEvent& input) {
    FieldErrors errors;
    errors.check_text("name", input.name, 1, text_chars_max);
    errors.check_text("city", input.city, 1, text_chars_max);
    if (input.attendees < 0 || input.attendees > event_attendees_max) errors.add("attendees", ProblemCode::out_of_range, "must be between 0 and 1000000");
    KL_TRY(errors.finish());
    return store_.write([&](store::Tx& tx) -> Result<PromotionEvent> {
        if (input.county) {
            KL_TRY(check_county_code(tx, *input.county));
            KL_TRY(require_writer(tx, actor, *input.county));
        } else {
            KL_TRY(projects::require_fund_officer(actor, "record a programme-wide event"));
        }
        PromotionEvent made = input;
        made.id = ids_.next();
        KL_TRY(insert_event(tx, made, clock_.now_ms()));
        KL_TRY(audit_change(audit_, tx, actor, "promotion_event.create", "promotion_event", made.id,
                            CanonicalJson().add("name", made.name)));
        return made;
    });
}

Result<std::vector<Enterprise>> ServiceBook::enterprises(const std::optional<access::Principal>& actor,
                                                         const std::optional<std::string>& county, const Page& page,
                                                         std::optional<std::string>& next_cursor) {
    return list_page<Enterprise>(store_, actor, county, page, next_cursor, select_enterprises);
}

Result<std::vector<Visit>> ServiceBook::visits(const std::optional<access::Principal>& actor,
                                               const std::optional<std::string>& county, const Page& page,
                                               std::optional<std::string>& next_cursor) {
    return list_page<Visit>(store_, actor, county, page, next_cursor, select_visits);
}

Result<std::vector<ServiceRequest>> ServiceBook::requests(const std::optional<access::Principal>& actor,
                                                          const std::optional<std::string>& county, const Page& page,
                                                          std::optional<std::string>& next_cursor) {
    return find_requests(actor, county, RequestSearch{}, page, next_cursor);
}

Result<std::vector<ServiceRequest>> ServiceBook::find_requests(const std::optional<access::Principal>& actor,
                                                               const std::optional<std::string>& county,
                                                               const RequestSearch& search, const Page& page,
                                                               std::optional<std::string>& next_cursor) {
    return list_page<ServiceRequest>(store_, actor, county, page, next_cursor,
                                     [&search](store::Tx& tx, const ListFilter& filter) { return select_requests(tx, filter, search); });
}

Result<std::vector<Investment>> ServiceBook::investments(const std::optional<access::Principal>& actor,
                                                         const std::optional<std::string>& county, const Page& page,
                                                         std::optional<std::string>& next_cursor) {
    return list_page<Investment>(store_, actor, county, page, next_cursor, select_investments);
}

Result<std::vector<PromotionEvent>> ServiceBook::events(const std::optional<access::Principal>& actor,
                                                        const std::optional<std::string>& county, const Page& page,
                                                        std::optional<std::string>& next_cursor) {
    return list_page<PromotionEvent>(store_, actor, county, page, next_cursor, select_events);
}

Result<std::vector<CountyCounts>> ServiceBook::counts(const std::optional<access::Principal>& actor, Date from, Date to) {
    if (to < from) return fail_field("to", ProblemCode::before_other_field, "must not be before from");
    const Date as_of = today();
    return store_.read([&](store::Tx& tx) -> Result<std::vector<CountyCounts>> {
        KL_TRY_ASSIGN(Scope scope, reader_scope(tx, actor));
        if (scope.kind == Scope::Kind::nothing) return std::vector<CountyCounts>{};
        KL_TRY_ASSIGN(std::vector<CountyCounts> all, county_counts(tx, from, to, as_of));
        if (scope.kind != Scope::Kind::county) return all;
        std::vector<CountyCounts> out;
        for (auto& counts : all) {
            if (counts.county == scope.value) out.push_back(std::move(counts));
        }
        return out;
    });
}

sheets::Table counts_table(const std::vector<CountyCounts>& rows) {
    sheets::Table table;
    table.sheet_name = "servicebook";
    table.columns = {{"county", false},
                     {"enterprises_served", true},
                     {"leading_enterprises_visited", true},
                     {"visits", true},
                     {"requests_raised", true},
                     {"requests_open", true},
                     {"requests_overdue", true},
                     {"investments", true},
                     {"investments_listed", true},
                     {"investments_signed_or_started", true},
                     {"investment_amount_fen", true},
                     {"events", true}};
    for (const auto& row : rows) {
        table.rows.push_back({row.county, std::to_string(row.enterprises_served),
                              std::to_string(row.leading_enterprises_visited), std::to_string(row.visits),
                              std::to_string(row.requests_raised), std::to_string(row.requests_open),
                              std::to_string(row.requests_overdue), std::to_string(row.investments),
                              std::to_string(row.investments_listed), std::to_string(row.investments_signed_or_started),
                              std::to_string(row.investment_amount_fen), std::to_string(row.events)});
    }
    return table;
}

}  // namespace kl::servicebook
