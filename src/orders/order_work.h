#pragma once
// The orders awaiting an actor's next move, per the transition table (order_rules.h), for the to-do
// home (core/work_item.h). Only the parties that act on their own organisation's orders have any:
//
//   buyer      orders_to_confirm (intent), orders_to_accept (delivered),
//              orders_to_pay (accepted, with the seller's invoice number: paying needs it)
//   producer   orders_to_ship (confirmed), orders_to_deliver (shipped without a carrier: the seller
//              delivers itself), orders_to_invoice (accepted without an invoice number: the buyer
//              cannot pay before it)
//   logistics  orders_to_deliver (shipped, carried by its organisation)
//
// Admins act on any order but keep no order queue (the parties do the work); programme-wide
// readers and county officers act on none. Every count is over the actor's organisation only.

#include <vector>

#include "core/result.h"
#include "core/work_item.h"
#include "orders/order_access.h"
#include "store/store.h"

namespace kl::orders {

Result<std::vector<WorkQueue>> order_work(store::Tx& tx, const Actor& actor);

}  // namespace kl::orders
