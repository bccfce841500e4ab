#pragma once
// Every service of the orders module over one store, built once (App, tests, the demo):
//
//   orders::Orders orders(store, clock, ids);
//   orders.orders.create(actor, new_order);
//
//   orders     orders, lifecycle, invoices, online-sales import     order_service.h
//   quotas     budget-unit quotas, district targets, completion      quota_service.h
//   aid_sales  the aid-sales report                                  aid_sales_report.h
// The transition table is order_rules.h; who sees what, order_access.h; aid counting, aid_sales.h.
// Seam for other modules: OrderService::create_confirmed_in (order_service.h).

#include "core/clock.h"
#include "core/ids.h"
#include "orders/aid_sales_report.h"
#include "orders/order_service.h"
#include "orders/quota_service.h"
#include "store/store.h"

namespace kl::orders {

struct Orders {
    Orders(store::Store& store, const Clock& clock, IdGenerator& ids)
        : orders(store, clock, ids), quotas(store, clock), aid_sales(store) {}

    OrderService orders;
    QuotaService quotas;
    AidSalesReporter aid_sales;
};

}  // namespace kl::orders
