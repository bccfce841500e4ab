// Order creation in two steps (OrderService::prepare_create, then commit_create in the write): what
// the read snapshot validated and another write changed before the commit is validated again inside
// the write, so the answer is that of the state the order commits on. On every backend.
#include <gtest/gtest.h>

#include "catalog/product_repo.h"
#include "orders_world.h"

namespace kl::orders::testing {
namespace {

class OrderPreparedCreate : public ::testing::TestWithParam<std::string> {
protected:
    NewOrder new_order(OrdersWorld& w, catalog::SalesChannel channel = catalog::SalesChannel::wholesale) {
        NewOrder input;
        input.buyer_id = w.org(Role::buyer, Target::own);
        input.seller_id = w.org(Role::producer, Target::own);
        input.channel = channel;
        input.delivery_district = "pudong";
        input.delivery_date = w.today();
        input.lines = {NewOrderLine{w.certified, "A", 10, 12800}, NewOrderLine{w.uncertified, "B", 5, 9800}};
        return input;
    }

    catalog::Product product(OrdersWorld& w, const std::string& id) {
        auto found = w.world().store().read([&](store::Tx& tx) { return catalog::find_product(tx, id); });
        if (!found || !*found) throw std::runtime_error("product " + id + " not found");
        return **found;
    }

    int64_t order_count(OrdersWorld& w) {
        auto counted = w.world().store().read([](store::Tx& tx) -> Result<int64_t> {
            KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT COUNT(*) AS n FROM orders"));
            return rows[0].i64("n");
        });
        if (!counted) throw std::runtime_error("count: " + counted.error().message);
        return *counted;
    }
};

bool names_field(const Error& error, const std::string& field) {
    for (const auto& problem : error.fields) {
        if (problem.field == field) return true;
    }
    return false;
}

TEST_P(OrderPreparedCreate, UnchangedProductsCommitWhatWasValidated) {
    OrdersWorld w(GetParam());
    auto prepared = w.orders().orders.prepare_create(std::nullopt, new_order(w));
    ASSERT_TRUE(prepared) << prepared.error().message;
    EXPECT_EQ(prepared->products.size(), 2u);
    auto made = w.orders().orders.commit_create(std::nullopt, std::move(*prepared));
    ASSERT_TRUE(made) << made.error().message;
    const Order stored = must(w.orders().orders.get(std::nullopt, made->id), "order");
    EXPECT_EQ(made->total_fen, stored.total_fen);
    ASSERT_EQ(stored.lines.size(), 2u);
    EXPECT_EQ(made->lines[0].quantity_g, stored.lines[0].quantity_g);
    EXPECT_EQ(made->created_at_ms, stored.created_at_ms);
    EXPECT_EQ(made->buyer_name, stored.buyer_name);
}

TEST_P(OrderPreparedCreate, AProductWithdrawnAfterValidationIsRefusedAtCommit) {
    OrdersWorld w(GetParam());
    auto prepared = w.orders().orders.prepare_create(std::nullopt, new_order(w));
    ASSERT_TRUE(prepared) << prepared.error().message;
    catalog::ProductFields fields = product(w, w.certified).fields;
    fields.status = catalog::ProductStatus::withdrawn;
    must(w.catalog().products.update(std::nullopt, w.certified, fields, {}), "withdraw");

    const int64_t before = order_count(w);
    auto made = w.orders().orders.commit_create(std::nullopt, std::move(*prepared));
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error().code, ErrorCode::invalid_argument);
    EXPECT_TRUE(names_field(made.error(), "lines/0/product_id")) << made.error().message;
    EXPECT_EQ(order_count(w), before);
}

TEST_P(OrderPreparedCreate, AChannelDroppedFromTheStandardAfterValidationIsRefusedAtCommit) {
    OrdersWorld w(GetParam());
    auto prepared = w.orders().orders.prepare_create(std::nullopt, new_order(w, catalog::SalesChannel::canteen));
    ASSERT_TRUE(prepared) << prepared.error().message;
    catalog::BrandStandard standard = OrdersWorld::standard_for_orders();
    std::erase(standard.channels, catalog::SalesChannel::canteen);
    must(w.catalog().products.set_standard(std::nullopt, w.uncertified, standard), "standard");

    const int64_t before = order_count(w);
    auto made = w.orders().orders.commit_create(std::nullopt, std::move(*prepared));
    ASSERT_FALSE(made);
    EXPECT_TRUE(names_field(made.error(), "lines/1/product_id")) << made.error().message;
    EXPECT_EQ(order_count(w), before);
}

// A change that keeps the order valid is taken as it is at the commit: the line's weight follows
// the unit the product has then, not the one the snapshot read.
TEST_P(OrderPreparedCreate, AUnitChangedAfterValidationIsTheOneWritten) {
    OrdersWorld w(GetParam());
    auto prepared = w.orders().orders.prepare_create(std::nullopt, new_order(w));
    ASSERT_TRUE(prepared) << prepared.error().message;
    catalog::ProductFields fields = product(w, w.certified).fields;
    const int64_t unit_g = fields.unit.net_g + 500;
    fields.unit.net_g = unit_g;
    must(w.catalog().products.update(std::nullopt, w.certified, fields, {}), "unit");

    auto made = w.orders().orders.commit_create(std::nullopt, std::move(*prepared));
    ASSERT_TRUE(made) << made.error().message;
    EXPECT_EQ(made->lines[0].quantity_g, 10 * unit_g);
    const Order stored = must(w.orders().orders.get(std::nullopt, made->id), "order");
    EXPECT_EQ(stored.lines[0].quantity_g, 10 * unit_g);
}

INSTANTIATE_TEST_SUITE_P(Backends, OrderPreparedCreate, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::orders::testing
