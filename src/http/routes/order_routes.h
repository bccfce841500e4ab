#pragma once
// HTTP routes of the orders module. Thin handlers: decode (order_json.h) → service (which checks
// permissions, orders/order_access.h and order_rules.h) → encode.
//
//   GET    /api/v1/orders                          filters status, channel, buyer, seller; scoped
//   POST   /api/v1/orders                          admin; buyer as buyer; producer as seller
//                                                  (Idempotency-Key required)
//   GET    /api/v1/orders/{id}                     with lines, timeline and allowed_actions
//   POST   /api/v1/orders/{id}/confirm|ship|deliver|accept|cancel
//   POST   /api/v1/orders/{id}/pay                 buyer, admin (Idempotency-Key required)
//   PUT    /api/v1/orders/{id}/invoice             the seller, admin
//   POST   /api/v1/imports/online-sales            text/csv; admin, producer (its own rows)
//   PUT    /api/v1/quotas/{buyer_id}/{year}        admin, fund officer, the budget unit itself
//   PUT    /api/v1/district-targets/{district}/{year}  admin, fund officer
//   GET    /api/v1/reports/aid-sales[.csv|.xlsx]   group_by, year | from/to, filters; scoped
//   GET    /api/v1/reports/quotas[.csv|.xlsx]      year; programme-wide roles, a buyer its own

#include "http/router.h"
#include "http/routes/route_support.h"  // ExportNames
#include "orders/orders.h"

namespace kl::http {

void add_order_routes(Router& router, orders::Orders& orders, const ExportNames& names = {});

}  // namespace kl::http
