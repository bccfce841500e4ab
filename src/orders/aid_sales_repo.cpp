#include "orders/aid_sales_repo.h"

#include "core/assert.h"
#include "store/sql.h"

namespace kl::orders {

Result<std::optional<SaleParties>> sale_parties(store::Tx& tx, const std::string& seller_id, const std::string& buyer_id) {
    return store::query_first(tx, "SELECT s.county_code, b.district_code FROM organisations s, organisations b "
                                  "WHERE s.id = $1 AND b.id = $2",
                              {seller_id, buyer_id}, [](const store::Row& row) {
                                  return SaleParties{row.opt_text("county_code"), row.opt_text("district_code")};
                              });
}

Result<SoldProduct> require_sold_product(store::Tx& tx, const std::string& product_id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT category_id, unit_net_g FROM products WHERE id = $1", {product_id}));
    KL_ASSERT(!rows.empty());  // the line's foreign key
    return SoldProduct{rows[0].text("category_id"), rows[0].i64("unit_net_g")};
}

Result<bool> insert_aid_sale(store::Tx& tx, const AidSaleRow& sale) {
    const std::string month = sale.sale_date.substr(0, 7);
    const int64_t year = std::stoll(sale.sale_date.substr(0, 4));
    KL_TRY_ASSIGN(int64_t inserted,
                  tx.execute("INSERT INTO aid_sales (order_id, line_no, sale_date, sale_year, sale_month, county, "
                             "seller_id, buyer_id, district, channel, category_id, product_id, quantity_g, amount_fen) "
                             "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
                             "ON CONFLICT (order_id, line_no) DO NOTHING",
                             {sale.order_id, sale.line_no, sale.sale_date, year, month, sale.county, sale.seller_id,
                              sale.buyer_id, sale.district, sale.channel, sale.category_id, sale.product_id,
                              sale.quantity_g, sale.amount_fen}));
    return inserted > 0;
}

Result<void> insert_beneficiary(store::Tx& tx, const std::string& order_id, int64_t line_no, const std::string& supplier_id,
                                int64_t share_bp, int64_t amount_fen) {
    return store::exec(tx,
                       "INSERT INTO aid_sale_beneficiaries (order_id, line_no, supplier_id, share_bp, amount_fen) "
                       "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (order_id, line_no, supplier_id) DO NOTHING",
                       {order_id, line_no, supplier_id, share_bp, amount_fen});
}

namespace {

std::string column_of(AidGroup group) {
    switch (group) {
        case AidGroup::county: return "county";
        case AidGroup::district: return "district";
        case AidGroup::channel: return "channel";
        case AidGroup::category: return "category_id";
        case AidGroup::month: return "sale_month";
        case AidGroup::buyer: return "buyer_id";
    }
    return "county";
}

using NameMap = std::map<std::string, std::string>;

Result<NameMap> names_from(store::Tx& tx, const std::string& sql) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query(sql));
    NameMap out;
    for (const auto& row : rows) out[row.text(0)] = row.text(1);
    return out;
}

// Ids per IN (…) list of the buyers' names.
constexpr size_t buyer_ids_per_query = 500;

}  // namespace

Result<std::vector<AidSalesRow>> sum_aid_sales(store::Tx& tx, const AidSalesQuery& query, const AidScope& scope,
                                               size_t rows_max) {
    store::SqlQuery sql;
    sql.where("sale_date", kl::format_date(query.from), ">=");
    sql.where("sale_date", kl::format_date(query.to), "<=");
    if (scope.none) sql.where_text("1 = 0");
    if (scope.buyer_id) sql.where("buyer_id", *scope.buyer_id);
    if (scope.seller_id) sql.where("seller_id", *scope.seller_id);
    if (scope.county) sql.where("county", *scope.county);
    if (query.county) sql.where("county", *query.county);
    if (query.district) sql.where("district", *query.district);
    if (query.channel) sql.where("channel", std::string(catalog::to_string(*query.channel)));
    if (query.category) sql.where("category_id", *query.category);
    if (query.buyer_id) sql.where("buyer_id", *query.buyer_id);
    std::string keys;
    for (const AidGroup group : query.group_by) keys += (keys.empty() ? "" : ", ") + column_of(group);
    // SUM of BIGINT is NUMERIC on PostgreSQL: cast back so both backends return integers.
    std::string text = "SELECT " + (keys.empty() ? "" : keys + ", ") +
                       "CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT), CAST(COALESCE(SUM(quantity_g), 0) AS BIGINT), "
                       "COUNT(*) FROM aid_sales WHERE " + sql.condition();
    if (!keys.empty()) {
        text += " GROUP BY " + keys + " ORDER BY " + keys + " LIMIT " + sql.bind(static_cast<int64_t>(rows_max));
    }
    const size_t width = query.group_by.size();
    return store::query_as(tx, text, sql.params(), [width](const store::Row& row) {
        AidSalesRow out;
        for (size_t i = 0; i < width; ++i) out.keys.push_back(row.text(i));
        out.amount_fen = row.i64(width);
        out.quantity_g = row.i64(width + 1);
        out.lines = row.i64(width + 2);
        return out;
    });
}

Result<NameMap> aid_group_names(store::Tx& tx, AidGroup group, const std::vector<std::string>& keys) {
    switch (group) {
        case AidGroup::county: return names_from(tx, "SELECT code, name_zh FROM counties");
        case AidGroup::district: return names_from(tx, "SELECT code, name_zh FROM districts");
        case AidGroup::category: return names_from(tx, "SELECT id, name_zh FROM categories");
        case AidGroup::buyer: {
            NameMap out;
            KL_TRY(store::query_by_ids(tx, "SELECT id, name FROM organisations WHERE id", "", {}, keys, buyer_ids_per_query,
                                       [&](const store::Row& row) -> Result<void> {
                                           out[row.text(0)] = row.text(1);
                                           return ok();
                                       }));
            return out;
        }
        case AidGroup::channel:
        case AidGroup::month: return NameMap{};
    }
    return NameMap{};
}

}  // namespace kl::orders
