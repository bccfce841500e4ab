#pragma once
// JSON mapping of the market (src/market) for its routes: encoders, decoders of request bodies that
// name every bad field (integers only for grams and fen: a float or a string is refused), and the
// OpenAPI schemas. Only src/http includes this.

#include <nlohmann/json_fwd.hpp>

#include <optional>

#include "core/result.h"
#include "http/router.h"
#include "market/allocation_service.h"
#include "market/market_types.h"

namespace kl::http::market_json {

using nlohmann::json;

json node_json(const market::Node& node);
json lane_json(const market::Lane& lane);
json offer_json(const market::Offer& offer);
json demand_json(const market::Demand& demand);
json run_json(const market::Run& run);
json proposal_json(const market::Proposal& proposal);
json unmet_json(const market::Unmet& unmet);

Result<market::LaneFields> decode_lane(const json& body);
Result<market::NewOffer> decode_new_offer(const json& body);
Result<market::OfferFields> decode_offer(const json& body);
Result<market::NewDemand> decode_new_demand(const json& body);
// PUT /demands/{id}: the fields, and which optional ones were sent (the rest keep their value).
struct DemandPut {
    market::DemandFields fields;
    market::DemandFieldsGiven given;
};
Result<DemandPut> decode_demand(const json& body);
// POST /allocations: {"as_of": "YYYY-MM-DD"} (optional; default today in Asia/Shanghai).
Result<std::optional<kl::Date>> decode_run_request(const json& body);

void add_market_schemas(Router& router);

}  // namespace kl::http::market_json
