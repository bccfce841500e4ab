#include "market/listing_tables.h"

#include <string>

#include "sheets/csv.h"

namespace kl::market {

namespace {

std::string text_or_empty(const std::optional<std::string>& value) { return value.value_or(""); }
// A reference is free text a spreadsheet could run as a formula (csv.h); the import undoes this.
std::string ref_cell(const std::optional<std::string>& ref) { return ref ? sheets::protect_text(*ref) : ""; }

}  // namespace

sheets::Table offers_table(const std::vector<Offer>& offers) {
    sheets::Table table;
    table.sheet_name = "offers";
    table.columns = {{"id", false},           {"ref", false},             {"org_id", false},          {"product_id", false},
                     {"product_name_zh", false}, {"grade", false},       {"quantity_g", true},
                     {"price_fen_per_kg", true}, {"available_from", false}, {"available_to", false},
                     {"packed_on", false},    {"best_before", false},     {"origin_node_id", false},
                     {"status", false}};
    for (const Offer& offer : offers) {
        table.rows.push_back({offer.id, ref_cell(offer.ref), offer.org_id, offer.fields.product_id, offer.product_name_zh, offer.fields.grade,
                              std::to_string(offer.fields.quantity_g), std::to_string(offer.fields.price_fen_per_kg),
                              kl::format_date(offer.fields.available_from),
                              kl::format_date(offer.fields.available_to), kl::format_date(offer.fields.packed_on),
                              kl::format_date(offer.best_before), offer.fields.origin_node_id,
                              std::string(to_string(offer.status))});
    }
    return table;
}

sheets::Table demands_table(const std::vector<Demand>& demands) {
    sheets::Table table;
    table.sheet_name = "demands";
    table.columns = {{"id", false},          {"ref", false},            {"org_id", false},         {"product_id", false},
                     {"category_id", false}, {"min_grade", false},      {"min_grade_rank", true},
                     {"quantity_g", true},   {"max_price_fen_per_kg", true}, {"deliver_by", false},
                     {"district", false},    {"min_shelf_life_days", true}, {"min_aided_g", true},
                     {"status", false}};
    for (const Demand& demand : demands) {
        const DemandFields& f = demand.fields;
        table.rows.push_back({demand.id, ref_cell(demand.ref), demand.org_id, text_or_empty(f.product_id), text_or_empty(f.category_id),
                              text_or_empty(f.min_grade), std::to_string(f.min_grade_rank), std::to_string(f.quantity_g),
                              std::to_string(f.max_price_fen_per_kg), kl::format_date(f.deliver_by), f.district,
                              std::to_string(f.min_shelf_life_days), std::to_string(f.min_aided_g),
                              std::string(to_string(demand.status))});
    }
    return table;
}

}  // namespace kl::market
