#include "orders/order_repo.h"

#include <map>

#include "core/identifier.h"
#include "store/stored.h"
#include "store/work_queue.h"

namespace kl::orders {

namespace {

using store::optional_text;

constexpr const char* order_columns =
    "o.id, o.buyer_id, b.name AS buyer_name, b.name_en AS buyer_name_en, o.seller_id, s.name AS seller_name, "
    "s.name_en AS seller_name_en, o.channel, o.status, "
    "o.delivery_district, o.delivery_date, o.order_date, o.carrier_id, o.invoice_no, o.cancel_reason, "
    "o.source_kind, o.source_ref, o.platform, o.shop, o.platform_order_no, o.note, o.total_fen, "
    "o.accepted_fen, o.created_at_ms, o.updated_at_ms";
constexpr const char* order_from =
    " FROM orders o JOIN organisations b ON b.id = o.buyer_id JOIN organisations s ON s.id = o.seller_id";

Order order_from_row(const store::Row& row) {
    Order order;
    order.id = row.text("id");
    order.buyer_id = row.text("buyer_id");
    order.buyer_name = row.text("buyer_name");
    order.buyer_name_en = row.text("buyer_name_en");
    order.seller_id = row.text("seller_id");
    order.seller_name = row.text("seller_name");
    order.seller_name_en = row.text("seller_name_en");
    order.channel = store::stored_enum<catalog::SalesChannel>(row.text("channel"));
    order.status = store::stored_enum<OrderStatus>(row.text("status"));
    order.delivery_district = row.text("delivery_district");
    order.delivery_date = store::stored_date(row.text("delivery_date"));
    order.order_date = store::stored_date(row.text("order_date"));
    order.carrier_id = row.opt_text("carrier_id");
    order.invoice_no = row.opt_text("invoice_no");
    order.cancel_reason = row.opt_text("cancel_reason");
    order.source_kind = row.opt_text("source_kind");
    order.source_ref = row.opt_text("source_ref");
    order.platform = row.opt_text("platform");
    order.shop = row.opt_text("shop");
    order.platform_order_no = row.opt_text("platform_order_no");
    order.note = row.text("note");
    order.total_fen = row.i64("total_fen");
    order.accepted_fen = row.i64("accepted_fen");
    order.created_at_ms = row.i64("created_at_ms");
    order.updated_at_ms = row.i64("updated_at_ms");
    return order;
}

// Fills the lines of `orders` with one query.
Result<void> load_lines(store::Tx& tx, std::vector<Order>& orders) {
    if (orders.empty()) return ok();
    store::SqlQuery params;
    std::string in;
    std::map<std::string, Order*> by_id;
    for (auto& order : orders) {
        in += (in.empty() ? "" : ", ") + params.bind(order.id);
        by_id[order.id] = &order;
    }
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT l.order_id, l.line_no, l.product_id, p.name_zh, l.grade, l.quantity, l.quantity_g, "
                           "l.unit_price_fen, l.amount_fen, l.accepted_quantity, l.quality_note, "
                           "CASE WHEN a.order_id IS NULL THEN 0 ELSE 1 END AS aid_counted "
                           "FROM order_lines l JOIN products p ON p.id = l.product_id "
                           "LEFT JOIN aid_sales a ON a.order_id = l.order_id AND a.line_no = l.line_no "
                           "WHERE l.order_id IN (" + in + ") ORDER BY l.order_id, l.line_no",
                           params.params()));
    for (const auto& row : rows) {
        OrderLine line;
        line.line_no = row.i64("line_no");
        line.product_id = row.text("product_id");
        line.product_name = row.text("name_zh");
        line.grade = row.text("grade");
        line.quantity = row.i64("quantity");
        line.quantity_g = row.i64("quantity_g");
        line.unit_price_fen = row.i64("unit_price_fen");
        line.amount_fen = row.i64("amount_fen");
        line.accepted_quantity = row.opt_i64("accepted_quantity");
        line.quality_note = row.text("quality_note");
        line.aid_counted = row.i64("aid_counted") == 1;
        by_id.at(row.text("order_id"))->lines.push_back(std::move(line));
    }
    return ok();
}

Result<std::vector<OrderEvent>> load_events(store::Tx& tx, const std::string& order_id) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT seq, action, from_status, to_status, actor_user_id, actor_role, at_ms, note "
                           "FROM order_events WHERE order_id = $1 ORDER BY seq",
                           {order_id}));
    std::vector<OrderEvent> events;
    for (const auto& row : rows) {
        OrderEvent event;
        event.seq = row.i64("seq");
        if (auto from = row.opt_text("from_status")) event.from = store::stored_enum<OrderStatus>(*from);
        event.to = store::stored_enum<OrderStatus>(row.text("to_status"));
        event.action = row.text("action");
        event.actor_user_id = row.opt_text("actor_user_id");
        event.actor_role = row.text("actor_role");
        event.at_ms = row.i64("at_ms");
        event.note = row.text("note");
        events.push_back(std::move(event));
    }
    return events;
}

}  // namespace

Result<void> insert_order(store::Tx& tx, const Order& order) {
    KL_TRY(tx.execute(
        "INSERT INTO orders (id, buyer_id, seller_id, channel, status, delivery_district, delivery_date, order_date, "
        "carrier_id, invoice_no, invoice_key, cancel_reason, source_kind, source_ref, platform, shop, platform_order_no, "
        "note, total_fen, accepted_fen, created_at_ms, updated_at_ms) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $22, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)",
        {order.id, order.buyer_id, order.seller_id, std::string(catalog::to_string(order.channel)),
         std::string(to_string(order.status)), order.delivery_district, kl::format_date(order.delivery_date),
         kl::format_date(order.order_date), optional_text(order.carrier_id), optional_text(order.invoice_no),
         optional_text(order.cancel_reason), optional_text(order.source_kind), optional_text(order.source_ref),
         optional_text(order.platform), optional_text(order.shop), optional_text(order.platform_order_no), order.note,
         order.total_fen, order.accepted_fen, order.created_at_ms, order.updated_at_ms,
         order.invoice_no ? store::Value(identifier_key(*order.invoice_no)) : store::null()}));
    for (const auto& line : order.lines) {
        KL_TRY(tx.execute("INSERT INTO order_lines (order_id, line_no, product_id, grade, quantity, quantity_g, "
                          "unit_price_fen, amount_fen, accepted_quantity, quality_note) "
                          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                          {order.id, line.line_no, line.product_id, line.grade, line.quantity, line.quantity_g,
                           line.unit_price_fen, line.amount_fen, store::optional_int(line.accepted_quantity),
                           line.quality_note}));
    }
    return ok();
}

Result<std::optional<Order>> find_order(store::Tx& tx, const std::string& id, bool with_events) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query(std::string("SELECT ") + order_columns + order_from + " WHERE o.id = $1", {id}));
    if (rows.empty()) return std::optional<Order>{};
    std::vector<Order> orders{order_from_row(rows[0])};
    KL_TRY(load_lines(tx, orders));
    if (with_events) {
        KL_TRY_ASSIGN(orders[0].events, load_events(tx, id));
    }
    return std::optional<Order>{std::move(orders[0])};
}

Result<std::optional<std::string>> find_order_by_source(store::Tx& tx, const std::string& source_kind,
                                                        const std::string& source_ref) {
    return store::query_first_text(tx, "SELECT id FROM orders WHERE source_kind = $1 AND source_ref = $2",
                                   {source_kind, source_ref});
}

Result<std::vector<Order>> list_orders(store::Tx& tx, const OrderVisibility& seen, const OrderFilter& filter,
                                       const std::optional<std::string>& after, int limit) {
    using Kind = OrderVisibility::Kind;
    store::SqlQuery query;
    switch (seen.kind) {
        case Kind::every: break;
        case Kind::buyer: query.where("o.buyer_id", seen.value); break;
        case Kind::seller: query.where("o.seller_id", seen.value); break;
        case Kind::carrier: query.where("o.carrier_id", seen.value); break;
        case Kind::seller_county: query.where("s.county_code", seen.value); break;
        case Kind::none: return std::vector<Order>{};
    }
    if (filter.status) query.where("o.status", std::string(to_string(*filter.status)));
    if (filter.channel) query.where("o.channel", std::string(catalog::to_string(*filter.channel)));
    if (filter.buyer_id) query.where("o.buyer_id", *filter.buyer_id);
    if (filter.seller_id) query.where("o.seller_id", *filter.seller_id);
    // order_date is stored as YYYY-MM-DD text, so text comparison is date order on both back ends.
    store::add_window(query, filter.window, {{"b.name", "s.name", "o.id", "o.platform_order_no"}, "o.order_date"});
    KL_TRY_ASSIGN(std::vector<Order> orders,
                  store::query_as(tx, std::string("SELECT ") + order_columns + order_from + " WHERE " +
                                          query.page("o.id", after, limit, filter.window.order),
                                  query.params(), order_from_row));
    KL_TRY(load_lines(tx, orders));
    return orders;
}

Result<void> append_event(store::Tx& tx, const std::string& order_id, OrderEvent event) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT COALESCE(MAX(seq), 0) FROM order_events WHERE order_id = $1", {order_id}));
    event.seq = rows[0].i64(0) + 1;
    return insert_event(tx, order_id, event);
}

Result<void> insert_event(store::Tx& tx, const std::string& order_id, const OrderEvent& event) {
    KL_TRY(tx.execute("INSERT INTO order_events (order_id, seq, action, from_status, to_status, actor_user_id, "
                      "actor_role, at_ms, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                      {order_id, event.seq, event.action,
                       event.from ? store::Value(std::string(to_string(*event.from))) : store::null(),
                       std::string(to_string(event.to)), optional_text(event.actor_user_id), event.actor_role,
                       event.at_ms, event.note}));
    return ok();
}

Result<void> update_status(store::Tx& tx, const std::string& order_id, OrderStatus from, OrderStatus to,
                           int64_t now_ms) {
    KL_TRY_ASSIGN(int64_t changed,
                  tx.execute("UPDATE orders SET status = $1, updated_at_ms = $2 WHERE id = $3 AND status = $4",
                             {std::string(to_string(to)), now_ms, order_id, std::string(to_string(from))}));
    if (changed != 1) return fail(ErrorCode::conflict, "the order changed meanwhile; read it again");
    return ok();
}

Result<void> record_acceptance(store::Tx& tx, const Order& order) {
    for (const auto& line : order.lines) {
        KL_TRY(tx.execute("UPDATE order_lines SET accepted_quantity = $1, quality_note = $2 WHERE order_id = $3 AND line_no = $4",
                          {store::optional_int(line.accepted_quantity), line.quality_note, order.id, line.line_no}));
    }
    KL_TRY(tx.execute("UPDATE orders SET accepted_fen = $1 WHERE id = $2", {order.accepted_fen, order.id}));
    return ok();
}

Result<void> set_cancel_reason(store::Tx& tx, const std::string& order_id, const std::string& reason) {
    KL_TRY(tx.execute("UPDATE orders SET cancel_reason = $1 WHERE id = $2", {reason, order_id}));
    return ok();
}

Result<void> set_carrier(store::Tx& tx, const std::string& order_id, const std::string& carrier_id) {
    KL_TRY(tx.execute("UPDATE orders SET carrier_id = $1 WHERE id = $2", {carrier_id, order_id}));
    return ok();
}

Result<std::optional<std::string>> find_order_by_invoice_key(store::Tx& tx, const std::string& seller_id,
                                                             const std::string& invoice_key) {
    return store::query_first_text(tx, "SELECT id FROM orders WHERE seller_id = $1 AND invoice_key = $2",
                                   {seller_id, invoice_key});
}

Result<std::optional<std::string>> find_order_by_platform_no(store::Tx& tx, const std::string& platform,
                                                             const std::string& order_no) {
    return store::query_first_text(tx, "SELECT id FROM orders WHERE platform = $1 AND platform_order_no = $2",
                                   {platform, order_no});
}

Result<void> set_invoice_no(store::Tx& tx, const std::string& order_id, const std::string& invoice_no,
                            const std::string& invoice_key, int64_t now_ms) {
    KL_TRY(tx.execute("UPDATE orders SET invoice_no = $1, invoice_key = $2, updated_at_ms = $3 WHERE id = $4",
                      {invoice_no, invoice_key, now_ms, order_id}));
    return ok();
}

Result<WorkQueue> orders_awaiting(store::Tx& tx, const OrderWork& work) {
    KL_ASSERT(work.party_column == "buyer_id" || work.party_column == "seller_id" || work.party_column == "carrier_id");
    // A buyer's work is named by its seller; a seller's or a carrier's by the buyer it delivers to.
    const std::string named = work.party_column == "buyer_id" ? "s" : "b";
    store::WorkQuery query;
    query.kind = work.kind;
    query.route = work.route;
    query.columns = "o.id, " + named + ".name AS label, COALESCE(NULLIF(" + named + ".name_en, ''), " + named +
                    ".name) AS label_en, '' AS party, '' AS party_en, o.total_fen, o.delivery_date";
    query.from_where = std::string(order_from) + " WHERE o." + work.party_column + " = $1 AND o.status = $2" +
                       (work.extra.empty() ? "" : " AND " + work.extra);
    query.order_by = "o.delivery_date, o.id";
    query.params = {work.org_id, std::string(to_string(work.status))};
    return store::read_work_queue(tx, query, [](WorkItem& item, const store::Row& row) {
        item.amount_fen = row.i64("total_fen");
        item.due_on = store::stored_date(row.text("delivery_date"));
        item.route = "/orders/" + item.id;
    });
}

}  // namespace kl::orders
