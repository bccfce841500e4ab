#include "catalog/product_repo.h"

#include <algorithm>
#include <map>

#include "catalog/category_repo.h"
#include "catalog/certification_repo.h"
#include "catalog/name_search.h"
#include "store/page.h"
#include "store/stored.h"
#include "store/list_window.h"
#include "store/sql.h"
#include "store/work_queue.h"

namespace kl::catalog {

namespace {

constexpr std::string_view select_product =
    "SELECT p.id, p.producer_id, p.category_id, p.name_zh, p.name_en, p.unit_kind, p.unit_net_g, p.status, "
    "p.standard_version, p.created_at_ms, p.updated_at_ms, o.name AS producer_name, "
    "o.name_en AS producer_name_en, o.county_code, "
    // The "from ¥…" a list shows, read here so that a page of products costs one request, not one
    // per product for its standard (issue 14 item 5). NULL when the product has no standard.
    "(SELECT MIN(g.list_price_fen) FROM product_grades g WHERE g.product_id = p.id) AS price_from_fen "
    "FROM products p JOIN organisations o ON o.id = p.producer_id";

Result<std::vector<Grade>> load_grades(store::Tx& tx, const std::string& product_id, Pricing& pricing) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT code, grade_rank, name_zh, name_en, list_price_fen FROM "
                                             "product_grades WHERE product_id = $1 ORDER BY grade_rank, code",
                                             {product_id}));
    std::vector<Grade> grades;
    std::map<std::string, size_t> index;
    for (const auto& row : rows) {
        index[row.text("code")] = grades.size();
        grades.push_back(Grade{row.text("code"), row.text("name_zh"), row.text("name_en"), row.i64("grade_rank"), {}});
        pricing.list_prices.push_back(GradePrice{row.text("code"), row.i64("list_price_fen")});
    }
    KL_TRY_ASSIGN(store::Rows criteria, tx.query("SELECT grade_code, metric, min_value, max_value FROM "
                                                 "product_grade_criteria WHERE product_id = $1 "
                                                 "ORDER BY grade_code, position",
                                                 {product_id}));
    for (const auto& row : criteria) {
        Criterion criterion{store::stored_enum<Metric>(row.text("metric")), row.opt_i64("min_value"), row.opt_i64("max_value")};
        grades.at(index.at(row.text("grade_code"))).criteria.push_back(criterion);
    }
    return grades;
}

Result<void> load_tiers(store::Tx& tx, const std::string& product_id, Pricing& pricing) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT t.min_quantity, t.grade_code, t.price_fen FROM product_price_tiers t "
                           "JOIN product_grades g ON g.product_id = t.product_id AND g.code = t.grade_code "
                           "WHERE t.product_id = $1 ORDER BY t.min_quantity, g.grade_rank",
                           {product_id}));
    for (const auto& row : rows) {
        const int64_t quantity = row.i64("min_quantity");
        if (pricing.tiers.empty() || pricing.tiers.back().min_quantity != quantity) {
            pricing.tiers.push_back(PriceTier{quantity, {}});
        }
        pricing.tiers.back().prices.push_back(GradePrice{row.text("grade_code"), row.i64("price_fen")});
    }
    return ok();
}

Result<void> load_lists(store::Tx& tx, const std::string& product_id, BrandStandard& standard) {
    KL_TRY_ASSIGN(store::Rows channels,
                  tx.query("SELECT channel FROM product_channels WHERE product_id = $1", {product_id}));
    for (const auto& row : channels) standard.channels.push_back(store::stored_enum<SalesChannel>(row.text("channel")));
    const auto& order = all_sales_channels();
    std::sort(standard.channels.begin(), standard.channels.end(), [&](SalesChannel a, SalesChannel b) {
        return std::find(order.begin(), order.end(), a) < std::find(order.begin(), order.end(), b);
    });
    KL_TRY_ASSIGN(store::Rows materials, tx.query("SELECT material FROM product_packaging_materials WHERE "
                                                  "product_id = $1 ORDER BY position",
                                                  {product_id}));
    for (const auto& row : materials) standard.packaging.materials.push_back(row.text("material"));
    return ok();
}

// Deletes the product's grades the new standard no longer has (their criteria and tiers go with
// them); a grade another module still names cannot go.
Result<void> drop_other_grades(store::Tx& tx, const std::string& product_id, const BrandStandard& standard) {
    KL_TRY_ASSIGN(store::Rows existing, tx.query("SELECT code FROM product_grades WHERE product_id = $1", {product_id}));
    for (const auto& row : existing) {
        const std::string code = row.text("code");
        if (find_grade(standard, code) != nullptr) continue;
        auto dropped = tx.execute("DELETE FROM product_grades WHERE product_id = $1 AND code = $2", {product_id, code});
        if (!dropped) {
            if (dropped.error().code != ErrorCode::failed_precondition) return fail(std::move(dropped).error());
            Error error{ErrorCode::failed_precondition, "grade " + code + " is named by other records and must stay", {}};
            error.fields.push_back(FieldError{"standard/grades", ProblemCode::invalid_value, "must keep grade " + code + ": other records name it"});
            return fail(std::move(error));
        }
    }
    return ok();
}

Result<void> write_grades(store::Tx& tx, const std::string& product_id, const BrandStandard& standard) {
    std::map<std::string, int64_t> list_price;
    for (const auto& price : standard.pricing.list_prices) list_price[price.grade] = price.price_fen;
    for (const auto& grade : standard.grades) {
        KL_TRY(tx.execute("INSERT INTO product_grades (product_id, code, grade_rank, name_zh, name_en, list_price_fen) "
                          "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (product_id, code) DO UPDATE SET "
                          "grade_rank = excluded.grade_rank, name_zh = excluded.name_zh, "
                          "name_en = excluded.name_en, list_price_fen = excluded.list_price_fen",
                          {product_id, grade.code, grade.rank, grade.name_zh, grade.name_en,
                           list_price.at(grade.code)}));
        for (size_t i = 0; i < grade.criteria.size(); ++i) {
            const Criterion& criterion = grade.criteria[i];
            KL_TRY(tx.execute("INSERT INTO product_grade_criteria (product_id, grade_code, position, metric, "
                              "min_value, max_value) VALUES ($1, $2, $3, $4, $5, $6)",
                              {product_id, grade.code, static_cast<int64_t>(i), std::string(to_string(criterion.metric)),
                               store::optional_int(criterion.min), store::optional_int(criterion.max)}));
        }
    }
    for (const auto& tier : standard.pricing.tiers) {
        for (const auto& price : tier.prices) {
            KL_TRY(tx.execute("INSERT INTO product_price_tiers (product_id, min_quantity, grade_code, price_fen) "
                              "VALUES ($1, $2, $3, $4)",
                              {product_id, tier.min_quantity, price.grade, price.price_fen}));
        }
    }
    return ok();
}

Result<void> write_lists(store::Tx& tx, const std::string& product_id, const BrandStandard& standard) {
    KL_TRY(tx.execute("DELETE FROM product_channels WHERE product_id = $1", {product_id}));
    for (const SalesChannel channel : standard.channels) {
        KL_TRY(tx.execute("INSERT INTO product_channels (product_id, channel) VALUES ($1, $2)",
                          {product_id, std::string(to_string(channel))}));
    }
    KL_TRY(tx.execute("DELETE FROM product_packaging_materials WHERE product_id = $1", {product_id}));
    const auto& materials = standard.packaging.materials;
    for (size_t i = 0; i < materials.size(); ++i) {
        KL_TRY(tx.execute("INSERT INTO product_packaging_materials (product_id, position, material) VALUES ($1, $2, $3)",
                          {product_id, static_cast<int64_t>(i), materials[i]}));
    }
    return ok();
}

}  // namespace

Product product_from_row(const store::Row& row) {
    Product product;
    product.id = row.text("id");
    product.producer_id = row.text("producer_id");
    product.fields.name_zh = row.text("name_zh");
    product.fields.name_en = row.text("name_en");
    product.fields.category_id = row.text("category_id");
    product.fields.unit = SaleUnit{store::stored_enum<UnitKind>(row.text("unit_kind")), row.i64("unit_net_g")};
    product.fields.status = store::stored_enum<ProductStatus>(row.text("status"));
    product.county = row.opt_text("county_code").value_or("");
    product.producer_name = row.text("producer_name");
    product.producer_name_en = row.text("producer_name_en");
    product.standard_version = row.i64("standard_version");
    product.price_from_fen = row.opt_i64("price_from_fen");
    product.created_at_ms = row.i64("created_at_ms");
    product.updated_at_ms = row.i64("updated_at_ms");
    return product;
}

Result<std::vector<Product>> list_products(store::Tx& tx, const ProductFilter& filter, const ProductScope& scope,
                                           const std::optional<std::string>& after, int limit) {
    store::SqlQuery sql;
    std::string with;
    if (filter.category) {
        with = "WITH RECURSIVE " + category_subtree_cte("subtree", sql.bind(*filter.category)) + " ";
        sql.where_text("p.category_id IN (SELECT id FROM subtree)");
    }
    if (!scope.everything) {
        std::string condition = "p.status = 'active'";
        if (scope.producer) condition += " OR p.producer_id = " + sql.bind(*scope.producer);
        if (scope.county) condition += " OR o.county_code = " + sql.bind(*scope.county);
        sql.where_text("(" + condition + ")");
    }
    if (filter.county) sql.where("o.county_code", *filter.county);
    if (filter.producer) sql.where("p.producer_id", *filter.producer);
    if (filter.status) sql.where("p.status", std::string(to_string(*filter.status)));
    if (filter.channel) {
        sql.where_text("EXISTS (SELECT 1 FROM product_channels pc WHERE pc.product_id = p.id AND pc.channel = " +
                       sql.bind(std::string(to_string(*filter.channel))) + ")");
    }
    if (filter.certified_on) sql.where_text(certified_on_condition("p.id", sql.bind(format_date(*filter.certified_on))));
    add_name_window(sql, filter.window, {"p.name_zh", "p.name_en", "p.code", "p.created_at_ms"});
    const std::string text = with + std::string(select_product) + " WHERE " + sql.page("p.id", after, limit, filter.window.order);
    return store::query_as(tx, text, sql.params(), product_from_row);
}

Result<std::optional<Product>> find_product(store::Tx& tx, const std::string& id) {
    if (id.empty() || id.size() > id_chars_max) return std::optional<Product>{};
    return store::query_first(tx, std::string(select_product) + " WHERE p.id = $1", {id}, product_from_row);
}

Result<SaleTerms> sale_terms(store::Tx& tx, const std::string& product_id, const std::string& grade,
                             SalesChannel channel) {
    // One statement for both checks: orders run it for every line.
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT CASE WHEN EXISTS (SELECT 1 FROM product_grades WHERE product_id = $1 AND code = $2) "
                           "THEN 1 ELSE 0 END, CASE WHEN EXISTS (SELECT 1 FROM product_channels "
                           "WHERE product_id = $1 AND channel = $3) THEN 1 ELSE 0 END",
                           {product_id, grade, std::string(to_string(channel))}));
    return SaleTerms{rows[0].i64(0) != 0, rows[0].i64(1) != 0};
}

ProductStamp stamp_of(const Product& product) {
    return ProductStamp{product.id, product.fields.status, product.fields.unit.net_g, product.standard_version};
}

Result<std::vector<ProductStamp>> current_stamps(store::Tx& tx, const std::vector<std::string>& ids) {
    std::vector<ProductStamp> stamps;
    if (ids.empty()) return stamps;
    // One statement for all of an order's lines: it runs on the writer thread.
    store::SqlQuery params;
    const std::string in = params.bind_list(ids);
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT id, status, unit_net_g, standard_version FROM products WHERE id IN (" +
                                                 in + ")",
                                             params.params()));
    std::map<std::string, ProductStamp> by_id;
    for (const auto& row : rows) {
        const std::string id = row.text("id");
        by_id[id] = ProductStamp{id, store::stored_enum<ProductStatus>(row.text("status")), row.i64("unit_net_g"),
                                 row.i64("standard_version")};
    }
    for (const auto& id : ids) {
        auto found = by_id.find(id);
        if (found != by_id.end()) stamps.push_back(found->second);
    }
    return stamps;
}

Result<std::optional<ProductStandard>> load_standard(store::Tx& tx, const std::string& product_id) {
    if (product_id.empty() || product_id.size() > id_chars_max) return std::optional<ProductStandard>{};
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT standard_version, standard_updated_at_ms, packaging_type, packaging_net_g, "
                           "storage_temp_min_c_x10, storage_temp_max_c_x10, storage_humidity_min_pct, "
                           "storage_humidity_max_pct, shelf_life_days, cold_chain, min_order_quantity "
                           "FROM products WHERE id = $1 AND standard_version > 0",
                           {product_id}));
    if (rows.empty()) return std::optional<ProductStandard>{};
    const store::Row& row = rows[0];
    ProductStandard out{product_id, row.i64("standard_version"), row.i64("standard_updated_at_ms"), {}};
    BrandStandard& standard = out.standard;
    standard.packaging.type = store::stored_enum<PackagingType>(row.text("packaging_type"));
    standard.packaging.net_weight_g = row.i64("packaging_net_g");
    standard.storage = Storage{row.i64("storage_temp_min_c_x10"), row.i64("storage_temp_max_c_x10"),
                               row.i64("storage_humidity_min_pct"), row.i64("storage_humidity_max_pct"),
                               row.i64("shelf_life_days")};
    standard.logistics.cold_chain = store::stored_enum<ColdChain>(row.text("cold_chain"));
    standard.pricing.min_order_quantity = row.i64("min_order_quantity");
    KL_TRY_ASSIGN(standard.grades, load_grades(tx, product_id, standard.pricing));
    KL_TRY(load_tiers(tx, product_id, standard.pricing));
    KL_TRY(load_lists(tx, product_id, standard));
    return std::optional<ProductStandard>{std::move(out)};
}

Result<int64_t> count_products_of(store::Tx& tx, const std::string& producer_id) {
    KL_TRY_ASSIGN(store::Rows counted, tx.query("SELECT COUNT(*) AS n FROM products WHERE producer_id = $1", {producer_id}));
    return counted[0].i64("n");
}

Result<void> insert_product(store::Tx& tx, const Product& product) {
    const ProductFields& fields = product.fields;
    KL_TRY(tx.execute("INSERT INTO products (id, producer_id, category_id, name_zh, name_en, unit_kind, unit_net_g, "
                      "status, standard_version, created_at_ms, updated_at_ms) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $9)",
                      {product.id, product.producer_id, fields.category_id, fields.name_zh, fields.name_en,
                       std::string(to_string(fields.unit.kind)), fields.unit.net_g,
                       std::string(to_string(fields.status)), product.created_at_ms}));
    return ok();
}

Result<void> update_product_fields(store::Tx& tx, const std::string& id, const ProductFields& fields, int64_t now_ms) {
    KL_TRY(tx.execute("UPDATE products SET category_id = $1, name_zh = $2, name_en = $3, unit_kind = $4, "
                      "unit_net_g = $5, status = $6, updated_at_ms = $7 WHERE id = $8",
                      {fields.category_id, fields.name_zh, fields.name_en, std::string(to_string(fields.unit.kind)),
                       fields.unit.net_g, std::string(to_string(fields.status)), now_ms, id}));
    return ok();
}

Result<void> write_standard(store::Tx& tx, const std::string& product_id, const BrandStandard& standard,
                            int64_t version, int64_t now_ms) {
    const Storage& storage = standard.storage;
    KL_TRY(tx.execute("UPDATE products SET standard_version = $1, standard_updated_at_ms = $2, packaging_type = $3, "
                      "packaging_net_g = $4, storage_temp_min_c_x10 = $5, storage_temp_max_c_x10 = $6, "
                      "storage_humidity_min_pct = $7, storage_humidity_max_pct = $8, shelf_life_days = $9, "
                      "cold_chain = $10, min_order_quantity = $11, updated_at_ms = $2 WHERE id = $12",
                      {version, now_ms, std::string(to_string(standard.packaging.type)), standard.packaging.net_weight_g,
                       storage.temperature_min_c_x10, storage.temperature_max_c_x10, storage.humidity_min_pct,
                       storage.humidity_max_pct, storage.shelf_life_days,
                       std::string(to_string(standard.logistics.cold_chain)), standard.pricing.min_order_quantity,
                       product_id}));
    // Criteria and tiers are rewritten whole; grades are kept in place (see product_repo.h).
    KL_TRY(tx.execute("DELETE FROM product_grade_criteria WHERE product_id = $1", {product_id}));
    KL_TRY(tx.execute("DELETE FROM product_price_tiers WHERE product_id = $1", {product_id}));
    KL_TRY(drop_other_grades(tx, product_id, standard));
    KL_TRY(write_grades(tx, product_id, standard));
    return write_lists(tx, product_id, standard);
}

Result<WorkQueue> certifications_in_notice(store::Tx& tx, Date today, const std::optional<std::string>& producer_id,
                                           const std::optional<std::string>& county) {
    KL_ASSERT(producer_id.has_value() != county.has_value());
    store::WorkQuery query;
    query.kind = "certifications_in_notice";
    query.columns = "c.id, p.name_zh AS label, COALESCE(NULLIF(p.name_en, ''), p.name_zh) AS label_en, o.name AS party, "
                    "COALESCE(NULLIF(o.name_en, ''), o.name) AS party_en, c.product_id, c.certified_from";
    query.from_where = "FROM certifications c JOIN products p ON p.id = c.product_id JOIN organisations o ON o.id = p.producer_id "
                       "WHERE c.valid_from <= $1 AND c.certified_from > $1 AND (c.revoked_on IS NULL OR c.revoked_on > $1) AND ";
    query.from_where += producer_id ? "p.producer_id = $2" : "c.county_code = $2";
    query.params = {kl::format_date(today), producer_id ? *producer_id : *county};
    // A producer finds its products on its organisation's page; an officer its county's catalogue.
    query.route = producer_id ? "/organisations/" + *producer_id : "/catalogue?county=" + *county;
    query.order_by = "c.certified_from, c.id";
    return store::read_work_queue(tx, query, [](WorkItem& item, const store::Row& row) {
        item.due_on = store::stored_date(row.text("certified_from"));
        item.route = "/products/" + row.text("product_id");
    });
}

}  // namespace kl::catalog
