// OpenAPI schemas of the market routes (market_json.h), built from the same limits and enum names
// the services use.
#include <nlohmann/json.hpp>

#include "catalog/brand_standard.h"
#include "http/routes/market_json.h"

namespace kl::http::market_json {

namespace {

json market_ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }
json market_object_schema(json required, json properties) {
    return {{"type", "object"}, {"required", std::move(required)}, {"properties", std::move(properties)}};
}
json market_text() { return {{"type", "string"}}; }
json market_nullable_text() { return {{"type", "string"}, {"nullable", true}}; }
json market_integer(int64_t min, int64_t max, const std::string& description = "") {
    json out = {{"type", "integer"}, {"format", "int64"}, {"minimum", min}, {"maximum", max}};
    if (!description.empty()) out["description"] = description;
    return out;
}
json count() { return {{"type", "integer"}, {"format", "int64"}}; }
json market_date() { return {{"type", "string"}, {"format", "date"}, {"description", "YYYY-MM-DD"}}; }
json market_date_time() { return {{"type", "string"}, {"format", "date-time"}}; }
json one_of(std::vector<std::string> names) { return {{"type", "string"}, {"enum", std::move(names)}}; }
json market_page_of(const std::string& item) {
    return market_object_schema({"items", "next_cursor"}, {{"items", {{"type", "array"}, {"items", market_ref(item)}}},
                                                    {"next_cursor", market_nullable_text()}});
}

json listing_ref() {
    return {{"type", "string"},
            {"nullable", true},
            {"maxLength", market::listing_ref_chars_max},
            {"description", "your own reference, unique in the organisation; fixed at creation (an import skips a "
                            "row whose ref exists)"}};
}
json mode() { return one_of({"truck", "rail", "air"}); }
json cold_chain() { return one_of({"ambient", "chilled_0_4", "chilled_0_10", "frozen_minus18"}); }
json grams() { return market_integer(1, market::quantity_g_max, "grams"); }
json price() { return market_integer(1, market::price_fen_per_kg_max, "fen per kg"); }

json lane_input() {
    return market_object_schema({"origin_node_id", "destination_node_id", "mode", "transit_hours", "cost_fen_per_kg",
                          "temperature_class"},
                         {{"origin_node_id", market_text()},
                          {"destination_node_id", market_text()},
                          {"mode", mode()},
                          {"transit_hours", market_integer(1, market::transit_hours_max, "door to door")},
                          {"cost_fen_per_kg", market_integer(0, market::freight_fen_per_kg_max, "freight, fen per kg")},
                          {"temperature_class", cold_chain()}});
}

json offer_fields(bool with_org) {
    json required = {"product_id", "grade", "quantity_g", "price_fen_per_kg", "available_from", "available_to",
                     "packed_on", "origin_node_id"};
    json properties = {{"product_id", market_text()},
                       {"grade", market_text()},
                       {"quantity_g", grams()},
                       {"price_fen_per_kg", price()},
                       {"available_from", market_date()},
                       {"available_to", market_date()},
                       {"packed_on", market_date()},
                       {"origin_node_id", market_text()}};
    if (with_org) {
        required.push_back("org_id");
        properties["org_id"] = market_text();
        properties["ref"] = listing_ref();
    }
    return market_object_schema(required, properties);
}

json demand_fields(bool with_org) {
    json required = {"quantity_g", "max_price_fen_per_kg", "deliver_by", "district"};
    json properties = {{"product_id", market_text()},
                       {"category_id", market_text()},
                       {"min_grade", {{"type", "string"}, {"description", "grade code (product demands)"}}},
                       {"min_grade_rank", market_integer(1, static_cast<int64_t>(catalog::grades_max), "1 = best (category demands)")},
                       {"quantity_g", grams()},
                       {"max_price_fen_per_kg", price()},
                       {"deliver_by", market_date()},
                       {"district", market_text()},
                       {"min_shelf_life_days", market_integer(0, market::min_shelf_life_days_max)},
                       {"min_aided_g", market_integer(0, market::quantity_g_max, "grams from consumption-aid certified products, at least")}};
    if (with_org) {
        required.push_back("org_id");
        properties["org_id"] = market_text();
        properties["ref"] = listing_ref();
    }
    json out = market_object_schema(required, properties);
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
    router.add_schema("MarketNode", market_object_schema({"id", "kind", "name_zh", "name_en"},
                                                  {{"id", market_text()}, {"kind", one_of({"origin", "destination"})},
                                                   {"county", market_nullable_text()}, {"district", market_nullable_text()},
                                                   {"name_zh", market_text()}, {"name_en", market_text()}}).dump());
    router.add_schema("MarketNodeList", market_object_schema({"items"}, {{"items", {{"type", "array"}, {"items", market_ref("MarketNode")}}}}).dump());
    router.add_schema("LaneInput", lane_input().dump());
    router.add_schema("Lane", stamped(lane_input(), {{"id", market_text()}, {"created_at", market_date_time()}, {"updated_at", market_date_time()}}).dump());
    router.add_schema("LanePage", market_page_of("Lane").dump());
    router.add_schema("NewOffer", offer_fields(true).dump());
    router.add_schema("OfferUpdate", offer_fields(false).dump());
    router.add_schema("Offer", stamped(offer_fields(true), {{"id", market_text()}, {"grade_rank", count()}, {"shelf_life_days", count()},
                                                            {"best_before", market_date()}, {"product_name_zh", market_text()},
                                                            {"product_name_en", market_text()}, {"status", one_of({"open", "withdrawn"})},
                                                            {"created_at", market_date_time()}, {"updated_at", market_date_time()}}).dump());
    router.add_schema("OfferPage", market_page_of("Offer").dump());
    router.add_schema("NewDemand", demand_fields(true).dump());
    router.add_schema("DemandUpdate", demand_fields(false).dump());
    router.add_schema("Demand", stamped(demand_fields(true), {{"id", market_text()}, {"status", one_of({"open", "withdrawn"})},
                                                              {"target_name_zh", market_text()}, {"target_name_en", market_text()},
                                                              {"created_at", market_date_time()}, {"updated_at", market_date_time()}}).dump());
    router.add_schema("DemandPage", market_page_of("Demand").dump());
    router.add_schema("RunRequest", market_object_schema(json::array(), {{"as_of", market_date()}}).dump());
    json totals = market_object_schema({"offer_count", "demand_count", "arc_count", "proposal_count", "penalty_fen_per_kg",
                                 "demanded_g", "allocated_g", "unmet_g", "aided_shortfall_g", "delivered_cost_mfen",
                                 "objective_mfen"},
                                {{"offer_count", count()}, {"demand_count", count()}, {"arc_count", count()},
                                 {"proposal_count", count()}, {"penalty_fen_per_kg", count()}, {"demanded_g", count()},
                                 {"allocated_g", count()}, {"unmet_g", count()}, {"aided_shortfall_g", count()},
                                 {"delivered_cost_mfen", {{"type", "integer"}, {"description", "1/1000 fen"}}},
                                 {"objective_mfen", {{"type", "integer"}, {"description", "delivered cost + penalties, 1/1000 fen"}}}});
    router.add_schema("AllocationRun",
                      market_object_schema({"id", "status", "as_of", "requested_at", "totals"},
                                    {{"id", market_text()}, {"status", one_of({"queued", "running", "done", "failed"})},
                                     {"as_of", market_date()}, {"requested_by", market_nullable_text()}, {"requested_at", market_date_time()},
                                     {"started_at", market_nullable_text()}, {"finished_at", market_nullable_text()},
                                     {"error", market_nullable_text()}, {"totals", totals}}).dump());
    router.add_schema("AllocationRunPage", market_page_of("AllocationRun").dump());
    json decision = {{"type", "string"}, {"enum", {"accepted", "declined"}}, {"nullable", true}};
    router.add_schema("Proposal",
                      market_object_schema({"id", "run_id", "offer_id", "demand_id", "quantity_g", "delivered_price_fen_per_kg",
                                     "arrival_date", "shelf_life_left_days", "status"},
                                    {{"id", market_text()}, {"run_id", market_text()}, {"offer_id", market_text()}, {"demand_id", market_text()},
                                     {"seller_org_id", market_text()}, {"buyer_org_id", market_text()}, {"product_id", market_text()},
                                     {"grade", market_text()}, {"district", market_text()}, {"lane_id", market_text()}, {"mode", mode()},
                                     {"quantity_g", count()}, {"offer_price_fen_per_kg", count()},
                                     {"freight_fen_per_kg", count()}, {"delivered_price_fen_per_kg", count()},
                                     {"departure_date", market_date()}, {"arrival_date", market_date()},
                                     {"shelf_life_left_days", count()}, {"aided", {{"type", "boolean"}}},
                                     {"status", one_of({"proposed", "declined", "confirmed"})},
                                     {"seller_decision", decision}, {"buyer_decision", decision},
                                     {"order_id", market_nullable_text()}, {"updated_at", market_date_time()}}).dump());
    router.add_schema("ProposalPage", market_page_of("Proposal").dump());
    router.add_schema("Unmet", market_object_schema({"demand_id", "buyer_org_id", "unmet_g", "aided_shortfall_g"},
                                             {{"demand_id", market_text()}, {"buyer_org_id", market_text()}, {"unmet_g", count()},
                                              {"aided_shortfall_g", count()}}).dump());
    router.add_schema("UnmetPage", market_page_of("Unmet").dump());
    const json rows = market_integer(0, static_cast<int64_t>(market::listing_import_rows_max));
    router.add_schema("ListingImportReport",
                      market_object_schema({"rows", "created", "unchanged"},
                                           {{"rows", rows}, {"created", rows},
                                            {"unchanged", {{"type", "integer"}, {"format", "int64"}, {"minimum", 0},
                                                           {"description", "rows whose listing exists (by id or ref)"}}}})
                          .dump());
}

}  // namespace kl::http::market_json
