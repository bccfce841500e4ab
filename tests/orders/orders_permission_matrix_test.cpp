// THE ORDERS' PERMISSION MATRIX: every role × the orders, quota and report routes × own/other
// organisation, through the real server with real sign-in, on every backend. "own" orders are
// bought by the buyer's organisation from the producer's (Shache) and carried by the logistics
// firm's; "other" orders are bought by the other buyer from the other (Bachu) producer.
#include <gtest/gtest.h>

#include <array>

#include "orders_world.h"

namespace kl::orders::testing {
namespace {

using test::MatrixRow;

constexpr std::array<Role, 7> columns = {Role::admin, Role::fund_officer, Role::county_officer, Role::producer,
                                         Role::buyer, Role::logistics,    Role::auditor};

struct Line {
    std::string method;
    std::string path;
    std::string body;
    //  admin fund county producer buyer logistics auditor
    std::array<int, 7> status;
};

std::vector<MatrixRow> rows_of(const std::vector<Line>& lines) {
    std::vector<MatrixRow> rows;
    for (const auto& line : lines) {
        for (size_t column = 0; column < columns.size(); ++column) {
            rows.push_back(MatrixRow{columns[column], line.method, line.path, line.body, Target::own, line.status[column]});
        }
    }
    return rows;
}

std::string joined(const std::vector<std::string>& failures) {
    std::string all;
    for (const auto& failure : failures) all += failure + "\n";
    return all;
}

// An order of the other buyer from the other seller, shipped with no carrier.
std::string other_order(OrdersWorld& w) {
    NewOrder input;
    input.buyer_id = w.org(Role::buyer, Target::other);
    input.seller_id = w.org(Role::producer, Target::other);
    input.channel = SalesChannel::supermarket;
    input.delivery_district = "xuhui";
    input.delivery_date = w.today();
    input.lines = {NewOrderLine{w.other_product, "A", 4, 9000}};
    return must(w.orders().orders.create(std::nullopt, input), "other order").id;
}

class OrdersPermissionMatrix : public ::testing::TestWithParam<std::string> {};

// clang-format off
TEST_P(OrdersPermissionMatrix, ReadingOrders) {
    OrdersWorld w(GetParam());
    const std::string own = "/api/v1/orders/" + w.order_in(OrderStatus::shipped);
    const std::string other = "/api/v1/orders/" + other_order(w);
    const std::vector<Line> lines = {
        {"GET", own, "",                                 {200, 200, 200, 200, 200, 200, 200}},
        {"GET", other, "",                               {200, 200, 403, 403, 403, 403, 200}},
        {"GET", "/api/v1/orders", "",                    {200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/api/v1/orders?status=lost", "",        {400, 400, 400, 400, 400, 400, 400}},
        {"GET", "/api/v1/orders/no-such-order", "",      {404, 404, 404, 404, 404, 404, 404}},
    };
    const auto failures = test::run_matrix(w.world(), rows_of(lines));
    EXPECT_TRUE(failures.empty()) << joined(failures);
    // Lists hold exactly what each role sees.
    const std::map<Role, size_t> visible = {{Role::admin, 2}, {Role::fund_officer, 2}, {Role::auditor, 2},
                                            {Role::county_officer, 1}, {Role::producer, 1}, {Role::buyer, 1},
                                            {Role::logistics, 1}};
    for (const auto& [role, expected] : visible) {
        const auto list = nlohmann::json::parse(w.world().call_as(role, "GET", "/api/v1/orders").body);
        EXPECT_EQ(list.at("items").size(), expected) << access::to_string(role);
    }
    EXPECT_EQ(w.world().call("GET", own).status, 401);
}

TEST_P(OrdersPermissionMatrix, PlacingOrders) {
    OrdersWorld w(GetParam());
    const std::string body = w.order_body().dump();
    nlohmann::json other_body = w.order_body();
    other_body["buyer_id"] = w.org(Role::buyer, Target::other);
    other_body["seller_id"] = w.org(Role::producer, Target::other);
    other_body["lines"] = {{{"product_id", w.other_product}, {"grade", "A"}, {"quantity", 1}, {"unit_price_fen", 100}}};
    std::vector<MatrixRow> rows;
    int key = 0;
    for (const Role role : columns) {
        const bool creator = role == Role::admin || role == Role::buyer || role == Role::producer;
        rows.push_back({role, "POST", "/api/v1/orders", body, Target::own, creator ? 201 : 403});
        rows.push_back({role, "POST", "/api/v1/orders", other_body.dump(), Target::own,
                        role == Role::admin ? 201 : 403});
    }
    for (auto& row : rows) {
        auto reply = w.world().call_as(row.role, row.method, row.path, row.body, idempotent("m" + std::to_string(++key)));
        EXPECT_EQ(reply.status, row.expected_status) << access::to_string(row.role) << " " << row.body << " " << reply.body;
    }
}

TEST_P(OrdersPermissionMatrix, ActingOnOrders) {
    OrdersWorld w(GetParam());
    // Each line acts on a fresh order in the status the action needs, so only permission differs.
    struct Act { std::string action; OrderStatus status; std::string body; std::array<int, 7> expected; };
    const std::vector<Act> acts = {
        {"confirm", OrderStatus::intent, "",                      {200, 403, 403, 403, 200, 403, 403}},
        {"ship", OrderStatus::confirmed, "",                      {200, 403, 403, 200, 403, 403, 403}},
        {"deliver", OrderStatus::shipped, "",                     {200, 403, 403, 200, 403, 200, 403}},
        {"accept", OrderStatus::delivered, "",                    {200, 403, 403, 403, 200, 403, 403}},
        {"cancel", OrderStatus::confirmed, R"({"reason":"x"})",   {200, 403, 403, 200, 200, 403, 403}},
    };
    for (const auto& act : acts) {
        for (size_t column = 0; column < columns.size(); ++column) {
            const std::string id = w.order_in(act.status, act.status == OrderStatus::intent ? "fair_intent" : "wholesale");
            auto reply = w.world().call_as(columns[column], "POST", "/api/v1/orders/" + id + "/" + act.action, act.body);
            EXPECT_EQ(reply.status, act.expected[column]) << act.action << " as " << access::to_string(columns[column]) << ": " << reply.body;
        }
    }
    // Paying: an accepted, invoiced order; the Idempotency-Key is required.
    for (size_t column = 0; column < columns.size(); ++column) {
        const std::string id = w.order_in(OrderStatus::accepted);
        must(w.orders().orders.set_invoice(std::nullopt, id, "FP-" + id), "invoice");
        const int expected = columns[column] == Role::admin || columns[column] == Role::buyer ? 200 : 403;
        auto reply = w.world().call_as(columns[column], "POST", "/api/v1/orders/" + id + "/pay", "{}", idempotent("pay-" + id));
        EXPECT_EQ(reply.status, expected) << "pay as " << access::to_string(columns[column]) << ": " << reply.body;
    }
}

// Issue 12 item 8: a quota PUT without reserved_share_bp or no_canteen keeps the quota's own values
// (they used to fall back to 10 % and false); a new quota still starts from those defaults.
TEST_P(OrdersPermissionMatrix, APartialQuotaPutKeepsTheReservedShare) {
    OrdersWorld w(GetParam());
    const std::string path = "/api/v1/quotas/" + w.org(Role::buyer, Target::own) + "/" + w.today_text().substr(0, 4);
    auto first = w.world().call_as(Role::fund_officer, "PUT", path, R"({"canteen_budget_fen":100000000})");
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(nlohmann::json::parse(first.body).at("reserved_share_bp"), 1000);
    ASSERT_EQ(w.world().call_as(Role::fund_officer, "PUT", path,
                                R"({"canteen_budget_fen":100000000,"reserved_share_bp":2500,"no_canteen":true})").status,
              200);
    auto partial = w.world().call_as(Role::fund_officer, "PUT", path, R"({"canteen_budget_fen":200000000})");
    ASSERT_EQ(partial.status, 200) << partial.body;
    const auto saved = nlohmann::json::parse(partial.body);
    EXPECT_EQ(saved.at("canteen_budget_fen"), 200000000);
    EXPECT_EQ(saved.at("reserved_share_bp"), 2500);
    EXPECT_EQ(saved.at("no_canteen"), true);
    auto stored = w.world().store().read([&](store::Tx& tx) {
        return tx.query("SELECT reserved_share_bp, no_canteen FROM budget_quotas");
    });
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ((*stored)[0].i64("reserved_share_bp"), 2500);
    EXPECT_EQ((*stored)[0].i64("no_canteen"), 1);
}

TEST_P(OrdersPermissionMatrix, QuotasAndReports) {
    OrdersWorld w(GetParam());
    w.order_in(OrderStatus::accepted);  // one aid sale: Shache → Pudong
    const std::string own_unit = w.org(Role::buyer, Target::own);
    const std::string supermarket = w.org(Role::buyer, Target::other);
    const std::string year = w.today_text().substr(0, 4);
    const std::string quota = R"({"canteen_budget_fen":100000000})";
    const std::vector<Line> lines = {
        {"PUT", "/api/v1/quotas/" + own_unit + "/" + year, quota,            {200, 200, 403, 403, 200, 403, 403}},
        {"PUT", "/api/v1/quotas/" + supermarket + "/" + year, quota,         {422, 422, 403, 403, 403, 403, 403}},
        {"PUT", "/api/v1/quotas/" + own_unit + "/19", quota,                 {400, 400, 400, 400, 400, 400, 400}},
        {"PUT", "/api/v1/district-targets/pudong/" + year, R"({"target_fen":500000})", {200, 200, 403, 403, 403, 403, 403}},
        {"PUT", "/api/v1/district-targets/kowloon/" + year, R"({"target_fen":1})",     {400, 400, 403, 403, 403, 403, 403}},
        {"GET", "/api/v1/reports/aid-sales", "",                             {200, 200, 200, 200, 200, 403, 200}},
        {"GET", "/api/v1/reports/aid-sales.csv", "",                         {200, 200, 200, 200, 200, 403, 200}},
        {"GET", "/api/v1/reports/aid-sales.xlsx?group_by=month,buyer", "",   {200, 200, 200, 200, 200, 403, 200}},
        {"GET", "/api/v1/reports/aid-sales?group_by=weather", "",            {400, 400, 400, 400, 400, 400, 400}},
        {"GET", "/api/v1/reports/aid-sales?from=2026-02-30", "",             {400, 400, 400, 400, 400, 400, 400}},
        {"GET", "/api/v1/reports/quotas", "",                                {200, 200, 403, 403, 200, 403, 200}},
        {"GET", "/api/v1/reports/quotas.csv", "",                            {200, 200, 403, 403, 200, 403, 200}},
        {"GET", "/api/v1/reports/quotas.xlsx", "",                           {200, 200, 403, 403, 200, 403, 200}},
    };
    const auto failures = test::run_matrix(w.world(), rows_of(lines));
    EXPECT_TRUE(failures.empty()) << joined(failures);
    // Scopes: the buyer sees its purchases, the other county's officer nothing.
    const auto amount = [&](Role role) {
        auto body = nlohmann::json::parse(w.world().call_as(role, "GET", "/api/v1/reports/aid-sales").body);
        return body.at("totals").at("amount_fen").get<int64_t>();
    };
    EXPECT_EQ(amount(Role::admin), 10 * 12800);
    EXPECT_EQ(amount(Role::buyer), 10 * 12800);
    EXPECT_EQ(amount(Role::producer), 10 * 12800);
    EXPECT_EQ(amount(Role::county_officer), 10 * 12800);
    const auto quotas = nlohmann::json::parse(w.world().call_as(Role::admin, "GET", "/api/v1/reports/quotas").body);
    ASSERT_EQ(quotas.at("units").size(), 1u);
    EXPECT_EQ(quotas.at("units")[0].at("reserved_fen"), 10'000'000);  // 10 % of ¥1 m
    EXPECT_EQ(quotas.at("units")[0].at("purchased_fen"), 128'000);
    EXPECT_EQ(quotas.at("units")[0].at("completion_bp"), 128);
    EXPECT_EQ(quotas.at("units")[0].at("completion_pct"), "1.28");
    const auto& pudong = quotas.at("districts")[10];
    EXPECT_EQ(pudong.at("district"), "pudong");
    EXPECT_EQ(pudong.at("target_fen"), 500000);
    EXPECT_EQ(pudong.at("completion_bp"), 2560);  // ¥1,280 of ¥5,000
    const auto own = nlohmann::json::parse(w.world().call_as(Role::buyer, "GET", "/api/v1/reports/quotas").body);
    EXPECT_EQ(own.at("units").size(), 1u);
    EXPECT_TRUE(own.at("districts").empty());
    auto csv = w.world().call_as(Role::admin, "GET", "/api/v1/reports/aid-sales.csv?group_by=county");
    EXPECT_NE(csv.body.find("county,county_name,amount_fen,quantity_g,lines"), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find("shache,莎车县,128000,50000,1,莎车县,Shache County,1280.00,50.000"), std::string::npos) << csv.body;
    auto by_channel = w.world().call_as(Role::admin, "GET", "/api/v1/reports/aid-sales.csv?group_by=channel");
    EXPECT_NE(by_channel.body.find(",channel_name_zh,channel_name_en,"), std::string::npos) << by_channel.body;
    EXPECT_NE(by_channel.body.find(",批发,Wholesale,"), std::string::npos) << "channels by the console's names: " << by_channel.body;
}
// clang-format on

INSTANTIATE_TEST_SUITE_P(Backends, OrdersPermissionMatrix, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::orders::testing
