#include "servicebook/servicebook_repo.h"

#include <map>

#include "projects/project_repo.h"
#include "store/list_window.h"
#include "store/sql.h"
#include "store/stored.h"
#include "store/work_queue.h"

namespace kl::servicebook {

namespace {

Date date_of(const store::Row& row, std::string_view column) { return store::stored_date(row.text(column)); }

const std::string select_enterprise =
    "SELECT e.id, e.org_id, o.name AS org_name, e.county_code, e.officer, e.is_leading, e.since_on FROM service_enterprises e "
    "JOIN organisations o ON o.id = e.org_id";
const std::string select_visit = "SELECT id, enterprise_id, county_code, visited_on, officer, topics FROM service_visits";
// Named by its enterprise, and wrapped so that list conditions name its columns unqualified.
const std::string select_request =
    "SELECT * FROM (SELECT r.id, r.enterprise_id, r.county_code, r.subject, r.raised_on, r.deadline, r.status, "
    "r.resolved_on, o.name AS org_name, o.name_en AS org_name_en FROM service_requests r "
    "JOIN service_enterprises e ON e.id = r.enterprise_id JOIN organisations o ON o.id = e.org_id) x";
const std::string select_investment =
    "SELECT id, name, county_code, investor, stage, amount_fen, listed_company, first_contact_on FROM investment_projects";
const std::string select_event = "SELECT id, name, county_code, held_on, city, attendees FROM promotion_events";

Enterprise enterprise_from(const store::Row& row) {
    return Enterprise{row.text("id"), row.text("org_id"), row.text("org_name"), row.text("county_code"),
                      row.text("officer"), row.i64("is_leading") == 1, date_of(row, "since_on")};
}

Visit visit_from(const store::Row& row) {
    return Visit{row.text("id"), row.text("enterprise_id"), row.text("county_code"), date_of(row, "visited_on"),
                 row.text("officer"), row.text("topics")};
}

ServiceRequest request_from(const store::Row& row) {
    return ServiceRequest{row.text("id"), row.text("enterprise_id"), row.text("county_code"), row.text("subject"),
                          date_of(row, "raised_on"), date_of(row, "deadline"),
                          *parse_request_status(row.text("status"), "status"),
                          store::stored_opt_date(row.opt_text("resolved_on")), row.text("org_name"),
                          row.opt_text("org_name_en").value_or("")};
}

Investment investment_from(const store::Row& row) {
    return Investment{row.text("id"), row.text("name"), row.text("county_code"), row.text("investor"),
                      *parse_stage(row.text("stage"), "stage"), row.i64("amount_fen"), row.i64("listed_company") == 1,
                      date_of(row, "first_contact_on")};
}

PromotionEvent event_from(const store::Row& row) {
    return PromotionEvent{row.text("id"), row.text("name"), row.opt_text("county_code"), date_of(row, "held_on"),
                          row.text("city"), row.i64("attendees")};
}

// The one row of `select` with this id, mapped, or none.
template <typename T, typename Map>
Result<std::optional<T>> find_by_id(store::Tx& tx, const std::string& select, const std::string& id, Map map) {
    return store::query_first(tx, select + " WHERE id = $1", {id}, map);
}

template <typename T, typename Map>
Result<std::vector<T>> select_page(store::Tx& tx, const std::string& select, const ListFilter& filter, Map map) {
    store::SqlQuery query;
    for (const auto& county : filter.counties) query.where("county_code", county);
    return store::query_as(tx, select + " WHERE " + query.page("id", filter.after, filter.limit), query.params(), map);
}

using CountsByCounty = std::map<std::string, CountyCounts>;

CountyCounts& slot(CountsByCounty& by_county, const std::string& county) {
    auto& counts = by_county[county];
    counts.county = county;
    return counts;
}

// Runs one grouped count (its first column the county) and folds each row into that county's counts.
template <typename Fold>
Result<void> count_into(store::Tx& tx, const std::string& sql, const store::Params& params, CountsByCounty& by_county,
                        Fold fold) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query(sql, params));
    for (const auto& row : rows) fold(slot(by_county, row.text(0)), row);
    return ok();
}

const std::string count_visits_sql =
    "SELECT v.county_code, COUNT(*) AS visits, COUNT(DISTINCT v.enterprise_id) AS served, "
    "COUNT(DISTINCT CASE WHEN e.is_leading = 1 THEN v.enterprise_id END) AS leading_served "
    "FROM service_visits v JOIN service_enterprises e ON e.id = v.enterprise_id "
    "WHERE v.visited_on >= $1 AND v.visited_on <= $2 GROUP BY v.county_code";
const std::string count_requests_sql =
    "SELECT county_code, COUNT(*) AS raised, "
    "SUM(CASE WHEN status IN ('open', 'in_progress') THEN 1 ELSE 0 END) AS still_open, "
    "SUM(CASE WHEN status IN ('open', 'in_progress') AND deadline < $3 THEN 1 ELSE 0 END) AS overdue "
    "FROM service_requests WHERE raised_on >= $1 AND raised_on <= $2 GROUP BY county_code";
const std::string count_investments_sql =
    "SELECT county_code, COUNT(*) AS n, SUM(listed_company) AS listed, "
    "SUM(CASE WHEN stage IN ('signed', 'started') THEN 1 ELSE 0 END) AS signed, "
    "SUM(amount_fen) AS amount FROM investment_projects "
    "WHERE first_contact_on >= $1 AND first_contact_on <= $2 GROUP BY county_code";
const std::string count_events_sql =
    "SELECT COALESCE(county_code, '') AS county, COUNT(*) AS n FROM promotion_events "
    "WHERE held_on >= $1 AND held_on <= $2 GROUP BY COALESCE(county_code, '')";

}  // namespace

Result<std::optional<ServedOrg>> find_served_org(store::Tx& tx, const std::string& org_id) {
    return store::query_first(tx, "SELECT kind, county_code FROM organisations WHERE id = $1", {org_id},
                              [](const store::Row& row) { return ServedOrg{row.text("kind"), row.opt_text("county_code")}; });
}

Result<bool> org_in_book(store::Tx& tx, const std::string& org_id) {
    return store::row_exists(tx, "SELECT 1 FROM service_enterprises WHERE org_id = $1", {org_id});
}

Result<std::optional<Enterprise>> find_enterprise(store::Tx& tx, const std::string& id) {
    return store::query_first(tx, select_enterprise + " WHERE e.id = $1", {id}, enterprise_from);
}

Result<std::optional<ServiceRequest>> find_request(store::Tx& tx, const std::string& id) {
    return find_by_id<ServiceRequest>(tx, select_request, id, request_from);
}

Result<std::optional<Investment>> find_investment(store::Tx& tx, const std::string& id) {
    return find_by_id<Investment>(tx, select_investment, id, investment_from);
}

Result<void> insert_enterprise(store::Tx& tx, const Enterprise& enterprise, int64_t created_at_ms) {
    KL_TRY(tx.execute("INSERT INTO service_enterprises (id, org_id, county_code, officer, is_leading, since_on, created_at_ms) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                      {enterprise.id, enterprise.org_id, enterprise.county, enterprise.officer,
                       int64_t{enterprise.leading ? 1 : 0}, kl::format_date(enterprise.since_on), created_at_ms}));
    return ok();
}

Result<void> insert_visit(store::Tx& tx, const Visit& visit, int64_t created_at_ms) {
    KL_TRY(tx.execute("INSERT INTO service_visits (id, enterprise_id, county_code, visited_on, officer, topics, "
                      "created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                      {visit.id, visit.enterprise_id, visit.county, kl::format_date(visit.visited_on), visit.officer,
                       visit.topics, created_at_ms}));
    return ok();
}

Result<void> insert_request(store::Tx& tx, const ServiceRequest& request, int64_t created_at_ms) {
    KL_TRY(tx.execute("INSERT INTO service_requests (id, enterprise_id, county_code, subject, raised_on, deadline, "
                      "status, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, 'open', $7)",
                      {request.id, request.enterprise_id, request.county, request.subject,
                       kl::format_date(request.raised_on), kl::format_date(request.deadline), created_at_ms}));
    return ok();
}

Result<void> insert_investment(store::Tx& tx, const Investment& investment, int64_t created_at_ms) {
    KL_TRY(tx.execute("INSERT INTO investment_projects (id, name, county_code, investor, stage, amount_fen, listed_company, "
                      "first_contact_on, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                      {investment.id, investment.name, investment.county, investment.investor,
                       std::string(to_string(investment.stage)), investment.amount_fen,
                       int64_t{investment.listed_company ? 1 : 0}, kl::format_date(investment.first_contact_on),
                       created_at_ms}));
    return ok();
}

Result<void> insert_event(store::Tx& tx, const PromotionEvent& event, int64_t created_at_ms) {
    KL_TRY(tx.execute("INSERT INTO promotion_events (id, name, county_code, held_on, city, attendees, created_at_ms) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                      {event.id, event.name, event.county ? store::Value(*event.county) : store::null(),
                       kl::format_date(event.held_on), event.city, event.attendees, created_at_ms}));
    return ok();
}

Result<void> update_request_status(store::Tx& tx, const std::string& id, RequestStatus status,
                                   const std::optional<Date>& resolved_on) {
    KL_TRY(tx.execute("UPDATE service_requests SET status = $1, resolved_on = $2 WHERE id = $3",
                      {std::string(to_string(status)), store::date_value(resolved_on), id}));
    return ok();
}

Result<void> update_investment_stage(store::Tx& tx, const std::string& id, Stage stage) {
    KL_TRY(tx.execute("UPDATE investment_projects SET stage = $1 WHERE id = $2", {std::string(to_string(stage)), id}));
    return ok();
}

Result<std::vector<Enterprise>> select_enterprises(store::Tx& tx, const ListFilter& filter) {
    return select_page<Enterprise>(tx, "SELECT * FROM (" + select_enterprise + ") x", filter, enterprise_from);
}
Result<std::vector<Visit>> select_visits(store::Tx& tx, const ListFilter& filter) {
    return select_page<Visit>(tx, select_visit, filter, visit_from);
}
Result<std::vector<ServiceRequest>> select_requests(store::Tx& tx, const ListFilter& filter, const RequestSearch& search) {
    store::SqlQuery query;
    for (const auto& county : filter.counties) query.where("county_code", county);
    if (search.status) query.where("status", std::string(to_string(*search.status)));
    if (search.due_by) {
        query.where_text("status IN ('open', 'in_progress')");
        query.where("deadline", kl::format_date(*search.due_by), "<=");
    }
    // raised_on is YYYY-MM-DD text: text order is date order on both back ends.
    store::add_window(query, search.window, {{"subject", "org_name", "org_name_en", "id"}, "raised_on"});
    return store::query_as(tx, select_request + " WHERE " + query.page("id", filter.after, filter.limit, search.window.order),
                           query.params(), request_from);
}
Result<std::vector<Investment>> select_investments(store::Tx& tx, const ListFilter& filter) {
    return select_page<Investment>(tx, select_investment, filter, investment_from);
}
Result<std::vector<PromotionEvent>> select_events(store::Tx& tx, const ListFilter& filter) {
    return select_page<PromotionEvent>(tx, select_event, filter, event_from);
}

Result<std::vector<CountyCounts>> county_counts(store::Tx& tx, Date from, Date to, Date today) {
    const store::Params period{kl::format_date(from), kl::format_date(to)};
    CountsByCounty by_county;
    KL_TRY(count_into(tx, count_visits_sql, period, by_county, [](CountyCounts& counts, const store::Row& row) {
        counts.visits = row.i64("visits");
        counts.enterprises_served = row.i64("served");
        counts.leading_enterprises_visited = row.i64("leading_served");
    }));
    const store::Params period_and_today{kl::format_date(from), kl::format_date(to), kl::format_date(today)};
    KL_TRY(count_into(tx, count_requests_sql, period_and_today, by_county, [](CountyCounts& counts, const store::Row& row) {
        counts.requests_raised = row.i64("raised");
        counts.requests_open = row.i64("still_open");
        counts.requests_overdue = row.i64("overdue");
    }));
    KL_TRY(count_into(tx, count_investments_sql, period, by_county, [](CountyCounts& counts, const store::Row& row) {
        counts.investments = row.i64("n");
        counts.investments_listed = row.i64("listed");
        counts.investments_signed_or_started = row.i64("signed");
        counts.investment_amount_fen = row.i64("amount");
    }));
    KL_TRY(count_into(tx, count_events_sql, period, by_county,
                      [](CountyCounts& counts, const store::Row& row) { counts.events = row.i64("n"); }));
    std::vector<CountyCounts> out;
    for (auto& [county, counts] : by_county) out.push_back(std::move(counts));
    return out;
}

Result<WorkQueue> requests_due(store::Tx& tx, const std::string& county, Date due_by) {
    store::WorkQuery query;
    query.kind = "service_requests_due";
    query.route = "/servicebook?due_by=" + kl::format_date(due_by);
    // The subject is written by the officer, in their language: the same text in both.
    query.columns = "r.id, r.subject AS label, r.subject AS label_en, o.name AS party, "
                    "COALESCE(NULLIF(o.name_en, ''), o.name) AS party_en, r.deadline";
    query.from_where = "FROM service_requests r JOIN service_enterprises e ON e.id = r.enterprise_id "
                       "JOIN organisations o ON o.id = e.org_id "
                       "WHERE r.county_code = $1 AND r.status IN ('open', 'in_progress') AND r.deadline <= $2";
    query.params = {county, kl::format_date(due_by)};
    query.order_by = "r.deadline, r.id";
    return store::read_work_queue(tx, query, [](WorkItem& item, const store::Row& row) {
        item.due_on = date_of(row, "deadline");
        item.route = "/servicebook?q=" + item.id;
    });
}

}  // namespace kl::servicebook
