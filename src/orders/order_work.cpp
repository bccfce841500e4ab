#include "orders/order_work.h"

#include "orders/order_repo.h"

namespace kl::orders {

namespace {

// The console's order list filtered to one status: where each kind of order work is done.
std::string orders_route(OrderStatus status) { return "/orders?status=" + std::string(to_string(status)); }

std::vector<OrderWork> work_of(const access::Principal& actor) {
    using enum OrderStatus;
    const std::string& org = *actor.org_id;
    switch (actor.role) {
        case access::Role::buyer:
            return {{"orders_to_confirm", orders_route(intent), "buyer_id", org, intent, ""},
                    {"orders_to_accept", orders_route(delivered), "buyer_id", org, delivered, ""},
                    {"orders_to_pay", orders_route(accepted), "buyer_id", org, accepted, "o.invoice_no IS NOT NULL"}};
        case access::Role::producer:
            return {{"orders_to_ship", orders_route(confirmed), "seller_id", org, confirmed, ""},
                    {"orders_to_deliver", orders_route(shipped), "seller_id", org, shipped, "o.carrier_id IS NULL"},
                    {"orders_to_invoice", orders_route(accepted), "seller_id", org, accepted, "o.invoice_no IS NULL"}};
        case access::Role::logistics:
            return {{"orders_to_deliver", orders_route(shipped), "carrier_id", org, shipped, ""}};
        default:
            return {};
    }
}

}  // namespace

Result<std::vector<WorkQueue>> order_work(store::Tx& tx, const Actor& actor) {
    std::vector<WorkQueue> queues;
    if (!actor || !actor->org_id) return queues;
    for (const auto& work : work_of(*actor)) {
        KL_TRY_ASSIGN(WorkQueue queue, orders_awaiting(tx, work));
        queues.push_back(std::move(queue));
    }
    return queues;
}

}  // namespace kl::orders
