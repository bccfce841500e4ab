#include "orders/aid_sales.h"

#include <map>
#include <string>
#include <vector>

#include "catalog/certification_service.h"
#include "catalog/organisation_repo.h"
#include "orders/aid_sales_repo.h"

namespace kl::orders {

namespace {

struct Attribution {
    std::string county;
    std::string district;
};

Result<std::optional<Attribution>> attribution_of(store::Tx& tx, const Order& order) {
    KL_TRY_ASSIGN(auto parties, sale_parties(tx, order.seller_id, order.buyer_id));
    if (!parties || !parties->county) return std::optional<Attribution>{};  // a seller outside the counties
    return std::optional<Attribution>{Attribution{*parties->county, parties->district.value_or(order.delivery_district)}};
}

Result<int64_t> record_beneficiaries(store::Tx& tx, const Order& order, int64_t line_no, int64_t amount_fen) {
    KL_TRY_ASSIGN(auto links, catalog::supply_links_of(tx, order.seller_id));
    for (const auto& link : links) {
        KL_TRY(insert_beneficiary(tx, order.id, line_no, link.supplier_id, link.share_bp, amount_fen * link.share_bp / 10'000));
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
    int64_t counted = 0;
    for (const auto& line : order.lines) {
        const int64_t accepted = line.accepted_quantity.value_or(0);
        if (accepted <= 0) continue;
        auto status = statuses.find(line.product_id);
        if (status == statuses.end() || status->second != catalog::CertStatus::certified) continue;
        KL_TRY_ASSIGN(SoldProduct product, require_sold_product(tx, line.product_id));
        const int64_t amount = accepted * line.unit_price_fen;
        KL_TRY_ASSIGN(bool inserted,
                      insert_aid_sale(tx, AidSaleRow{order.id, line.line_no, date, where->county, order.seller_id,
                                                     order.buyer_id, where->district,
                                                     std::string(catalog::to_string(order.channel)), product.category_id,
                                                     line.product_id, accepted * product.unit_net_g, amount}));
        if (!inserted) continue;
        KL_TRY(record_beneficiaries(tx, order, line.line_no, amount));
        ++counted;
    }
    return counted;
}

}  // namespace kl::orders
