#pragma once
// The port through which the trace module (src/trace, which sits above orders and reads them) hears
// of the order lifecycle, so that orders never depend on trace:
//
//   ship      → shipped(tx, order, lots, actor, now): checks the lots the seller names for each line
//               (lines/<i>/lots/<j>/…: a lot of the line's product and seller that holds enough;
//               quantities adding up to the line's), takes them out of the lots and records the
//               shipping event; a line without lots is allowed only while the seller records no lots
//               of its product (the trace then says "shipped without lots").
//   deliver   → received(tx, order, deliver, actor, now): the receiving event
//   accept    → received(tx, order, accept, actor, now): the accepting event
//
// Each runs inside the transition's transaction, after its status and permission checks: a refusal
// rolls the whole transition back. The composition root (src/cli/app.cpp) wires trace's
// implementation (trace::shipment_lots_port); an OrderService without the port ships as before and
// refuses a body that names lots.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "orders/order_access.h"
#include "orders/order_types.h"
#include "store/store.h"

namespace kl::orders {

struct ShipmentLots {
    std::function<Result<void>(store::Tx&, const Order&, const std::vector<LineLots>&, const Actor&, int64_t now_ms)> shipped;
    std::function<Result<void>(store::Tx&, const Order&, OrderAction, const Actor&, int64_t now_ms)> received;
};

}  // namespace kl::orders
