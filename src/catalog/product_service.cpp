#include "catalog/product_service.h"

#include "access/permissions.h"
#include "core/field_errors.h"
#include "catalog/brand_standard.h"
#include "catalog/category_service.h"
#include "catalog/certification_service.h"
#include "catalog/name_search.h"
#include "catalog/organisation_directory.h"
#include "catalog/product_repo.h"
#include "catalog/reference_data.h"
#include "store/page.h"

namespace kl::catalog {

namespace {

using access::Role;


void check_unit(FieldErrors& errors, const SaleUnit& unit) {
    const std::string field = "unit/net_g";
    switch (unit.kind) {
        case UnitKind::kg:
            if (unit.net_g != kg_net_g) errors.add(field, ProblemCode::invalid_value, "a kg is " + std::to_string(kg_net_g) + " g");
            break;
        case UnitKind::jin:
            if (unit.net_g != jin_net_g) errors.add(field, ProblemCode::invalid_value, "a jin is " + std::to_string(jin_net_g) + " g");
            break;
        case UnitKind::box:
            if (unit.net_g < 1 || unit.net_g > box_net_g_max) {
                errors.add(field, ProblemCode::invalid_value, "a box holds between 1 and " + std::to_string(box_net_g_max) + " g");
            }
            break;
        case UnitKind::piece:
            if (unit.net_g < 0 || unit.net_g > piece_net_g_max) {
                errors.add(field, ProblemCode::invalid_value, "a piece weighs between 0 (not sold by weight) and " +
                                      std::to_string(piece_net_g_max) + " g");
            }
            break;
    }
}

// Both checks' field errors in one invalid_argument, so the client sees all of them at once.
Result<void> both(Result<void> first, Result<void> second) {
    if (first && second) return ok();
    if (first) return second;
    if (second) return first;
    Error error = std::move(first).error();
    for (auto& field : std::move(second).error().fields) error.fields.push_back(std::move(field));
    error.message = std::to_string(error.fields.size()) + " fields are invalid";
    return fail(std::move(error));
}

Result<void> check_category(store::Tx& tx, const std::string& category_id) {
    KL_TRY_ASSIGN(bool exists, category_exists(tx, category_id));
    if (!exists) return fail_field("category_id", ProblemCode::unknown_reference, "no category has the id " + category_id);
    return ok();
}

Result<void> check_activation(const ProductFields& fields, bool has_standard) {
    if (fields.status != ProductStatus::active || has_standard) return ok();
    Error error{ErrorCode::failed_precondition, "status: a product needs its brand standard before it is active", {}};
    error.fields.push_back(FieldError{"status", ProblemCode::invalid_value, "cannot be active before the product has a brand standard"});
    return fail(std::move(error));
}

// The producer a new product is for: an existing producing organisation with a county.
Result<void> check_producer(store::Tx& tx, const std::string& producer_id) {
    KL_TRY_ASSIGN(std::optional<OrganisationProfile> producer, find_profile(tx, producer_id));
    if (!producer) return fail_field("producer_id", ProblemCode::unknown_reference, "no organisation has this id");
    if (!is_producer_kind(producer->fields.kind)) {
        return fail_field("producer_id", ProblemCode::wrong_kind, "must be a producing organisation (enterprise, cooperative, family_workshop "
                                         "or household), not a " + std::string(access::to_string(producer->fields.kind)));
    }
    if (!producer->fields.county) return fail_field("producer_id", ProblemCode::invalid_value, "the producer has no county, so no origin");
    KL_TRY_ASSIGN(int64_t counted, count_products_of(tx, producer_id));
    if (counted >= products_per_producer_max) {
        return fail(ErrorCode::resource_exhausted,
                    "the producer already has " + std::to_string(products_per_producer_max) + " products");
    }
    return ok();
}

// The product for a write by `actor`: visible (else not_found), and its producer's (else denied).
Result<Product> writable_product(store::Tx& tx, const std::optional<access::Principal>& actor, const std::string& id) {
    KL_TRY_ASSIGN(Product product, visible_product(tx, Viewer::from_actor(actor), id));
    if (auto allowed = access::require_org_access(actor, product.producer_id, access::AccessKind::write); !allowed) {
        return fail(ErrorCode::permission_denied, "only the product's own producer (or an admin) may change it");
    }
    return product;
}

Result<Product> with_status_today(store::Tx& tx, Product product, Date today) {
    KL_TRY_ASSIGN(product.aid_status_today, certification_status_on(tx, product.id, today));
    return product;
}

Result<void> check_filter(store::Tx& tx, const ProductFilter& filter) {
    FieldErrors errors;
    check_name_search(filter.window, errors);
    if (filter.county) {
        KL_TRY_ASSIGN(auto county, find_county(tx, *filter.county));
        if (!county) errors.add("county", ProblemCode::unknown_reference, "is not one of the aided counties");
    }
    if (filter.category) {
        KL_TRY_ASSIGN(bool exists, category_exists(tx, *filter.category));
        if (!exists) errors.add("category", ProblemCode::unknown_reference, "no category has this id");
    }
    return errors.finish();
}

// What a viewer may list: everything, or active products, its own and its county's.
Result<ProductScope> list_scope(store::Tx& tx, const Viewer& viewer) {
    ProductScope scope;
    scope.everything = viewer.sees_everything();
    if (scope.everything) return scope;
    if (const access::Principal* principal = viewer.principal()) {
        scope.producer = principal->org_id;
        KL_TRY_ASSIGN(scope.county, officer_county(tx, *principal));
    }
    return scope;
}

}  // namespace

Result<void> check_product_fields(const ProductFields& fields) {
    FieldErrors errors;
    errors.check_text("name_zh", fields.name_zh, 1, product_name_chars_max);
    errors.check_text("name_en", fields.name_en, 0, product_name_chars_max);
    if (fields.category_id.empty() || fields.category_id.size() > id_chars_max) {
        errors.add("category_id", ProblemCode::unknown_reference, "must be a category id");
    }
    check_unit(errors, fields.unit);
    return errors.finish();
}

Result<Product> ProductService::create(const std::optional<access::Principal>& actor, const NewProduct& input) {
    KL_TRY(access::require_role(actor, {Role::admin, Role::producer}));
    KL_TRY(access::require_org_access(actor, input.producer_id, access::AccessKind::write));
    KL_TRY(both(check_product_fields(input.fields),
                input.standard ? validate_standard(*input.standard) : Result<void>(ok())));
    return store_.write([&](store::Tx& tx) -> Result<Product> {
        KL_TRY(both(check_producer(tx, input.producer_id), check_category(tx, input.fields.category_id)));
        KL_TRY(check_activation(input.fields, input.standard.has_value()));
        Product product;
        product.id = ids_.next();
        product.producer_id = input.producer_id;
        product.fields = input.fields;
        product.created_at_ms = clock_.now_ms();
        // The row starts as a draft: the schema lets a product be active only once its standard is
        // written, and the status the caller asked for is set after that.
        product.fields.status = ProductStatus::draft;
        KL_TRY(insert_product(tx, product));
        if (input.standard) KL_TRY(write_standard(tx, product.id, *input.standard, 1, product.created_at_ms));
        if (input.fields.status != ProductStatus::draft) {
            KL_TRY(update_product_fields(tx, product.id, input.fields, product.created_at_ms));
        }
        KL_TRY_ASSIGN(std::optional<Product> made, find_product(tx, product.id));
        KL_ASSERT(made.has_value());
        return with_status_today(tx, std::move(*made), today_in_shanghai(clock_));
    });
}

Result<Product> ProductService::update(const std::optional<access::Principal>& actor, const std::string& id,
                                       const ProductFields& given_fields, ProductFieldsGiven given) {
    KL_TRY(access::require_role(actor, {Role::admin, Role::producer}));
    KL_TRY(check_product_fields(given_fields));
    return store_.write([&](store::Tx& tx) -> Result<Product> {
        KL_TRY_ASSIGN(Product current, writable_product(tx, actor, id));
        // Filled in the transaction that writes them, so a concurrent change is not undone from a stale read.
        ProductFields fields = given_fields;
        if (!given.status) fields.status = current.fields.status;
        if (!given.name_en) fields.name_en = current.fields.name_en;
        KL_TRY(check_category(tx, fields.category_id));
        KL_TRY(check_activation(fields, current.standard_version > 0));
        KL_TRY(update_product_fields(tx, id, fields, clock_.now_ms()));
        KL_TRY_ASSIGN(std::optional<Product> updated, find_product(tx, id));
        KL_ASSERT(updated.has_value());
        return with_status_today(tx, std::move(*updated), today_in_shanghai(clock_));
    });
}

Result<Product> ProductService::get(const Viewer& viewer, const std::string& id) {
    return store_.read([&](store::Tx& tx) -> Result<Product> {
        KL_TRY_ASSIGN(Product product, visible_product(tx, viewer, id));
        return with_status_today(tx, std::move(product), today_in_shanghai(clock_));
    });
}

Result<ProductPage> ProductService::list(const Viewer& viewer, const ProductFilter& filter, int limit,
                                         const std::optional<std::string>& cursor) {
    KL_TRY_ASSIGN(std::optional<std::string> after, store::start_page(limit, cursor));
    return store_.read([&](store::Tx& tx) -> Result<ProductPage> {
        KL_TRY(check_filter(tx, filter));
        KL_TRY_ASSIGN(ProductScope scope, list_scope(tx, viewer));
        ProductPage page;
        KL_TRY_ASSIGN(page.products, list_products(tx, filter, scope, after, limit));
        page.next_cursor = store::finish_page(page.products, limit, [](const auto& item) { return item.id; });
        std::vector<std::string> ids;
        for (const auto& product : page.products) ids.push_back(product.id);
        KL_TRY_ASSIGN(auto statuses, certification_statuses_on(tx, ids, today_in_shanghai(clock_)));
        for (auto& product : page.products) product.aid_status_today = statuses.at(product.id);
        return page;
    });
}

Result<ProductStandard> ProductService::standard(const Viewer& viewer, const std::string& id) {
    return store_.read([&](store::Tx& tx) -> Result<ProductStandard> {
        KL_TRY(visible_product(tx, viewer, id));
        KL_TRY_ASSIGN(std::optional<ProductStandard> standard, load_standard(tx, id));
        if (!standard) return fail(ErrorCode::not_found, "product " + id + " has no brand standard yet");
        return std::move(*standard);
    });
}

Result<ProductStandard> ProductService::set_standard(const std::optional<access::Principal>& actor,
                                                     const std::string& id, const BrandStandard& standard) {
    KL_TRY(access::require_role(actor, {Role::admin, Role::producer}));
    KL_TRY(validate_standard(standard));
    return store_.write([&](store::Tx& tx) -> Result<ProductStandard> {
        KL_TRY_ASSIGN(Product product, writable_product(tx, actor, id));
        KL_TRY(write_standard(tx, id, standard, product.standard_version + 1, clock_.now_ms()));
        KL_TRY_ASSIGN(std::optional<ProductStandard> written, load_standard(tx, id));
        KL_ASSERT(written.has_value());
        return std::move(*written);
    });
}

}  // namespace kl::catalog
