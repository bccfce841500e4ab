// The seam from matching to orders (src/bridges/market_orders): a proposal both sides accepted
// becomes one confirmed order in the acceptance's transaction, in the product's units of sale, on
// the buyer's channel, and a retry returns the same order. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "bridges/market_orders.h"
#include "orders/order_repo.h"
#include "orders/orders_world.h"
#include "support/test_env.h"

namespace kl::bridges {
namespace {

using orders::testing::OrdersWorld;
using access::Role;
using test::Target;

class MarketOrdersBridge : public ::testing::TestWithParam<std::string> {
protected:
    MarketOrdersBridge() : w(GetParam()) {}

    market::AcceptedProposal proposal(int64_t quantity_g) const {
        market::AcceptedProposal p;
        p.proposal_id = "run-1-p000001";
        p.buyer_org_id = w.org(Role::buyer, Target::own);
        p.seller_org_id = w.org(Role::producer, Target::own);
        p.product_id = w.certified;
        p.grade = "A";
        p.district_code = "pudong";
        p.mode = "rail";
        p.quantity_g = quantity_g;
        p.unit_price_fen_per_kg = 2345;
        p.delivery_date = w.today_text();
        return p;
    }

    Result<std::string> sink_in_write(const market::AcceptedProposal& p) {
        auto sink = order_sink(w.orders().orders);
        return w.world().store().write([&](store::Tx& tx) { return sink(tx, p); });
    }

    int64_t orders_count() {
        auto rows = w.world().store().read([](store::Tx& tx) { return tx.query("SELECT COUNT(*) AS n FROM orders"); });
        return rows ? (*rows)[0].i64("n") : -1;
    }

    OrdersWorld w;
};

TEST_P(MarketOrdersBridge, AnAcceptedProposalBecomesOneConfirmedOrderInUnitsOfSale) {
    const int64_t before = orders_count();
    auto id = sink_in_write(proposal(61'500));
    ASSERT_TRUE(id) << id.error().message;
    auto order = w.orders().orders.get(std::nullopt, *id);
    ASSERT_TRUE(order) << order.error().message;
    EXPECT_EQ(order->status, orders::OrderStatus::confirmed);
    EXPECT_EQ(order->channel, catalog::SalesChannel::canteen) << "the own buyer is a budget unit";
    ASSERT_EQ(order->lines.size(), 1u);
    // The fixture's products are sold in boxes of 5 kg (tests/catalog/catalog_fixture.h).
    EXPECT_EQ(order->lines[0].quantity, 12) << "whole 5 kg boxes within 61.5 kg";
    EXPECT_EQ(order->lines[0].unit_price_fen, 2345 * 5) << "the price per kg times the box's 5 kg";
    EXPECT_EQ(order->lines[0].grade, "A");
    EXPECT_EQ(order->delivery_district, "pudong");
    EXPECT_EQ(order->source_ref, std::optional<std::string>("run-1-p000001"));

    auto again = sink_in_write(proposal(61'500));
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(*again, *id) << "a retry returns the first order";
    EXPECT_EQ(orders_count(), before + 1);
}

TEST_P(MarketOrdersBridge, LessThanOneUnitOfSaleIsRefusedAndWritesNothing) {
    const int64_t before = orders_count();
    auto refused = sink_in_write(proposal(999));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::failed_precondition);
    EXPECT_EQ(orders_count(), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, MarketOrdersBridge, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::bridges
