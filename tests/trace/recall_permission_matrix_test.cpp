// THE TRACE-AND-RECALL PERMISSION MATRIX: the trace, sheet and recall routes × the seven roles, through
// the real server with real sign-in, on SQLite and PostgreSQL (tests/support/access_fixture.h). The
// world is the trace matrix's: the own cooperative (Shache) has a lot shipped on an order of the own
// buyer carried by the own logistics firm, and a lot that never shipped; the other producer (Bachu) has
// a lot of its own; the shipped lot also went to the other buyer. The county officer (Shache) has
// opened a recall of the shipped lot.
#include <gtest/gtest.h>

#include "trace_world.h"

namespace kl::trace::testing {
namespace {

class RecallMatrix : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        w = std::make_unique<TraceWorld>(GetParam());
        shipped = w->own_lot("R-SHIPPED", 50);
        unsold = w->own_lot("R-UNSOLD", 50);
        theirs = w->lot(w->org(Role::producer, Target::other), w->other_product, "R-THEIRS", 50);
        const std::string order = w->order_in(orders::OrderStatus::confirmed);
        orders::TransitionInput ship;
        ship.carrier_id = w->org(Role::logistics, Target::own);
        ship.line_lots = {orders::LineLots{1, {orders::LotShare{shipped, 10}}}};
        must(w->orders().orders.transition(std::nullopt, order, orders::OrderAction::ship, ship), "ship");
        // The other buyer received some too, so the own buyer's acknowledgement leaves the recall open.
        orders::NewOrder theirs_order;
        theirs_order.buyer_id = w->org(Role::buyer, Target::other);
        theirs_order.seller_id = w->org(Role::producer, Target::own);
        theirs_order.delivery_district = "pudong";
        theirs_order.delivery_date = w->today();
        theirs_order.lines = {orders::NewOrderLine{w->certified, "A", 5, 12800}};
        const std::string second = must(w->orders().orders.create(std::nullopt, theirs_order), "order").id;
        ship.line_lots = {orders::LineLots{1, {orders::LotShare{shipped, 5}}}};
        must(w->orders().orders.transition(std::nullopt, second, orders::OrderAction::ship, ship), "ship");
        w->world().clock().advance_ms(1000);
        auto opened = w->world().call_as(Role::county_officer, "POST", "/api/v1/recalls",
                                         json{{"lot_id", shipped}, {"reason", "农残抽检不合格"}}.dump());
        ASSERT_EQ(opened.status, 201) << opened.body;
        recall = body_of(opened).at("id");
    }

    std::unique_ptr<TraceWorld> w;
    std::string shipped, unsold, theirs, recall;
};

// clang-format off
TEST_P(RecallMatrix, EveryTraceAndRecallRouteByEveryRole) {
    const std::string path = "/api/v1/recalls/" + recall;
    auto recall_of = [](const std::string& lot) { return json{{"lot_id", lot}, {"reason", "抽检"}}.dump(); };
    const std::vector<test::MatrixLine> lines = {
        //                                                                   admin fund county producer buyer logistics auditor
        // Traces are scoped as their lot (trace_access.h).
        {"GET", "/api/v1/lots/" + shipped + "/trace", "",                    {200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/api/v1/lots/" + shipped + "/trace?direction=forward", "",  {200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/api/v1/lots/" + shipped + "/trace.xlsx", "",               {200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/api/v1/lots/" + unsold + "/trace?direction=forward", "",   {200, 200, 200, 200, 403, 403, 200}},
        {"GET", "/api/v1/lots/" + unsold + "/trace.xlsx", "",                {200, 200, 200, 200, 403, 403, 200}},
        {"GET", "/api/v1/lots/" + theirs + "/trace", "",                     {200, 200, 403, 403, 403, 403, 200}},
        // Recalls: every role lists (scoped); the recall itself to its county, producer and buyer.
        {"GET", "/api/v1/recalls", "",                                       {200, 200, 200, 200, 200, 200, 200}},
        {"GET", path, "",                                                    {200, 200, 200, 200, 200, 403, 200}},
        // Opening: admin any lot; the county officer and producer not another county's or producer's.
        {"POST", "/api/v1/recalls", recall_of(theirs),                       {201, 403, 403, 403, 403, 403, 403}},
        // Their own lot: the admin opens first, so the county officer and the producer pass the
        // permission check and meet the open recall (409).
        {"POST", "/api/v1/recalls", recall_of(unsold),                       {201, 403, 409, 409, 403, 403, 403}},
        // The buyer named acknowledges (once).
        {"POST", path + "/acknowledgements", json{{"recovered", json::array()}}.dump(),
                                                                             {403, 403, 403, 403, 200, 403, 403}},
        // Closing early: an admin or the opening organisation (here the admin closes first, so the
        // county officer meets a closed recall).
        {"POST", path + "/close", json{{"note", "closed"}}.dump(),           {200, 403, 409, 403, 403, 403, 403}},
    };
    EXPECT_EQ(test::joined_failures(test::run_matrix(w->world(), test::matrix_rows(lines))), "");
}
// clang-format on

TEST_P(RecallMatrix, EachRoleListsOnlyTheRecallsItSees) {
    auto seen = [&](Role role) { return test::list_ids(w->world(), role, "/api/v1/recalls").ids.size(); };
    // The admin recalls the other producer's lot too.
    ASSERT_EQ(w->world().call_as(Role::admin, "POST", "/api/v1/recalls", json{{"lot_id", theirs}, {"reason", "x"}}.dump()).status, 201);
    EXPECT_EQ(seen(Role::admin), 2u);
    EXPECT_EQ(seen(Role::fund_officer), 2u);
    EXPECT_EQ(seen(Role::auditor), 2u);
    EXPECT_EQ(seen(Role::county_officer), 1u);  // Shache's
    EXPECT_EQ(seen(Role::producer), 1u);        // its lot's
    EXPECT_EQ(seen(Role::buyer), 1u);           // the one naming it
    EXPECT_EQ(seen(Role::logistics), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, RecallMatrix, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::trace::testing
