#include "http/routes/market_json.h"

#include <nlohmann/json.hpp>

#include "catalog/brand_standard.h"
#include "http/json_body.h"
#include "http/routes/route_kit.h"

namespace kl::http::market_json {

namespace {

constexpr size_t market_id_chars_max = 64;

json optional_time(const std::optional<int64_t>& ms) { return ms ? json(format_utc_iso8601(*ms)) : json(nullptr); }

market::OfferFields read_offer_fields(FieldReader& reader) {
    market::OfferFields fields;
    fields.product_id = reader.text("product_id", 1, market_id_chars_max);
    fields.grade = reader.text("grade", 1, catalog::grade_code_chars_max);
    fields.quantity_g = reader.integer("quantity_g", 1, market::quantity_g_max);
    fields.price_fen_per_kg = reader.integer("price_fen_per_kg", 1, market::price_fen_per_kg_max);
    fields.available_from = read_date(reader, "available_from", true).value_or(kl::Date{});
    fields.available_to = read_date(reader, "available_to", true).value_or(kl::Date{});
    fields.packed_on = read_date(reader, "packed_on", true).value_or(kl::Date{});
    fields.origin_node_id = reader.text("origin_node_id", 1, market_id_chars_max);
    return fields;
}

market::DemandFields read_demand_fields(FieldReader& reader) {
    market::DemandFields fields;
    fields.product_id = reader.opt_text("product_id", market_id_chars_max);
    fields.category_id = reader.opt_text("category_id", market_id_chars_max);
    fields.min_grade = reader.opt_text("min_grade", catalog::grade_code_chars_max);
    fields.min_grade_rank = reader.opt_integer("min_grade_rank", 1, static_cast<int64_t>(catalog::grades_max)).value_or(0);
    fields.quantity_g = reader.integer("quantity_g", 1, market::quantity_g_max);
    fields.max_price_fen_per_kg = reader.integer("max_price_fen_per_kg", 1, market::price_fen_per_kg_max);
    fields.deliver_by = read_date(reader, "deliver_by", true).value_or(kl::Date{});
    fields.district = reader.text("district", 1, market_id_chars_max);
    fields.min_shelf_life_days = reader.opt_integer("min_shelf_life_days", 0, market::min_shelf_life_days_max).value_or(0);
    fields.min_aided_g = reader.opt_integer("min_aided_g", 0, market::quantity_g_max).value_or(0);
    return fields;
}

const std::vector<std::string> offer_names = {"product_id", "grade", "quantity_g", "price_fen_per_kg", "available_from",
                                              "available_to", "packed_on", "origin_node_id"};
const std::vector<std::string> demand_names = {"product_id", "category_id", "min_grade", "min_grade_rank",
                                               "quantity_g", "max_price_fen_per_kg", "deliver_by", "district",
                                               "min_shelf_life_days", "min_aided_g"};

std::vector<std::string> with(std::vector<std::string> names, const std::string& extra) {
    names.push_back(extra);
    return names;
}

}  // namespace

json node_json(const market::Node& node) {
    return {{"id", node.id},
            {"kind", std::string(market::to_string(node.kind))},
            {"county", or_null(node.county)},
            {"district", or_null(node.district)},
            {"name_zh", node.name_zh},
            {"name_en", node.name_en}};
}

json lane_json(const market::Lane& lane) {
    return {{"id", lane.id},
            {"origin_node_id", lane.fields.origin_node_id},
            {"destination_node_id", lane.fields.destination_node_id},
            {"mode", std::string(market::to_string(lane.fields.mode))},
            {"transit_hours", lane.fields.transit_hours},
            {"cost_fen_per_kg", lane.fields.cost_fen_per_kg},
            {"temperature_class", std::string(catalog::to_string(lane.fields.temperature_class))},
            {"created_at", format_utc_iso8601(lane.created_at_ms)},
            {"updated_at", format_utc_iso8601(lane.updated_at_ms)}};
}

json offer_json(const market::Offer& offer) {
    return {{"id", offer.id},
            {"ref", or_null(offer.ref)},
            {"org_id", offer.org_id},
            {"org_name", offer.org_name},
            {"product_id", offer.fields.product_id},
            {"product_name_zh", offer.product_name_zh},
            {"product_name_en", offer.product_name_en},
            {"grade", offer.fields.grade},
            {"grade_rank", offer.grade_rank},
            {"quantity_g", offer.fields.quantity_g},
            {"price_fen_per_kg", offer.fields.price_fen_per_kg},
            {"available_from", kl::format_date(offer.fields.available_from)},
            {"available_to", kl::format_date(offer.fields.available_to)},
            {"packed_on", kl::format_date(offer.fields.packed_on)},
            {"shelf_life_days", offer.shelf_life_days},
            {"best_before", kl::format_date(offer.best_before)},
            {"origin_node_id", offer.fields.origin_node_id},
            {"status", std::string(market::to_string(offer.status))},
            {"created_at", format_utc_iso8601(offer.created_at_ms)},
            {"updated_at", format_utc_iso8601(offer.updated_at_ms)}};
}

json demand_json(const market::Demand& demand) {
    return {{"id", demand.id},
            {"ref", or_null(demand.ref)},
            {"org_id", demand.org_id},
            {"org_name", demand.org_name},
            {"product_id", or_null(demand.fields.product_id)},
            {"category_id", or_null(demand.fields.category_id)},
            {"target_name_zh", demand.target_name_zh},
            {"target_name_en", demand.target_name_en},
            {"min_grade", or_null(demand.fields.min_grade)},
            {"min_grade_rank", demand.fields.min_grade_rank},
            {"quantity_g", demand.fields.quantity_g},
            {"max_price_fen_per_kg", demand.fields.max_price_fen_per_kg},
            {"deliver_by", kl::format_date(demand.fields.deliver_by)},
            {"district", demand.fields.district},
            {"min_shelf_life_days", demand.fields.min_shelf_life_days},
            {"min_aided_g", demand.fields.min_aided_g},
            {"status", std::string(market::to_string(demand.status))},
            {"created_at", format_utc_iso8601(demand.created_at_ms)},
            {"updated_at", format_utc_iso8601(demand.updated_at_ms)}};
}

json run_json(const market::Run& run) {
    const market::RunTotals& t = run.totals;
    return {{"id", run.id},
            {"status", std::string(market::to_string(run.status))},
            {"as_of", kl::format_date(run.as_of)},
            {"requested_by", or_null(run.requested_by)},
            {"requested_at", format_utc_iso8601(run.requested_at_ms)},
            {"started_at", optional_time(run.started_at_ms)},
            {"finished_at", optional_time(run.finished_at_ms)},
            {"error", or_null(run.error)},
            {"totals",
             {{"offer_count", t.offer_count},
              {"demand_count", t.demand_count},
              {"arc_count", t.arc_count},
              {"proposal_count", t.proposal_count},
              {"penalty_fen_per_kg", t.penalty_fen_per_kg},
              {"demanded_g", t.demanded_g},
              {"allocated_g", t.allocated_g},
              {"unmet_g", t.unmet_g},
              {"aided_shortfall_g", t.aided_shortfall_g},
              {"delivered_cost_mfen", t.delivered_cost_mfen},
              {"objective_mfen", t.objective_mfen}}}};
}

json proposal_json(const market::Proposal& p) {
    auto decision = [](const std::optional<market::Decision>& d) {
        return d ? json(std::string(market::to_string(*d))) : json(nullptr);
    };
    return {{"id", p.id},
            {"run_id", p.run_id},
            {"offer_id", p.offer_id},
            {"demand_id", p.demand_id},
            {"seller_org_id", p.seller_org_id},
            {"buyer_org_id", p.buyer_org_id},
            {"product_id", p.product_id},
            {"grade", p.grade},
            {"district", p.district},
            {"lane_id", p.lane_id},
            {"mode", std::string(market::to_string(p.mode))},
            {"quantity_g", p.quantity_g},
            {"offer_price_fen_per_kg", p.offer_price_fen_per_kg},
            {"freight_fen_per_kg", p.freight_fen_per_kg},
            {"delivered_price_fen_per_kg", p.delivered_price_fen_per_kg},
            {"departure_date", kl::format_date(p.departure_date)},
            {"arrival_date", kl::format_date(p.arrival_date)},
            {"shelf_life_left_days", p.shelf_life_left_days},
            {"aided", p.aided},
            {"status", std::string(market::to_string(p.status))},
            {"seller_decision", decision(p.seller_decision)},
            {"buyer_decision", decision(p.buyer_decision)},
            {"order_id", or_null(p.order_id)},
            {"updated_at", format_utc_iso8601(p.updated_at_ms)},
            {"product_name_zh", p.names.product_zh},
            {"product_name_en", p.names.product_en},
            {"seller_name", p.names.seller},
            {"seller_name_en", p.names.seller_en},
            {"buyer_name", p.names.buyer},
            {"buyer_name_en", p.names.buyer_en},
            {"origin_name_zh", p.names.origin_zh},
            {"origin_name_en", p.names.origin_en},
            {"destination_name_zh", p.names.destination_zh},
            {"destination_name_en", p.names.destination_en}};
}

json unmet_json(const market::Unmet& unmet) {
    return {{"demand_id", unmet.demand_id},
            {"buyer_org_id", unmet.buyer_org_id},
            {"unmet_g", unmet.unmet_g},
            {"aided_shortfall_g", unmet.aided_shortfall_g}};
}

Result<market::LaneFields> decode_lane(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"origin_node_id", "destination_node_id", "mode", "transit_hours", "cost_fen_per_kg",
                       "temperature_class"});
    market::LaneFields fields;
    fields.origin_node_id = reader.text("origin_node_id", 1, market_id_chars_max);
    fields.destination_node_id = reader.text("destination_node_id", 1, market_id_chars_max);
    const auto mode = read_parsed(reader, "mode", market::parse_mode);
    fields.transit_hours = reader.integer("transit_hours", 1, market::transit_hours_max);
    fields.cost_fen_per_kg = reader.integer("cost_fen_per_kg", 0, market::freight_fen_per_kg_max);
    const auto temperature = read_enum<catalog::ColdChain>(reader, "temperature_class");
    KL_TRY(reader.finish());
    fields.mode = *mode;
    fields.temperature_class = *temperature;
    return fields;
}

// POST /offers and /demands: a listing's fields (`names`, read by `read_fields`), its organisation and
// its optional ref.
template <typename New, typename ReadFields>
Result<New> decode_new_listing(const json& body, const std::vector<std::string>& names, ReadFields read_fields) {
    FieldReader reader(body);
    reader.allow_only(with(with(names, "org_id"), "ref"));
    New listing;
    listing.org_id = reader.text("org_id", 1, market_id_chars_max);
    listing.ref = reader.opt_text("ref", market::listing_ref_chars_max);
    listing.fields = read_fields(reader);
    KL_TRY(reader.finish());
    return listing;
}

Result<market::NewOffer> decode_new_offer(const json& body) {
    return decode_new_listing<market::NewOffer>(body, offer_names, read_offer_fields);
}

Result<market::OfferFields> decode_offer(const json& body) {
    FieldReader reader(body);
    reader.allow_only(offer_names);
    market::OfferFields fields = read_offer_fields(reader);
    KL_TRY(reader.finish());
    return fields;
}

Result<market::NewDemand> decode_new_demand(const json& body) {
    return decode_new_listing<market::NewDemand>(body, demand_names, read_demand_fields);
}

Result<DemandPut> decode_demand(const json& body) {
    FieldReader reader(body);
    reader.allow_only(demand_names);
    DemandPut put{read_demand_fields(reader), {}};
    // Absent (or null) keeps the demand's value instead of the create default of 0.
    put.given.min_shelf_life_days = is_given(body, "min_shelf_life_days");
    put.given.min_aided_g = is_given(body, "min_aided_g");
    KL_TRY(reader.finish());
    return put;
}

Result<std::optional<kl::Date>> decode_run_request(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"as_of"});
    const auto as_of = read_date(reader, "as_of", false);
    KL_TRY(reader.finish());
    return as_of;
}

}  // namespace kl::http::market_json
