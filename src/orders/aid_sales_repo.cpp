#include "orders/aid_sales_repo.h"

#include "core/assert.h"
#include "store/sql.h"

namespace kl::orders {

Result<std::optional<SaleParties>> sale_parties(store::Tx& tx, const std::string& seller_id, const std::string& buyer_id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT s.county_code, b.district_code FROM organisations s, organisations b "
                                             "WHERE s.id = $1 AND b.id = $2",
                                             {seller_id, buyer_id}));
    if (rows.empty()) return std::optional<SaleParties>{};
    return std::optional<SaleParties>{SaleParties{rows[0].opt_text("county_code"), rows[0].opt_text("district_code")}};
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

}  // namespace kl::orders
