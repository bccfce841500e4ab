#include "trace/trace_graph_repo.h"

#include <algorithm>
#include <algorithm>
#include <map>
#include <tuple>
#include <tuple>

#include "access/permissions.h"
#include "store/stored.h"

namespace kl::trace {

namespace {

using store::optional_text;
using store::Row;
using store::Value;

const std::string edge_select =
    "SELECT e.event_pk, ev.event_id, ev.event_time_ms, e.kind, e.from_lot, e.to_kind, e.to_id, e.quantity, e.to_quantity, "
    "CASE WHEN d.id IS NULL THEN 0 ELSE 1 END AS declared FROM trace_edges e JOIN trace_events ev ON ev.id = e.event_pk "
    "LEFT JOIN trace_error_declarations d ON d.event_pk = e.event_pk WHERE ";

EdgeRow edge_from_row(const Row& row) {
    return EdgeRow{row.text(0), row.text(1), row.i64(2), row.text(3), row.text(4), row.text(5), row.text(6),
                   row.i64(7),  row.i64(8),  row.i64(9) != 0};
}

Result<std::vector<std::pair<std::string, std::string>>> pairs(store::Tx& tx, const std::string& select, const std::vector<std::string>& ids) {
    std::vector<std::pair<std::string, std::string>> out;
    KL_TRY(store::query_by_ids(tx, select, "", {}, ids, trace_ids_per_query, [&](const Row& row) -> Result<void> {
        out.emplace_back(row.text(0), row.text(1));
        return ok();
    }));
    return out;
}

}  // namespace

Result<std::vector<EdgeRow>> edges_from_lots(store::Tx& tx, const std::vector<std::string>& lot_ids) {
    std::vector<EdgeRow> out;
    KL_TRY(store::query_by_ids(tx, edge_select + "e.from_lot", "", {}, lot_ids, trace_ids_per_query, [&](const Row& row) -> Result<void> {
        out.push_back(edge_from_row(row));
        return ok();
    }));
    return out;
}

Result<std::vector<EdgeRow>> edges_into(store::Tx& tx, std::string_view to_kind, const std::vector<std::string>& ids) {
    std::vector<EdgeRow> out;
    KL_TRY(store::query_by_ids(tx, edge_select + "e.to_kind = $1 AND e.to_id", "", {std::string(to_kind)}, ids, trace_ids_per_query,
                               [&](const Row& row) -> Result<void> {
                                   out.push_back(edge_from_row(row));
                                   return ok();
                               }));
    return out;
}

Result<std::vector<std::pair<std::string, std::string>>> lots_of_pallets(store::Tx& tx, const std::vector<std::string>& ssccs) {
    return pairs(tx, "SELECT sscc, id FROM trace_lots WHERE sscc", ssccs);
}

Result<std::vector<std::pair<std::string, std::string>>> pallets_of_lots(store::Tx& tx, const std::vector<std::string>& lot_ids) {
    return pairs(tx, "SELECT id, sscc FROM trace_lots WHERE sscc IS NOT NULL AND id", lot_ids);
}

Result<std::vector<SupplierRow>> suppliers_of_lots(store::Tx& tx, const std::vector<std::string>& lot_ids) {
    std::vector<SupplierRow> out;
    KL_TRY(store::query_by_ids(tx, "SELECT lot_id, supplier_id, quantity FROM trace_lot_suppliers WHERE lot_id", "", {}, lot_ids,
                               trace_ids_per_query, [&](const Row& row) -> Result<void> {
                                   out.push_back(SupplierRow{row.text(0), row.text(1), row.i64(2)});
                                   return ok();
                               }));
    return out;
}

Result<std::vector<OrderNode>> order_nodes(store::Tx& tx, const std::vector<std::string>& order_ids) {
    std::vector<OrderNode> out;
    KL_TRY(store::query_by_ids(
        tx,
        "SELECT o.id, o.status, o.order_date, o.seller_id, s.name, s.name_en, o.buyer_id, b.name, b.name_en, o.carrier_id, "
        "s.county_code FROM orders o JOIN organisations s ON s.id = o.seller_id JOIN organisations b ON b.id = o.buyer_id WHERE o.id",
        "", {}, order_ids, trace_ids_per_query, [&](const Row& row) -> Result<void> {
            OrderNode node;
            node.id = row.text(0);
            node.status = row.text(1);
            node.order_date = store::stored_opt_date(row.opt_text("order_date"));
            node.seller_id = row.text(3);
            node.seller_name = row.text(4);
            node.seller_name_en = row.is_null(5) ? "" : row.text(5);
            node.buyer_id = row.text(6);
            node.buyer_name = row.text(7);
            node.buyer_name_en = row.is_null(8) ? "" : row.text(8);
            node.carrier_id = row.opt_text("carrier_id");
            node.seller_county = row.is_null(10) ? "" : row.text(10);
            out.push_back(std::move(node));
            return ok();
        }));
    return out;
}

Result<std::vector<OrganisationNode>> organisation_nodes(store::Tx& tx, const std::vector<std::string>& ids) {
    std::vector<OrganisationNode> out;
    KL_TRY(store::query_by_ids(tx, "SELECT id, name, name_en, kind, county_code FROM organisations WHERE id", "", {}, ids,
                               trace_ids_per_query, [&](const Row& row) -> Result<void> {
                                   out.push_back(OrganisationNode{row.text(0), row.text(1), row.is_null(2) ? "" : row.text(2),
                                                                  row.text(3), row.is_null(4) ? "" : row.text(4)});
                                   return ok();
                               }));
    return out;
}

Result<std::optional<std::string>> county_of(store::Tx& tx, const std::string& org_id) {
    return store::query_first_text(tx, "SELECT county_code FROM organisations WHERE id = $1 AND county_code IS NOT NULL", {org_id});
}

Result<std::vector<CteRow>> cte_rows(store::Tx& tx, const std::vector<std::string>& lot_ids) {
    std::vector<CteRow> out;
    KL_TRY(store::query_by_ids(
        tx,
        "SELECT e.id, e.event_id, e.type, e.action, e.biz_step, e.disposition, q.list, q.lot_id, e.event_time_ms, "
        "e.event_time_zone_offset, q.quantity, o.id AS location_id, o.name, o.name_en, o.county_code, "
        "CASE WHEN d.id IS NULL THEN 0 ELSE 1 END AS declared FROM trace_event_quantities q JOIN trace_events e ON e.id = q.event_pk "
        "LEFT JOIN organisations o ON o.id = COALESCE(e.biz_location, e.read_point) "
        "LEFT JOIN trace_error_declarations d ON d.event_pk = e.id WHERE q.lot_id",
        "", {}, lot_ids, trace_ids_per_query, [&](const Row& row) -> Result<void> {
            auto text = [&row](size_t i) { return row.is_null(i) ? std::string() : row.text(i); };
            CteRow cte;
            cte.event_pk = row.text(0);
            cte.event_id = row.text(1);
            cte.type = row.text(2);
            cte.action = text(3);
            cte.biz_step = text(4);
            cte.disposition = text(5);
            cte.list = row.text(6);
            cte.lot_id = row.text(7);
            cte.event_time_ms = row.i64(8);
            cte.time_zone_offset = row.text(9);
            cte.quantity = row.i64(10);
            cte.location_id = text(11);
            cte.location_name = text(12);
            cte.location_name_en = text(13);
            cte.location_county = text(14);
            cte.declared_wrong = row.i64(15) != 0;
            out.push_back(std::move(cte));
            return ok();
        }));
    std::sort(out.begin(), out.end(), [](const CteRow& a, const CteRow& b) {
        return std::tie(a.event_time_ms, a.event_pk, a.list, a.lot_id) < std::tie(b.event_time_ms, b.event_pk, b.list, b.lot_id);
    });
    return out;
}

Result<std::vector<CteTransaction>> cte_transactions(store::Tx& tx, const std::vector<std::string>& event_pks) {
    std::vector<CteTransaction> out;
    KL_TRY(store::query_by_ids(tx, "SELECT event_pk, type, COALESCE(order_id, biz_transaction) FROM trace_event_biz_transactions WHERE event_pk",
                               " ORDER BY event_pk, seq", {}, event_pks, trace_ids_per_query, [&](const Row& row) -> Result<void> {
                                   out.push_back(CteTransaction{row.text(0), row.text(1), row.text(2)});
                                   return ok();
                               }));
    return out;
}

// ---- recalls ---------------------------------------------------------------------------------------

namespace {

const std::string recall_columns =
    "r.id, r.lot_id, r.county_code, r.producer_id, r.reason, r.status, r.affected_lots, r.affected_pallets, r.affected_orders, "
    "r.opened_by, r.opened_role, r.opened_org, r.opened_at_ms, r.closed_how, r.close_note, r.closed_by, r.closed_at_ms, "
    "l.lot_code, l.quantity_unit, pr.name_zh AS product_name, pr.name_en AS product_name_en, p.name AS producer_name, "
    "p.name_en AS producer_name_en";
const std::string recall_from =
    " FROM trace_recalls r JOIN trace_lots l ON l.id = r.lot_id JOIN products pr ON pr.id = l.product_id "
    "JOIN organisations p ON p.id = r.producer_id";

Recall recall_from_row(const Row& row) {
    Recall recall;
    recall.id = row.text("id");
    recall.lot_id = row.text("lot_id");
    recall.county = row.opt_text("county_code").value_or("");
    recall.producer_id = row.text("producer_id");
    recall.reason = row.text("reason");
    recall.status = store::stored_enum<RecallStatus>(row.text("status"));
    recall.affected_lots = row.i64("affected_lots");
    recall.affected_pallets = row.i64("affected_pallets");
    recall.affected_orders = row.i64("affected_orders");
    recall.opened_by = row.opt_text("opened_by");
    recall.opened_role = row.text("opened_role");
    recall.opened_org = row.opt_text("opened_org");
    recall.opened_at_ms = row.i64("opened_at_ms");
    if (auto how = row.opt_text("closed_how")) recall.closed_how = store::stored_enum<RecallClosedHow>(*how);
    recall.close_note = row.opt_text("close_note");
    recall.closed_by = row.opt_text("closed_by");
    recall.closed_at_ms = row.opt_i64("closed_at_ms");
    recall.lot_code = row.text("lot_code");
    recall.quantity_unit = store::stored_enum<QuantityUnit>(row.text("quantity_unit"));
    recall.product_name = row.text("product_name");
    recall.product_name_en = row.opt_text("product_name_en").value_or("");
    recall.producer_name = row.text("producer_name");
    recall.producer_name_en = row.opt_text("producer_name_en").value_or("");
    return recall;
}

Result<void> read_notices(store::Tx& tx, Recall& recall) {
    std::map<std::string, size_t> at;
    KL_TRY_ASSIGN(store::Rows notices,
                  tx.query("SELECT n.buyer_id, o.name, o.name_en, n.acknowledged_at_ms, n.acknowledged_by, n.note "
                           "FROM trace_recall_notices n JOIN organisations o ON o.id = n.buyer_id WHERE n.recall_id = $1 ORDER BY o.name, n.buyer_id",
                           {recall.id}));
    recall.notices.clear();
    for (const auto& row : notices) {
        RecallNotice notice;
        notice.buyer_id = row.text(0);
        notice.buyer_name = row.text(1);
        notice.buyer_name_en = row.opt_text("name_en").value_or("");
        notice.acknowledged_at_ms = row.opt_i64("acknowledged_at_ms");
        notice.acknowledged_by = row.opt_text("acknowledged_by");
        notice.note = row.text(5);
        at[notice.buyer_id] = recall.notices.size();
        recall.notices.push_back(std::move(notice));
    }
    KL_TRY_ASSIGN(store::Rows items,
                  tx.query("SELECT i.buyer_id, i.lot_id, i.quantity, i.recovered, l.lot_code, l.grade, l.quantity_unit, pr.name_zh, "
                           "pr.name_en FROM trace_recall_items i JOIN trace_lots l ON l.id = i.lot_id JOIN products pr ON pr.id = l.product_id "
                           "WHERE i.recall_id = $1 ORDER BY i.buyer_id, l.lot_code, i.lot_id",
                           {recall.id}));
    for (const auto& row : items) {
        RecallItem item;
        item.lot_id = row.text(1);
        item.quantity = row.i64(2);
        item.recovered = row.opt_i64("recovered");
        item.lot_code = row.text(4);
        item.grade = row.text(5);
        item.quantity_unit = store::stored_enum<QuantityUnit>(row.text(6));
        item.product_name = row.text(7);
        item.product_name_en = row.opt_text("name_en").value_or("");
        recall.notices[at.at(row.text(0))].items.push_back(std::move(item));
    }
    KL_TRY_ASSIGN(store::Rows orders, tx.query("SELECT ro.buyer_id, ro.order_id, o.order_date FROM trace_recall_orders ro JOIN orders o "
                                               "ON o.id = ro.order_id WHERE ro.recall_id = $1 ORDER BY o.order_date, ro.order_id",
                                               {recall.id}));
    for (const auto& row : orders) {
        recall.notices[at.at(row.text(0))].orders.push_back(RecallOrder{row.text(1), store::stored_opt_date(row.opt_text("order_date"))});
    }
    recall.buyers = static_cast<int64_t>(recall.notices.size());
    recall.buyers_acknowledged = 0;
    for (const auto& notice : recall.notices) recall.buyers_acknowledged += notice.acknowledged_at_ms ? 1 : 0;
    return ok();
}

}  // namespace

Result<void> insert_recall(store::Tx& tx, const Recall& recall) {
    KL_TRY(store::exec(tx,
                       "INSERT INTO trace_recalls (id, lot_id, county_code, producer_id, reason, status, affected_lots, affected_pallets, "
                       "affected_orders, opened_by, opened_role, opened_org, opened_at_ms) VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, "
                       "$9, $10, $11, $12)",
                       {recall.id, recall.lot_id, recall.county.empty() ? store::null() : Value(recall.county), recall.producer_id,
                        recall.reason, recall.affected_lots, recall.affected_pallets, recall.affected_orders,
                        optional_text(recall.opened_by), recall.opened_role, optional_text(recall.opened_org), recall.opened_at_ms}));
    for (const auto& notice : recall.notices) {
        KL_TRY(store::exec(tx, "INSERT INTO trace_recall_notices (recall_id, buyer_id) VALUES ($1, $2)", {recall.id, notice.buyer_id}));
        for (const auto& item : notice.items) {
            KL_TRY(store::exec(tx, "INSERT INTO trace_recall_items (recall_id, buyer_id, lot_id, quantity) VALUES ($1, $2, $3, $4)",
                               {recall.id, notice.buyer_id, item.lot_id, item.quantity}));
        }
        for (const auto& order : notice.orders) {
            KL_TRY(store::exec(tx, "INSERT INTO trace_recall_orders (recall_id, order_id, buyer_id) VALUES ($1, $2, $3)",
                               {recall.id, order.order_id, notice.buyer_id}));
        }
    }
    return ok();
}

Result<std::optional<Recall>> find_recall(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(std::optional<Recall> recall,
                  store::query_first(tx, "SELECT " + recall_columns + recall_from + " WHERE r.id = $1", {id}, recall_from_row));
    if (recall) KL_TRY(read_notices(tx, *recall));
    return recall;
}

Result<std::vector<Recall>> select_recalls(store::Tx& tx, const RecallFilter& filter, const std::string& visible, store::SqlQuery& query,
                                           const std::optional<std::string>& after, int limit) {
    query.where_text(visible);
    if (filter.status) query.where("r.status", std::string(to_string(*filter.status)));
    if (filter.lot_id) query.where("r.lot_id", *filter.lot_id);
    KL_TRY_ASSIGN(std::vector<Recall> recalls,
                  store::query_as(tx, "SELECT " + recall_columns + recall_from + " WHERE " + query.page("r.id", after, limit, store::PageOrder::newest_first),
                                  query.params(), recall_from_row));
    for (auto& recall : recalls) KL_TRY(read_notices(tx, recall));
    return recalls;
}

Result<std::string> recall_visibility(store::Tx& tx, const Actor& actor, store::SqlQuery& query) {
    if (!actor || !access::is_org_scoped(actor->role)) return std::string("1 = 1");
    const std::string org = actor->org_id.value_or("");
    switch (actor->role) {
        case access::Role::producer: return "r.producer_id = " + query.bind(org);
        case access::Role::county_officer: {
            KL_TRY_ASSIGN(std::optional<std::string> county, county_of(tx, org));
            if (!county) return std::string("1 = 0");
            return "r.county_code = " + query.bind(*county);
        }
        case access::Role::buyer:
            return "r.id IN (SELECT recall_id FROM trace_recall_notices WHERE buyer_id = " + query.bind(org) + ")";
        default: return std::string("1 = 0");
    }
}

Result<bool> acknowledge_notice(store::Tx& tx, const std::string& recall_id, const std::string& buyer_id, int64_t at_ms,
                                const std::optional<std::string>& by, const std::string& note) {
    KL_TRY_ASSIGN(int64_t changed, tx.execute("UPDATE trace_recall_notices SET acknowledged_at_ms = $3, acknowledged_by = $4, note = $5 "
                                              "WHERE recall_id = $1 AND buyer_id = $2 AND acknowledged_at_ms IS NULL",
                                              {recall_id, buyer_id, at_ms, optional_text(by), note}));
    return changed == 1;
}

Result<void> set_recovered(store::Tx& tx, const std::string& recall_id, const std::string& buyer_id, const std::string& lot_id,
                           int64_t recovered) {
    return store::exec(tx, "UPDATE trace_recall_items SET recovered = $4 WHERE recall_id = $1 AND buyer_id = $2 AND lot_id = $3",
                       {recall_id, buyer_id, lot_id, recovered});
}

Result<int64_t> notices_unacknowledged(store::Tx& tx, const std::string& recall_id) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT COUNT(*) FROM trace_recall_notices WHERE recall_id = $1 AND acknowledged_at_ms IS NULL", {recall_id}));
    return rows[0].i64(0);
}

Result<bool> close_recall(store::Tx& tx, const std::string& id, std::string_view how, const std::optional<std::string>& note,
                          const std::optional<std::string>& by, int64_t at_ms) {
    KL_TRY_ASSIGN(int64_t changed, tx.execute("UPDATE trace_recalls SET status = 'closed', closed_how = $2, close_note = $3, closed_by = $4, "
                                              "closed_at_ms = $5 WHERE id = $1 AND status = 'open'",
                                              {id, std::string(how), optional_text(note), optional_text(by), at_ms}));
    return changed == 1;
}

namespace {
const std::string awaiting =
    " FROM trace_recall_notices n JOIN trace_recalls r ON r.id = n.recall_id WHERE n.buyer_id = $1 AND n.acknowledged_at_ms IS NULL "
    "AND r.status = 'open'";
}

Result<int64_t> count_recalls_to_acknowledge(store::Tx& tx, const std::string& buyer_id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT COUNT(*)" + awaiting, {buyer_id}));
    return rows[0].i64(0);
}

Result<std::vector<Recall>> recalls_to_acknowledge(store::Tx& tx, const std::string& buyer_id, size_t limit) {
    return store::query_as(tx,
                           "SELECT " + recall_columns + recall_from + " WHERE r.id IN (SELECT n.recall_id" + awaiting +
                               ") ORDER BY r.id LIMIT " + std::to_string(limit),
                           {buyer_id}, recall_from_row);
}

}  // namespace kl::trace
