// Orders through the real server on every backend: the whole lifecycle with its timeline and aid
// counting, illegal transitions (409), another buyer's order (403), bad input that writes nothing,
// idempotent creation and payment, and the seam other modules call.
#include <gtest/gtest.h>

#include <cctype>

#include "orders/order_repo.h"
#include "orders_world.h"

namespace kl::orders::testing {
namespace {

using nlohmann::json;

class OrderLifecycle : public ::testing::TestWithParam<std::string> {};

json body_of(const test::HttpReply& reply) { return json::parse(reply.body); }

// Creation answers with the order as written (no read-back inside the write): it must be exactly
// what reading it gives, names, lines and first event included.
TEST_P(OrderLifecycle, CreatedOrderIsWhatIsStored) {
    OrdersWorld w(GetParam());
    for (const char* channel : {"fair_intent", "canteen"}) {
        auto made = w.world().call_as(Role::buyer, "POST", "/api/v1/orders", w.order_body(channel).dump(),
                                      idempotent(std::string("same-") + channel));
        ASSERT_EQ(made.status, 201) << made.body;
        const json created = body_of(made);
        auto read = w.world().call_as(Role::buyer, "GET", "/api/v1/orders/" + created.at("id").get<std::string>());
        ASSERT_EQ(read.status, 200) << read.body;
        EXPECT_EQ(created, body_of(read)) << channel;
        EXPECT_EQ(created.at("events").size(), 1u);
        EXPECT_FALSE(created.at("buyer_name").get<std::string>().empty());
    }
}

// English pages show the parties' English names: an order carries both, as written and as listed.
TEST_P(OrderLifecycle, OrdersNameTheirPartiesInEnglishToo) {
    OrdersWorld w(GetParam());
    const std::string buyer = w.org(Role::buyer, Target::own);
    catalog::OrganisationFields fields = must(w.catalog().organisations.get(std::nullopt, buyer), "buyer").fields;
    fields.name_en = "Pudong Budget Canteens";
    must(w.catalog().organisations.update(std::nullopt, buyer, fields), "buyer");
    auto made = w.world().call_as(Role::buyer, "POST", "/api/v1/orders", w.order_body("canteen").dump(), idempotent("en-names"));
    ASSERT_EQ(made.status, 201) << made.body;
    EXPECT_EQ(body_of(made).at("buyer_name_en"), "Pudong Budget Canteens");
    EXPECT_EQ(body_of(made).at("seller_name_en"), "") << "no English name: the console shows the registered one";
    auto listed = w.world().call_as(Role::buyer, "GET", "/api/v1/orders");
    ASSERT_EQ(listed.status, 200) << listed.body;
    EXPECT_EQ(body_of(listed).at("items")[0].at("buyer_name_en"), "Pudong Budget Canteens");
}

TEST_P(OrderLifecycle, FairIntentToPaidWithTimelineAndAidSales) {
    OrdersWorld w(GetParam());
    auto made = w.world().call_as(Role::buyer, "POST", "/api/v1/orders", w.order_body("fair_intent").dump(), idempotent("k1"));
    ASSERT_EQ(made.status, 201) << made.body;
    const json order = body_of(made);
    const std::string id = order.at("id");
    EXPECT_EQ(order.at("status"), "intent");
    EXPECT_EQ(order.at("total_fen"), 10 * 12800 + 5 * 9800);
    EXPECT_EQ(order.at("lines")[0].at("quantity_g"), 10 * 5000);
    EXPECT_EQ(order.at("allowed_actions"), json({"confirm", "cancel"}));
    const std::string path = "/api/v1/orders/" + id;

    EXPECT_EQ(w.world().call_as(Role::buyer, "POST", path + "/confirm").status, 200);
    auto shipped = w.world().call_as(Role::producer, "POST", path + "/ship",
                                     json{{"carrier_id", w.org(Role::logistics, Target::own)}}.dump());
    ASSERT_EQ(shipped.status, 200) << shipped.body;
    EXPECT_EQ(w.world().call_as(Role::logistics, "GET", path).status, 200);  // the carrier sees what it carries
    EXPECT_EQ(w.world().call_as(Role::logistics, "POST", path + "/deliver").status, 200);
    const json acceptance = {{"lines", {{{"line_no", 1}, {"accepted_quantity", 8}, {"quality_note", "2 boxes bruised"}}}}};
    auto accepted = w.world().call_as(Role::buyer, "POST", path + "/accept", acceptance.dump());
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    const json after = body_of(accepted);
    EXPECT_EQ(after.at("accepted_fen"), 8 * 12800 + 5 * 9800);
    EXPECT_EQ(after.at("lines")[0].at("accepted_quantity"), 8);
    EXPECT_EQ(after.at("lines")[0].at("quality_note"), "2 boxes bruised");
    EXPECT_TRUE(after.at("lines")[0].at("aid_counted").get<bool>());
    EXPECT_FALSE(after.at("lines")[1].at("aid_counted").get<bool>());  // never certified: never aid

    // Paying needs the seller's invoice first, and an Idempotency-Key.
    EXPECT_EQ(w.world().call_as(Role::buyer, "POST", path + "/pay", "{}", idempotent("p1")).status, 422);
    EXPECT_EQ(w.world().call_as(Role::producer, "PUT", path + "/invoice", R"({"invoice_no":"FP-001"})").status, 200);
    EXPECT_EQ(w.world().call_as(Role::buyer, "POST", path + "/pay", "{}").status, 400);
    auto paid = w.world().call_as(Role::buyer, "POST", path + "/pay", R"({"payment_ref":"B2B-9"})", idempotent("p2"));
    ASSERT_EQ(paid.status, 200) << paid.body;
    auto again = w.world().call_as(Role::buyer, "POST", path + "/pay", R"({"payment_ref":"B2B-9"})", idempotent("p2"));
    EXPECT_EQ(again.status, 200);  // the stored first answer, not a 409
    EXPECT_EQ(again.body, paid.body);

    const json final_order = body_of(w.world().call_as(Role::buyer, "GET", path));
    EXPECT_EQ(final_order.at("status"), "paid");
    std::vector<std::string> actions;
    for (const auto& event : final_order.at("events")) actions.push_back(event.at("action"));
    EXPECT_EQ(actions, (std::vector<std::string>{"create", "confirm", "ship", "deliver", "accept", "invoice", "pay"}));
    EXPECT_EQ(final_order.at("events")[1].at("actor_user_id"), w.world().as(Role::buyer).user.id);
    EXPECT_EQ(final_order.at("events")[1].at("actor_role"), "buyer");

    // Counted once, for the accepted quantity, attributed and shared with the households.
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM aid_sales"), 1);
    EXPECT_EQ(count(w, "SELECT amount_fen FROM aid_sales"), 8 * 12800);
    EXPECT_EQ(count(w, "SELECT CAST(SUM(amount_fen) AS BIGINT) FROM aid_sale_beneficiaries"),
              8 * 12800 * 6000 / 10000 + 8 * 12800 * 2500 / 10000);
    const json report = body_of(w.world().call_as(Role::admin, "GET", "/api/v1/reports/aid-sales?group_by=county,district,channel"));
    ASSERT_EQ(report.at("rows").size(), 1u);
    EXPECT_EQ(report.at("rows")[0].at("keys"), json({{"county", "shache"}, {"district", "pudong"}, {"channel", "fair_intent"}}));
    EXPECT_EQ(report.at("rows")[0].at("labels").at("county"), "莎车县");
    EXPECT_EQ(report.at("totals").at("amount_fen"), 8 * 12800);
}

TEST_P(OrderLifecycle, IllegalTransitionsAre409AndWrongPartiesAre403) {
    OrdersWorld w(GetParam());
    const std::string confirmed = "/api/v1/orders/" + w.order_in(OrderStatus::confirmed);
    EXPECT_EQ(w.world().call_as(Role::buyer, "POST", confirmed + "/confirm").status, 409);   // not an intent
    EXPECT_EQ(w.world().call_as(Role::buyer, "POST", confirmed + "/accept").status, 409);    // not delivered
    EXPECT_EQ(w.world().call_as(Role::producer, "POST", confirmed + "/deliver").status, 409);  // not shipped
    EXPECT_EQ(w.world().call_as(Role::buyer, "POST", confirmed + "/ship").status, 403);      // a buyer never ships
    EXPECT_EQ(w.world().call_as(Role::producer, "POST", confirmed + "/accept").status, 403); // a seller never accepts
    EXPECT_EQ(w.world().call_as(Role::auditor, "POST", confirmed + "/cancel", R"({"reason":"x"})").status, 403);
    EXPECT_EQ(w.world().call_as(Role::fund_officer, "POST", confirmed + "/cancel", R"({"reason":"x"})").status, 403);
    const std::string shipped = "/api/v1/orders/" + w.order_in(OrderStatus::shipped);
    EXPECT_EQ(w.world().call_as(Role::buyer, "POST", shipped + "/cancel", R"({"reason":"late"})").status, 409);
    EXPECT_EQ(w.world().call_as(Role::admin, "POST", shipped + "/cancel", "{}").status, 400);  // a reason is required
    auto cancelled = w.world().call_as(Role::admin, "POST", shipped + "/cancel", R"({"reason":"lost in transit"})");
    ASSERT_EQ(cancelled.status, 200) << cancelled.body;
    EXPECT_EQ(body_of(cancelled).at("cancel_reason"), "lost in transit");
    for (const char* action : {"confirm", "ship", "deliver", "accept", "cancel"}) {
        EXPECT_EQ(w.world().call_as(Role::admin, "POST", shipped + "/" + action, R"({"reason":"again"})").status, 409) << action;
    }
    const std::string paid = "/api/v1/orders/" + w.order_in(OrderStatus::paid);
    EXPECT_EQ(w.world().call_as(Role::buyer, "POST", paid + "/pay", "{}", idempotent("again")).status, 409);
    EXPECT_EQ(w.world().call_as(Role::admin, "POST", paid + "/cancel", R"({"reason":"x"})").status, 409);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM aid_sales"), 1);  // the paid order's certified line, once
}

TEST_P(OrderLifecycle, AnotherBuyersOrderIsRefused) {
    OrdersWorld w(GetParam());
    const std::string id = w.order_in(OrderStatus::intent, "fair_intent");
    const std::string path = "/api/v1/orders/" + id;
    // The buyer's other organisation is another buyer: sign in as a user there.
    test::seed_user(w.world().stack(), Role::buyer, "other.buyer", w.org(Role::buyer, Target::other));
    auto login = w.world().login("other.buyer", test::test_password);
    ASSERT_EQ(login.status, 201) << login.body;
    const std::string token = body_of(login).at("token");
    const httplib::Headers auth = {{"Authorization", "Bearer " + token}};
    EXPECT_EQ(w.world().call("GET", path, "", auth).status, 403);
    EXPECT_EQ(w.world().call("POST", path + "/confirm", "", auth).status, 403);
    EXPECT_EQ(w.world().call("POST", path + "/cancel", R"({"reason":"mine now"})", auth).status, 403);
    const json list = body_of(w.world().call("GET", "/api/v1/orders", "", auth));
    EXPECT_TRUE(list.at("items").empty());
    // Placing an order in another buyer's name is refused too.
    auto placed = w.world().call("POST", "/api/v1/orders", w.order_body().dump(),
                                 {{"Authorization", "Bearer " + token}, {"Idempotency-Key", "x1"}});
    EXPECT_EQ(placed.status, 403);
    EXPECT_EQ(body_of(w.world().call_as(Role::buyer, "GET", path)).at("status"), "intent");
}

TEST_P(OrderLifecycle, BadInputIsRefusedNamingTheFieldAndWritesNothing) {
    OrdersWorld w(GetParam());
    auto post = [&](const json& body, const std::string& key) {
        return w.world().call_as(Role::buyer, "POST", "/api/v1/orders", body.dump(), idempotent(key));
    };
    json zero = w.order_body("wholesale", 0);
    auto reply = post(zero, "b1");
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(fields_of(reply), std::vector<std::string>{"lines/0/quantity"});
    EXPECT_EQ(fields_of(post(w.order_body("wholesale", -3), "b2")), std::vector<std::string>{"lines/0/quantity"});
    EXPECT_EQ(fields_of(post(w.order_body("wholesale", 10, -1), "b3")), std::vector<std::string>{"lines/0/unit_price_fen"});
    json floating = w.order_body();
    floating["lines"][0]["unit_price_fen"] = 128.5;
    EXPECT_EQ(fields_of(post(floating, "b4")), std::vector<std::string>{"lines/0/unit_price_fen"});
    json text = w.order_body();
    text["lines"][0]["unit_price_fen"] = "12800";
    EXPECT_EQ(fields_of(post(text, "b5")), std::vector<std::string>{"lines/0/unit_price_fen"});
    json float_quantity = w.order_body();
    float_quantity["lines"][1]["quantity"] = 2.5;
    EXPECT_EQ(fields_of(post(float_quantity, "b6")), std::vector<std::string>{"lines/1/quantity"});
    json grade = w.order_body();
    grade["lines"][0]["grade"] = "Z";
    EXPECT_EQ(fields_of(post(grade, "b7")), std::vector<std::string>{"lines/0/grade"});
    json foreign = w.order_body();
    foreign["lines"][0]["product_id"] = w.other_product;
    EXPECT_EQ(fields_of(post(foreign, "b8")), std::vector<std::string>{"lines/0/product_id"});
    json channel = w.order_body("teleshopping");
    EXPECT_EQ(fields_of(post(channel, "b9")), std::vector<std::string>{"channel"});
    // A product whose brand standard does not list the order's channel (vending counters here).
    EXPECT_EQ(fields_of(post(w.order_body("vending_counter"), "b13")),
              (std::vector<std::string>{"lines/0/product_id", "lines/1/product_id"}));
    EXPECT_NE(post(w.order_body("vending_counter"), "b14").body.find("vending_counter channel"), std::string::npos);
    json district = w.order_body();
    district["delivery_district"] = "kowloon";
    EXPECT_EQ(fields_of(post(district, "b10")), std::vector<std::string>{"delivery_district"});
    json empty = w.order_body();
    empty["lines"] = json::array();
    EXPECT_EQ(fields_of(post(empty, "b11")), std::vector<std::string>{"lines"});
    json early = w.order_body();
    early["delivery_date"] = kl::format_date(kl::add_days(w.today(), -1));
    EXPECT_EQ(fields_of(post(early, "b12")), std::vector<std::string>{"delivery_date"});
    auto no_key = w.world().call_as(Role::buyer, "POST", "/api/v1/orders", w.order_body().dump());
    EXPECT_EQ(no_key.status, 400);
    EXPECT_EQ(fields_of(no_key), std::vector<std::string>{"Idempotency-Key"});
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM orders"), 0);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM order_events"), 0);

    // Acceptance quantities out of range name the line and change nothing.
    const std::string path = "/api/v1/orders/" + w.order_in(OrderStatus::delivered);
    auto over = w.world().call_as(Role::buyer, "POST", path + "/accept",
                                  R"({"lines":[{"line_no":1,"accepted_quantity":11}]})");
    EXPECT_EQ(fields_of(over), std::vector<std::string>{"lines/0/accepted_quantity"});
    auto negative = w.world().call_as(Role::buyer, "POST", path + "/accept",
                                      R"({"lines":[{"line_no":1,"accepted_quantity":-1}]})");
    EXPECT_EQ(fields_of(negative), std::vector<std::string>{"lines/0/accepted_quantity"});
    EXPECT_EQ(body_of(w.world().call_as(Role::buyer, "GET", path)).at("status"), "delivered");
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM aid_sales"), 0);
}

TEST_P(OrderLifecycle, CreationIsIdempotentAndInvoicesAreUniquePerSeller) {
    OrdersWorld w(GetParam());
    const std::string body = w.order_body().dump();
    auto first = w.world().call_as(Role::buyer, "POST", "/api/v1/orders", body, idempotent("same"));
    auto second = w.world().call_as(Role::buyer, "POST", "/api/v1/orders", body, idempotent("same"));
    ASSERT_EQ(first.status, 201);
    EXPECT_EQ(second.status, 201);
    EXPECT_EQ(first.body, second.body);
    EXPECT_EQ(w.world().call_as(Role::buyer, "POST", "/api/v1/orders", w.order_body("supermarket").dump(),
                                idempotent("same")).status, 409);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM orders"), 1);
    EXPECT_EQ(body_of(first).at("status"), "confirmed");  // not a fair intent: binding at once

    const std::string a = "/api/v1/orders/" + body_of(first).at("id").get<std::string>();
    const std::string b = "/api/v1/orders/" + w.order_in(OrderStatus::confirmed);
    EXPECT_EQ(w.world().call_as(Role::producer, "PUT", a + "/invoice", R"({"invoice_no":"FP-7"})").status, 200);
    EXPECT_EQ(w.world().call_as(Role::producer, "PUT", a + "/invoice", R"({"invoice_no":"FP-7"})").status, 200);  // a retry
    auto taken = w.world().call_as(Role::producer, "PUT", b + "/invoice", R"({"invoice_no":"FP-7"})");
    EXPECT_EQ(taken.status, 409);
    EXPECT_EQ(fields_of(taken), std::vector<std::string>{"invoice_no"});
    EXPECT_EQ(w.world().call_as(Role::buyer, "PUT", b + "/invoice", R"({"invoice_no":"FP-8"})").status, 403);
    const std::string intent = "/api/v1/orders/" + w.order_in(OrderStatus::intent, "fair_intent");
    EXPECT_EQ(w.world().call_as(Role::producer, "PUT", intent + "/invoice", R"({"invoice_no":"FP-9"})").status, 409);
}

TEST_P(OrderLifecycle, TheSeamCreatesOneConfirmedOrderPerSource) {
    OrdersWorld w(GetParam());
    NewOrder input;
    input.buyer_id = w.org(Role::buyer, Target::own);
    input.seller_id = w.org(Role::producer, Target::own);
    input.channel = SalesChannel::wholesale;
    input.delivery_district = "pudong";
    input.delivery_date = w.today();
    input.lines = {NewOrderLine{w.certified, "A", 100, 12000}};
    input.source_kind = "allocation_proposal";
    input.source_ref = "proposal-1";
    auto create = [&]() {
        return w.world().store().write([&](store::Tx& tx) { return w.orders().orders.create_confirmed_in(tx, input, std::nullopt); });
    };
    const std::string first = must(create(), "first");
    const std::string second = must(create(), "second");
    EXPECT_EQ(first, second);
    const Order order = must(w.orders().orders.get(std::nullopt, first), "order");
    EXPECT_EQ(order.status, OrderStatus::confirmed);
    EXPECT_EQ(order.source_ref, std::optional<std::string>("proposal-1"));
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM orders"), 1);
    input.source_ref.reset();
    auto missing = w.world().store().write([&](store::Tx& tx) { return w.orders().orders.create_confirmed_in(tx, input, std::nullopt); });
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().fields.at(0).field, "source_ref");
}

TEST_P(OrderLifecycle, AnUncertifiedOrNoticePeriodProductIsNeverAid) {
    OrdersWorld w(GetParam());
    // Certified today with a 7-day notice: in notice on the order date, so not counted.
    const std::string fresh = must(w.catalog().products.create(
        std::nullopt, catalog::NewProduct{w.org(Role::producer, Target::own),
                                          catalog::testing::product_fields("新品", "New", "fresh_fruit"),
                                          OrdersWorld::standard_for_orders()}), "product").id;
    must(w.catalog().certifications.certify(std::nullopt, fresh,
                                            catalog::CertificationInput{"莎消帮〔2026〕102号", w.today(),
                                                                        kl::add_days(w.today(), 300), 7}),
         "certify");
    json body = w.order_body();
    body["lines"] = {{{"product_id", fresh}, {"grade", "A"}, {"quantity", 3}, {"unit_price_fen", 5000}},
                     {{"product_id", w.uncertified}, {"grade", "A"}, {"quantity", 3}, {"unit_price_fen", 5000}}};
    auto made = w.world().call_as(Role::admin, "POST", "/api/v1/orders", body.dump(), idempotent("u1"));
    ASSERT_EQ(made.status, 201) << made.body;
    const std::string path = "/api/v1/orders/" + body_of(made).at("id").get<std::string>();
    for (const char* action : {"ship", "deliver", "accept"}) {
        ASSERT_EQ(w.world().call_as(Role::admin, "POST", path + "/" + action).status, 200) << action;
    }
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM aid_sales"), 0);
    EXPECT_EQ(body_of(w.world().call_as(Role::admin, "GET", "/api/v1/reports/aid-sales")).at("totals").at("amount_fen"), 0);
}

// Issue 14 item 5: the orders list is searched (names, id, platform order number), filtered by order
// date and paged newest first on request; bad window parameters are refused naming each.
TEST_P(OrderLifecycle, TheListIsSearchedDatedAndPagedNewestFirst) {
    OrdersWorld w(GetParam());
    std::vector<std::string> ids;
    std::string buyer_name;
    for (int i = 0; i < 3; ++i) {
        auto made = w.world().call_as(Role::buyer, "POST", "/api/v1/orders", w.order_body().dump(),
                                      idempotent("window-" + std::to_string(i)));
        ASSERT_EQ(made.status, 201) << made.body;
        ids.push_back(body_of(made).at("id"));
        buyer_name = body_of(made).at("buyer_name");
        w.world().clock().advance_ms(1);
    }
    auto list = [&](const std::string& query) {
        auto reply = w.world().call_as(Role::buyer, "GET", "/api/v1/orders?" + query);
        EXPECT_EQ(reply.status, 200) << query << " " << reply.body;
        const json body = body_of(reply);  // kept alive for the range-for
        std::vector<std::string> out;
        for (const auto& order : body.at("items")) out.push_back(order.at("id"));
        return std::pair{out, body.at("next_cursor")};
    };
    EXPECT_EQ(list("").first, ids);
    EXPECT_EQ(list("sort=newest").first, (std::vector<std::string>{ids[2], ids[1], ids[0]}));
    auto [first, cursor] = list("sort=newest&limit=2");
    EXPECT_EQ(first, (std::vector<std::string>{ids[2], ids[1]}));
    EXPECT_EQ(list("sort=newest&limit=2&cursor=" + cursor.get<std::string>()).first, (std::vector<std::string>{ids[0]}));

    EXPECT_EQ(list("q=" + test::query_text(buyer_name)).first.size(), 3u) << buyer_name;
    EXPECT_EQ(list("q=" + ids[1]).first, (std::vector<std::string>{ids[1]}));
    EXPECT_TRUE(list("q=no-such-order-anywhere").first.empty());
    EXPECT_EQ(list("from=" + w.today_text() + "&to=" + w.today_text()).first.size(), 3u);
    EXPECT_TRUE(list("from=" + kl::format_date(kl::add_days(w.today(), 1))).first.empty());
    EXPECT_TRUE(list("to=" + kl::format_date(kl::add_days(w.today(), -1))).first.empty());

    auto bad = w.world().call_as(Role::buyer, "GET", "/api/v1/orders?sort=sideways&from=2026-02-30&q=" + std::string(101, 'x'));
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_EQ(fields_of(bad), (std::vector<std::string>{"q", "from", "sort"}));
    auto backwards = w.world().call_as(Role::buyer, "GET", "/api/v1/orders?from=2026-03-02&to=2026-03-01");
    EXPECT_EQ(backwards.status, 400);
    EXPECT_EQ(fields_of(backwards), (std::vector<std::string>{"to"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, OrderLifecycle, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::orders::testing
