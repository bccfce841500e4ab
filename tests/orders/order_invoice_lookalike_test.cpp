// Security issue 12, item 3, for orders: an order invoice number's look-alikes (lower case, U+2010
// HYPHEN, full-width forms, a trailing space) are the same number for the seller (409 naming
// invoice_no), and an invisible character is refused (400).
#include <gtest/gtest.h>

#include "orders_world.h"

namespace kl::orders::testing {
namespace {

using nlohmann::json;

class OrderInvoiceLookAlikes : public ::testing::TestWithParam<std::string> {};

TEST_P(OrderInvoiceLookAlikes, ASellersLookAlikeInvoiceNumbersAreOneNumber) {
    OrdersWorld w(GetParam());
    const std::string first = "/api/v1/orders/" + w.order_in(OrderStatus::confirmed);
    const std::string second = "/api/v1/orders/" + w.order_in(OrderStatus::confirmed);
    auto put = [&](const std::string& path, const std::string& number) {
        return w.world().call_as(Role::producer, "PUT", path + "/invoice", json{{"invoice_no", number}}.dump());
    };
    ASSERT_EQ(put(first, "FP-7").status, 200);
    auto invisible = put(second, "FP-7\u200B");
    EXPECT_EQ(invisible.status, 400) << invisible.body;
    EXPECT_EQ(fields_of(invisible), std::vector<std::string>{"invoice_no"});
    for (const std::string number : {"fp-7", "FP-7 ", "FP\u20107", "ＦＰ－７"}) {
        auto taken = put(second, number);
        EXPECT_EQ(taken.status, 409) << number << ": " << taken.body;
        EXPECT_EQ(fields_of(taken), std::vector<std::string>{"invoice_no"}) << number;
    }
    auto read = w.world().call_as(Role::producer, "GET", second);
    ASSERT_EQ(read.status, 200);
    EXPECT_TRUE(json::parse(read.body)["invoice_no"].is_null()) << read.body;
    EXPECT_EQ(put(second, "FP-8").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, OrderInvoiceLookAlikes, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::orders::testing
