// An Idempotency-Key names one request: its target as well as its body. Paying two orders with one
// key and the same body must not answer the second from the first's record (the second order would
// never be paid while the client believes it was): it is 409 naming Idempotency-Key, and the order
// stays unpaid. Through the real server on every backend.
#include <gtest/gtest.h>

#include "orders_world.h"

namespace kl::orders::testing {
namespace {

using nlohmann::json;

class OrderIdempotencyScope : public ::testing::TestWithParam<std::string> {};

std::string status_of_order(OrdersWorld& w, const std::string& id) {
    auto read = w.world().call_as(Role::buyer, "GET", "/api/v1/orders/" + id);
    EXPECT_EQ(read.status, 200) << read.body;
    return json::parse(read.body).at("status").get<std::string>();
}

// Two accepted, invoiced orders of the own buyer.
std::pair<std::string, std::string> two_payable_orders(OrdersWorld& w) {
    const std::string a = w.order_in(OrderStatus::accepted);
    const std::string b = w.order_in(OrderStatus::accepted);
    must(w.orders().orders.set_invoice(std::nullopt, a, "FP-" + a), "invoice a");
    must(w.orders().orders.set_invoice(std::nullopt, b, "FP-" + b), "invoice b");
    return {a, b};
}

TEST_P(OrderIdempotencyScope, OneKeyOnAnotherOrderIs409AndThatOrderStaysUnpaid) {
    OrdersWorld w(GetParam());
    const auto [a, b] = two_payable_orders(w);
    const std::string body = R"({"payment_ref":"X"})";
    auto paid_a = w.world().call_as(Role::buyer, "POST", "/api/v1/orders/" + a + "/pay", body, idempotent("pay-key"));
    ASSERT_EQ(paid_a.status, 200) << paid_a.body;

    auto reused = w.world().call_as(Role::buyer, "POST", "/api/v1/orders/" + b + "/pay", body, idempotent("pay-key"));
    EXPECT_EQ(reused.status, 409) << reused.body;
    EXPECT_EQ(fields_of(reused), std::vector<std::string>{"Idempotency-Key"});
    EXPECT_FALSE(reused.headers.count("Idempotent-Replayed"));
    EXPECT_EQ(status_of_order(w, a), "paid");
    EXPECT_EQ(status_of_order(w, b), "accepted");

    // B is paid with a key of its own, and A's key still replays A's answer.
    auto paid_b = w.world().call_as(Role::buyer, "POST", "/api/v1/orders/" + b + "/pay", body, idempotent("pay-key-b"));
    ASSERT_EQ(paid_b.status, 200) << paid_b.body;
    EXPECT_EQ(json::parse(paid_b.body).at("id"), b);
    EXPECT_EQ(status_of_order(w, b), "paid");
    auto again_a = w.world().call_as(Role::buyer, "POST", "/api/v1/orders/" + a + "/pay", body, idempotent("pay-key"));
    EXPECT_EQ(again_a.status, 200);
    EXPECT_EQ(again_a.body, paid_a.body);
}

TEST_P(OrderIdempotencyScope, TheSameJsonContentReplaysAndOtherContentIs409) {
    OrdersWorld w(GetParam());
    const auto [a, b] = two_payable_orders(w);
    (void)b;
    const std::string path = "/api/v1/orders/" + a + "/pay";
    auto paid = w.world().call_as(Role::buyer, "POST", path, R"({"payment_ref":"B2B-1","note":"first"})", idempotent("k"));
    ASSERT_EQ(paid.status, 200) << paid.body;
    // Re-serialised: other key order, other whitespace, an escaped letter. The same request.
    auto respelled = w.world().call_as(Role::buyer, "POST", path, "{ \"note\" : \"fir\\u0073t\",\n  \"payment_ref\":\"B2B-1\" }",
                                       idempotent("k"));
    EXPECT_EQ(respelled.status, 200) << respelled.body;
    EXPECT_EQ(respelled.body, paid.body);
    ASSERT_TRUE(respelled.headers.count("Idempotent-Replayed"));
    EXPECT_EQ(respelled.headers.find("Idempotent-Replayed")->second, "true");
    auto other = w.world().call_as(Role::buyer, "POST", path, R"({"payment_ref":"B2B-2","note":"first"})", idempotent("k"));
    EXPECT_EQ(other.status, 409) << other.body;
    EXPECT_EQ(fields_of(other), std::vector<std::string>{"Idempotency-Key"});
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM idempotency_keys"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, OrderIdempotencyScope, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::orders::testing
