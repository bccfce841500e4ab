#pragma once
// JSON mapping of the catalog (src/catalog) for its routes: encoders from the plain structs, decoders
// of request bodies that name every bad field by its JSON path ("standard/grades/1/criteria/0/max"),
// and the OpenAPI schemas. Only src/http includes this (nlohmann stays out of the modules).
//
// Decoders check shape and type (objects, arrays, strings, JSON integers, known enum names, dates
// written YYYY-MM-DD); the services check lengths, ranges and the rules between fields, so a body
// with a wrong type is refused here and one with a wrong value by the service, each naming fields.

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog_types.h"
#include "core/result.h"
#include "http/router.h"

namespace kl::http::catalog_json {

using nlohmann::json;

json county_json(const catalog::County& county);
json category_json(const catalog::Category& category);
json organisation_json(const catalog::OrganisationProfile& profile);
json supply_links_json(const std::string& enterprise_id, const std::vector<catalog::SupplyLink>& links);
json product_json(const catalog::Product& product);
json standard_json(const catalog::BrandStandard& standard);
json product_standard_json(const catalog::ProductStandard& standard);
json objection_json(const catalog::Objection& objection);
json certification_json(const catalog::Certification& certification, kl::Date today);

Result<catalog::OrganisationFields> decode_organisation(const json& body);
// PUT /organisations/{id}: the fields, and which optional ones the body names (null included: null
// clears; a field left out keeps its value).
struct OrganisationPut {
    catalog::OrganisationFields fields;
    catalog::OrganisationFieldsGiven given;
};
Result<OrganisationPut> decode_organisation_update(const json& body);
Result<std::vector<catalog::SupplyLinkInput>> decode_supply_links(const json& body);
// POST /categories: the id and the fields; PUT /categories/{id}: the fields.
Result<std::pair<std::string, catalog::CategoryFields>> decode_new_category(const json& body);
struct CategoryPut {
    catalog::CategoryFields fields;
    catalog::CategoryFieldsGiven given;
};
Result<CategoryPut> decode_category(const json& body);
Result<catalog::NewProduct> decode_new_product(const json& body);
// PUT /products/{id}: the fields, and which optional ones were sent (the rest keep their value).
struct ProductPut {
    catalog::ProductFields fields;
    catalog::ProductFieldsGiven given;
};
Result<ProductPut> decode_product(const json& body);
// PUT /products/{id}/standard: {"standard": {...}}.
Result<catalog::BrandStandard> decode_standard_body(const json& body);
Result<catalog::CertificationInput> decode_certification(const json& body);
Result<std::string> decode_objection(const json& body);
struct RevocationRequest {
    std::string reason;
    std::optional<kl::Date> effective_on;
};
Result<RevocationRequest> decode_revocation(const json& body);

// Registers the named schemas the catalog routes refer to ("#/components/schemas/Product", …).
void add_catalog_schemas(Router& router);

}  // namespace kl::http::catalog_json
