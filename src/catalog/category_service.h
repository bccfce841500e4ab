#pragma once
// The category tree of the catalogue. Migration 0003_catalog seeds the ten categories of the
// Shanghai fair (fresh_fruit, nuts_dried_fruit, grain_oil, processed_food, tea_drinks, meat_dairy,
// cotton_textiles, handicrafts_culture, cosmetics, jewellery); an admin adds categories, renames,
// reorders and moves them. Anyone reads the tree (it is part of the public catalogue).
//
// Ids are stable codes chosen by the admin ([a-z][a-z0-9_]*), so filters and spreadsheets can name
// a category ("?category=fresh_fruit") and they survive renames.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/principal.h"
#include "catalog/catalog_types.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::catalog {

inline constexpr size_t category_id_chars_min = 2;
inline constexpr size_t category_id_chars_max = 48;
inline constexpr size_t category_name_chars_max = 100;
// Levels, the top level included: "fresh fruit › melons › Bachu melons" is three.
inline constexpr size_t category_depth_max = 4;
inline constexpr size_t categories_max = 1000;
inline constexpr int64_t category_sort_order_max = 1'000'000;

class CategoryService {
public:
    CategoryService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

    // The whole tree, depth first: each parent before its children, siblings by sort_order then id.
    Result<std::vector<Category>> list();
    Result<Category> get(const std::string& id);
    // Admin only. invalid_argument naming id, parent_id, name_zh, name_en or sort_order;
    // already_exists naming id when the code is taken.
    Result<Category> create(const std::optional<access::Principal>& actor, const std::string& id,
                            const CategoryFields& fields);
    // Admin only: rename, reorder and move. A move under itself or under one of its own descendants
    // (a cycle), or one that makes the tree deeper than category_depth_max, is invalid_argument on
    // parent_id. Fields not `given` keep their current value.
    Result<Category> update(const std::optional<access::Principal>& actor, const std::string& id,
                            const CategoryFields& fields, CategoryFieldsGiven given = {});

private:
    store::Store& store_;
    const Clock& clock_;
};

// Inside a caller's transaction: whether a category exists.
Result<bool> category_exists(store::Tx& tx, const std::string& id);

}  // namespace kl::catalog
