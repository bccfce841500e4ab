#include "catalog/catalog_access.h"

#include "access/permissions.h"
#include "catalog/organisation_repo.h"
#include "catalog/product_repo.h"

namespace kl::catalog {

bool Viewer::sees_everything() const {
    if (kind_ == Kind::command_line) return true;
    return principal_ && access::is_programme_wide(principal_->role);
}

Result<std::optional<std::string>> officer_county(store::Tx& tx, const access::Principal& principal) {
    if (principal.role != access::Role::county_officer || !principal.org_id) return std::optional<std::string>{};
    return organisation_county(tx, *principal.org_id);
}

Result<bool> can_see_product(store::Tx& tx, const Viewer& viewer, const Product& product) {
    if (product.fields.status == ProductStatus::active || viewer.sees_everything()) return true;
    const access::Principal* principal = viewer.principal();
    if (principal == nullptr) return false;
    if (principal->org_id == product.producer_id) return true;
    KL_TRY_ASSIGN(std::optional<std::string> county, officer_county(tx, *principal));
    return county.has_value() && *county == product.county;
}

Result<Product> visible_product(store::Tx& tx, const Viewer& viewer, const std::string& product_id) {
    KL_TRY_ASSIGN(std::optional<Product> product, find_product(tx, product_id));
    if (product) {
        KL_TRY_ASSIGN(bool visible, can_see_product(tx, viewer, *product));
        if (visible) return std::move(*product);
    }
    return fail(ErrorCode::not_found, "product " + product_id + " not found");
}

Result<void> check_county_filter(store::Tx& tx, const std::optional<access::Principal>& actor,
                                 const std::optional<std::string>& county, const std::string& field) {
    if (!county || !actor || actor->role != access::Role::county_officer) return ok();
    KL_TRY_ASSIGN(std::optional<std::string> own, officer_county(tx, *actor));
    if (own && *own == *county) return ok();
    Error error{ErrorCode::permission_denied,
                field + ": a county officer may filter only by its own county (" + own.value_or("none") + "), not " +
                    *county,
                {}};
    error.fields.push_back(FieldError{field, ProblemCode::outside_own_scope, "must be your own county (" + own.value_or("none") + ")"});
    return fail(std::move(error));
}

Result<std::string> require_county_officer(store::Tx& tx, const access::Principal& principal) {
    if (principal.role != access::Role::county_officer) {
        return fail(ErrorCode::permission_denied,
                    "role " + std::string(access::to_string(principal.role)) +
                        " may not do this; only a county officer, for products of its own county");
    }
    KL_TRY_ASSIGN(std::optional<std::string> county, officer_county(tx, principal));
    if (!county) {
        return fail(ErrorCode::permission_denied,
                    "this county officer's organisation has no county, so it certifies no products");
    }
    return std::move(*county);
}

}  // namespace kl::catalog
