#include "bridges/market_orders.h"

#include "catalog/organisation_directory.h"
#include "catalog/product_repo.h"

namespace kl::bridges {

namespace {

constexpr int64_t grams_per_kg = 1000;
constexpr int64_t grams_per_jin = 500;

// Grams in one unit of sale; 0 when the unit has no mass (a piece sold by count without one).
int64_t unit_grams(const catalog::SaleUnit& unit) {
    switch (unit.kind) {
        case catalog::UnitKind::kg: return grams_per_kg;
        case catalog::UnitKind::jin: return grams_per_jin;
        case catalog::UnitKind::box:
        case catalog::UnitKind::piece: return unit.net_g;
    }
    return 0;
}

Result<orders::NewOrder> order_for(store::Tx& tx, const market::AcceptedProposal& proposal) {
    KL_TRY_ASSIGN(auto product, catalog::find_product(tx, proposal.product_id));
    if (!product) return fail(ErrorCode::failed_precondition, "the proposal's product no longer exists");
    const int64_t grams = unit_grams(product->fields.unit);
    if (grams <= 0) {
        return fail(ErrorCode::failed_precondition, "the product is sold by the piece without a mass; "
                                                    "a proposal in kilograms cannot be ordered");
    }
    const int64_t units = proposal.quantity_g / grams;
    if (units < 1) {
        return fail(ErrorCode::failed_precondition, "the proposed quantity is less than one unit of sale");
    }
    KL_TRY_ASSIGN(auto buyer, catalog::find_profile(tx, proposal.buyer_org_id));
    if (!buyer) return fail(ErrorCode::failed_precondition, "the proposal's buyer no longer exists");
    KL_TRY_ASSIGN(const kl::Date delivery, kl::parse_date(proposal.delivery_date, "delivery_date"));

    orders::NewOrder order;
    order.buyer_id = proposal.buyer_org_id;
    order.seller_id = proposal.seller_org_id;
    order.channel = buyer->fields.channel ? catalog::sales_channel_of(*buyer->fields.channel) : catalog::SalesChannel::wholesale;
    // Round half up to the fen: price per kg × grams per unit / 1000.
    const int64_t unit_price = (proposal.unit_price_fen_per_kg * grams + grams_per_kg / 2) / grams_per_kg;
    order.lines.push_back(orders::NewOrderLine{proposal.product_id, proposal.grade, units, std::max<int64_t>(unit_price, 1)});
    order.delivery_district = proposal.district_code;
    order.delivery_date = delivery;
    order.note = "From allocation proposal " + proposal.proposal_id + " (" + proposal.mode + ")";
    order.source_kind = std::string(proposal_source_kind);
    order.source_ref = proposal.proposal_id;
    return order;
}

}  // namespace

market::OrderSink order_sink(orders::OrderService& orders) {
    return [&orders](store::Tx& tx, const market::AcceptedProposal& proposal) -> Result<std::string> {
        KL_TRY_ASSIGN(orders::NewOrder order, order_for(tx, proposal));
        // The market has checked both parties; the order records the module as its maker.
        return orders.create_confirmed_in(tx, order, std::nullopt);
    };
}

}  // namespace kl::bridges
