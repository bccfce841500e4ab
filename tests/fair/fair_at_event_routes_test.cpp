// The at-the-event and report routes over HTTP on SQLite and PostgreSQL (a real server, real sign-in):
// an intended order needs an Idempotency-Key and a retried key is one order; bad lines are named and
// write nothing; an on-site sale's receipt as JSON and PDF; the report as JSON, CSV and XLSX, refused
// to the organisations' users; a meeting's outcome with a bad name is refused naming the field.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <thread>
#include <vector>

#include "audit/audit_trail.h"
#include "fair/fair.h"
#include "fair/fair_outcome_service.h"
#include "orders/order_service.h"
#include "support/access_fixture.h"

namespace kl::fair {
namespace {

using access::Role;
using nlohmann::json;
using test::Target;

class FairAtEventRoutesTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        test::WorldOptions options = test::on_backend(GetParam());
        options.services = [this](http::ApiDeps& deps, test::AccessWorld& world) {
            auto& trail = world.make<audit::AuditTrail>(world.store().backend(), world.clock());
            fairs_ = &world.make<Fairs>(world.store(), world.clock(), world.ids(), trail);
            auto& orders = world.make<orders::OrderService>(world.store(), world.clock(), world.ids());
            deps.fairs = fairs_;
            deps.fair_at_event = &world.make<FairAtEvent>(world.store(), world.clock(), world.ids(), trail, orders);
        };
        world_ = std::make_unique<test::AccessWorld>(options);
        producer_org = world().org_for(Role::producer, Target::own);
        buyer_org = world().org_for(Role::buyer, Target::own);
        product = sellable_product(producer_org);
        exec("UPDATE organisations SET district_code = 'jingan', channel = 'supermarket' WHERE id = $1", {buyer_org});
        live_event();
    }
    test::AccessWorld& world() { return *world_; }
    json call(Role role, const std::string& method, const std::string& path, const json& body = nullptr, int expected = 200,
              httplib::Headers headers = {}) {
        const auto reply = world().call_as(role, method, path, body.is_null() ? "" : body.dump(), std::move(headers));
        EXPECT_EQ(reply.status, expected) << method << " " << path << ": " << reply.body;
        return reply.body.empty() || reply.content_type.find("json") == std::string::npos ? json() : json::parse(reply.body);
    }
    int64_t count(const std::string& table) {
        auto rows = world().store().read([&](store::Tx& tx) { return tx.query("SELECT COUNT(*) FROM " + table); });
        return rows ? (*rows)[0].i64(0) : -1;
    }
    void exec(const std::string& sql, const store::Params& params) {
        auto done = world().store().write([&](store::Tx& tx) -> Result<void> {
            KL_TRY(tx.execute(sql, params));
            return ok();
        });
        ASSERT_TRUE(done) << done.error().message;
    }
    std::string sellable_product(const std::string& producer) {
        const std::string id = world().ids().next();
        exec("INSERT INTO products (id, producer_id, category_id, name_zh, name_en, unit_kind, unit_net_g, status, created_at_ms, "
             "updated_at_ms) VALUES ($1, $2, 'nuts_dried_fruit', '薄皮核桃', 'Paper-shell walnuts', 'kg', 1000, 'draft', 0, 0)",
             {id, producer});
        // A brand standard (the columns its CHECKs ask for), then active.
        exec("UPDATE products SET status = 'active', standard_version = 1, packaging_type = 'carton', packaging_net_g = 1000, storage_temp_min_c_x10 = 0, storage_temp_max_c_x10 = 250, storage_humidity_min_pct = 30, storage_humidity_max_pct = 70, shelf_life_days = 180, cold_chain = 'ambient', min_order_quantity = 1, standard_updated_at_ms = 0 WHERE id = $1", {id});
        exec("INSERT INTO product_grades (product_id, code, grade_rank, name_zh, name_en, list_price_fen) VALUES "
             "($1, 'A', 1, '一级', 'Grade A', 3000)",
             {id});
        exec("INSERT INTO product_channels (product_id, channel) VALUES ($1, 'fair_intent'), ($1, 'fair_onsite')", {id});
        return id;
    }
    // An event with the producer's organisation exhibiting and the buyer's meeting it, published and live.
    void live_event() {
        event_id = call(Role::admin, "POST", "/api/v1/fairs",
                        {{"kind", "trade_fair"}, {"name_zh", "喀什特色产品展销会"}, {"name_en", "Kashgar Products Fair"},
                         {"venue", "Shanghai"}, {"starts_on", "2026-10-10"}, {"ends_on", "2026-10-11"}},
                        201)
                       .at("id");
        base = "/api/v1/fairs/" + event_id;
        call(Role::admin, "POST", base + "/sessions", {{"held_on", "2026-10-10"}, {"starts_at", "09:00"}, {"ends_at", "10:00"}}, 201);
        call(Role::admin, "POST", base + "/tables", {{"number", 1}}, 201);
        call(Role::admin, "POST", base + "/state", {{"state", "registration"}});
        exhibitor_id = call(Role::producer, "POST", base + "/participants",
                            {{"side", "exhibitor"}, {"org_id", producer_org}, {"booth", "A1"}, {"product_ids", {product}},
                             {"meetings_min", 0}, {"meetings_max", 2}},
                            201)
                           .at("id");
        const std::string buyer = call(Role::buyer, "POST", base + "/participants",
                                       {{"side", "buyer"}, {"org_id", buyer_org}, {"person_name", "Li Ming"}, {"meetings_min", 0},
                                        {"meetings_max", 2}},
                                       201)
                                      .at("id");
        call(Role::buyer, "PUT", base + "/participants/" + buyer + "/preferences/" + exhibitor_id, {{"rating", "must_meet"}});
        call(Role::admin, "POST", base + "/state", {{"state", "scheduling"}});
        auto run = fairs_->schedules.run_now(std::nullopt, event_id, std::nullopt);
        ASSERT_TRUE(run) << run.error().message;
        call(Role::admin, "POST", base + "/schedules/" + run->id + "/publish");
        meeting_id = call(Role::admin, "GET", base + "/schedules/" + run->id + "/meetings").at("items").at(0).at("id");
        call(Role::admin, "POST", base + "/state", {{"state", "live"}});
    }

    std::string producer_org, buyer_org, product, event_id, base, exhibitor_id, meeting_id;

private:
    Fairs* fairs_ = nullptr;
    std::unique_ptr<test::AccessWorld> world_;
};

TEST_P(FairAtEventRoutesTest, AnIntendedOrderNeedsAKeyAndARetriedKeyIsOneOrder) {
    const std::string path = base + "/meetings/" + meeting_id + "/intents";
    const json body = {{"lines", {{{"product_id", product}, {"quantity", 200}, {"unit_price_fen", 2800}}}}};
    const json missing = call(Role::buyer, "POST", path, body, 400);
    EXPECT_EQ(missing.at("errors").at(0).at("field"), "Idempotency-Key");
    const httplib::Headers key = {{"Idempotency-Key", "intent-1"}};
    const json made = call(Role::buyer, "POST", path, body, 201, key);
    EXPECT_EQ(made.at("order").at("channel"), "fair_intent");
    EXPECT_EQ(made.at("order").at("status"), "intent");
    EXPECT_EQ(made.at("order").at("total_fen"), 560'000);
    EXPECT_EQ(made.at("order").at("delivery_district"), "jingan");
    const json again = call(Role::buyer, "POST", path, body, 201, key);
    EXPECT_EQ(again.at("order_id"), made.at("order_id"));
    EXPECT_EQ(count("fair_orders"), 1);
    EXPECT_EQ(count("orders"), 1);
    // Bad lines are named; nothing is written.
    const json negative = call(Role::buyer, "POST", path,
                               {{"lines", {{{"product_id", product}, {"quantity", -3}, {"unit_price_fen", 2800}}}}}, 400,
                               {{"Idempotency-Key", "intent-2"}});
    EXPECT_EQ(negative.at("errors").at(0).at("field"), "lines/0/quantity");
    const std::string foreign = sellable_product(world().org_for(Role::producer, Target::other));
    const json not_theirs = call(Role::buyer, "POST", path,
                                 {{"lines", {{{"product_id", foreign}, {"quantity", 3}, {"unit_price_fen", 2800}}}}}, 400,
                                 {{"Idempotency-Key", "intent-3"}});
    EXPECT_EQ(not_theirs.at("errors").at(0).at("field"), "lines/0/product_id");
    call(Role::buyer, "POST", base + "/meetings/not-a-meeting/intents", body, 404, {{"Idempotency-Key", "intent-4"}});
    call(Role::buyer, "POST", path, {{"lines", body.at("lines")}, {"buyer_org_id", buyer_org}}, 400, {{"Idempotency-Key", "intent-5"}});
    EXPECT_EQ(count("orders"), 1);
    // The buyer sees it among the event's orders; a logistics firm does not.
    EXPECT_EQ(call(Role::buyer, "GET", base + "/orders").at("items").size(), 1u);
    call(Role::logistics, "GET", base + "/orders", nullptr, 403);
}

TEST_P(FairAtEventRoutesTest, AnOnSiteSaleHasAReceiptAndTheReportIsASheet) {
    const httplib::Headers key = {{"Idempotency-Key", "sale-1"}};
    const json sale = call(Role::producer, "POST", base + "/participants/" + exhibitor_id + "/onsite-sales",
                           {{"lines", {{{"product_id", product}, {"quantity", 3}, {"unit_price_fen", 3000}}}},
                            {"delivery_district", "huangpu"}},
                           201, key);
    EXPECT_EQ(sale.at("walk_in"), true);
    const std::string receipt = base + "/participants/" + exhibitor_id + "/onsite-sales/" + sale.at("order_id").get<std::string>() + "/receipt";
    const json as_json = call(Role::producer, "GET", receipt + "?lang=en");
    EXPECT_EQ(as_json.at("total_fen"), 9000);
    EXPECT_EQ(as_json.at("lines").at(0).at("product_name"), "Paper-shell walnuts");
    const auto pdf = world().call_as(Role::producer, "GET", receipt + "?format=pdf");
    EXPECT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.content_type, "application/pdf");
    EXPECT_EQ(pdf.body.rfind("%PDF", 0), 0u);
    call(Role::producer, "GET", receipt + "?format=docx", nullptr, 400);
    call(Role::buyer, "GET", receipt, nullptr, 403);  // a walk-in sale: not the buyer's

    call(Role::producer, "PUT", base + "/meetings/" + meeting_id + "/outcome", {{"outcome", "maybe"}}, 400);
    const json held = call(Role::producer, "PUT", base + "/meetings/" + meeting_id + "/outcome", {{"outcome", "held"}, {"note", "签约意向"}});
    EXPECT_EQ(held.at("version"), 1);

    const json report = call(Role::auditor, "GET", "/api/v1/reports/fairs/" + event_id);
    EXPECT_EQ(report.at("total").at("onsite_fen"), 9000);
    EXPECT_EQ(report.at("meetings").at("held"), 1);
    const auto csv = world().call_as(Role::fund_officer, "GET", "/api/v1/reports/fairs/" + event_id + "?format=csv");
    EXPECT_EQ(csv.status, 200);
    EXPECT_NE(csv.content_type.find("text/csv"), std::string::npos);
    EXPECT_NE(csv.body.find("onsite_yuan"), std::string::npos);
    EXPECT_NE(csv.body.find("90.00"), std::string::npos);
    const auto xlsx = world().call_as(Role::admin, "GET", "/api/v1/reports/fairs/" + event_id + "?format=xlsx");
    EXPECT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u);  // a zip
    call(Role::producer, "GET", "/api/v1/reports/fairs/" + event_id, nullptr, 403);
    call(Role::buyer, "GET", "/api/v1/reports/fairs/" + event_id, nullptr, 403);
}

// The walk-in buyer is a system organisation the migrations made: two first walk-in sales at once
// both succeed and name the same buyer (it used to be made by the first sale, and on PostgreSQL the
// second got 409); it is in no organisation list, nobody edits it, no user joins it, and it is not a
// participant. Its sales are the report's own channel.
TEST_P(FairAtEventRoutesTest, TheWalkInBuyerIsASystemOrganisation) {
    const std::string path = base + "/participants/" + exhibitor_id + "/onsite-sales";
    const json body = {{"lines", {{{"product_id", product}, {"quantity", 1}, {"unit_price_fen", 3000}}}}, {"delivery_district", "huangpu"}};
    std::vector<test::HttpReply> replies(2);
    {
        std::vector<std::thread> sellers;
        for (size_t i = 0; i < replies.size(); ++i) {
            sellers.emplace_back([&, i] {
                replies[i] = world().call_as(Role::producer, "POST", path, body.dump(), {{"Idempotency-Key", "walk-in-" + std::to_string(i)}});
            });
        }
        for (auto& seller : sellers) seller.join();
    }
    ASSERT_EQ(replies[0].status, 201) << replies[0].body;
    ASSERT_EQ(replies[1].status, 201) << replies[1].body;
    const std::string walk_in = json::parse(replies[0].body).at("buyer_org_id");
    EXPECT_EQ(json::parse(replies[1].body).at("buyer_org_id"), walk_in);
    EXPECT_EQ(count("fair_walk_in_buyer"), 1);

    const json buyers = call(Role::admin, "GET", "/api/v1/organisations?kind=buyer&limit=100");
    for (const auto& item : buyers.at("items")) EXPECT_NE(item.at("id"), walk_in) << "in the organisation list";
    EXPECT_EQ(buyers.at("items").size(), 2u);  // the world's two buyers
    const json refused = call(Role::admin, "PUT", "/api/v1/organisations/" + walk_in,
                              {{"name", "散客"}, {"name_en", "Walk-ins"}, {"kind", "buyer"}}, 422);
    EXPECT_EQ(refused.at("code"), "refused");
    const json no_user = call(Role::admin, "POST", "/api/v1/users",
                              {{"username", "walkin.user"}, {"display_name", "W"}, {"password", test::test_password},
                               {"role", "buyer"}, {"org_id", walk_in}},
                              400, {{"Idempotency-Key", "walk-in-user"}});
    EXPECT_EQ(no_user.at("errors").at(0).at("field"), "org_id");
    const json not_participant = call(Role::admin, "POST", base + "/participants",
                                      {{"side", "buyer"}, {"org_id", walk_in}, {"person_name", "Anyone"}, {"meetings_min", 0},
                                       {"meetings_max", 1}},
                                      400);
    EXPECT_EQ(not_participant.at("errors").at(0).at("field"), "org_id");

    // Naming the walk-in buyer is the same as naming none.
    json named = body;
    named["buyer_org_id"] = walk_in;
    EXPECT_EQ(call(Role::producer, "POST", path, named, 201, {{"Idempotency-Key", "walk-in-named"}}).at("walk_in"), true);
    const json report = call(Role::admin, "GET", "/api/v1/reports/fairs/" + event_id);
    bool walk_in_channel = false;
    for (const auto& figure : report.at("by_buyer_channel")) {
        if (figure.at("key") == "walk_in") {
            walk_in_channel = true;
            EXPECT_EQ(figure.at("onsite_orders"), 3);
            EXPECT_EQ(figure.at("onsite_fen"), 9000);
        }
    }
    EXPECT_TRUE(walk_in_channel) << report.dump();
}

INSTANTIATE_TEST_SUITE_P(Backends, FairAtEventRoutesTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::fair
