#include "servicebook/servicebook.h"

#include <array>
#include <map>

#include "access/page_cursor.h"
#include "core/field_errors.h"
#include "projects/json_text.h"
#include "catalog/catalog_access.h"
#include "projects/project_access.h"
#include "projects/project_context.h"
#include "projects/project_repo.h"

namespace kl::servicebook {

namespace {

using projects::JsonObject;
using projects::Scope;

constexpr std::array<std::string_view, 4> status_names = {"open", "in_progress", "resolved", "closed"};
constexpr std::array<std::string_view, 4> stage_names = {"lead", "negotiating", "signed", "started"};

template <typename E, size_t N>
Result<E> parse_named(const std::array<std::string_view, N>& names, std::string_view text, const std::string& field) {
    for (size_t index = 0; index < N; ++index) {
        if (names[index] == text) return static_cast<E>(index);
    }
    std::string allowed;
    for (const auto name : names) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
    return fail_field(field, "must be one of " + allowed);
}

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

Date date_of(const store::Row& row, std::string_view column) { return projects::stored_date(row.text(column)); }

template <typename T, typename Map>
Result<std::vector<T>> list_rows(store::Store& store, const std::optional<access::Principal>& actor,
                                 const std::optional<std::string>& county, const Page& page,
                                 std::optional<std::string>& next_cursor, const std::string& select,
                                 const std::string& county_column, Map map) {
    KL_TRY(access::check_page_limit(page.limit));
    KL_TRY_ASSIGN(auto after, access::decode_optional_cursor(page.cursor));
    return store.read([&](store::Tx& tx) -> Result<std::vector<T>> {
        KL_TRY_ASSIGN(Scope scope, reader_scope(tx, actor));
        KL_TRY(catalog::check_county_filter(tx, actor, county));
        if (scope.kind == Scope::Kind::nothing) return std::vector<T>{};
        projects::ListQuery query;
        if (scope.kind == Scope::Kind::county) query.where(county_column, scope.value);
        if (county) query.where(county_column, *county);
        KL_TRY_ASSIGN(store::Rows rows, tx.query(select + " WHERE " + query.page("id", after, page.limit), query.params()));
        std::vector<T> out;
        for (const auto& row : rows) out.push_back(map(row));
        next_cursor = projects::finish_page(out, page.limit, [](const T& item) { return item.id; });
        return out;
    });
}

Result<Enterprise> load_enterprise(store::Tx& tx, const std::string& id);

const std::string select_enterprise =
    "SELECT e.id, e.org_id, o.name AS org_name, e.county_code, e.officer, e.is_leading, e.since_on FROM service_enterprises e "
    "JOIN organisations o ON o.id = e.org_id";

Enterprise enterprise_from(const store::Row& row) {
    return Enterprise{row.text("id"), row.text("org_id"), row.text("org_name"), row.text("county_code"),
                      row.text("officer"), row.i64("is_leading") == 1, date_of(row, "since_on")};
}

Result<Enterprise> load_enterprise(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query(select_enterprise + " WHERE e.id = $1", {id}));
    if (rows.empty()) return fail_field("enterprise_id", "is not an enterprise in the service book");
    return enterprise_from(rows[0]);
}

ServiceRequest request_from(const store::Row& row) {
    return ServiceRequest{row.text("id"), row.text("enterprise_id"), row.text("county_code"), row.text("subject"),
                          date_of(row, "raised_on"), date_of(row, "deadline"),
                          *parse_request_status(row.text("status"), "status"),
                          projects::stored_opt_date(row.opt_text("resolved_on"))};
}

Investment investment_from(const store::Row& row) {
    return Investment{row.text("id"), row.text("name"), row.text("county_code"), row.text("investor"),
                      *parse_stage(row.text("stage"), "stage"), row.i64("amount_fen"), row.i64("listed_company") == 1,
                      date_of(row, "first_contact_on")};
}

const std::string select_request =
    "SELECT id, enterprise_id, county_code, subject, raised_on, deadline, status, resolved_on FROM service_requests";
const std::string select_investment =
    "SELECT id, name, county_code, investor, stage, amount_fen, listed_company, first_contact_on FROM investment_projects";

Result<void> check_county_code(store::Tx& tx, const std::string& county) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT code FROM counties WHERE code = $1", {county}));
    if (rows.empty()) return fail_field("county", "is not one of the aided counties");
    return ok();
}

}  // namespace

std::string_view to_string(RequestStatus status) { return status_names.at(static_cast<size_t>(status)); }
std::string_view to_string(Stage stage) { return stage_names.at(static_cast<size_t>(stage)); }
Result<RequestStatus> parse_request_status(std::string_view text, const std::string& field) {
    return parse_named<RequestStatus>(status_names, text, field);
}
Result<Stage> parse_stage(std::string_view text, const std::string& field) {
    return parse_named<Stage>(stage_names, text, field);
}

Result<Enterprise> ServiceBook::add_enterprise(const std::optional<access::Principal>& actor, const std::string& org_id,
                                               const std::string& officer, bool leading, Date since_on) {
    FieldErrors errors;
    errors.check_text("officer", officer, 1, text_chars_max);
    errors.check_text("org_id", org_id, 1, projects::record_id_chars_max);
    KL_TRY(errors.finish());
    return store_.write([&](store::Tx& tx) -> Result<Enterprise> {
        KL_TRY_ASSIGN(store::Rows org, tx.query("SELECT kind, county_code FROM organisations WHERE id = $1", {org_id}));
        if (org.empty()) return fail_field("org_id", "is not a known organisation");
        const std::string kind = org[0].text("kind");
        if (kind != "enterprise" && kind != "cooperative") return fail_field("org_id", "must be an enterprise or cooperative");
        if (org[0].is_null(1)) return fail_field("org_id", "the organisation has no county");
        const std::string county = org[0].text(1);
        KL_TRY(require_writer(tx, actor, county));
        KL_TRY_ASSIGN(store::Rows taken, tx.query("SELECT id FROM service_enterprises WHERE org_id = $1", {org_id}));
        if (!taken.empty()) {
            Error error{ErrorCode::already_exists, "org_id: this organisation is already in the service book", {}};
            error.fields.push_back(FieldError{"org_id", "is already in the service book"});
            return fail(std::move(error));
        }
        const std::string id = ids_.next();
        KL_TRY(tx.execute("INSERT INTO service_enterprises (id, org_id, county_code, officer, is_leading, since_on, created_at_ms) "
                          "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                          {id, org_id, county, officer, int64_t{leading ? 1 : 0}, kl::format_date(since_on),
                           clock_.now_ms()}));
        KL_TRY(audit_(tx, projects::AuditRecord{projects::actor_name(actor), "service_enterprise.create", "service_enterprise",
                                                id, JsonObject().add("org_id", org_id).add("officer", officer).str()}));
        return load_enterprise(tx, id);
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
        KL_TRY(tx.execute("INSERT INTO service_visits (id, enterprise_id, county_code, visited_on, officer, topics, "
                          "created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                          {visit.id, enterprise_id, enterprise.county, kl::format_date(visited_on), officer, topics,
                           clock_.now_ms()}));
        KL_TRY(audit_(tx, projects::AuditRecord{projects::actor_name(actor), "service_visit.create", "service_visit",
                                                visit.id, JsonObject().add("enterprise_id", enterprise_id)
                                                              .add("visited_on", kl::format_date(visited_on)).str()}));
        return visit;
    });
}

Result<ServiceRequest> ServiceBook::add_request(const std::optional<access::Principal>& actor,
                                                const std::string& enterprise_id, const std::string& subject,
                                                Date raised_on, Date deadline) {
    FieldErrors errors;
    errors.check_text("subject", subject, 1, topics_chars_max);
    if (deadline < raised_on) errors.add("deadline", "must not be before raised_on");
    KL_TRY(errors.finish());
    return store_.write([&](store::Tx& tx) -> Result<ServiceRequest> {
        KL_TRY_ASSIGN(Enterprise enterprise, load_enterprise(tx, enterprise_id));
        KL_TRY(require_writer(tx, actor, enterprise.county));
        ServiceRequest request{ids_.next(), enterprise_id, enterprise.county, subject, raised_on, deadline,
                               RequestStatus::open, std::nullopt};
        KL_TRY(tx.execute("INSERT INTO service_requests (id, enterprise_id, county_code, subject, raised_on, deadline, "
                          "status, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, 'open', $7)",
                          {request.id, enterprise_id, enterprise.county, subject, kl::format_date(raised_on),
                           kl::format_date(deadline), clock_.now_ms()}));
        KL_TRY(audit_(tx, projects::AuditRecord{projects::actor_name(actor), "service_request.create", "service_request",
                                                request.id, JsonObject().add("enterprise_id", enterprise_id)
                                                                .add("subject", subject).str()}));
        return request;
    });
}

Result<ServiceRequest> ServiceBook::set_request_status(const std::optional<access::Principal>& actor,
                                                       const std::string& id, RequestStatus status, Date on) {
    return store_.write([&](store::Tx& tx) -> Result<ServiceRequest> {
        KL_TRY_ASSIGN(store::Rows rows, tx.query(select_request + " WHERE id = $1", {id}));
        if (rows.empty()) return fail(ErrorCode::not_found, "service request " + id + " not found");
        ServiceRequest request = request_from(rows[0]);
        KL_TRY(require_writer(tx, actor, request.county));
        if (request.status == RequestStatus::closed) return fail(ErrorCode::conflict, "the request is closed");
        if (status == RequestStatus::open) return fail_field("status", "a request does not go back to open");
        const bool resolving = status == RequestStatus::resolved || status == RequestStatus::closed;
        if (resolving && on < request.raised_on) return fail_field("on", "must not be before the request was raised");
        KL_TRY(tx.execute("UPDATE service_requests SET status = $1, resolved_on = $2 WHERE id = $3",
                          {std::string(to_string(status)),
                           resolving ? store::Value(kl::format_date(request.resolved_on.value_or(on))) : store::null(),
                           id}));
        KL_TRY(audit_(tx, projects::AuditRecord{projects::actor_name(actor), "service_request.status", "service_request", id,
                                                JsonObject().add("status", to_string(status)).str()}));
        KL_TRY_ASSIGN(store::Rows updated, tx.query(select_request + " WHERE id = $1", {id}));
        return request_from(updated[0]);
    });
}

Result<Investment> ServiceBook::add_investment(const std::optional<access::Principal>& actor, const Investment& input) {
    FieldErrors errors;
    errors.check_text("name", input.name, 1, text_chars_max);
    errors.check_text("investor", input.investor, 1, text_chars_max);
    if (input.amount_fen < 0 || input.amount_fen > 100'000'000'000'000LL) errors.add("amount_fen", "must be between 0 and ¥1 trillion");
    KL_TRY(errors.finish());
    return store_.write([&](store::Tx& tx) -> Result<Investment> {
        KL_TRY(check_county_code(tx, input.county));
        KL_TRY(require_writer(tx, actor, input.county));
        Investment made = input;
        made.id = ids_.next();
        KL_TRY(tx.execute("INSERT INTO investment_projects (id, name, county_code, investor, stage, amount_fen, listed_company, "
                          "first_contact_on, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                          {made.id, made.name, made.county, made.investor, std::string(to_string(made.stage)),
                           made.amount_fen, int64_t{made.listed_company ? 1 : 0},
                           kl::format_date(made.first_contact_on), clock_.now_ms()}));
        KL_TRY(audit_(tx, projects::AuditRecord{projects::actor_name(actor), "investment.create", "investment", made.id,
                                                JsonObject().add("name", made.name).add("stage", to_string(made.stage))
                                                    .add("amount_fen", made.amount_fen).str()}));
        return made;
    });
}

Result<Investment> ServiceBook::advance_investment(const std::optional<access::Principal>& actor, const std::string& id,
                                                   Stage to) {
    return store_.write([&](store::Tx& tx) -> Result<Investment> {
        KL_TRY_ASSIGN(store::Rows rows, tx.query(select_investment + " WHERE id = $1", {id}));
        if (rows.empty()) return fail(ErrorCode::not_found, "investment project " + id + " not found");
        Investment investment = investment_from(rows[0]);
        KL_TRY(require_writer(tx, actor, investment.county));
        if (static_cast<int>(to) != static_cast<int>(investment.stage) + 1) {
            return fail(ErrorCode::conflict, "an investment project moves one stage forward: from " +
                                                 std::string(to_string(investment.stage)) + " not to " +
                                                 std::string(to_string(to)));
        }
        KL_TRY(tx.execute("UPDATE investment_projects SET stage = $1 WHERE id = $2", {std::string(to_string(to)), id}));
        KL_TRY(audit_(tx, projects::AuditRecord{projects::actor_name(actor), "investment.stage", "investment", id,
                                                JsonObject().add("stage", to_string(to)).str()}));
        investment.stage = to;
        return investment;
    });
}

Result<PromotionEvent> ServiceBook::add_event(const std::optional<access::Principal>& actor, const PromotionEvent& input) {
    FieldErrors errors;
    errors.check_text("name", input.name, 1, text_chars_max);
    errors.check_text("city", input.city, 1, text_chars_max);
    if (input.attendees < 0 || input.attendees > 1'000'000) errors.add("attendees", "must be between 0 and 1000000");
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
        KL_TRY(tx.execute("INSERT INTO promotion_events (id, name, county_code, held_on, city, attendees, created_at_ms) "
                          "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                          {made.id, made.name, made.county ? store::Value(*made.county) : store::null(),
                           kl::format_date(made.held_on), made.city, made.attendees, clock_.now_ms()}));
        KL_TRY(audit_(tx, projects::AuditRecord{projects::actor_name(actor), "promotion_event.create", "promotion_event",
                                                made.id, JsonObject().add("name", made.name).str()}));
        return made;
    });
}

Result<std::vector<Enterprise>> ServiceBook::enterprises(const std::optional<access::Principal>& actor,
                                                         const std::optional<std::string>& county, const Page& page,
                                                         std::optional<std::string>& next_cursor) {
    return list_rows<Enterprise>(store_, actor, county, page, next_cursor,
                                 "SELECT * FROM (" + select_enterprise + ") x", "county_code",
                                 enterprise_from);
}

Result<std::vector<Visit>> ServiceBook::visits(const std::optional<access::Principal>& actor,
                                               const std::optional<std::string>& county, const Page& page,
                                               std::optional<std::string>& next_cursor) {
    return list_rows<Visit>(store_, actor, county, page, next_cursor,
                            "SELECT id, enterprise_id, county_code, visited_on, officer, topics FROM service_visits",
                            "county_code", [](const store::Row& row) {
                                return Visit{row.text("id"), row.text("enterprise_id"), row.text("county_code"),
                                             date_of(row, "visited_on"), row.text("officer"), row.text("topics")};
                            });
}

Result<std::vector<ServiceRequest>> ServiceBook::requests(const std::optional<access::Principal>& actor,
                                                          const std::optional<std::string>& county, const Page& page,
                                                          std::optional<std::string>& next_cursor) {
    return list_rows<ServiceRequest>(store_, actor, county, page, next_cursor, select_request, "county_code", request_from);
}

Result<std::vector<Investment>> ServiceBook::investments(const std::optional<access::Principal>& actor,
                                                         const std::optional<std::string>& county, const Page& page,
                                                         std::optional<std::string>& next_cursor) {
    return list_rows<Investment>(store_, actor, county, page, next_cursor, select_investment, "county_code",
                                 investment_from);
}

Result<std::vector<PromotionEvent>> ServiceBook::events(const std::optional<access::Principal>& actor,
                                                        const std::optional<std::string>& county, const Page& page,
                                                        std::optional<std::string>& next_cursor) {
    return list_rows<PromotionEvent>(
        store_, actor, county, page, next_cursor, "SELECT id, name, county_code, held_on, city, attendees FROM promotion_events",
        "county_code", [](const store::Row& row) {
            return PromotionEvent{row.text("id"), row.text("name"), row.opt_text("county_code"), date_of(row, "held_on"),
                                  row.text("city"), row.i64("attendees")};
        });
}

Result<std::vector<CountyCounts>> ServiceBook::counts(const std::optional<access::Principal>& actor, Date from, Date to) {
    if (to < from) return fail_field("to", "must not be before from");
    const std::string from_text = kl::format_date(from), to_text = kl::format_date(to);
    const std::string today_text = kl::format_date(today());
    return store_.read([&](store::Tx& tx) -> Result<std::vector<CountyCounts>> {
        KL_TRY_ASSIGN(Scope scope, reader_scope(tx, actor));
        if (scope.kind == Scope::Kind::nothing) return std::vector<CountyCounts>{};
        std::map<std::string, CountyCounts> by_county;
        auto slot = [&](const std::string& county) -> CountyCounts& {
            auto& counts = by_county[county];
            counts.county = county;
            return counts;
        };
        KL_TRY_ASSIGN(store::Rows visits,
                      tx.query("SELECT v.county_code, COUNT(*) AS visits, COUNT(DISTINCT v.enterprise_id) AS served, "
                               "COUNT(DISTINCT CASE WHEN e.is_leading = 1 THEN v.enterprise_id END) AS leading_served "
                               "FROM service_visits v JOIN service_enterprises e ON e.id = v.enterprise_id "
                               "WHERE v.visited_on >= $1 AND v.visited_on <= $2 GROUP BY v.county_code",
                               {from_text, to_text}));
        for (const auto& row : visits) {
            auto& counts = slot(row.text(0));
            counts.visits = row.i64("visits");
            counts.enterprises_served = row.i64("served");
            counts.leading_enterprises_visited = row.i64("leading_served");
        }
        KL_TRY_ASSIGN(store::Rows requests,
                      tx.query("SELECT county_code, COUNT(*) AS raised, "
                               "SUM(CASE WHEN status IN ('open', 'in_progress') THEN 1 ELSE 0 END) AS still_open, "
                               "SUM(CASE WHEN status IN ('open', 'in_progress') AND deadline < $3 THEN 1 ELSE 0 END) AS overdue "
                               "FROM service_requests WHERE raised_on >= $1 AND raised_on <= $2 GROUP BY county_code",
                               {from_text, to_text, today_text}));
        for (const auto& row : requests) {
            auto& counts = slot(row.text(0));
            counts.requests_raised = row.i64("raised");
            counts.requests_open = row.i64("still_open");
            counts.requests_overdue = row.i64("overdue");
        }
        KL_TRY_ASSIGN(store::Rows investments,
                      tx.query("SELECT county_code, COUNT(*) AS n, SUM(listed_company) AS listed, "
                               "SUM(CASE WHEN stage IN ('signed', 'started') THEN 1 ELSE 0 END) AS signed, "
                               "SUM(amount_fen) AS amount FROM investment_projects "
                               "WHERE first_contact_on >= $1 AND first_contact_on <= $2 GROUP BY county_code",
                               {from_text, to_text}));
        for (const auto& row : investments) {
            auto& counts = slot(row.text(0));
            counts.investments = row.i64("n");
            counts.investments_listed = row.i64("listed");
            counts.investments_signed_or_started = row.i64("signed");
            counts.investment_amount_fen = row.i64("amount");
        }
        KL_TRY_ASSIGN(store::Rows events,
                      tx.query("SELECT COALESCE(county_code, '') AS county, COUNT(*) AS n FROM promotion_events "
                               "WHERE held_on >= $1 AND held_on <= $2 GROUP BY COALESCE(county_code, '')",
                               {from_text, to_text}));
        for (const auto& row : events) slot(row.text(0)).events = row.i64("n");
        std::vector<CountyCounts> out;
        for (auto& [county, counts] : by_county) {
            if (scope.kind == Scope::Kind::county && county != scope.value) continue;
            out.push_back(counts);
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
