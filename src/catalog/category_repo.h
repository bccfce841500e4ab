#pragma once
// The SQL of the category tree (internal to src/catalog): reads and writes inside a caller's
// transaction, with no checks of their own.

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_types.h"
#include "core/result.h"
#include "store/store.h"

namespace kl::catalog {

// Every category, by sort order then id.
Result<std::vector<Category>> all_categories(store::Tx& tx);
Result<std::optional<Category>> find_category(store::Tx& tx, const std::string& id);
Result<bool> category_row_exists(store::Tx& tx, const std::string& id);
Result<void> insert_category(store::Tx& tx, const std::string& id, const CategoryFields& fields, int64_t now_ms);
Result<void> update_category(store::Tx& tx, const std::string& id, const CategoryFields& fields, int64_t now_ms);

// The recursive SQL that lists `placeholder`'s category and every category below it as rows of one
// column `id`; used as "WITH RECURSIVE <this> SELECT …" by filters.
std::string category_subtree_cte(const std::string& name, const std::string& placeholder);

}  // namespace kl::catalog
