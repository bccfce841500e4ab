#include "http/routes/catalog_routes.h"

#include <nlohmann/json.hpp>

#include "access/page_cursor.h"
#include "http/json_body.h"
#include "http/query.h"
#include "http/routes/catalog_filters.h"
#include "http/routes/catalog_json.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"

namespace kl::http {

namespace {

using nlohmann::json;
using namespace catalog_json;

// ---- request helpers -----------------------------------------------------------------------------

// Decodes the body with `decode`, or answers the problem.
// ---- reference data and categories -----------------------------------------------------------------

Response list_counties(catalog::ReferenceData& reference) {
    auto counties = reference.counties();
    if (!counties) return error_response(counties.error());
    return json_response(200, items_json(*counties, county_json));
}

Response list_districts(catalog::ReferenceData& reference) {
    auto districts = reference.districts();
    if (!districts) return error_response(districts.error());
    return json_response(200, items_json(*districts, county_json));
}

Response list_categories(catalog::CategoryService& categories) {
    auto all = categories.list();
    if (!all) return error_response(all.error());
    return json_response(200, items_json(*all, category_json));
}

Response create_category(catalog::CategoryService& categories, Request& request) {
    auto input = decode_body(request, decode_new_category);
    if (!input) return error_response(input.error());
    auto made = categories.create(actor_of(request), input->first, input->second);
    if (!made) return error_response(made.error());
    return created(category_json(*made), "/api/v1/categories/" + made->id);
}

Response update_category(catalog::CategoryService& categories, Request& request) {
    auto put = decode_body(request, decode_category);
    if (!put) return error_response(put.error());
    auto updated = categories.update(actor_of(request), request.param("id"), put->fields, put->given);
    if (!updated) return error_response(updated.error());
    return json_response(200, category_json(*updated));
}

// ---- organisations ---------------------------------------------------------------------------------

Response list_organisations(catalog::OrganisationDirectory& directory, Request& request) {
    auto limit = read_limit(request);
    if (!limit) return error_response(limit.error());
    auto filter = read_organisation_filter(request);
    if (!filter) return error_response(filter.error());
    auto page = directory.list(actor_of(request), *filter, *limit, read_cursor(request));
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->organisations, page->next_cursor, organisation_json));
}

Response create_organisation(catalog::OrganisationDirectory& directory, Request& request) {
    auto fields = decode_body(request, decode_organisation);
    if (!fields) return error_response(fields.error());
    auto made = directory.create(actor_of(request), *fields);
    if (!made) return error_response(made.error());
    return created(organisation_json(*made), "/api/v1/organisations/" + made->id);
}

Response get_organisation(catalog::OrganisationDirectory& directory, Request& request) {
    auto profile = directory.get(actor_of(request), request.param("id"));
    if (!profile) return error_response(profile.error());
    return json_response(200, organisation_json(*profile));
}

Response update_organisation(catalog::OrganisationDirectory& directory, Request& request) {
    auto put = decode_body(request, decode_organisation_update);
    if (!put) return error_response(put.error());
    auto updated = directory.update(actor_of(request), request.param("id"), put->fields, put->given);
    if (!updated) return error_response(updated.error());
    return json_response(200, organisation_json(*updated));
}

Response get_supply_links(catalog::OrganisationDirectory& directory, Request& request) {
    auto links = directory.supply_links(actor_of(request), request.param("id"));
    if (!links) return error_response(links.error());
    return json_response(200, supply_links_json(request.param("id"), *links));
}

Response set_supply_links(catalog::OrganisationDirectory& directory, Request& request) {
    auto input = decode_body(request, decode_supply_links);
    if (!input) return error_response(input.error());
    auto links = directory.set_supply_links(actor_of(request), request.param("id"), *input);
    if (!links) return error_response(links.error());
    return json_response(200, supply_links_json(request.param("id"), *links));
}

// ---- products and standards ------------------------------------------------------------------------

Response list_products(catalog::ProductService& products, Request& request) {
    auto limit = read_limit(request);
    if (!limit) return error_response(limit.error());
    auto filter = read_product_filter(request);
    if (!filter) return error_response(filter.error());
    auto page = products.list(viewer_of(request), *filter, *limit, read_cursor(request));
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->products, page->next_cursor, product_json));
}

Response create_product(catalog::ProductService& products, Request& request) {
    auto input = decode_body(request, decode_new_product);
    if (!input) return error_response(input.error());
    auto made = products.create(actor_of(request), *input);
    if (!made) return error_response(made.error());
    return created(product_json(*made), "/api/v1/products/" + made->id);
}

Response get_product(catalog::ProductService& products, Request& request) {
    auto product = products.get(viewer_of(request), request.param("id"));
    if (!product) return error_response(product.error());
    return json_response(200, product_json(*product));
}

Response update_product(catalog::ProductService& products, Request& request) {
    auto put = decode_body(request, decode_product);
    if (!put) return error_response(put.error());
    auto updated = products.update(actor_of(request), request.param("id"), put->fields, put->given);
    if (!updated) return error_response(updated.error());
    return json_response(200, product_json(*updated));
}

Response get_standard(catalog::ProductService& products, Request& request) {
    auto standard = products.standard(viewer_of(request), request.param("id"));
    if (!standard) return error_response(standard.error());
    return json_response(200, product_standard_json(*standard));
}

Response set_standard(catalog::ProductService& products, Request& request) {
    auto input = decode_body(request, decode_standard_body);
    if (!input) return error_response(input.error());
    auto standard = products.set_standard(actor_of(request), request.param("id"), *input);
    if (!standard) return error_response(standard.error());
    return json_response(200, product_standard_json(*standard));
}

// ---- certification ---------------------------------------------------------------------------------

Response certification_history(catalog::CertificationService& certifications, Request& request) {
    QueryReader query(request);
    const auto on = query.parsed("on", kl::parse_date);
    if (auto decoded = query.finish(); !decoded) return error_response(decoded.error());
    const catalog::Viewer viewer = viewer_of(request);
    const std::string& product_id = request.param("id");
    auto history = certifications.history(viewer, product_id);
    if (!history) return error_response(history.error());
    const kl::Date today = certifications.today();
    const kl::Date date = on.value_or(today);
    json out = {{"product_id", product_id},
                {"date", kl::format_date(date)},
                {"status", std::string(catalog::to_string(catalog::status_from(*history, date)))},
                {"items", json::array()}};
    for (const auto& certification : *history) out["items"].push_back(certification_json(certification, today));
    return json_response(200, out);
}

Response certify(catalog::CertificationService& certifications, Request& request) {
    auto input = decode_body(request, decode_certification);
    if (!input) return error_response(input.error());
    auto made = certifications.certify(actor_of(request), request.param("id"), *input);
    if (!made) return error_response(made.error());
    return created(certification_json(*made, certifications.today()),
                   "/api/v1/products/" + made->product_id + "/certifications");
}

Response object(catalog::CertificationService& certifications, Request& request) {
    auto text = decode_body(request, decode_objection);
    if (!text) return error_response(text.error());
    auto made = certifications.object(actor_of(request), request.param("id"), *text);
    if (!made) return error_response(made.error());
    return json_response(201, objection_json(*made));
}

Response revoke(catalog::CertificationService& certifications, Request& request) {
    auto input = decode_body(request, decode_revocation);
    if (!input) return error_response(input.error());
    auto revoked = certifications.revoke(actor_of(request), request.param("id"), input->reason, input->effective_on);
    if (!revoked) return error_response(revoked.error());
    return json_response(200, certification_json(*revoked, certifications.today()));
}

// ---- registration ----------------------------------------------------------------------------------

void add_reference_routes(Router& router, catalog::Catalog& catalog) {
    auto& reference = catalog.reference;
    auto& categories = catalog.categories;
    router.add(with_access(documented_route(Method::get, "/api/v1/counties", "catalog", "The four aided counties", "",
                     ref("CountyList"), 200, [&reference](Request&) { return list_counties(reference); }), Access::open));
    router.add(with_access(documented_route(Method::get, "/api/v1/districts", "catalog", "Shanghai's sixteen districts", "",
                     ref("CountyList"), 200, [&reference](Request&) { return list_districts(reference); }), Access::open));
    router.add(with_access(documented_route(Method::get, "/api/v1/categories", "catalog", "The category tree, parents before children",
                     "", ref("CategoryList"), 200, [&categories](Request&) { return list_categories(categories); }), Access::open));
    router.add(documented_route(Method::post, "/api/v1/categories", "catalog", "Add a category (admin)",
                     ref("NewCategory"), ref("Category"), 201,
                     [&categories](Request& request) { return create_category(categories, request); }));
    router.add(documented_route(Method::put, "/api/v1/categories/{id}", "catalog",
                     "Rename, reorder or move a category (admin; no cycles)", ref("CategoryUpdate"),
                     ref("Category"), 200,
                     [&categories](Request& request) { return update_category(categories, request); }));
}

void add_organisation_routes(Router& router, catalog::OrganisationDirectory& directory) {
    router.add(documented_route(Method::get, "/api/v1/organisations", "catalog",
                     "List organisations (scoped roles: their own; county officers also their county's producers)",
                     "", ref("OrganisationPage"), 200,
                     [&directory](Request& request) { return list_organisations(directory, request); },
                     with_page(organisation_filter_docs())));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/organisations", "catalog",
                                "Create an organisation (admin)", ref("OrganisationInput"),
                                ref("Organisation"), 201,
                                [&directory](Request& request) { return create_organisation(directory, request); })));
    router.add(documented_route(Method::get, "/api/v1/organisations/{id}", "catalog",
                     "An organisation (as the list)", "", ref("Organisation"), 200,
                     [&directory](Request& request) { return get_organisation(directory, request); }));
    router.add(documented_route(Method::put, "/api/v1/organisations/{id}", "catalog",
                     "Update an organisation (admin; the kind is fixed)", ref("OrganisationInput"),
                     ref("Organisation"), 200,
                     [&directory](Request& request) { return update_organisation(directory, request); }));
    router.add(documented_route(Method::get, "/api/v1/organisations/{id}/supply-links", "catalog",
                     "The workshops and households an enterprise buys from", "", ref("SupplyLinks"), 200,
                     [&directory](Request& request) { return get_supply_links(directory, request); }));
    router.add(documented_route(Method::put, "/api/v1/organisations/{id}/supply-links", "catalog",
                     "Replace an enterprise's supply links (admin; its own producer)", ref("SupplyLinksInput"),
                     ref("SupplyLinks"), 200,
                     [&directory](Request& request) { return set_supply_links(directory, request); }));
}

void add_product_routes(Router& router, catalog::ProductService& products) {
    router.add(with_access(documented_route(Method::get, "/api/v1/products", "catalog", "The catalogue (public: active products)", "",
                     ref("ProductPage"), 200, [&products](Request& request) { return list_products(products, request); },
                     with_page(product_filter_docs())), Access::open));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/products", "catalog",
                                "Add a product (admin; a producer for itself), optionally with its standard",
                                ref("NewProduct"), ref("Product"), 201,
                                [&products](Request& request) { return create_product(products, request); })));
    router.add(with_access(documented_route(Method::get, "/api/v1/products/{id}", "catalog", "A product", "", ref("Product"), 200,
                     [&products](Request& request) { return get_product(products, request); }), Access::open));
    router.add(documented_route(Method::put, "/api/v1/products/{id}", "catalog",
                     "Update a product (admin; its own producer)", ref("ProductUpdate"), ref("Product"), 200,
                     [&products](Request& request) { return update_product(products, request); }));
    router.add(with_access(documented_route(Method::get, "/api/v1/products/{id}/standard", "catalog",
                     "A product's brand standard (grades, packaging, storage, logistics, channels, pricing)", "",
                     ref("ProductStandard"), 200, [&products](Request& request) { return get_standard(products, request); }), Access::open));
    router.add(documented_route(Method::put, "/api/v1/products/{id}/standard", "catalog",
                     "Replace a product's brand standard (admin; its own producer)", ref("StandardInput"),
                     ref("ProductStandard"), 200,
                     [&products](Request& request) { return set_standard(products, request); }));
}

void add_certification_routes(Router& router, catalog::CertificationService& certifications) {
    router.add(with_access(documented_route(Method::get, "/api/v1/products/{id}/certifications", "catalog",
                     "A product's certification history and its status on a date", "",
                     ref("CertificationHistory"), 200,
                     [&certifications](Request& request) { return certification_history(certifications, request); },
                     {{"on", "YYYY-MM-DD for `status` (default today, Asia/Shanghai)"}}), Access::open));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/products/{id}/certifications", "catalog",
                                "Certify a product as a consumption-aid product (county officer of its county)",
                                ref("NewCertification"), ref("Certification"), 201,
                                [&certifications](Request& request) { return certify(certifications, request); })));
    router.add(documented_route(Method::post, "/api/v1/certifications/{id}/objections", "catalog",
                     "Record an objection during the public notice", ref("NewObjection"), ref("Objection"),
                     201, [&certifications](Request& request) { return object(certifications, request); }));
    router.add(documented_route(Method::post, "/api/v1/certifications/{id}/revoke", "catalog",
                     "Revoke a certification with a reason (county officer of its county)", ref("Revocation"),
                     ref("Certification"), 200,
                     [&certifications](Request& request) { return revoke(certifications, request); }));
}

}  // namespace

void add_catalog_routes(Router& router, catalog::Catalog& catalog) {
    add_catalog_schemas(router);
    add_reference_routes(router, catalog);
    add_organisation_routes(router, catalog.organisations);
    add_product_routes(router, catalog.products);
    add_certification_routes(router, catalog.certifications);
}

}  // namespace kl::http
