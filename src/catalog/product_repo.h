#pragma once
// The SQL of products and brand standards, inside a caller's transaction and without permission
// checks: ProductService uses it after checking, and later modules (market, logistics, import and
// export) read products and standards with it inside their own transactions.
//
// Why the standard is stored in normalised tables rather than as one JSON text column: the market
// module names a product's grades in offers and orders (it can reference product_grades
// (product_id, code) with a foreign key, and find a grade by code or rank with an index), prices
// orders by grade and quantity (product_grades.list_price_fen, product_price_tiers), filters the
// catalogue by sales channel (product_channels, indexed by channel) and checks shelf life on arrival
// (products.shelf_life_days) — all in SQL that runs the same on SQLite and PostgreSQL, where JSON
// functions differ. Grades are updated in place when a standard changes, so grades that other
// records name survive an edit that keeps them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_types.h"
#include "core/result.h"
#include "core/work_item.h"
#include "store/store.h"

namespace kl::catalog {

// The product with this id (with its producer's names and county), if any.
Result<std::optional<Product>> find_product(store::Tx& tx, const std::string& id);

// The product's brand standard, or nullopt when it has none (or the product does not exist).
// Grades come in rank order, list prices and tier prices in grade rank order, channels in
// all_sales_channels() order, materials as given.
Result<std::optional<ProductStandard>> load_standard(store::Tx& tx, const std::string& product_id);

// What a sale of the product in `grade` through `channel` needs from its brand standard: the grade
// exists, and the standard's sales channels list the channel (orders check every line with it, so
// a brand that is not sold by vending counter is not). Both false when the product has no standard.
struct SaleTerms {
    bool has_grade = false;
    bool sells_on_channel = false;
};
Result<SaleTerms> sale_terms(store::Tx& tx, const std::string& product_id, const std::string& grade,
                             SalesChannel channel);

// What a sale's validation reads of a product and what can change under it afterwards: its status,
// its sale unit's net weight and its brand-standard version (grades and channels change only with
// the version, write_standard bumps it). The producer and the id never change. Orders validated on a
// read snapshot compare these inside the write that commits them (order_service.cpp).
struct ProductStamp {
    std::string id;
    ProductStatus status = ProductStatus::draft;
    int64_t unit_net_g = 0;
    int64_t standard_version = 0;
    bool operator==(const ProductStamp&) const = default;
};
ProductStamp stamp_of(const Product& product);
// The stamps of the products with these ids as `tx` sees them now, in the order of `ids` (ids may
// repeat); a product that does not exist is left out, so the result differs from any full stamp list.
Result<std::vector<ProductStamp>> current_stamps(store::Tx& tx, const std::vector<std::string>& ids);

// Who a list shows: everything, or active products and those of `producer` and of `county`.
struct ProductScope {
    bool everything = false;
    std::optional<std::string> producer, county;
};
// A keyset page of products by id after `after`: page_rows_to_fetch(limit) rows (store/page.h).
Result<std::vector<Product>> list_products(store::Tx& tx, const ProductFilter& filter, const ProductScope& scope,
                                           const std::optional<std::string>& after, int limit);

// Writes a new product row (no standard). `product.county` and producer names are not stored here.
Result<void> insert_product(store::Tx& tx, const Product& product);
// How many products the producer has (any status).
Result<int64_t> count_products_of(store::Tx& tx, const std::string& producer_id);
Result<void> update_product_fields(store::Tx& tx, const std::string& id, const ProductFields& fields,
                                   int64_t now_ms);
// Replaces the product's standard and sets its version. A grade dropped by the new standard that
// another table still names makes this fail with failed_precondition naming the grade.
Result<void> write_standard(store::Tx& tx, const std::string& product_id, const BrandStandard& standard,
                            int64_t version, int64_t now_ms);

// The certifications in their public notice on `today` (begun, not yet certified, not revoked), of
// one producer's products or of one county's (exactly one of the two given), the notice ending
// soonest first, named by product and producer (core/work_item.h; certification_work.h).
Result<WorkQueue> certifications_in_notice(store::Tx& tx, Date today, const std::optional<std::string>& producer_id,
                                           const std::optional<std::string>& county);

}  // namespace kl::catalog
