#pragma once
// The SQL of orders, lines and events inside a caller's transaction, without permission checks
// (OrderService checks first; reports and other modules read with it).

#include <optional>
#include <string>
#include <vector>

#include "store/sql.h"
#include "core/result.h"
#include "core/work_item.h"
#include "orders/order_types.h"
#include "store/store.h"

namespace kl::orders {

// Writes the order row and its lines (not its events).
Result<void> insert_order(store::Tx& tx, const Order& order);
// The order with its lines (and its events when `with_events`), if it exists.
Result<std::optional<Order>> find_order(store::Tx& tx, const std::string& id, bool with_events);
// The order created from (source_kind, source_ref), if any.
Result<std::optional<std::string>> find_order_by_source(store::Tx& tx, const std::string& source_kind,
                                                        const std::string& source_ref);
// A keyset page of the orders `seen` holds that match `filter` (status, channel, parties; its
// window's q over the buyer's and seller's names, the id and the platform order number, and its
// order-date range), in id order (the window's: oldest or newest first) after `after`:
// page_rows_to_fetch(limit) orders (store/page.h), with their lines.
Result<std::vector<Order>> list_orders(store::Tx& tx, const OrderVisibility& seen, const OrderFilter& filter,
                                       const std::optional<std::string>& after, int limit);
// Appends an event with the next sequence number.
Result<void> append_event(store::Tx& tx, const std::string& order_id, OrderEvent event);
// Writes an event with the sequence number it carries (a new order's first event is 1).
Result<void> insert_event(store::Tx& tx, const std::string& order_id, const OrderEvent& event);
// Moves the order from `from` to `to` (a concurrent change in between is a conflict).
Result<void> update_status(store::Tx& tx, const std::string& order_id, OrderStatus from, OrderStatus to,
                           int64_t now_ms);

// Writes every line's accepted quantity and quality note and the order's accepted amount.
Result<void> record_acceptance(store::Tx& tx, const Order& order);
Result<void> set_cancel_reason(store::Tx& tx, const std::string& order_id, const std::string& reason);
Result<void> set_carrier(store::Tx& tx, const std::string& order_id, const std::string& carrier_id);
// The seller's order whose invoice number has this key (core/identifier.h), if any: a seller uses a
// number once, look-alikes counted as one.
Result<std::optional<std::string>> find_order_by_invoice_key(store::Tx& tx, const std::string& seller_id,
                                                             const std::string& invoice_key);
// The order imported from `platform` under its order number there, if any.
Result<std::optional<std::string>> find_order_by_platform_no(store::Tx& tx, const std::string& platform,
                                                             const std::string& order_no);
// One kind of order work (order_service.cpp's todo): the orders whose `party_column` (buyer_id,
// seller_id or carrier_id: each indexed with the id) is `org_id`, in `status`, meeting `extra` (a
// constant condition over `o`, or ""); earliest delivery first, each named by the other side
// (the seller for a buyer, the buyer for the others).
struct OrderWork {
    std::string kind, route;
    std::string party_column, org_id;
    OrderStatus status = OrderStatus::intent;
    std::string extra;
};
Result<WorkQueue> orders_awaiting(store::Tx& tx, const OrderWork& work);

Result<void> set_invoice_no(store::Tx& tx, const std::string& order_id, const std::string& invoice_no,
                            const std::string& invoice_key, int64_t now_ms);

}  // namespace kl::orders
