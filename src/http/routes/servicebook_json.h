#pragma once
// JSON mapping of the Chief Service Officer book (src/servicebook) for its routes: encoders from the
// plain structs and the OpenAPI schemas.

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "http/router.h"
#include "http/routes/route_kit.h"
#include "servicebook/servicebook.h"

namespace kl::http::servicebook_json {

using nlohmann::json;

json enterprise_json(const servicebook::Enterprise& enterprise);
json visit_json(const servicebook::Visit& visit);
json service_request_json(const servicebook::ServiceRequest& request);
json investment_json(const servicebook::Investment& investment);
json event_json(const servicebook::PromotionEvent& event);
json counts_json(const servicebook::CountyCounts& counts);

// The service book's schemas: its items, pages and counts, and the bodies its writes read.
void add_servicebook_schemas(Router& router);

}  // namespace kl::http::servicebook_json
