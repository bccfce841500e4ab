#include "catalog/category_repo.h"

#include "store/sql.h"

namespace kl::catalog {

namespace {

constexpr std::string_view select_category = "SELECT id, parent_id, name_zh, name_en, sort_order FROM categories";

Category category_from_row(const store::Row& row) {
    return Category{row.text("id"),
                    CategoryFields{row.opt_text("parent_id"), row.text("name_zh"), row.text("name_en"),
                                   row.i64("sort_order")}};
}

}  // namespace

Result<std::vector<Category>> all_categories(store::Tx& tx) {
    return store::query_as(tx, std::string(select_category) + " ORDER BY sort_order, id", {}, category_from_row);
}

Result<std::optional<Category>> find_category(store::Tx& tx, const std::string& id) {
    return store::query_first(tx, std::string(select_category) + " WHERE id = $1", {id}, category_from_row);
}

Result<bool> category_row_exists(store::Tx& tx, const std::string& id) {
    return store::row_exists(tx, "SELECT 1 FROM categories WHERE id = $1", {id});
}

Result<void> insert_category(store::Tx& tx, const std::string& id, const CategoryFields& fields, int64_t now_ms) {
    return store::exec(tx,
                       "INSERT INTO categories (id, parent_id, name_zh, name_en, sort_order, created_at_ms, "
                       "updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $6)",
                       {id, store::optional_text(fields.parent_id), fields.name_zh, fields.name_en, fields.sort_order,
                        now_ms});
}

Result<void> update_category(store::Tx& tx, const std::string& id, const CategoryFields& fields, int64_t now_ms) {
    return store::exec(tx,
                       "UPDATE categories SET parent_id = $1, name_zh = $2, name_en = $3, sort_order = $4, "
                       "updated_at_ms = $5 WHERE id = $6",
                       {store::optional_text(fields.parent_id), fields.name_zh, fields.name_en, fields.sort_order, now_ms,
                        id});
}

std::string category_subtree_cte(const std::string& name, const std::string& placeholder) {
    return name + "(id) AS (SELECT id FROM categories WHERE id = " + placeholder + " UNION ALL SELECT c.id FROM "
           "categories c JOIN " + name + " s ON c.parent_id = s.id)";
}

}  // namespace kl::catalog
