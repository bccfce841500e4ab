#pragma once
// JSON mapping of the orders module (src/orders) for its routes: encoders, body decoders that name
// every bad field by its JSON path ("lines/0/quantity"), and the OpenAPI schemas. Quantities are
// JSON integers of units of sale, prices JSON integers of fen per unit: a float (12.5) or a string
// ("1250") is refused naming the field.

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "http/router.h"
#include "orders/aid_sales_report.h"
#include "orders/order_types.h"
#include "orders/quota_service.h"

namespace kl::http::order_json {

using nlohmann::json;

// `actions`: the transitions the caller may take now (for the console's buttons).
json order_json(const orders::Order& order, const std::vector<orders::OrderAction>& actions);
json aid_sales_json(const orders::AidSalesReport& report);
json quota_report_json(const orders::QuotaReport& report);

Result<orders::NewOrder> decode_new_order(const json& body);
// `lines` holds acceptances for accept ({line_no, accepted_quantity, quality_note}) and the lots of
// each line for ship ({line_no, lots: [{lot_id, quantity}]}).
Result<orders::TransitionInput> decode_transition(const json& body, orders::OrderAction action);
Result<std::string> decode_invoice(const json& body);
// PUT /quotas/{buyer_id}/{year}: the budget, the share (default 1000 bp) and no_canteen.
// PUT /quotas/{buyer_id}/{year}: the quota, and which optional fields were sent.
struct QuotaPut {
    orders::BudgetQuota quota;
    orders::BudgetQuotaGiven given;
};
Result<QuotaPut> decode_quota(const json& body);
Result<int64_t> decode_target(const json& body);

void add_order_schemas(Router& router);

}  // namespace kl::http::order_json
