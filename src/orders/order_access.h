#pragma once
// Who sees and who acts on an order (the rules of access/permissions.h applied to orders):
//
//   role            | sees                                   | acts as (order_rules.h)
//   ----------------+----------------------------------------+-----------------------------------
//   admin           | every order                            | admin
//   fund_officer    | every order                            | nothing (reads)
//   auditor         | every order                            | nothing (reads everything, changes nothing)
//   buyer           | orders its organisation buys           | buyer of those
//   producer        | orders its organisation sells          | seller of those
//   logistics       | orders its organisation carries        | carrier of those
//   county_officer  | orders whose seller is in its county   | nothing (reads)
//   command line    | every order                            | admin
//
// An org-scoped user asking for an order outside its scope gets permission_denied (403): a buyer
// acting on another buyer's order is refused, not told "not found".

#include <optional>
#include <string>

#include "access/principal.h"
#include "core/result.h"
#include "orders/order_types.h"
#include "store/store.h"

namespace kl::orders {

using Actor = std::optional<access::Principal>;  // nullopt: the trusted command line (or a module)

// The party `actor` is on `order`, or nullopt when it is none (it may still see the order).
std::optional<Party> party_of(const Actor& actor, const Order& order);

// permission_denied unless `actor` sees `order`.
Result<void> require_visible(store::Tx& tx, const Actor& actor, const Order& order);

// The orders `actor` sees, as the table above says (a county officer without a county: none).
Result<OrderVisibility> visibility_of(store::Tx& tx, const Actor& actor);

}  // namespace kl::orders
