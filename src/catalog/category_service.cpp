#include "catalog/category_service.h"

#include <algorithm>
#include <map>

#include "access/permissions.h"
#include "core/field_errors.h"
#include "catalog/category_repo.h"

namespace kl::catalog {

namespace {

bool is_category_code(const std::string& id) {
    if (id.size() < category_id_chars_min || id.size() > category_id_chars_max) return false;
    if (id[0] < 'a' || id[0] > 'z') return false;
    return id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

Result<void> check_fields(const CategoryFields& fields) {
    FieldErrors errors;
    errors.check_text("name_zh", fields.name_zh, 1, category_name_chars_max);
    errors.check_text("name_en", fields.name_en, 1, category_name_chars_max);
    if (fields.sort_order < 0 || fields.sort_order > category_sort_order_max) {
        errors.add("sort_order", ProblemCode::out_of_range, "must be between 0 and " + std::to_string(category_sort_order_max));
    }
    if (fields.parent_id && !is_category_code(*fields.parent_id)) errors.add("parent_id", ProblemCode::unknown_reference, "is not a category id");
    return errors.finish();
}

// The whole tree in memory: categories are few (categories_max), and moves need all of it.
struct Tree {
    std::map<std::string, Category> by_id;
    std::map<std::string, std::vector<std::string>> children;  // parent id ("" for the top) → ids

    static Result<Tree> load(store::Tx& tx) {
        KL_TRY_ASSIGN(auto categories, all_categories(tx));
        Tree tree;
        for (auto& category : categories) {
            tree.children[category.fields.parent_id.value_or("")].push_back(category.id);
            tree.by_id.emplace(category.id, std::move(category));
        }
        return tree;
    }
    // Levels from the top down to `id` (a top-level category has depth 1).
    size_t depth(const std::string& id) const {
        size_t levels = 0;
        for (auto at = std::optional<std::string>(id); at && levels <= by_id.size(); at = by_id.at(*at).fields.parent_id) {
            ++levels;
        }
        return levels;
    }
    // Levels of the subtree rooted at `id` (1 for a leaf).
    size_t height(const std::string& id) const {
        size_t tallest = 0;
        auto found = children.find(id);
        if (found != children.end()) {
            for (const auto& child : found->second) tallest = std::max(tallest, height(child));
        }
        return tallest + 1;
    }
    // The step bound only matters for a cycle written into the table behind the service's back.
    bool is_in_subtree(const std::string& id, const std::string& root) const {
        size_t steps = 0;
        for (auto at = std::optional<std::string>(id); at && steps <= by_id.size(); at = by_id.at(*at).fields.parent_id) {
            if (*at == root) return true;
            ++steps;
        }
        return false;
    }
    void depth_first(const std::string& parent, std::vector<Category>& out) const {
        auto found = children.find(parent);
        if (found == children.end()) return;
        for (const auto& id : found->second) {
            out.push_back(by_id.at(id));
            depth_first(id, out);
        }
    }
};

// Where `id` (existing or new) may hang under fields.parent_id.
Result<void> check_placement(const Tree& tree, const std::string& id, const CategoryFields& fields) {
    if (!fields.parent_id) return ok();
    const std::string& parent = *fields.parent_id;
    if (tree.by_id.count(parent) == 0) return fail_field("parent_id", ProblemCode::unknown_reference, "no category has the id " + parent);
    if (parent == id || tree.is_in_subtree(parent, id)) {
        return fail_field("parent_id", ProblemCode::invalid_value, "would put the category under itself (a cycle)");
    }
    const size_t subtree = tree.by_id.count(id) != 0 ? tree.height(id) : 1;
    if (tree.depth(parent) + subtree > category_depth_max) {
        return fail_field("parent_id", ProblemCode::invalid_value, "would make the tree deeper than " + std::to_string(category_depth_max) +
                                           " levels");
    }
    return ok();
}

Result<Category> require_category(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(auto found, find_category(tx, id));
    if (!found) return fail(ErrorCode::not_found, "category " + id + " not found");
    return std::move(*found);
}

}  // namespace

Result<bool> category_exists(store::Tx& tx, const std::string& id) {
    if (!is_category_code(id)) return false;
    return category_row_exists(tx, id);
}

Result<std::vector<Category>> CategoryService::list() {
    return store_.read([&](store::Tx& tx) -> Result<std::vector<Category>> {
        KL_TRY_ASSIGN(Tree tree, Tree::load(tx));
        std::vector<Category> out;
        tree.depth_first("", out);
        return out;
    });
}

Result<Category> CategoryService::get(const std::string& id) {
    if (!is_category_code(id)) return fail(ErrorCode::not_found, "category " + id + " not found");
    return store_.read([&](store::Tx& tx) { return require_category(tx, id); });
}

Result<Category> CategoryService::create(const std::optional<access::Principal>& actor, const std::string& id,
                                         const CategoryFields& fields) {
    KL_TRY(access::require_role(actor, {access::Role::admin}));
    FieldErrors errors;
    if (!is_category_code(id)) {
        errors.add("id", ProblemCode::invalid_value, "must be " + std::to_string(category_id_chars_min) + " to " +
                             std::to_string(category_id_chars_max) +
                             " characters of a-z, 0-9 and _, starting with a letter");
    }
    KL_TRY(errors.finish());
    KL_TRY(check_fields(fields));
    return store_.write([&](store::Tx& tx) -> Result<Category> {
        KL_TRY_ASSIGN(Tree tree, Tree::load(tx));
        if (tree.by_id.count(id) != 0) {
            Error error{ErrorCode::already_exists, "id: a category with this id exists", {}};
            error.fields.push_back(FieldError{"id", ProblemCode::duplicate, "is taken by another category"});
            return fail(std::move(error));
        }
        if (tree.by_id.size() >= categories_max) {
            return fail(ErrorCode::resource_exhausted,
                        "the catalogue already has " + std::to_string(categories_max) + " categories");
        }
        KL_TRY(check_placement(tree, id, fields));
        const int64_t now_ms = clock_.now_ms();
        KL_TRY(insert_category(tx, id, fields, now_ms));
        return require_category(tx, id);
    });
}

Result<Category> CategoryService::update(const std::optional<access::Principal>& actor, const std::string& id,
                                         const CategoryFields& given_fields, CategoryFieldsGiven given) {
    KL_TRY(access::require_role(actor, {access::Role::admin}));
    if (!is_category_code(id)) return fail(ErrorCode::not_found, "category " + id + " not found");
    KL_TRY(check_fields(given_fields));
    return store_.write([&](store::Tx& tx) -> Result<Category> {
        KL_TRY_ASSIGN(Tree tree, Tree::load(tx));
        auto current = tree.by_id.find(id);
        if (current == tree.by_id.end()) return fail(ErrorCode::not_found, "category " + id + " not found");
        CategoryFields fields = given_fields;
        if (!given.parent_id) fields.parent_id = current->second.fields.parent_id;
        if (!given.sort_order) fields.sort_order = current->second.fields.sort_order;
        KL_TRY(check_placement(tree, id, fields));
        KL_TRY(update_category(tx, id, fields, clock_.now_ms()));
        return require_category(tx, id);
    });
}

}  // namespace kl::catalog
