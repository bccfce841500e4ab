#pragma once
// Orders on every sales channel: creation, the lifecycle of order_rules.h with its timeline,
// invoices, lists scoped by order_access.h, and the bulk import of online sales. Aid sales are
// counted at acceptance (aid_sales.h).
//
// Who creates an order (POST /api/v1/orders, Idempotency-Key):
//   admin      for any buyer and seller
//   buyer      with itself as the buyer
//   producer   with itself as the seller (a fair's on-site sale, a vending counter's takings)
// A `fair_intent` order starts as `intent` (non-binding; the buyer confirms it later); every other
// channel starts `confirmed`.
//
// Checks on creation (invalid_argument naming the field unless said otherwise): buyer_id an
// organisation of kind buyer; seller_id a producing organisation; 1..200 lines; each product active
// and sold by the seller, its grade a grade of the product's brand standard, quantity ≥ 1 and
// unit_price_fen ≥ 1 (integers: JSON floats and strings are refused by the HTTP layer), the line
// amount and the total within 10^15 fen; delivery_district a Shanghai district; delivery_date not
// before order_date. Quantities are units of sale and prices fen per unit of sale (order_types.h).
//
// SEAM for other modules (the market's accepted allocation proposals, a fair's intended orders):
//
//   Result<std::string> OrderService::create_confirmed_in(store::Tx& tx, const NewOrder& order,
//                                                         const Actor& actor);
//
// creates a CONFIRMED order inside the caller's transaction (so the proposal's acceptance and the
// order commit together) and returns its id. NewOrder::source_kind and source_ref are required
// (e.g. "allocation_proposal" and the proposal id); the pair is unique, and calling again with the
// same pair returns the first order's id without writing anything — the caller may retry freely.
// The actor is recorded on the timeline; no permission check is made (the calling module has made
// its own). Field errors name the NewOrder fields as above (lines/<i>/quantity…).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "catalog/product_repo.h"
#include "orders/order_access.h"
#include "orders/order_types.h"
#include "orders/shipment_lots.h"
#include "store/store.h"

namespace kl::orders {

// An order validated on a read snapshot and not written yet (OrderService::prepare_create).
struct PreparedOrder {
    NewOrder input;
    OrderStatus status = OrderStatus::confirmed;
    Order order;                                  // as it will be written, without id, times or events
    std::vector<catalog::ProductStamp> products;  // what the checks read of each line's product
};

// What an import of online sales did (rows of the file, orders created, already present).
struct OnlineImportReport {
    size_t rows = 0;
    size_t created = 0;
    size_t unchanged = 0;
};

class OrderService {
public:
    OrderService(store::Store& store, const Clock& clock, IdGenerator& ids) : store_(store), clock_(clock), ids_(ids) {}

    Result<Order> create(const Actor& actor, const NewOrder& order);
    // create() in two steps, so that a caller holding a write job open (the HTTP pipeline, with the
    // Idempotency-Key's stored answer) keeps the single writer only for the second (issue 17).
    // prepare_create checks the actor and validates on a read snapshot, outside any write job, with
    // create()'s errors. commit_create writes in a write job (joining the caller's when one is open),
    // re-checking only what can change between the two: each line's product status, unit and
    // standard version. When one changed, it validates in full again inside the write, so the answer
    // is always that of the state the order commits on. The names in the answer are the snapshot's.
    Result<PreparedOrder> prepare_create(const Actor& actor, const NewOrder& order);
    Result<Order> commit_create(const Actor& actor, PreparedOrder prepared);
    // The seam described above.
    Result<std::string> create_confirmed_in(store::Tx& tx, const NewOrder& order, const Actor& actor);
    // The same seam for modules that record a sale as a user makes it (a fair's intended orders and
    // on-site sales): the order starts as create() starts it (fair_intent: intent; every other
    // channel: confirmed), and the order as written is returned (for a repeated source, as stored).
    Result<Order> create_from_source_in(store::Tx& tx, const NewOrder& order, const Actor& actor);

    // With lines and timeline. not_found, or permission_denied outside the actor's scope.
    Result<Order> get(const Actor& actor, const std::string& id);
    // Id order, keyset-paginated; only what the actor sees.
    Result<OrderPage> list(const Actor& actor, const OrderFilter& filter, int limit,
                           const std::optional<std::string>& cursor);

    // One transition of order_rules.h. permission_denied when the actor is no party that may take
    // the action; conflict (409) when the order's status does not allow it; invalid_argument naming
    // reason, carrier_id or lines/<i>/…; failed_precondition for pay without an invoice.
    Result<Order> transition(const Actor& actor, const std::string& id, OrderAction action,
                             const TransitionInput& input);
    // The seller (or admin) records its invoice number: already_exists naming invoice_no when the
    // seller used it on another order; conflict when the order is an intent, paid or cancelled, or
    // already has another invoice number.
    Result<Order> set_invoice(const Actor& actor, const std::string& id, const std::string& invoice_no);

    // E-commerce and livestream sales from a platform's CSV export (order_import.cpp; columns in
    // README "Online sales import"). All rows or none: every row is checked, a file where two rows
    // share a platform order number is rejected whole naming both rows; an order number already
    // imported is left as it is (re-import is a no-op). Imported sales are delivered and accepted
    // (the platform has settled them), so their certified lines count as aid sales at once.
    // admin for any seller; a producer only rows of its own organisation.
    Result<OnlineImportReport> import_online_sales(const Actor& actor, std::string_view csv_text);

    const Clock& clock() const { return clock_; }

    // The trace module's port (orders/shipment_lots.h), wired once by the composition root before
    // the service is used.
    void set_shipment_lots(ShipmentLots port) { shipment_lots_ = std::move(port); }

private:
    // The order `input` asks for, checked on `tx`, without id, times or events (`stamps`: see
    // check_lines).
    Result<Order> validate_new(store::Tx& tx, const NewOrder& input, OrderStatus status,
                               std::vector<catalog::ProductStamp>* stamps) const;
    // Gives a validated order its id and times and writes it with its creation event.
    Result<Order> write_new(store::Tx& tx, Order order, const Actor& actor, const std::string& action);
    // Validates and writes a new order in `status`, with its creation event.
    Result<Order> insert_new(store::Tx& tx, const NewOrder& input, OrderStatus status, const Actor& actor,
                             const std::string& action);

    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
    ShipmentLots shipment_lots_;
};

// "system" for the command line, else the role's name: who acted, as the timeline writes it.
std::string actor_role_name(const Actor& actor);

}  // namespace kl::orders
