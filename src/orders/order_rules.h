#pragma once
// The order lifecycle as one table: which action moves an order from which status to which, and
// which parties may take it. A party is how the actor stands towards THIS order (order_access.h):
// the buyer organisation's users, the seller's, the carrier's (the logistics firm named at
// shipping), or an admin (and the trusted command line).
//
//   action   from                  to          parties                  body
//   -------- --------------------- ----------- ------------------------ -----------------------------
//   confirm  intent                confirmed   buyer, admin             note
//   ship     confirmed             shipped     seller, admin            carrier_id (optional), note,
//                                                                        lines[{line_no, lots[{lot_id,
//                                                                        quantity}]}] (shipment_lots.h)
//   deliver  shipped               delivered   carrier, seller, admin   note
//   accept   delivered             accepted    buyer, admin             lines[{line_no,
//                                                                        accepted_quantity,
//                                                                        quality_note}] (others full)
//   pay      accepted              paid        buyer, admin             payment_ref; needs an invoice
//   cancel   intent, confirmed     cancelled   buyer, seller, admin     reason (required)
//   cancel   shipped, delivered    cancelled   admin                    reason (required)
//
// Everything else is illegal: a party that may not take the action at all gets 403 (permission
// rule), a party that may but not from the order's status gets 409 (state rule). Fund officers and
// auditors read every order and act on none; county officers read their county's sellers' orders.
// Besides transitions, the seller records its invoice number (unique per seller) once the order is
// confirmed and before it is paid or cancelled: an event on the timeline, not a status.

#include <optional>
#include <vector>

#include "orders/order_types.h"

namespace kl::orders {

struct TransitionRule {
    OrderAction action = OrderAction::confirm;
    std::vector<OrderStatus> from;
    OrderStatus to = OrderStatus::confirmed;
    std::vector<Party> parties;
};

// The table above, in its order.
const std::vector<TransitionRule>& transition_table();

// Whether `party` may take `action` from any status at all.
bool party_may(OrderAction action, Party party);
// The rule that lets `party` take `action` from `from`, if any.
const TransitionRule* find_rule(OrderAction action, OrderStatus from, Party party);
// The actions `party` may take on an order in status `status` (for the console's buttons).
std::vector<OrderAction> allowed_actions(OrderStatus status, Party party);

}  // namespace kl::orders
