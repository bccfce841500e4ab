#pragma once
// The orders test world (tests/orders/orders_world.h: own seller in Shache with two households and
// the products `certified` and `uncertified`, boxes of 5 kg graded A/B; the other seller in Bachu with
// `other_product`) with the trace module wired as the binary wires it: its routes, and orders'
// ShipmentLots port.

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

#include "audit/audit_trail.h"
#include "orders/orders_world.h"
#include "trace/event_hash.h"
#include "trace/recall.h"
#include "trace/trace.h"

namespace kl::trace::testing {

using access::Role;
using nlohmann::json;
using orders::testing::idempotent;
using orders::testing::must;
using test::Target;

class TraceWorld : public orders::testing::OrdersWorld {
public:
    explicit TraceWorld(const std::string& backend) : TraceWorld(backend, std::make_shared<Trace*>(nullptr)) {}

    Trace& trace() { return **trace_; }
    int64_t now_ms() { return world().clock().now_ms(); }
    std::string now_text() { return utc_timestamp(now_ms()); }

    // A lot of `product` recorded by the command line for `producer` (units: boxes).
    std::string lot(const std::string& producer, const std::string& product, const std::string& code, int64_t quantity,
                    const std::string& grade = "A") {
        NewLot input;
        input.producer_id = producer;
        input.product_id = product;
        input.grade = grade;
        input.lot_code = code;
        input.quantity = quantity;
        const std::string id = must(trace().lots.record_lot(std::nullopt, input), "lot " + code).id;
        world().clock().advance_ms(1);
        return id;
    }
    std::string own_lot(const std::string& code, int64_t quantity) { return lot(org(Role::producer, Target::own), certified, code, quantity); }

    int64_t on_hand(const std::string& lot_id) { return must(trace().lots.get_lot(std::nullopt, lot_id), "lot").on_hand; }

    // An ObjectEvent OBSERVE body naming one lot.
    json observe(const std::string& lot_id, int64_t quantity = 1, const std::string& step = "inspecting") {
        return {{"type", "ObjectEvent"},
                {"action", "OBSERVE"},
                {"event_time", now_text()},
                {"biz_step", step},
                {"quantity_list", {{{"lot_id", lot_id}, {"quantity", quantity}}}}};
    }

private:
    // The services are made while the base seeds the world, before this class's members exist: the
    // slot is made first and handed down.
    TraceWorld(const std::string& backend, std::shared_ptr<Trace*> slot)
        : OrdersWorld(backend,
                      [slot](http::ApiDeps& deps, test::AccessWorld& world, orders::Orders& orders) {
                          auto& trail = world.make<audit::AuditTrail>(world.store().backend(), world.clock());
                          *slot = &world.make<Trace>(world.store(), world.clock(), world.ids(), trail);
                          orders.orders.set_shipment_lots(shipment_lots_port((*slot)->lots));
                          deps.trace = *slot;
                          deps.recalls = &world.make<RecallService>(world.store(), world.clock(), world.ids(), trail);
                      }),
          trace_(std::move(slot)) {}

    std::shared_ptr<Trace*> trace_;
};

inline json body_of(const test::HttpReply& reply) { return json::parse(reply.body); }

// "field:code" of the first field problem.
inline std::string first_problem(const test::HttpReply& reply) {
    const auto codes = test::problem_field_codes(reply);
    return codes.empty() ? std::string("(none)") : codes.front();
}

}  // namespace kl::trace::testing
