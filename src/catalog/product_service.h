#pragma once
// Products and their brand standards: the public catalogue.
//
// Who may do what (catalog_access.h for the visibility rule):
//   create                admin for any producer; a producer for its own organisation
//   update, set_standard  admin; the product's own producer (permission_denied for another's)
//   get, list, standard   everyone, anonymous included, for active products; drafts and withdrawn
//                         products only their producer, the officers of their county and
//                         programme-wide roles (others get not_found: a draft is not revealed)
//
// A product belongs to a producing organisation (enterprise, cooperative, family workshop,
// household) that has a county; that county is the product's origin. Products read through this
// service carry their consumption-aid status today (Product::aid_status_today). A product can be `active`
// (in the public catalogue) only once it has a brand standard.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "access/principal.h"
#include "catalog/catalog_access.h"
#include "catalog/catalog_types.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::catalog {

inline constexpr size_t product_name_chars_max = 200;
inline constexpr int64_t kg_net_g = 1000;
inline constexpr int64_t jin_net_g = 500;
inline constexpr int64_t box_net_g_max = 1'000'000;    // 1 t: no box of ours weighs more
inline constexpr int64_t piece_net_g_max = 1'000'000;
inline constexpr int64_t products_per_producer_max = 5000;

class ProductService {
public:
    ProductService(store::Store& store, const Clock& clock, IdGenerator& ids)
        : store_(store), clock_(clock), ids_(ids) {}

    // invalid_argument naming producer_id, name_zh, name_en, category_id, unit/kind, unit/net_g,
    // status, or standard/… (brand_standard.h); failed_precondition naming status when an active
    // product has no standard; resource_exhausted past products_per_producer_max.
    Result<Product> create(const std::optional<access::Principal>& actor, const NewProduct& product);
    // `given` says which optional fields the caller sent: one it left out keeps its current value, so a
    // partial PUT never unpublishes a product or erases its English name by accident.
    Result<Product> update(const std::optional<access::Principal>& actor, const std::string& id,
                           const ProductFields& fields, ProductFieldsGiven given = {});
    Result<Product> get(const Viewer& viewer, const std::string& id);
    // Ordered by id (creation order), keyset-paginated. Filters: see ProductFilter; an unknown county
    // or category is invalid_argument naming it (a typo should not look like an empty catalogue).
    Result<ProductPage> list(const Viewer& viewer, const ProductFilter& filter, int limit,
                             const std::optional<std::string>& cursor);

    // not_found when the product has no standard yet.
    Result<ProductStandard> standard(const Viewer& viewer, const std::string& id);
    // Replaces the whole standard; the version goes up by one.
    Result<ProductStandard> set_standard(const std::optional<access::Principal>& actor, const std::string& id,
                                         const BrandStandard& standard);

private:
    store::Store& store_;
    const Clock& clock_;
    IdGenerator& ids_;
};

// The rules of ProductFields that need no database (names, unit, status names); exposed for the
// importer, which checks a whole file before writing any of it.
Result<void> check_product_fields(const ProductFields& fields);

}  // namespace kl::catalog
