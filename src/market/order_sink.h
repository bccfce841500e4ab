#pragma once
// The seam between matching and orders: when both sides have accepted a proposal, the allocation
// service calls the OrderSink inside the same transaction that records the second acceptance, so a
// failing sink rolls the acceptance back and an order is never made twice. The lead wires it to the
// orders module (src/orders) at merge; until then the binary's sink refuses (App).

#include <cstdint>
#include <functional>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace kl::market {

struct AcceptedProposal {
    std::string proposal_id;      // unique; becomes the order's source reference
    std::string buyer_org_id, seller_org_id, product_id, grade, district_code, mode;
    int64_t quantity_g = 0;
    int64_t unit_price_fen_per_kg = 0;   // the delivered price
    std::string delivery_date;    // YYYY-MM-DD (arrival date)
    std::string actor_user_id;    // who made the second acceptance
};

// Creates the confirmed order inside the caller's transaction; returns the order id. Idempotent per proposal.
using OrderSink = std::function<Result<std::string>(store::Tx&, const AcceptedProposal&)>;

}  // namespace kl::market
