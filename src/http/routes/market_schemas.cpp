// OpenAPI schemas of the market routes (market_json.h), built from the same limits and enum names
// the services use.
#include <nlohmann/json.hpp>

#include "catalog/brand_standard.h"
#include "http/routes/market_json.h"
#include "http/routes/route_kit.h"

namespace kl::http::market_json {

namespace {

json listing_ref() {
    return {{"type", "string"},
            {"nullable", true},
            {"maxLength", market::listing_ref_chars_max},
            {"description", "your own reference, unique in the organisation; fixed at creation (an import skips a "
                            "row whose ref exists)"}};
}
json mode() { return enum_of({"truck", "rail", "air"}); }
json cold_chain() { return enum_of({"ambient", "chilled_0_4", "chilled_0_10", "frozen_minus18"}); }
json grams() { return integer_schema(1, market::quantity_g_max, "grams"); }
json price() { return integer_schema(1, market::price_fen_per_kg_max, "fen per kg"); }

json lane_input() {
    return object_schema({"origin_node_id", "destination_node_id", "mode", "transit_hours", "cost_fen_per_kg",
                          "temperature_class"},
                         {{"origin_node_id", string_schema()},
                          {"destination_node_id", string_schema()},
                          {"mode", mode()},
                          {"transit_hours", integer_schema(1, market::transit_hours_max, "door to door")},
                          {"cost_fen_per_kg", integer_schema(0, market::freight_fen_per_kg_max, "freight, fen per kg")},
                          {"temperature_class", cold_chain()}});
}

json offer_fields(bool with_org) {
    json required = {"product_id", "grade", "quantity_g", "price_fen_per_kg", "available_from", "available_to",
                     "packed_on", "origin_node_id"};
    json properties = {{"product_id", string_schema()},
                       {"grade", string_schema()},
                       {"quantity_g", grams()},
                       {"price_fen_per_kg", price()},
                       {"available_from", date_schema()},
                       {"available_to", date_schema()},
                       {"packed_on", date_schema()},
                       {"origin_node_id", string_schema()}};
    if (with_org) {
        required.push_back("org_id");
        properties["org_id"] = string_schema();
        properties["ref"] = listing_ref();
    }
    return object_schema(required, properties);
}

json demand_fields(bool with_org) {
    json required = {"quantity_g", "max_price_fen_per_kg", "deliver_by", "district"};
    json properties = {{"product_id", string_schema()},
                       {"category_id", string_schema()},
                       {"min_grade", {{"type", "string"}, {"description", "grade code (product demands)"}}},
                       {"min_grade_rank", integer_schema(1, static_cast<int64_t>(catalog::grades_max), "1 = best (category demands)")},
                       {"quantity_g", grams()},
                       {"max_price_fen_per_kg", price()},
                       {"deliver_by", date_schema()},
                       {"district", string_schema()},
                       {"min_shelf_life_days", integer_schema(0, market::min_shelf_life_days_max)},
                       {"min_aided_g", integer_schema(0, market::quantity_g_max, "grams from consumption-aid certified products, at least")}};
    if (with_org) {
        required.push_back("org_id");
        properties["org_id"] = string_schema();
        properties["ref"] = listing_ref();
    }
    json out = object_schema(required, properties);
    out["description"] = "exactly one of product_id (with min_grade) and category_id (with min_grade_rank)";
    return out;
}

json stamped(json schema, std::vector<std::pair<std::string, json>> extra) {
    for (auto& [name, value] : extra) {
        schema["properties"][name] = value;
        schema["required"].push_back(name);
    }
    return schema;
}

}  // namespace

void add_market_schemas(Router& router) {
    router.add_schema("MarketNode", object_schema({"id", "kind", "name_zh", "name_en"},
                                                  {{"id", string_schema()}, {"kind", enum_of({"origin", "destination"})},
                                                   {"county", nullable(string_schema())}, {"district", nullable(string_schema())},
                                                   {"name_zh", string_schema()}, {"name_en", string_schema()}}).dump());
    router.add_schema("MarketNodeList", object_schema({"items"}, {{"items", {{"type", "array"}, {"items", ref_schema("MarketNode")}}}}).dump());
    router.add_schema("LaneInput", lane_input().dump());
    router.add_schema("Lane", stamped(lane_input(), {{"id", string_schema()}, {"created_at", date_time_schema()}, {"updated_at", date_time_schema()}}).dump());
    router.add_schema("LanePage", page_of("Lane").dump());
    router.add_schema("NewOffer", offer_fields(true).dump());
    router.add_schema("OfferUpdate", offer_fields(false).dump());
    router.add_schema("Offer", stamped(offer_fields(true), {{"id", string_schema()}, {"grade_rank", integer_schema()}, {"shelf_life_days", integer_schema()},
                                                            {"best_before", date_schema()}, {"product_name_zh", string_schema()},
                                                            {"product_name_en", string_schema()}, {"org_name", string_schema()},
                                                            {"status", enum_of({"open", "withdrawn"})},
                                                            {"created_at", date_time_schema()}, {"updated_at", date_time_schema()}}).dump());
    router.add_schema("OfferPage", page_of("Offer").dump());
    router.add_schema("NewDemand", demand_fields(true).dump());
    router.add_schema("DemandUpdate", demand_fields(false).dump());
    router.add_schema("Demand", stamped(demand_fields(true), {{"id", string_schema()}, {"status", enum_of({"open", "withdrawn"})},
                                                              {"target_name_zh", string_schema()}, {"target_name_en", string_schema()},
                                                              {"org_name", string_schema()}, {"created_at", date_time_schema()}, {"updated_at", date_time_schema()}}).dump());
    router.add_schema("DemandPage", page_of("Demand").dump());
    router.add_schema("RunRequest", object_schema(json::array(), {{"as_of", date_schema()}}).dump());
    json totals = object_schema({"offer_count", "demand_count", "arc_count", "proposal_count", "penalty_fen_per_kg",
                                 "demanded_g", "allocated_g", "unmet_g", "aided_shortfall_g", "delivered_cost_mfen",
                                 "objective_mfen"},
                                {{"offer_count", integer_schema()}, {"demand_count", integer_schema()}, {"arc_count", integer_schema()},
                                 {"proposal_count", integer_schema()}, {"penalty_fen_per_kg", integer_schema()}, {"demanded_g", integer_schema()},
                                 {"allocated_g", integer_schema()}, {"unmet_g", integer_schema()}, {"aided_shortfall_g", integer_schema()},
                                 {"delivered_cost_mfen", {{"type", "integer"}, {"description", "1/1000 fen"}}},
                                 {"objective_mfen", {{"type", "integer"}, {"description", "delivered cost + penalties, 1/1000 fen"}}}});
    router.add_schema("AllocationRun",
                      object_schema({"id", "status", "as_of", "requested_at", "totals"},
                                    {{"id", string_schema()}, {"status", enum_of({"queued", "running", "done", "failed"})},
                                     {"as_of", date_schema()}, {"requested_by", nullable(string_schema())}, {"requested_at", date_time_schema()},
                                     {"started_at", nullable(string_schema())}, {"finished_at", nullable(string_schema())},
                                     {"error", nullable(string_schema())}, {"totals", totals}}).dump());
    router.add_schema("AllocationRunPage", page_of("AllocationRun").dump());
    json decision = {{"type", "string"}, {"enum", {"accepted", "declined"}}, {"nullable", true}};
    router.add_schema("Proposal",
                      object_schema({"id", "run_id", "offer_id", "demand_id", "quantity_g", "delivered_price_fen_per_kg",
                                     "arrival_date", "shelf_life_left_days", "status"},
                                    {{"id", string_schema()}, {"run_id", string_schema()}, {"offer_id", string_schema()}, {"demand_id", string_schema()},
                                     {"seller_org_id", string_schema()}, {"buyer_org_id", string_schema()}, {"product_id", string_schema()},
                                     {"grade", string_schema()}, {"district", string_schema()}, {"lane_id", string_schema()}, {"mode", mode()},
                                     {"quantity_g", integer_schema()}, {"offer_price_fen_per_kg", integer_schema()},
                                     {"freight_fen_per_kg", integer_schema()}, {"delivered_price_fen_per_kg", integer_schema()},
                                     {"departure_date", date_schema()}, {"arrival_date", date_schema()},
                                     {"shelf_life_left_days", integer_schema()}, {"aided", {{"type", "boolean"}}},
                                     {"status", enum_of({"proposed", "declined", "confirmed"})},
                                     {"seller_decision", decision}, {"buyer_decision", decision},
                                     {"order_id", nullable(string_schema())}, {"updated_at", date_time_schema()},
                                     // Names to decide by (the lane's ends are empty for a lane since removed).
                                     {"product_name_zh", string_schema()}, {"product_name_en", string_schema()},
                                     {"seller_name", string_schema()}, {"seller_name_en", string_schema()},
                                     {"buyer_name", string_schema()}, {"buyer_name_en", string_schema()},
                                     {"origin_name_zh", string_schema()}, {"origin_name_en", string_schema()},
                                     {"destination_name_zh", string_schema()}, {"destination_name_en", string_schema()}}).dump());
    router.add_schema("ProposalPage", page_of("Proposal").dump());
    router.add_schema("Unmet", object_schema({"demand_id", "buyer_org_id", "unmet_g", "aided_shortfall_g"},
                                             {{"demand_id", string_schema()}, {"buyer_org_id", string_schema()}, {"unmet_g", integer_schema()},
                                              {"aided_shortfall_g", integer_schema()}}).dump());
    router.add_schema("UnmetPage", page_of("Unmet").dump());
    const json rows = integer_schema(0, static_cast<int64_t>(market::listing_import_rows_max));
    router.add_schema("ListingImportReport",
                      object_schema({"rows", "created", "unchanged"},
                                           {{"rows", rows}, {"created", rows},
                                            {"unchanged", {{"type", "integer"}, {"format", "int64"}, {"minimum", 0},
                                                           {"description", "rows whose listing exists (by id or ref)"}}}})
                          .dump());
}

}  // namespace kl::http::market_json
