#pragma once
// The SQL of the aid-sales ledger (internal to src/orders): the rows an accepted order's certified
// lines add, and their beneficiaries, inside a caller's transaction.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/result.h"
#include "orders/aid_sales_report.h"
#include "store/store.h"

namespace kl::orders {

// Where a sale counts: the seller's county and the buyer's district (nullopt when either party is
// unknown; county empty when the seller is outside the counties, district when the buyer has none).
struct SaleParties {
    std::optional<std::string> county, district;
};
Result<std::optional<SaleParties>> sale_parties(store::Tx& tx, const std::string& seller_id, const std::string& buyer_id);

// What an aid-sale row records of its product.
struct SoldProduct {
    std::string category_id;
    int64_t unit_net_g = 0;
};
Result<SoldProduct> require_sold_product(store::Tx& tx, const std::string& product_id);  // asserts it exists

struct AidSaleRow {
    std::string order_id;
    int64_t line_no = 0;
    std::string sale_date;  // YYYY-MM-DD
    std::string county, seller_id, buyer_id, district, channel, category_id, product_id;
    int64_t quantity_g = 0, amount_fen = 0;
};
// false when the line was already recorded.
Result<bool> insert_aid_sale(store::Tx& tx, const AidSaleRow& sale);
Result<void> insert_beneficiary(store::Tx& tx, const std::string& order_id, int64_t line_no, const std::string& supplier_id,
                                int64_t share_bp, int64_t amount_fen);

// The sums (amount, quantity, lines) of the aid sales `query` selects within `scope`, one row per
// combination of its group_by keys in key order (one row of totals when it groups by nothing), at
// most `rows_max` rows: the caller asks one more than it accepts, to tell a grouping that yields too
// many. Labels are left empty (aid_group_names).
Result<std::vector<AidSalesRow>> sum_aid_sales(store::Tx& tx, const AidSalesQuery& query, const AidScope& scope,
                                               size_t rows_max);
// Display names (Chinese) of `keys` of `group`, by key: counties, districts, categories and buyers;
// none for channels and months, which are their own labels.
Result<std::map<std::string, std::string>> aid_group_names(store::Tx& tx, AidGroup group, const std::vector<std::string>& keys);

}  // namespace kl::orders
