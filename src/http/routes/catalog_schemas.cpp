// OpenAPI schemas of the catalog routes (catalog_json.h), built from the same enum tables and limits
// the services use, so the document cannot drift from the code.
#include <nlohmann/json.hpp>

#include "access/organisation_service.h"
#include "catalog/brand_standard.h"
#include "catalog/category_service.h"
#include "catalog/certification_service.h"
#include "catalog/organisation_directory.h"
#include "catalog/product_service.h"
#include "http/routes/catalog_json.h"
#include "http/routes/route_kit.h"

namespace kl::http::catalog_json {

namespace {

json credit_code_schema() {
    json out = {{"type", "string"}, {"pattern", "^[0-9A-HJ-NP-RT-UW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RT-UW-Y]{10}$"},
                {"description", "unified social credit code (GB 32100-2015), checked with its check character"}};
    return nullable(out);
}

void add_reference_schemas(Router& router) {
    const json county = object_schema(json::array({"code", "division_code", "name_zh", "name_en"}),
                                      {{"code", {{"type", "string"}}},
                                       {"division_code", {{"type", "string"}, {"description", "GB/T 2260"}}},
                                       {"name_zh", {{"type", "string"}}},
                                       {"name_en", {{"type", "string"}}}});
    router.add_schema("County", county.dump());
    router.add_schema("CountyList", object_schema(json::array({"items"}), {{"items", array_of(ref_schema("County"))}}).dump());
    const json name = string_schema(1, catalog::category_name_chars_max);
    const json fields = {{"parent_id", nullable(string_schema(catalog::category_id_chars_min, catalog::category_id_chars_max))},
                         {"name_zh", name},
                         {"name_en", name},
                         {"sort_order", integer_schema(0, catalog::category_sort_order_max)}};
    json category = object_schema(json::array({"id", "parent_id", "name_zh", "name_en", "sort_order"}), fields);
    category["properties"]["id"] = string_schema(catalog::category_id_chars_min, catalog::category_id_chars_max);
    router.add_schema("Category", category.dump());
    router.add_schema("CategoryList",
                      object_schema(json::array({"items"}),
                                    {{"items", array_of(ref_schema("Category"))}})
                          .dump());
    json new_category = object_schema(json::array({"id", "name_zh", "name_en"}), fields, true);
    new_category["properties"]["id"] = category["properties"]["id"];
    new_category["properties"]["id"]["pattern"] = "^[a-z][a-z0-9_]*$";
    router.add_schema("NewCategory", new_category.dump());
    json update = object_schema(json::array({"name_zh", "name_en"}), fields, true);
    update["description"] = "parent_id and sort_order left out keep their current values; parent_id null moves to the top";
    router.add_schema("CategoryUpdate", update.dump());
}

json organisation_fields() {
    return {{"name", string_schema(access::organisation_name_chars_min, access::organisation_name_chars_max)},
            {"name_en", string_schema(0, catalog::organisation_name_en_chars_max)},
            {"kind", enum_of(access::all_org_kinds())},
            {"credit_code", credit_code_schema()},
            {"county", {{"type", "string"}, {"nullable", true}, {"description", "producers (required), agencies"}}},
            {"district", {{"type", "string"}, {"nullable", true}, {"description", "buyers (required), logistics"}}},
            {"channel", nullable(enum_of(catalog::all_buyer_channels()))},
            {"contact_name", string_schema(0, catalog::contact_name_chars_max)},
            {"contact_phone", string_schema(0, catalog::contact_phone_chars_max)},
            {"address", string_schema(0, catalog::address_chars_max)}};
}

void add_organisation_schemas(Router& router) {
    json properties = organisation_fields();
    properties["id"] = {{"type", "string"}};
    properties["created_at"] = date_time_schema();
    properties["updated_at"] = date_time_schema();
    json required = json::array();
    for (const auto& [key, value] : properties.items()) required.push_back(key);
    router.add_schema("Organisation", object_schema(required, properties).dump());
    router.add_schema("OrganisationInput", object_schema(json::array({"name", "kind"}), organisation_fields(), true).dump());
    router.add_schema("OrganisationPage", page_of("Organisation").dump());
    const json link_in = object_schema(json::array({"supplier_id", "share_bp"}),
                                       {{"supplier_id", {{"type", "string"}}},
                                        {"share_bp", integer_schema(1, catalog::share_bp_total, "share of purchases, 1/10000")}},
                                       true);
    router.add_schema("SupplyLinksInput",
                      object_schema(json::array({"links"}), {{"links", array_of(link_in)}}, true).dump());
    json link_out = link_in;
    link_out["properties"]["supplier_name"] = {{"type", "string"}};
    link_out["properties"]["supplier_kind"] = enum_of(access::all_org_kinds());
    link_out.erase("additionalProperties");
    router.add_schema("SupplyLinks", object_schema(json::array({"enterprise_id", "links", "total_share_bp"}),
                                                   {{"enterprise_id", {{"type", "string"}}},
                                                    {"links", array_of(link_out)},
                                                    {"total_share_bp", integer_schema(0, catalog::share_bp_total)}})
                                         .dump());
}

json grade_prices_schema() {
    return array_of(object_schema(json::array({"grade", "price_fen"}),
                                  {{"grade", string_schema(1, catalog::grade_code_chars_max)},
                                   {"price_fen", integer_schema(1, catalog::price_fen_max, "fen per unit of sale")}},
                                  true));
}

json standard_schema() {
    const json criterion = object_schema(json::array({"metric"}),
                                         {{"metric", enum_of(catalog::all_metrics())},
                                          {"min", nullable(integer_schema(0, catalog::criterion_value_max))},
                                          {"max", nullable(integer_schema(0, catalog::criterion_value_max))}},
                                         true);
    const auto grades_max = static_cast<int64_t>(catalog::grades_max);
    const json grade = object_schema(json::array({"code", "name_zh", "rank"}),
                                     {{"code", string_schema(1, catalog::grade_code_chars_max)},
                                      {"name_zh", string_schema(1, catalog::grade_name_chars_max)},
                                      {"name_en", string_schema(0, catalog::grade_name_chars_max)},
                                      {"rank", integer_schema(1, grades_max, "1 is the best grade")},
                                      {"criteria", array_of(criterion)}},
                                     true);
    const int64_t t_min = catalog::temperature_c_x10_min;
    const int64_t t_max = catalog::temperature_c_x10_max;
    return object_schema(
        json::array({"grades", "packaging", "storage", "logistics", "channels", "pricing"}),
        {{"grades", array_of(grade)},
         {"packaging", object_schema(json::array({"type", "net_weight_g"}),
                                     {{"type", enum_of(catalog::all_packaging_types())},
                                      {"net_weight_g", integer_schema(1, catalog::package_net_g_max)},
                                      {"materials", array_of(string_schema(1, catalog::material_chars_max))}},
                                     true)},
         {"storage", object_schema(json::array({"temperature_min_c_x10", "temperature_max_c_x10", "humidity_min_pct",
                                                "humidity_max_pct", "shelf_life_days"}),
                                   {{"temperature_min_c_x10", integer_schema(t_min, t_max, "0.1 °C")},
                                    {"temperature_max_c_x10", integer_schema(t_min, t_max, "0.1 °C")},
                                    {"humidity_min_pct", integer_schema(0, catalog::humidity_pct_max)},
                                    {"humidity_max_pct", integer_schema(0, catalog::humidity_pct_max)},
                                    {"shelf_life_days", integer_schema(1, catalog::shelf_life_days_max)}},
                                   true)},
         {"logistics", object_schema(json::array({"cold_chain"}),
                                     {{"cold_chain", enum_of(catalog::all_cold_chains())}}, true)},
         {"channels", array_of(enum_of(catalog::all_sales_channels()))},
         {"pricing", object_schema(json::array({"list_prices", "min_order_quantity"}),
                                   {{"list_prices", grade_prices_schema()},
                                    {"min_order_quantity", integer_schema(1, catalog::order_quantity_max, "units of sale")},
                                    {"tiers", array_of(object_schema(
                                                  json::array({"min_quantity", "prices"}),
                                                  {{"min_quantity", integer_schema(2, catalog::order_quantity_max)},
                                                   {"prices", grade_prices_schema()}},
                                                  true))}},
                                   true)}},
        true);
}

json product_fields() {
    return {{"name_zh", string_schema(1, catalog::product_name_chars_max)},
            {"name_en", string_schema(0, catalog::product_name_chars_max)},
            {"category_id", {{"type", "string"}}},
            {"unit", object_schema(json::array({"kind"}),
                                   {{"kind", enum_of(catalog::all_unit_kinds())},
                                    {"net_g", {{"type", "integer"},
                                               {"description", "kg 1000, jin 500, box: its grams (required), "
                                                               "piece: 0 when not sold by weight"}}}},
                                   true)},
            {"status", enum_of(catalog::all_product_statuses())}};
}

void add_product_schemas(Router& router) {
    router.add_schema("BrandStandard", standard_schema().dump());
    json properties = product_fields();
    for (const char* key : {"id", "producer_id", "producer_name", "producer_name_en", "county"}) {
        properties[key] = {{"type", "string"}};
    }
    properties["standard_version"] = integer_schema(0, INT64_MAX, "0: no brand standard yet");
    properties["price_from_fen"] =
        nullable(integer_schema(0, INT64_MAX, "lowest list price over the standard's grades; null without a standard"));
    properties["aid_status_today"] = enum_of(catalog::all_cert_statuses());
    properties["created_at"] = date_time_schema();
    properties["updated_at"] = date_time_schema();
    json required = json::array();
    for (const auto& [key, value] : properties.items()) required.push_back(key);
    router.add_schema("Product", object_schema(required, properties).dump());
    router.add_schema("ProductPage", page_of("Product").dump());
    json new_product = product_fields();
    new_product["producer_id"] = {{"type", "string"}};
    new_product["standard"] = ref_schema("BrandStandard");
    router.add_schema("NewProduct",
                      object_schema(json::array({"producer_id", "name_zh", "category_id", "unit"}), new_product, true)
                          .dump());
    json product_update = object_schema(json::array({"name_zh", "category_id", "unit"}), product_fields(), true);
    product_update["description"] = "status and name_en left out keep their current values (null name_en clears it)";
    router.add_schema("ProductUpdate", product_update.dump());
    router.add_schema("StandardInput",
                      object_schema(json::array({"standard"}), {{"standard", ref_schema("BrandStandard")}}, true).dump());
    router.add_schema("ProductStandard", object_schema(json::array({"product_id", "version", "updated_at", "standard"}),
                                                       {{"product_id", {{"type", "string"}}},
                                                        {"version", integer_schema(1, INT64_MAX)},
                                                        {"updated_at", date_time_schema()},
                                                        {"standard", ref_schema("BrandStandard")}})
                                             .dump());
}

void add_certification_schemas(Router& router) {
    const json objection = object_schema(json::array({"id", "text", "raised_by", "created_at"}),
                                         {{"id", {{"type", "string"}}},
                                          {"text", string_schema(1, catalog::objection_chars_max)},
                                          {"raised_by", nullable({{"type", "string"}})},
                                          {"created_at", date_time_schema()}});
    router.add_schema("Objection", objection.dump());
    router.add_schema("NewObjection", object_schema(json::array({"text"}),
                                                    {{"text", string_schema(1, catalog::objection_chars_max)}}, true)
                                          .dump());
    const json input = {{"certificate_no", string_schema(1, catalog::certificate_no_chars_max)},
                        {"valid_from", date_schema()},
                        {"valid_to", date_schema()},
                        {"notice_days", integer_schema(0, catalog::notice_days_max, "public notice from valid_from")}};
    router.add_schema("NewCertification",
                      object_schema(json::array({"certificate_no", "valid_from", "valid_to", "notice_days"}), input, true)
                          .dump());
    json properties = input;
    for (const char* key : {"id", "product_id", "county"}) properties[key] = {{"type", "string"}};
    properties["certified_from"] = date_schema();
    properties["certified_by"] = nullable({{"type", "string"}});
    properties["created_at"] = date_time_schema();
    properties["status_today"] = enum_of(catalog::all_cert_statuses());
    properties["revocation"] = nullable(object_schema(json::array({"effective_on", "reason", "revoked_by", "revoked_at"}),
                                                      {{"effective_on", date_schema()},
                                                       {"reason", {{"type", "string"}}},
                                                       {"revoked_by", nullable({{"type", "string"}})},
                                                       {"revoked_at", date_time_schema()}}));
    properties["objection_count"] = integer_schema(0, catalog::objections_per_certification_max);
    properties["objections"] = array_of(ref_schema("Objection"));
    json required = json::array();
    for (const auto& [key, value] : properties.items()) required.push_back(key);
    router.add_schema("Certification", object_schema(required, properties).dump());
    router.add_schema("CertificationHistory", object_schema(json::array({"product_id", "date", "status", "items"}),
                                                            {{"product_id", {{"type", "string"}}},
                                                             {"date", date_schema()},
                                                             {"status", enum_of(catalog::all_cert_statuses())},
                                                             {"items", array_of(ref_schema("Certification"))}})
                                                  .dump());
    router.add_schema("Revocation", object_schema(json::array({"reason"}),
                                                  {{"reason", string_schema(1, catalog::revocation_reason_chars_max)},
                                                   {"effective_on", date_schema()}},
                                                  true)
                                        .dump());
}

}  // namespace

void add_catalog_schemas(Router& router) {
    add_reference_schemas(router);
    add_organisation_schemas(router);
    add_product_schemas(router);
    add_certification_schemas(router);
}

}  // namespace kl::http::catalog_json
