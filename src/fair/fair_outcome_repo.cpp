#include "fair/fair_outcome_repo.h"

#include "core/assert.h"
#include "store/page.h"
#include "store/stored.h"

namespace kl::fair {

namespace {

OutcomeRecord outcome_from(const store::Row& row) {
    OutcomeRecord record;
    record.event_id = row.text("event_id");
    record.meeting_id = row.text("meeting_id");
    record.version = row.i64("version");
    record.outcome = store::stored_enum<Outcome>(row.text("outcome"));
    if (auto side = row.opt_text("no_show_side")) record.no_show_side = store::stored_enum<NoShowSide>(*side);
    record.note = row.text("note");
    record.recorded_by = row.opt_text("recorded_by");
    record.recorded_role = row.text("recorded_role");
    record.recorded_at_ms = row.i64("recorded_at_ms");
    return record;
}

const std::string select_outcome_sql =
    "SELECT event_id, meeting_id, version, outcome, no_show_side, note, recorded_by, recorded_role, recorded_at_ms "
    "FROM fair_meeting_outcomes";

FairOrder link_from(const store::Row& row) {
    FairOrder link;
    link.order_id = row.text("order_id");
    link.event_id = row.text("event_id");
    link.kind = store::stored_enum<FairOrderKind>(row.text("kind"));
    link.meeting_id = row.opt_text("meeting_id");
    link.exhibitor_id = row.text("exhibitor_id");
    link.buyer_participant_id = row.opt_text("buyer_participant_id");
    link.seller_org_id = row.text("seller_org_id");
    link.buyer_org_id = row.text("buyer_org_id");
    link.walk_in = row.i64("walk_in") == 1;
    link.created_at_ms = row.i64("created_at_ms");
    return link;
}

const std::string select_link_sql =
    "SELECT f.order_id, f.event_id, f.kind, f.meeting_id, f.exhibitor_id, f.buyer_participant_id, f.seller_org_id, "
    "f.buyer_org_id, f.walk_in, f.created_at_ms FROM fair_orders f";

}  // namespace

Result<std::optional<StoredMeeting>> find_meeting(store::Tx& tx, const std::string& schedule_id, const std::string& meeting_id) {
    return store::query_first(tx,
                              "SELECT id, exhibitor_id, buyer_id, slot_id, table_id, weight FROM fair_meetings "
                              "WHERE schedule_id = $1 AND id = $2",
                              {schedule_id, meeting_id}, [](const store::Row& row) {
                                  return StoredMeeting{row.text("id"),      row.text("exhibitor_id"), row.text("buyer_id"),
                                                       row.text("slot_id"), row.text("table_id"),     row.i64("weight")};
                              });
}

Result<std::vector<OutcomeRecord>> outcome_history(store::Tx& tx, const std::string& event_id, const std::string& meeting_id) {
    return store::query_as(tx, select_outcome_sql + " WHERE event_id = $1 AND meeting_id = $2 ORDER BY version",
                           {event_id, meeting_id}, outcome_from);
}

Result<void> insert_outcome(store::Tx& tx, const OutcomeRecord& r) {
    return store::exec(tx,
                       "INSERT INTO fair_meeting_outcomes (event_id, meeting_id, version, outcome, no_show_side, note, "
                       "recorded_by, recorded_role, recorded_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                       {r.event_id, r.meeting_id, r.version, std::string(to_string(r.outcome)),
                        r.no_show_side ? store::Value(std::string(to_string(*r.no_show_side))) : store::null(), r.note,
                        store::optional_text(r.recorded_by), r.recorded_role, r.recorded_at_ms});
}

Result<std::map<std::string, OutcomeRecord>> latest_outcomes(store::Tx& tx, const std::string& event_id) {
    KL_TRY_ASSIGN(std::vector<OutcomeRecord> all,
                  store::query_as(tx, select_outcome_sql + " WHERE event_id = $1 ORDER BY meeting_id, version", {event_id},
                                  outcome_from));
    std::map<std::string, OutcomeRecord> latest;
    for (auto& record : all) latest[record.meeting_id] = std::move(record);  // versions ascend: the last stays
    return latest;
}

Result<void> insert_fair_order(store::Tx& tx, const FairOrder& l) {
    return store::exec(tx,
                       "INSERT INTO fair_orders (order_id, event_id, kind, meeting_id, exhibitor_id, buyer_participant_id, "
                       "seller_org_id, buyer_org_id, walk_in, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                       {l.order_id, l.event_id, std::string(to_string(l.kind)), store::optional_text(l.meeting_id), l.exhibitor_id,
                        store::optional_text(l.buyer_participant_id), l.seller_org_id, l.buyer_org_id,
                        int64_t{l.walk_in ? 1 : 0}, l.created_at_ms});
}

Result<std::optional<FairOrder>> find_fair_order(store::Tx& tx, const std::string& order_id) {
    return store::query_first(tx, select_link_sql + " WHERE f.order_id = $1", {order_id}, link_from);
}

Result<std::vector<FairOrder>> select_fair_orders(store::Tx& tx, const std::string& event_id, const orders::OrderVisibility& seen,
                                                  const FairOrderFilter& filter, const std::optional<std::string>& after,
                                                  int64_t limit) {
    using Kind = orders::OrderVisibility::Kind;
    store::SqlQuery query;
    query.where("f.event_id", event_id);
    switch (seen.kind) {
        case Kind::every: break;
        case Kind::seller: query.where("f.seller_org_id", seen.value); break;
        case Kind::buyer: query.where("f.buyer_org_id", seen.value); break;
        case Kind::seller_county:
            query.where_text("f.seller_org_id IN (SELECT id FROM organisations WHERE county_code = " + query.bind(seen.value) + ")");
            break;
        case Kind::carrier:  // a fair's orders have no carrier yet
        case Kind::none: return std::vector<FairOrder>{};
    }
    if (filter.kind) query.where("f.kind", std::string(to_string(*filter.kind)));
    if (filter.meeting_id) query.where("f.meeting_id", *filter.meeting_id);
    if (filter.exhibitor_id) query.where("f.exhibitor_id", *filter.exhibitor_id);
    if (limit <= 0) return store::query_as(tx, select_link_sql + " WHERE " + query.condition() + " ORDER BY f.order_id", query.params(), link_from);
    return store::query_as(tx, select_link_sql + " WHERE " + query.page("f.order_id", after, limit), query.params(), link_from);
}

Result<std::string> walk_in_buyer(store::Tx& tx) {
    KL_TRY_ASSIGN(std::optional<std::string> id,
                  store::query_first_text(tx, "SELECT org_id FROM fair_walk_in_buyer WHERE singleton = 1", {}));
    KL_ASSERT(id.has_value());  // 0023_system_organisations.sql made it
    return *id;
}

Result<std::optional<ProductFacts>> product_facts(store::Tx& tx, const std::string& product_id) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT p.producer_id, (SELECT g.code FROM product_grades g WHERE g.product_id = p.id "
                           "ORDER BY g.grade_rank, g.code LIMIT 1) AS best_grade FROM products p WHERE p.id = $1",
                           {product_id}));
    if (rows.empty()) return std::optional<ProductFacts>{};
    return std::optional<ProductFacts>{ProductFacts{rows[0].text("producer_id"), rows[0].opt_text("best_grade")}};
}

Result<std::optional<std::string>> org_district(store::Tx& tx, const std::string& org_id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT district_code FROM organisations WHERE id = $1", {org_id}));
    if (rows.empty()) return std::optional<std::string>{};
    return rows[0].opt_text("district_code");
}

}  // namespace kl::fair
