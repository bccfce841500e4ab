#pragma once
// The fairs part of the demo programme (internal to src/demo; demo_fairs.cpp says what it seeds).

#include <cstddef>

#include "core/result.h"
#include "demo/demo_catalog.h"
#include "fair/fair.h"
#include "fair/fair_outcome_service.h"
#include "orders/order_service.h"

namespace kl::demo {

struct DemoFairCounts {
    size_t events = 0;
    size_t participants = 0;
    size_t ratings = 0;
    size_t meetings = 0;  // in the published schedules
    size_t outcomes = 0;
    size_t intents = 0;       // intended orders signed at meetings
    size_t onsite_sales = 0;  // at the booths
};

// After seed_organisations and seed_products (the exhibitors show their catalogue), inside the same
// transaction.
Result<DemoFairCounts> seed_fairs(DemoWorld& world, fair::Fairs& fairs, fair::FairAtEvent& at_event,
                                  orders::OrderService& orders);

}  // namespace kl::demo
