#pragma once
// The orders part of the demo programme (internal to src/demo; demo_orders.cpp says what it seeds).

#include <cstddef>
#include <string>

#include "core/result.h"
#include "demo/demo_catalog.h"
#include "orders/orders.h"

namespace kl::demo {

struct DemoOrderCounts {
    size_t orders = 0;        // the season's orders (every channel but online)
    size_t online_sales = 0;  // imported e-commerce and livestream sales
    size_t quotas = 0;
};

// Moves an order forward as the command line would until it reaches `target` (cancelled: from its
// current status); `carrier` ships it, `serial` numbers its invoice.
Result<void> advance_order(orders::OrderService& service, const std::string& id, orders::OrderStatus from,
                           orders::OrderStatus target, const std::string& carrier, DemoRandom& random, int64_t serial);

// After seed_organisations and seed_products, inside the same transaction.
Result<DemoOrderCounts> seed_orders(DemoWorld& world, orders::Orders& services);

}  // namespace kl::demo
