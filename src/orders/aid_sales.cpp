#include "orders/aid_sales.h"

#include <map>
#include <string>
#include <vector>

#include "catalog/certification_service.h"

namespace kl::orders {

namespace {

struct ProductFacts {
    std::string category_id;
};

struct Attribution {
    std::string county;
    std::string district;
};

Result<std::optional<Attribution>> attribution_of(store::Tx& tx, const Order& order) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT s.county_code, b.district_code FROM organisations s, organisations b "
                           "WHERE s.id = $1 AND b.id = $2",
                           {order.seller_id, order.buyer_id}));
    if (rows.empty() || rows[0].is_null(0)) return std::optional<Attribution>{};  // a seller outside the counties
    Attribution out;
    out.county = rows[0].text(0);
    out.district = rows[0].is_null(1) ? order.delivery_district : rows[0].text(1);
    return std::optional<Attribution>{out};
}

Result<int64_t> record_beneficiaries(store::Tx& tx, const Order& order, int64_t line_no, int64_t amount_fen) {
    KL_TRY_ASSIGN(store::Rows links,
                  tx.query("SELECT supplier_id, share_bp FROM supply_links WHERE enterprise_id = $1 ORDER BY supplier_id",
                           {order.seller_id}));
    for (const auto& link : links) {
        const int64_t share_bp = link.i64("share_bp");
        KL_TRY(tx.execute("INSERT INTO aid_sale_beneficiaries (order_id, line_no, supplier_id, share_bp, amount_fen) "
                          "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (order_id, line_no, supplier_id) DO NOTHING",
                          {order.id, line_no, link.text("supplier_id"), share_bp, amount_fen * share_bp / 10'000}));
    }
    return static_cast<int64_t>(links.size());
}

}  // namespace

Result<int64_t> record_aid_sales(store::Tx& tx, const Order& order) {
    KL_ASSERT(order.status == OrderStatus::accepted || order.status == OrderStatus::paid);
    KL_TRY_ASSIGN(std::optional<Attribution> where, attribution_of(tx, order));
    if (!where) return int64_t{0};
    std::vector<std::string> product_ids;
    for (const auto& line : order.lines) product_ids.push_back(line.product_id);
    KL_TRY_ASSIGN(auto statuses, catalog::certification_statuses_on(tx, product_ids, order.order_date));
    const std::string date = kl::format_date(order.order_date);
    const std::string month = date.substr(0, 7);
    const int64_t year = std::stoll(date.substr(0, 4));
    int64_t counted = 0;
    for (const auto& line : order.lines) {
        const int64_t accepted = line.accepted_quantity.value_or(0);
        if (accepted <= 0) continue;
        auto status = statuses.find(line.product_id);
        if (status == statuses.end() || status->second != catalog::CertStatus::certified) continue;
        KL_TRY_ASSIGN(store::Rows product,
                      tx.query("SELECT category_id, unit_net_g FROM products WHERE id = $1", {line.product_id}));
        KL_ASSERT(!product.empty());  // the line's foreign key
        const int64_t amount = accepted * line.unit_price_fen;
        KL_TRY_ASSIGN(int64_t inserted,
                      tx.execute("INSERT INTO aid_sales (order_id, line_no, sale_date, sale_year, sale_month, county, "
                                 "seller_id, buyer_id, district, channel, category_id, product_id, quantity_g, amount_fen) "
                                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
                                 "ON CONFLICT (order_id, line_no) DO NOTHING",
                                 {order.id, line.line_no, date, year, month, where->county, order.seller_id,
                                  order.buyer_id, where->district, std::string(catalog::to_string(order.channel)),
                                  product[0].text("category_id"), line.product_id,
                                  accepted * product[0].i64("unit_net_g"), amount}));
        if (inserted == 0) continue;
        KL_TRY(record_beneficiaries(tx, order, line.line_no, amount));
        ++counted;
    }
    return counted;
}

}  // namespace kl::orders
