// THE TRACE PERMISSION MATRIX: every trace route × the seven roles, through the real server with real
// sign-in, on SQLite and PostgreSQL (tests/support/access_fixture.h). The world: the producer's own
// cooperative (Shache) has a lot of its product that was shipped on an order of the buyer's own
// organisation carried by the logistics firm's own; it also has a lot that never shipped; the other
// producer (Bachu) has a lot of its own. The county officer's agency is Shache's branch.
#include <gtest/gtest.h>

#include "trace_world.h"

namespace kl::trace::testing {
namespace {

class TraceMatrix : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        w = std::make_unique<TraceWorld>(GetParam());
        shipped = w->own_lot("M-SHIPPED", 50);
        unsold = w->own_lot("M-UNSOLD", 50);
        theirs = w->lot(w->org(Role::producer, Target::other), w->other_product, "M-THEIRS", 50);
        const std::string order = w->order_in(orders::OrderStatus::confirmed);
        orders::TransitionInput ship;
        ship.carrier_id = w->org(Role::logistics, Target::own);
        ship.line_lots = {orders::LineLots{1, {orders::LotShare{shipped, 10}}}};
        must(w->orders().orders.transition(std::nullopt, order, orders::OrderAction::ship, ship), "ship");
        w->world().clock().advance_ms(1000);
    }

    std::unique_ptr<TraceWorld> w;
    std::string shipped, unsold, theirs;
};

// clang-format off
TEST_P(TraceMatrix, EveryTraceRouteByEveryRole) {
    const std::string own_producer = w->org(Role::producer, Target::own);
    const std::string other_producer = w->org(Role::producer, Target::other);
    const std::string now = w->now_text();
    auto observe = [&](const std::string& lot, const std::string& step) { json body = w->observe(lot, 1, step); body["event_time"] = now; return body.dump(); };
    const std::vector<test::MatrixLine> lines = {
        //                                                                   admin fund county producer buyer logistics auditor
        // Lists are open to every role, scoped (the next test checks what each sees).
        {"GET", "/api/v1/lots", "",                                          {200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/api/v1/lots?county=shache&code=m-shipped", "",            {200, 200, 200, 200, 200, 200, 200}},
        // The shipped lot: its producer, its county, the buyer that bought it, the carrier that carries it.
        {"GET", "/api/v1/lots/" + shipped, "",                               {200, 200, 200, 200, 200, 200, 200}},
        {"GET", "/api/v1/lots/" + shipped + "/events", "",                   {200, 200, 200, 200, 200, 200, 200}},
        // A lot that never shipped: no buyer or carrier sees it.
        {"GET", "/api/v1/lots/" + unsold, "",                                {200, 200, 200, 200, 403, 403, 200}},
        {"GET", "/api/v1/lots/" + unsold + "/events", "",                    {200, 200, 200, 200, 403, 403, 200}},
        // Another county's producer's lot: not the county officer's, not the producer's.
        {"GET", "/api/v1/lots/" + theirs, "",                                {200, 200, 403, 403, 403, 403, 200}},
        {"GET", "/api/v1/lots/" + theirs + "/events", "",                    {200, 200, 403, 403, 403, 403, 200}},
        // Recording a lot: admin for anyone, a producer for itself.
        {"POST", "/api/v1/lots", json{{"producer_id", own_producer}, {"product_id", w->certified}, {"lot_code", "N-{unique}"}, {"quantity", 5}}.dump(),
                                                                             {201, 403, 403, 201, 403, 403, 403}},
        {"POST", "/api/v1/lots", json{{"producer_id", other_producer}, {"product_id", w->other_product}, {"lot_code", "N-{unique}"}, {"quantity", 5}}.dump(),
                                                                             {201, 403, 403, 403, 403, 403, 403}},
        // Events on the own producer's unsold lot: admin records it, the producer's identical event is
        // the same event (200); readers and the buyer may not; the carrier does not carry it.
        {"POST", "/api/v1/trace/events", observe(unsold, "inspecting"),      {201, 403, 403, 200, 403, 403, 403}},
        // On the shipped lot the carrier records what it observes too.
        {"POST", "/api/v1/trace/events", observe(shipped, "arriving"),       {201, 403, 403, 200, 403, 200, 403}},
        // Another producer's lot: 403 for the producer.
        {"POST", "/api/v1/trace/events", observe(theirs, "storing"),         {201, 403, 403, 403, 403, 403, 403}},
    };
    EXPECT_EQ(test::joined_failures(test::run_matrix(w->world(), test::matrix_rows(lines))), "");
}
// clang-format on

TEST_P(TraceMatrix, EachRoleListsOnlyTheLotsItSees) {
    auto seen = [&](Role role) { return test::list_ids(w->world(), role, "/api/v1/lots").ids.size(); };
    EXPECT_EQ(seen(Role::admin), 3u);
    EXPECT_EQ(seen(Role::fund_officer), 3u);
    EXPECT_EQ(seen(Role::auditor), 3u);
    EXPECT_EQ(seen(Role::county_officer), 2u);  // Shache's
    EXPECT_EQ(seen(Role::producer), 2u);        // its own
    EXPECT_EQ(test::list_ids(w->world(), Role::buyer, "/api/v1/lots").ids, std::vector<std::string>{shipped});
    EXPECT_EQ(test::list_ids(w->world(), Role::logistics, "/api/v1/lots").ids, std::vector<std::string>{shipped});
    // A filter cannot widen the scope.
    EXPECT_EQ(test::list_ids(w->world(), Role::producer, "/api/v1/lots?producer=" + w->org(Role::producer, Target::other)).ids.size(), 0u);
    EXPECT_EQ(test::list_ids(w->world(), Role::county_officer, "/api/v1/lots?county=bachu").ids.size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, TraceMatrix, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::trace::testing
