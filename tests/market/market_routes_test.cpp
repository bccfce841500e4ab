// The market through the real server on every backend: an allocation run as a job, its proposals,
// acceptance by both sides through the OrderSink (exactly once, in the acceptance's transaction),
// and bad input that names the field and writes nothing.
#include <gtest/gtest.h>

#include <cctype>
#include <tuple>

#include "market_world.h"

namespace kl::market::testing {
namespace {

using nlohmann::json;

class MarketRoutes : public ::testing::TestWithParam<std::string> {};

json body_of(const test::HttpReply& reply) { return json::parse(reply.body); }

std::vector<json> proposals_of(MarketWorld& w, Role role, const std::string& run_id) {
    const auto reply = w.world().call_as(role, "GET", "/api/v1/allocations/" + run_id + "/proposals?limit=200");
    EXPECT_EQ(reply.status, 200) << reply.body;
    const json body = body_of(reply);  // kept: iterating a member of a temporary would dangle
    std::vector<json> out;
    for (const auto& item : body.at("items")) out.push_back(item);
    return out;
}

TEST_P(MarketRoutes, AllocationRunProposesTheCheapestFeasibleShipments) {
    MarketWorld w(GetParam());
    const json run = w.run_allocation(Role::fund_officer);
    ASSERT_EQ(run.at("status"), "done") << run.dump();
    const json& totals = run.at("totals");
    EXPECT_EQ(totals.at("offer_count"), 2);
    EXPECT_EQ(totals.at("demand_count"), 2);
    EXPECT_EQ(totals.at("allocated_g"), 80'000);  // 50 kg for own demand, 30 kg for the other
    EXPECT_EQ(totals.at("unmet_g"), 0);
    EXPECT_EQ(totals.at("delivered_cost_mfen"), 50'000 * 2120 + 30'000 * 1630);
    EXPECT_EQ(totals.at("objective_mfen"), totals.at("delivered_cost_mfen"));

    const auto all = proposals_of(w, Role::admin, run.at("id"));
    ASSERT_EQ(all.size(), 2u);
    for (const auto& p : all) {
        EXPECT_EQ(p.at("mode"), "truck");  // 6 days leaves 114 of 120 days, far above the 5 asked
        EXPECT_EQ(p.at("status"), "proposed");
        // Shache→Pudong 144 h is 6 days; Bachu→Pudong 150 h rounds up to 7.
        EXPECT_EQ(p.at("arrival_date"), w.day(p.at("offer_id") == w.own_offer ? 6 : 7));
        // Named for the people who decide: the product, both organisations and the lane's ends, as
        // their own records name them.
        const auto get = [&](const std::string& path) { return body_of(w.world().call_as(Role::admin, "GET", path)); };
        const json product = get("/api/v1/products/" + p.at("product_id").get<std::string>());
        EXPECT_EQ(p.at("product_name_zh"), product.at("name_zh"));
        EXPECT_EQ(p.at("product_name_en"), product.at("name_en"));
        EXPECT_EQ(p.at("seller_name"), get("/api/v1/organisations/" + p.at("seller_org_id").get<std::string>()).at("name"));
        EXPECT_EQ(p.at("buyer_name"), get("/api/v1/organisations/" + p.at("buyer_org_id").get<std::string>()).at("name"));
        EXPECT_FALSE(p.at("origin_name_zh").get<std::string>().empty());
        EXPECT_FALSE(p.at("destination_name_en").get<std::string>().empty());
        if (p.at("offer_id") == w.own_offer) {
            EXPECT_EQ(p.at("demand_id"), w.own_demand);
            EXPECT_EQ(p.at("quantity_g"), 50'000);
            EXPECT_EQ(p.at("delivered_price_fen_per_kg"), 2120);
            EXPECT_EQ(p.at("shelf_life_left_days"), 114);
        }
    }
    // Scoped roles see only the proposals their organisation is a side of.
    EXPECT_EQ(proposals_of(w, Role::producer, run.at("id")).size(), 1u);
    EXPECT_EQ(proposals_of(w, Role::buyer, run.at("id")).size(), 1u);
    EXPECT_EQ(proposals_of(w, Role::logistics, run.at("id")).size(), 0u);
    EXPECT_EQ(proposals_of(w, Role::county_officer, run.at("id")).size(), 0u);
}

TEST_P(MarketRoutes, ARetriedStartWithTheSameKeyIsTheSameRunAndItRuns) {
    MarketWorld w(GetParam());
    const int64_t runs_before = w.count("allocation_runs");
    // The run is recorded inside the idempotent pipeline's write; its job must still find and run it.
    const json first = w.run_allocation(Role::fund_officer, "", "alloc-key-1");
    EXPECT_EQ(first.at("status"), "done") << first.dump();
    const test::HttpReply again = w.world().call_as(Role::fund_officer, "POST", "/api/v1/allocations", "",
                                                    {{"Idempotency-Key", "alloc-key-1"}});
    ASSERT_EQ(again.status, 202) << again.body;
    EXPECT_EQ(body_of(again).at("id"), first.at("id"));
    EXPECT_EQ(w.count("allocation_runs"), runs_before + 1);
    // Another key is another run.
    const json second = w.run_allocation(Role::fund_officer, "", "alloc-key-2");
    EXPECT_NE(second.at("id"), first.at("id"));
    EXPECT_EQ(second.at("status"), "done");
    EXPECT_EQ(w.count("allocation_runs"), runs_before + 2);
}

TEST_P(MarketRoutes, OffersAndDemandsExportAsTheListShowsThem) {
    MarketWorld w(GetParam());
    auto all = w.world().call_as(Role::admin, "GET", "/api/v1/exports/offers.csv");
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(all.body.find("id,ref,org_id,product_id,product_name_zh,grade,quantity_g,price_fen_per_kg,"), 3u) << all.body;
    EXPECT_NE(all.body.find(w.own_offer + ","), std::string::npos);
    EXPECT_NE(all.body.find(w.other_offer + ","), std::string::npos);
    EXPECT_NE(all.body.find(",100000,2000,"), std::string::npos) << all.body;  // grams and fen per kg, as numbers
    // A producer exports only its own organisation's offers, like the list.
    auto own = w.world().call_as(Role::producer, "GET", "/api/v1/exports/offers.csv");
    ASSERT_EQ(own.status, 200) << own.body;
    EXPECT_NE(own.body.find(w.own_offer), std::string::npos);
    EXPECT_EQ(own.body.find(w.other_offer), std::string::npos);
    auto demands = w.world().call_as(Role::buyer, "GET", "/api/v1/exports/demands.xlsx");
    ASSERT_EQ(demands.status, 200);
    EXPECT_EQ(demands.body.substr(0, 2), "PK");
    auto withdrawn = w.world().call_as(Role::admin, "GET", "/api/v1/exports/demands.csv?status=withdrawn");
    ASSERT_EQ(withdrawn.status, 200);
    EXPECT_EQ(withdrawn.body.find(w.own_demand), std::string::npos);
    auto bad = w.world().call_as(Role::admin, "GET", "/api/v1/exports/offers.csv?status=sold");
    ASSERT_EQ(bad.status, 400);
    EXPECT_EQ(body_of(bad).at("errors")[0].at("field"), "status");
    EXPECT_EQ(w.world().call("GET", "/api/v1/exports/offers.csv").status, 401);
}

TEST_P(MarketRoutes, BothAcceptancesMakeExactlyOneOrderThroughTheSink) {
    MarketWorld w(GetParam());
    const json run = w.run_allocation();
    const auto mine = proposals_of(w, Role::producer, run.at("id"));
    ASSERT_EQ(mine.size(), 1u);
    const std::string base = "/api/v1/allocations/" + run.at("id").get<std::string>() + "/proposals/" +
                             mine[0].at("id").get<std::string>();

    auto seller = w.world().call_as(Role::producer, "POST", base + "/accept");
    ASSERT_EQ(seller.status, 200) << seller.body;
    EXPECT_EQ(body_of(seller).at("seller_decision"), "accepted");
    EXPECT_EQ(body_of(seller).at("status"), "proposed");
    EXPECT_EQ(w.sink().count(), 0u);

    auto buyer = w.world().call_as(Role::buyer, "POST", base + "/accept");
    ASSERT_EQ(buyer.status, 200) << buyer.body;
    EXPECT_EQ(body_of(buyer).at("status"), "confirmed");
    EXPECT_EQ(body_of(buyer).at("order_id"), "order-" + mine[0].at("id").get<std::string>());
    ASSERT_EQ(w.sink().count(), 1u);
    const AcceptedProposal& call = w.sink().calls[0];
    EXPECT_EQ(call.proposal_id, mine[0].at("id"));
    EXPECT_EQ(call.seller_org_id, w.org(Role::producer, Target::own));
    EXPECT_EQ(call.buyer_org_id, w.org(Role::buyer, Target::own));
    EXPECT_EQ(call.quantity_g, 50'000);
    EXPECT_EQ(call.unit_price_fen_per_kg, 2120);
    EXPECT_EQ(call.delivery_date, w.day(6));
    EXPECT_EQ(call.mode, "truck");
    EXPECT_EQ(call.district_code, "pudong");
    EXPECT_EQ(call.actor_user_id, w.world().as(Role::buyer).user.id);
    EXPECT_EQ(w.count("market_test_orders"), 1);

    // Accepting again changes nothing and makes no second order; declining now is a conflict.
    EXPECT_EQ(w.world().call_as(Role::buyer, "POST", base + "/accept").status, 200);
    EXPECT_EQ(w.world().call_as(Role::producer, "POST", base + "/accept").status, 200);
    EXPECT_EQ(w.sink().count(), 1u);
    EXPECT_EQ(w.world().call_as(Role::buyer, "POST", base + "/decline").status, 409);

    // A second run sees the confirmed 50 kg as taken: the own demand is met, the offer has 50 kg left.
    const json again = w.run_allocation();
    EXPECT_EQ(again.at("totals").at("demand_count"), 1);
    EXPECT_EQ(again.at("totals").at("allocated_g"), 30'000);
}

TEST_P(MarketRoutes, AFailingSinkRollsTheAcceptanceBack) {
    MarketWorld w(GetParam());
    const json run = w.run_allocation();
    const auto mine = proposals_of(w, Role::producer, run.at("id"));
    ASSERT_EQ(mine.size(), 1u);
    const std::string base = "/api/v1/allocations/" + run.at("id").get<std::string>() + "/proposals/" +
                             mine[0].at("id").get<std::string>();
    ASSERT_EQ(w.world().call_as(Role::producer, "POST", base + "/accept").status, 200);
    w.sink().fails = true;
    const auto refused = w.world().call_as(Role::buyer, "POST", base + "/accept");
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(w.sink().count(), 1u);
    // The sink's own row went with the rollback, and the buyer's acceptance was not recorded.
    EXPECT_EQ(w.count("market_test_orders"), 0);
    const auto after = proposals_of(w, Role::buyer, run.at("id"));
    ASSERT_EQ(after.size(), 1u);
    EXPECT_TRUE(after[0].at("buyer_decision").is_null());
    EXPECT_EQ(after[0].at("status"), "proposed");
    // Once the sink works the same acceptance goes through.
    w.sink().fails = false;
    const auto accepted = w.world().call_as(Role::buyer, "POST", base + "/accept");
    EXPECT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(body_of(accepted).at("status"), "confirmed");
    EXPECT_EQ(w.count("market_test_orders"), 1);
}

TEST_P(MarketRoutes, DeclineEndsAProposalAndNoOrderIsMade) {
    MarketWorld w(GetParam());
    const json run = w.run_allocation();
    const auto mine = proposals_of(w, Role::buyer, run.at("id"));
    ASSERT_EQ(mine.size(), 1u);
    const std::string base = "/api/v1/allocations/" + run.at("id").get<std::string>() + "/proposals/" +
                             mine[0].at("id").get<std::string>();
    const auto declined = w.world().call_as(Role::buyer, "POST", base + "/decline");
    ASSERT_EQ(declined.status, 200) << declined.body;
    EXPECT_EQ(body_of(declined).at("status"), "declined");
    EXPECT_EQ(w.world().call_as(Role::producer, "POST", base + "/accept").status, 409);
    EXPECT_EQ(w.sink().count(), 0u);
}

// A proposal keeps its lane: a lane named by one is refused deletion, while a lane no proposal names
// goes. (Finding them reads the proposals without an index on lane_id, on purpose: see migration 0013.)
TEST_P(MarketRoutes, ALaneNamedByAProposalIsKeptAndAnUnusedOneIsDeleted) {
    MarketWorld w(GetParam());
    const json run = w.run_allocation();
    ASSERT_EQ(run.at("status"), "done") << run.dump();
    const auto refused = w.world().call_as(Role::admin, "DELETE", "/api/v1/lanes/" + w.truck_lane);
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(w.world().call_as(Role::admin, "GET", "/api/v1/lanes/" + w.truck_lane).status, 200);
    // Air freight is dearer than the truck on the same route, so no proposal chose it.
    const auto deleted = w.world().call_as(Role::admin, "DELETE", "/api/v1/lanes/" + w.air_lane);
    EXPECT_LT(deleted.status, 300) << deleted.body;
    EXPECT_EQ(w.world().call_as(Role::admin, "GET", "/api/v1/lanes/" + w.air_lane).status, 404);
    EXPECT_EQ(w.count("allocation_proposals"), 2);
}

TEST_P(MarketRoutes, ABuyerIsOfferedOnlyProductsSoldThroughItsChannel) {
    MarketWorld w(GetParam());
    // The other buyer becomes a budget unit, which orders for canteens; the other product's standard
    // lists wholesale and supermarkets only, so its demand cannot be served (an order would be refused).
    ASSERT_TRUE(w.world().store().write([&](store::Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("UPDATE organisations SET channel = 'budget_unit' WHERE id = $1", {w.org(Role::buyer, Target::other)}));
        return ok();
    }));
    const json run = w.run_allocation(Role::admin);
    ASSERT_EQ(run.at("status"), "done") << run.dump();
    EXPECT_EQ(run.at("totals").at("allocated_g"), 50'000);
    EXPECT_EQ(run.at("totals").at("unmet_g"), 30'000);
    const auto all = proposals_of(w, Role::admin, run.at("id"));
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].at("demand_id"), w.own_demand);
}

TEST_P(MarketRoutes, NoFeasibleArcIsACleanEmptyRun) {
    MarketWorld w(GetParam());
    // Planned on day 10, the last day of every offer and demand: even air freight arrives on day 11.
    const json run = w.run_allocation(Role::admin, json({{"as_of", w.day(10)}}).dump());
    ASSERT_EQ(run.at("status"), "done") << run.dump();
    EXPECT_EQ(run.at("totals").at("arc_count"), 0);
    EXPECT_EQ(run.at("totals").at("proposal_count"), 0);
    EXPECT_EQ(run.at("totals").at("unmet_g"), 80'000);
    EXPECT_TRUE(proposals_of(w, Role::admin, run.at("id")).empty());
    const auto unmet = w.world().call_as(Role::admin, "GET", "/api/v1/allocations/" + run.at("id").get<std::string>() + "/unmet");
    ASSERT_EQ(unmet.status, 200);
    EXPECT_EQ(body_of(unmet).at("items").size(), 2u);
    // The buyer sees its own shortfall only.
    const auto own = w.world().call_as(Role::buyer, "GET", "/api/v1/allocations/" + run.at("id").get<std::string>() + "/unmet");
    ASSERT_EQ(body_of(own).at("items").size(), 1u);
    EXPECT_EQ(body_of(own).at("items")[0].at("demand_id"), w.own_demand);
}

TEST_P(MarketRoutes, AnOfferOfAnUncertifiedProductIsAllowed) {
    MarketWorld w(GetParam());
    // own_product's certificate is still in its public notice: not certified today.
    const auto made = w.world().call_as(Role::producer, "POST", "/api/v1/offers",
                                        w.offer_body(w.org(Role::producer, Target::own), w.catalog().own_product).dump());
    EXPECT_EQ(made.status, 201) << made.body;
    // But it does not count toward an aid minimum: a demand asking 10 kg of aided supply is short.
    auto demand = w.demand_body(w.org(Role::buyer, Target::own), w.catalog().own_product);
    demand["min_aided_g"] = 10'000;
    ASSERT_EQ(w.world().call_as(Role::buyer, "PUT", "/api/v1/demands/" + w.own_demand,
                                [&] { demand.erase("org_id"); return demand.dump(); }()).status, 200);
    const json run = w.run_allocation();
    EXPECT_EQ(run.at("totals").at("aided_shortfall_g"), 10'000);
    EXPECT_EQ(run.at("totals").at("unmet_g"), 10'000);
}

// Issue 12 item 8: a demand PUT that leaves out its aid quota or shelf-life floor keeps them (they used
// to fall to 0, silently dropping the aid requirement).
TEST_P(MarketRoutes, APartialDemandPutKeepsItsAidQuotaAndShelfLife) {
    MarketWorld w(GetParam());
    auto demand = w.demand_body(w.org(Role::buyer, Target::own), w.catalog().own_product);
    demand.erase("org_id");
    demand["min_aided_g"] = 10'000;
    demand["min_shelf_life_days"] = 20;
    ASSERT_EQ(w.world().call_as(Role::buyer, "PUT", "/api/v1/demands/" + w.own_demand, demand.dump()).status, 200);
    demand.erase("min_aided_g");
    demand.erase("min_shelf_life_days");
    demand["quantity_g"] = 90'000;
    const auto changed = w.world().call_as(Role::buyer, "PUT", "/api/v1/demands/" + w.own_demand, demand.dump());
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(body_of(changed).at("quantity_g"), 90'000);
    EXPECT_EQ(body_of(changed).at("min_aided_g"), 10'000);
    EXPECT_EQ(body_of(changed).at("min_shelf_life_days"), 20);
    demand["min_aided_g"] = 0;
    EXPECT_EQ(body_of(w.world().call_as(Role::buyer, "PUT", "/api/v1/demands/" + w.own_demand, demand.dump())).at("min_aided_g"), 0);
}

TEST_P(MarketRoutes, BadInputNamesTheFieldAndWritesNothing) {
    MarketWorld w(GetParam());
    const std::string producer = w.org(Role::producer, Target::own);
    const std::string buyer = w.org(Role::buyer, Target::own);
    const int64_t offers_before = w.count("market_offers");
    const int64_t demands_before = w.count("market_demands");
    const int64_t lanes_before = w.count("market_lanes");

    auto expect_field = [&](Role role, const std::string& method, const std::string& path, const json& body,
                            const std::string& field, int status = 400) {
        const auto reply = w.world().call_as(role, method, path, body.dump());
        EXPECT_EQ(reply.status, status) << path << " " << body.dump() << " " << reply.body;
        EXPECT_NE(reply.body.find("\"" + field + "\""), std::string::npos) << field << " not named in " << reply.body;
    };
    const json offer = w.offer_body(producer, w.catalog().own_product);
    for (const json& quantity : {json(-5), json(0), json(1.5), json("100000")}) {
        json bad = offer;
        bad["quantity_g"] = quantity;
        expect_field(Role::producer, "POST", "/api/v1/offers", bad, "quantity_g");
    }
    for (const json& price : {json(20.5), json("2000"), json(0), json(-1)}) {
        json bad = offer;
        bad["price_fen_per_kg"] = price;
        expect_field(Role::producer, "POST", "/api/v1/offers", bad, "price_fen_per_kg");
    }
    json bad_offer = offer;
    bad_offer["grade"] = "Z";
    expect_field(Role::producer, "POST", "/api/v1/offers", bad_offer, "grade");
    bad_offer = offer;
    bad_offer["available_to"] = w.day(-3);
    expect_field(Role::producer, "POST", "/api/v1/offers", bad_offer, "available_to");
    bad_offer = offer;
    bad_offer["origin_node_id"] = "dest-pudong";
    expect_field(Role::producer, "POST", "/api/v1/offers", bad_offer, "origin_node_id");
    bad_offer = offer;
    bad_offer["packed_on"] = "2026-02-30";
    expect_field(Role::producer, "POST", "/api/v1/offers", bad_offer, "packed_on");
    bad_offer = offer;
    bad_offer["product_id"] = w.catalog().other_product;  // not this producer's product
    expect_field(Role::admin, "POST", "/api/v1/offers", bad_offer, "product_id");
    bad_offer = offer;
    bad_offer["colour"] = "red";
    expect_field(Role::producer, "POST", "/api/v1/offers", bad_offer, "colour");

    const json demand = w.demand_body(buyer, w.catalog().own_product);
    json bad = demand;
    bad["max_price_fen_per_kg"] = 29.99;
    expect_field(Role::buyer, "POST", "/api/v1/demands", bad, "max_price_fen_per_kg");
    bad = demand;
    bad["quantity_g"] = -1;
    expect_field(Role::buyer, "POST", "/api/v1/demands", bad, "quantity_g");
    bad = demand;
    bad["category_id"] = "fresh_fruit";
    expect_field(Role::buyer, "POST", "/api/v1/demands", bad, "product_id");
    bad = demand;
    bad["min_aided_g"] = 60'000;
    expect_field(Role::buyer, "POST", "/api/v1/demands", bad, "min_aided_g");
    bad = demand;
    bad["district"] = "kashgar";
    expect_field(Role::buyer, "POST", "/api/v1/demands", bad, "district");
    bad = demand;
    bad.erase("product_id");
    bad.erase("min_grade");
    bad["category_id"] = "fresh_fruit";
    expect_field(Role::buyer, "POST", "/api/v1/demands", bad, "min_grade_rank");
    bad = demand;
    bad["org_id"] = w.org(Role::producer, Target::own);  // not a buyer organisation
    expect_field(Role::admin, "POST", "/api/v1/demands", bad, "org_id");
    bad["org_id"] = "no-such-org";  // still org_id, though the command line's import calls it --org
    expect_field(Role::admin, "POST", "/api/v1/demands", bad, "org_id");

    const json lane = {{"origin_node_id", "origin-zepu"}, {"destination_node_id", "dest-xuhui"}, {"mode", "rail"},
                       {"transit_hours", 120}, {"cost_fen_per_kg", 80}, {"temperature_class", "chilled_0_4"}};
    json bad_lane = lane;
    bad_lane["mode"] = "ship";
    expect_field(Role::admin, "POST", "/api/v1/lanes", bad_lane, "mode");
    bad_lane = lane;
    bad_lane["cost_fen_per_kg"] = -1;
    expect_field(Role::admin, "POST", "/api/v1/lanes", bad_lane, "cost_fen_per_kg");
    bad_lane = lane;
    bad_lane["transit_hours"] = 1.5;
    expect_field(Role::admin, "POST", "/api/v1/lanes", bad_lane, "transit_hours");
    bad_lane = lane;
    bad_lane["destination_node_id"] = "origin-bachu";
    expect_field(Role::admin, "POST", "/api/v1/lanes", bad_lane, "destination_node_id");
    bad_lane = lane;
    bad_lane["origin_node_id"] = "origin-shache";
    bad_lane["destination_node_id"] = "dest-pudong";
    bad_lane["mode"] = "truck";
    expect_field(Role::admin, "POST", "/api/v1/lanes", bad_lane, "mode", 409);  // that lane exists

    expect_field(Role::admin, "POST", "/api/v1/allocations", json{{"as_of", "tomorrow"}}, "as_of");
    EXPECT_EQ(w.world().call_as(Role::admin, "GET", "/api/v1/offers?limit=0").status, 400);
    EXPECT_EQ(w.world().call_as(Role::admin, "GET", "/api/v1/offers?status=sold").status, 400);
    EXPECT_EQ(w.world().call_as(Role::admin, "GET", "/api/v1/lanes?mode=ship").status, 400);

    EXPECT_EQ(w.count("market_offers"), offers_before);
    EXPECT_EQ(w.count("market_demands"), demands_before);
    EXPECT_EQ(w.count("market_lanes"), lanes_before);
    EXPECT_EQ(w.count("allocation_runs"), 0);
}

TEST_P(MarketRoutes, ListsPage) {
    MarketWorld w(GetParam());
    const auto first = w.world().call_as(Role::admin, "GET", "/api/v1/offers?limit=1");
    ASSERT_EQ(first.status, 200);
    const json page = body_of(first);
    ASSERT_EQ(page.at("items").size(), 1u);
    ASSERT_FALSE(page.at("next_cursor").is_null());
    const auto second = w.world().call_as(Role::admin, "GET", "/api/v1/offers?limit=1&cursor=" +
                                                                  page.at("next_cursor").get<std::string>());
    ASSERT_EQ(body_of(second).at("items").size(), 1u);
    EXPECT_NE(body_of(second).at("items")[0].at("id"), page.at("items")[0].at("id"));
    EXPECT_TRUE(body_of(second).at("next_cursor").is_null());
    // Scoped roles see only their own organisation's listings.
    const auto mine = body_of(w.world().call_as(Role::producer, "GET", "/api/v1/offers"));
    ASSERT_EQ(mine.at("items").size(), 1u);
    EXPECT_EQ(mine.at("items")[0].at("id"), w.own_offer);
    EXPECT_EQ(mine.at("items")[0].at("best_before"), w.day(120));
    EXPECT_EQ(body_of(w.world().call_as(Role::buyer, "GET", "/api/v1/offers")).at("items").size(), 0u);
    const auto demands = body_of(w.world().call_as(Role::buyer, "GET", "/api/v1/demands"));
    ASSERT_EQ(demands.at("items").size(), 1u);
    // A demand names what it asks for, so a list needs no second read.
    EXPECT_EQ(demands.at("items")[0].at("target_name_zh"), "莎车核桃");
    EXPECT_EQ(demands.at("items")[0].at("target_name_en"), "莎车核桃 (en)");
}

// Offers and demands are one list twice: searched by names (the product's, the organisation's),
// dated by the Beijing day listed, creation order either way with keyset pages, and an
// organisation-scoped user finds only its own organisation's listings whatever it searches.
TEST_P(MarketRoutes, ListingsAreSearchedDatedAndPagedNewestFirst) {
    MarketWorld w(GetParam());
    using test::list_ids;
    test::AccessWorld& world = w.world();
    const std::string today = w.day(0);
    for (const auto& [path, own, other, scoped] : {std::tuple{"/api/v1/offers", w.own_offer, w.other_offer, Role::producer},
                                                    std::tuple{"/api/v1/demands", w.own_demand, w.other_demand, Role::buyer}}) {
        const std::string list = std::string(path) + "?";
        EXPECT_EQ(list_ids(world, Role::admin, list).ids, (std::vector<std::string>{own, other})) << path;
        EXPECT_EQ(list_ids(world, Role::admin, list + "sort=newest").ids, (std::vector<std::string>{other, own})) << path;
        const auto first = list_ids(world, Role::admin, list + "sort=newest&limit=1");
        EXPECT_EQ(first.ids, std::vector<std::string>{other}) << path;
        ASSERT_FALSE(first.next_cursor.empty());
        const auto second = list_ids(world, Role::admin, list + "sort=newest&limit=1&cursor=" + first.next_cursor);
        EXPECT_EQ(second.ids, std::vector<std::string>{own}) << path;
        EXPECT_TRUE(second.next_cursor.empty());

        // The organisation's name and the product's names find a listing, in any case.
        const json own_listing = body_of(world.call_as(Role::admin, "GET", std::string(path) + "/" + own));
        const std::string org_name = own_listing.at("org_name");
        EXPECT_EQ(org_name, body_of(world.call_as(Role::admin, "GET", "/api/v1/organisations/" + own_listing.at("org_id").get<std::string>())).at("name"));
        EXPECT_EQ(list_ids(world, Role::admin, list + "q=" + test::query_text(org_name)).ids, std::vector<std::string>{own}) << path;
        const json product = body_of(world.call_as(Role::admin, "GET", "/api/v1/products/" + w.catalog().own_product));
        EXPECT_EQ(list_ids(world, Role::admin, list + "q=" + test::query_text(product.at("name_zh").get<std::string>())).ids, std::vector<std::string>{own});
        std::string upper = product.at("name_en");
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        EXPECT_EQ(list_ids(world, Role::admin, list + "q=" + test::query_text(upper)).ids, std::vector<std::string>{own}) << upper;
        EXPECT_TRUE(list_ids(world, Role::admin, list + "q=nothing-is-called-this").ids.empty());
        EXPECT_EQ(list_ids(world, Role::admin, list + "q=" + other).ids, std::vector<std::string>{other});

        // The day listed, in Beijing time, both ends inclusive.
        EXPECT_EQ(list_ids(world, Role::admin, list + "from=" + today + "&to=" + today).ids.size(), 2u);
        EXPECT_TRUE(list_ids(world, Role::admin, list + "from=" + w.day(1)).ids.empty());
        EXPECT_TRUE(list_ids(world, Role::admin, list + "to=" + w.day(-1)).ids.empty());

        // Scoped: the other organisation's listing is not found, not even by its name or id.
        EXPECT_EQ(list_ids(world, scoped, list + "sort=newest").ids, std::vector<std::string>{own}) << path;
        EXPECT_TRUE(list_ids(world, scoped, list + "q=" + other).ids.empty());
        const json other_listing = body_of(world.call_as(Role::admin, "GET", std::string(path) + "/" + other));
        EXPECT_TRUE(list_ids(world, scoped, list + "q=" + test::query_text(other_listing.at("org_name").get<std::string>())).ids.empty());

        // Bad windows are refused naming the field and its problem code.
        const auto bad = world.call_as(Role::admin, "GET", list + "sort=sideways&from=2026-02-30&q=" + std::string(101, 'x'));
        EXPECT_EQ(bad.status, 400) << bad.body;
        EXPECT_EQ(test::problem_field_codes(bad),
                  (std::vector<std::string>{"q:length_out_of_range", "from:not_a_date", "sort:not_one_of"})) << bad.body;
        const auto backwards = world.call_as(Role::admin, "GET", list + "from=2026-03-02&to=2026-03-01");
        EXPECT_EQ(backwards.status, 400);
        EXPECT_EQ(test::problem_field_codes(backwards), std::vector<std::string>{"to:before_other_field"});
    }
}

// A run's proposals are found by what the deciders read (product, seller, buyer, lane ends by name),
// dated by arrival, and paged newest first; a producer or buyer still sees only its own side's.
TEST_P(MarketRoutes, ProposalsAreSearchedDatedAndPaged) {
    MarketWorld w(GetParam());
    using test::list_ids;
    test::AccessWorld& world = w.world();
    const json run = w.run_allocation(Role::fund_officer);
    ASSERT_EQ(run.at("status"), "done") << run.dump();
    const std::string list = "/api/v1/allocations/" + run.at("id").get<std::string>() + "/proposals?";
    const auto all = list_ids(world, Role::admin, list).ids;
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(list_ids(world, Role::admin, list + "sort=newest").ids, (std::vector<std::string>{all[1], all[0]}));
    const auto first = list_ids(world, Role::admin, list + "sort=newest&limit=1");
    EXPECT_EQ(first.ids, std::vector<std::string>{all[1]});
    EXPECT_EQ(list_ids(world, Role::admin, list + "sort=newest&limit=1&cursor=" + first.next_cursor).ids, std::vector<std::string>{all[0]});

    const std::vector<json> proposals = proposals_of(w, Role::admin, run.at("id"));
    for (const json& p : proposals) {
        const std::vector<std::string> just{p.at("id").get<std::string>()};
        EXPECT_EQ(list_ids(world, Role::admin, list + "q=" + test::query_text(p.at("product_name_zh").get<std::string>())).ids, just);
        EXPECT_EQ(list_ids(world, Role::admin, list + "q=" + test::query_text(p.at("seller_name").get<std::string>())).ids, just);
        EXPECT_EQ(list_ids(world, Role::admin, list + "q=" + test::query_text(p.at("buyer_name").get<std::string>())).ids, just);
        const std::string arrival = p.at("arrival_date");
        EXPECT_EQ(list_ids(world, Role::admin, list + "from=" + arrival + "&to=" + arrival).ids, just) << arrival;
    }
    // Both lanes end in Pudong: its name finds both; each origin finds its own.
    EXPECT_EQ(list_ids(world, Role::admin, list + "q=" + test::query_text(proposals[0].at("destination_name_zh").get<std::string>())).ids.size(), 2u);
    EXPECT_TRUE(list_ids(world, Role::admin, list + "q=no-such-lane").ids.empty());

    // The producer's side only, even searching for the other producer's proposal by its seller.
    const json& foreign = proposals[0].at("offer_id") == w.own_offer ? proposals[1] : proposals[0];
    EXPECT_EQ(list_ids(world, Role::producer, list).ids.size(), 1u);
    EXPECT_TRUE(list_ids(world, Role::producer, list + "q=" + test::query_text(foreign.at("seller_name").get<std::string>())).ids.empty());
    EXPECT_TRUE(list_ids(world, Role::buyer, list + "q=" + test::query_text(foreign.at("buyer_name").get<std::string>())).ids.empty());

    const auto bad = world.call_as(Role::admin, "GET", list + "sort=up&to=2026-13-01");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(test::problem_field_codes(bad), (std::vector<std::string>{"to:not_a_date", "sort:not_one_of"})) << bad.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, MarketRoutes, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::market::testing
