#pragma once
// Matching → orders: a proposal both sides accepted becomes a confirmed order, in the acceptance's
// transaction (see market/order_sink.h).
//
//   market::Market market(store, clock, ids, bridges::order_sink(orders.orders));
//
// The proposal is in grams at a delivered price per kg; an order line is in the product's units of
// sale at a price per unit (orders/order_types.h). The order takes the whole units of sale within
// the proposed mass (a box of 5 kg: 12 boxes for 61 kg), priced at the delivered price per kg times
// the unit's net mass, rounded to the fen. The channel follows the buyer's kind of business
// (catalog::sales_channel_of). The order's
// source is ("allocation_proposal", proposal id), which makes a retry return the first order.

#include "market/order_sink.h"
#include "orders/order_service.h"

namespace kl::bridges {

inline constexpr std::string_view proposal_source_kind = "allocation_proposal";

market::OrderSink order_sink(orders::OrderService& orders);

}  // namespace kl::bridges
