#pragma once
// Aid-sale accounting (消费帮扶 counting). An accepted line counts as an aid sale when its product
// was `certified` (catalog: certification_status_on — not in notice, not expired, not revoked) on
// the ORDER DATE (the day the sale was agreed). It is attributed to:
//   county      the seller's county (organisations.county_code)
//   district    the buyer's district (organisations.district_code; the delivery district when the
//               buyer has none)
//   buyer       the buying unit, and its buyer channel (budget_unit, supermarket…)
//   channel     the order's sales channel
//   category    the product's category
//   month       YYYY-MM of the order date
// and, through the catalog's supply links, to the workshops and households behind the seller: each
// gets amount × share_bp / 10000 fen (floored; the remainder stays with the enterprise).
//
// Counted once: one aid_sales row per (order, line) under a primary key, written in the same
// transaction as the acceptance (or the import of an online sale), with ON CONFLICT DO NOTHING —
// a retried request, a re-imported file or a second acceptance of a partly accepted order cannot
// count a line twice. The amount is the ACCEPTED quantity × unit price, so partial acceptance
// counts only what was accepted.

#include <cstdint>

#include "core/result.h"
#include "orders/order_types.h"
#include "store/store.h"

namespace kl::orders {

// Writes the aid sales of an accepted `order` (its lines' accepted quantities set). Returns how many
// lines were newly counted.
Result<int64_t> record_aid_sales(store::Tx& tx, const Order& order);

}  // namespace kl::orders
