// The online-sales import (e-commerce, livestream) through the real server on every backend: all
// rows or none, duplicate platform order numbers name both rows, re-import changes nothing, and
// each certified sale is counted once.
#include <gtest/gtest.h>

#include "orders_world.h"

namespace kl::orders::testing {
namespace {

using nlohmann::json;

class OnlineImport : public ::testing::TestWithParam<std::string> {};

const std::string header =
    "platform,shop,order_no,channel,order_date,seller_credit_code,buyer_credit_code,product_code,grade,quantity,"
    "unit_price_fen,delivery_district\r\n";

std::string row(const OrdersWorld& w, const std::string& order_no, const std::string& product, const std::string& quantity = "2",
                const std::string& price = "12800", const std::string& channel = "ecommerce") {
    return "Dingdong," + std::string("莎车旗舰店,") + order_no + "," + channel + "," + w.today_text() + "," + w.seller_code + "," +
           w.other_buyer_code + "," + product + ",A," + quantity + "," + price + ",xuhui\r\n";
}

// POST as text/csv with a bearer token (the fixture's call() always sends JSON).
test::HttpReply post_csv(OrdersWorld& w, const std::string& token, const std::string& csv) {
    httplib::Client client("127.0.0.1", w.world().port());
    auto result = client.Post("/api/v1/imports/online-sales", {{"Authorization", "Bearer " + token}}, csv, "text/csv");
    test::HttpReply reply;
    if (!result) return reply;
    reply.status = result->status;
    reply.body = result->body;
    return reply;
}

test::HttpReply import(OrdersWorld& w, Role role, const std::string& csv) { return post_csv(w, w.world().as(role).token, csv); }

TEST_P(OnlineImport, DuplicatePlatformOrderNumbersRejectTheWholeFileNamingTheRows) {
    OrdersWorld w(GetParam());
    const std::string csv = header + row(w, "DD-1", w.certified) + row(w, "DD-2", w.certified) + row(w, "DD-1", w.uncertified);
    auto reply = import(w, Role::admin, csv);
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(fields_of(reply), (std::vector<std::string>{"row 2/order_no", "row 4/order_no"}));
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM orders"), 0);
}

TEST_P(OnlineImport, ImportsOnceCountsCertifiedSalesOnceAndReimportIsANoOp) {
    OrdersWorld w(GetParam());
    const std::string csv = header + row(w, "DD-1", w.certified) + row(w, "LV-9", w.uncertified, "3", "5000", "livestream");
    auto first = import(w, Role::producer, csv);
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(json::parse(first.body), json({{"rows", 2}, {"created", 2}, {"unchanged", 0}}));
    auto second = import(w, Role::admin, csv);
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(json::parse(second.body), json({{"rows", 2}, {"created", 0}, {"unchanged", 2}}));
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM orders WHERE status = 'accepted'"), 2);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM aid_sales"), 1);
    EXPECT_EQ(count(w, "SELECT amount_fen FROM aid_sales"), 2 * 12800);
    // The buyer (another buyer's organisation: the supermarket) is attributed its district.
    const json report = json::parse(w.world().call_as(Role::admin, "GET", "/api/v1/reports/aid-sales?group_by=district,channel").body);
    ASSERT_EQ(report.at("rows").size(), 1u);
    EXPECT_EQ(report.at("rows")[0].at("keys"), json({{"district", "xuhui"}, {"channel", "ecommerce"}}));
}

TEST_P(OnlineImport, BadCellsAndOtherSellersRowsAreNamedAndNothingIsWritten) {
    OrdersWorld w(GetParam());
    const std::string bad = header + row(w, "DD-1", w.certified, "0") + row(w, "DD-2", w.certified, "2", "12.5") +
                            row(w, "DD-3", w.certified, "2", "100", "wholesale") + row(w, "DD-4", "no-such-code");
    auto reply = import(w, Role::admin, bad);
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(fields_of(reply), (std::vector<std::string>{"row 3/unit_price_fen", "row 4/channel"}));
    // Rows that decode but that the database refuses are named too; the file is still all or none.
    auto refused = import(w, Role::admin, header + row(w, "DD-5", w.certified, "0") + row(w, "DD-6", "no-such-code"));
    EXPECT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(fields_of(refused), (std::vector<std::string>{"row 2/quantity", "row 3/product_code"}));
    // A producer may not import another seller's sales (here: the other cooperative's user).
    test::seed_user(w.world().stack(), Role::producer, "other.seller", w.org(Role::producer, Target::other));
    auto login = w.world().login("other.seller", test::test_password);
    const std::string token = json::parse(login.body).at("token");
    auto denied = post_csv(w, token, header + row(w, "DD-7", w.certified));
    EXPECT_EQ(denied.status, 403) << denied.body;
    EXPECT_EQ(import(w, Role::buyer, header + row(w, "DD-8", w.certified)).status, 403);
    EXPECT_EQ(w.world().call_as(Role::admin, "POST", "/api/v1/imports/online-sales", "{}").status, 415);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM orders"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, OnlineImport, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::orders::testing
