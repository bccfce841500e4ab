// Pallets and stock, through the real server on every backend (README "Traceability" → "Pallets
// and stock"): what is packed on a pallet moves with the pallet, so removing, transforming or
// shipping a lot takes only what is off pallets; the refusal names the pallet and changes nothing;
// unpacked, the goods move again. A pallet never holds more than its lots have on hand.
#include <gtest/gtest.h>

#include "trace_world.h"

namespace kl::trace::testing {
namespace {

using orders::testing::count;

class PalletStock : public ::testing::TestWithParam<std::string> {};

constexpr const char* pallet_sscc = "106141411234567897";

test::HttpReply post_event(TraceWorld& w, Role role, const json& body) {
    return w.world().call_as(role, "POST", "/api/v1/trace/events", body.dump());
}

json pack(TraceWorld& w, const std::string& lot, int64_t quantity) {
    return {{"type", "AggregationEvent"}, {"action", "ADD"}, {"event_time", w.now_text()}, {"biz_step", "packing"},
            {"parent_id", pallet_sscc}, {"child_quantity_list", {{{"lot_id", lot}, {"quantity", quantity}}}}};
}

json unpack(TraceWorld& w) {
    return {{"type", "AggregationEvent"}, {"action", "DELETE"}, {"event_time", w.now_text()}, {"biz_step", "unpacking"},
            {"parent_id", pallet_sscc}};
}

json remove(TraceWorld& w, const std::string& lot, int64_t quantity) {
    return {{"type", "ObjectEvent"}, {"action", "DELETE"}, {"event_time", w.now_text()}, {"biz_step", "destroying"},
            {"quantity_list", {{{"lot_id", lot}, {"quantity", quantity}}}}};
}

// The first problem's message.
std::string first_message(const test::HttpReply& reply) {
    const json body = body_of(reply);
    return body.contains("errors") && !body.at("errors").empty() ? body.at("errors")[0].value("message", "") : "";
}

TEST_P(PalletStock, GoodsOnAPalletLeaveTheLotOnlyWithThePallet) {
    TraceWorld w(GetParam());
    const std::string lot = w.own_lot("PS-1", 30);
    ASSERT_EQ(post_event(w, Role::producer, pack(w, lot, 25)).status, 201);
    w.world().clock().advance_ms(1000);
    // Removing 10 boxes: only 5 are off the pallet.
    auto refused = post_event(w, Role::producer, remove(w, lot, 10));
    EXPECT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(first_problem(refused), "quantity_list/0/quantity:above_max");
    EXPECT_NE(first_message(refused).find(pallet_sscc), std::string::npos) << first_message(refused);
    EXPECT_NE(first_message(refused).find("off pallets (5 units of its 30 units on hand)"), std::string::npos) << first_message(refused);
    EXPECT_EQ(w.on_hand(lot), 30);
    // A transformation's input is taken out of the lot too.
    json grade = {{"type", "TransformationEvent"},
                  {"event_time", w.now_text()},
                  {"biz_step", "repackaging"},
                  {"process", "grade"},
                  {"input_quantity_list", {{{"lot_id", lot}, {"quantity", 6}}}},
                  {"output_quantity_list", {{{"lot_code", "PS-1-A"}, {"product_id", w.certified}, {"grade", "A"}, {"quantity", 6}}}}};
    auto transformed = post_event(w, Role::producer, grade);
    EXPECT_EQ(transformed.status, 400) << transformed.body;
    EXPECT_EQ(first_problem(transformed), "input_quantity_list/0/quantity:above_max");
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_lots"), 1) << "no output lot was made";
    // What is off the pallet moves.
    ASSERT_EQ(post_event(w, Role::producer, remove(w, lot, 5)).status, 201);
    EXPECT_EQ(w.on_hand(lot), 25);
    EXPECT_EQ(first_problem(post_event(w, Role::producer, remove(w, lot, 1))), "quantity_list/0/quantity:above_max");
    // Unpacked, the goods are off the pallet again.
    w.world().clock().advance_ms(1000);
    ASSERT_EQ(post_event(w, Role::producer, unpack(w)).status, 201);
    w.world().clock().advance_ms(1000);
    ASSERT_EQ(post_event(w, Role::producer, remove(w, lot, 10)).status, 201);
    EXPECT_EQ(w.on_hand(lot), 15);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_pallet_contents"), 0);
}

TEST_P(PalletStock, AnOrderShipsOnlyWhatIsOffPallets) {
    TraceWorld w(GetParam());
    const std::string order = w.order_in(orders::OrderStatus::confirmed);  // line 1: 10 boxes of `certified`
    const std::string lot = w.own_lot("PS-2", 12);
    ASSERT_EQ(post_event(w, Role::producer, pack(w, lot, 8)).status, 201);
    const json lines = {{{"line_no", 1}, {"lots", {{{"lot_id", lot}, {"quantity", 10}}}}}};
    const json body = {{"carrier_id", w.org(Role::logistics, Target::own)}, {"lines", lines}};
    const std::string ship = "/api/v1/orders/" + order + "/ship";
    auto refused = w.world().call_as(Role::producer, "POST", ship, body.dump());
    EXPECT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(first_problem(refused), "lines/0/lots/0/quantity:above_max");
    EXPECT_NE(first_message(refused).find(pallet_sscc), std::string::npos) << first_message(refused);
    EXPECT_EQ(w.on_hand(lot), 12);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_shipments"), 0);
    EXPECT_EQ(must(w.orders().orders.get(std::nullopt, order), "order").status, orders::OrderStatus::confirmed);
    // Unpacked, it ships.
    w.world().clock().advance_ms(1000);
    ASSERT_EQ(post_event(w, Role::producer, unpack(w)).status, 201);
    auto shipped = w.world().call_as(Role::producer, "POST", ship, body.dump());
    ASSERT_EQ(shipped.status, 200) << shipped.body;
    EXPECT_EQ(w.on_hand(lot), 2);
}

TEST_P(PalletStock, APalletNeverHoldsMoreThanItsLotsHaveOnHand) {
    TraceWorld w(GetParam());
    const std::string lot = w.own_lot("PS-3", 10);
    ASSERT_EQ(post_event(w, Role::producer, remove(w, lot, 4)).status, 201);
    w.world().clock().advance_ms(1000);
    auto refused = post_event(w, Role::producer, pack(w, lot, 7));
    EXPECT_EQ(first_problem(refused), "child_quantity_list/0/quantity:above_max");
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_pallet_contents"), 0);
    ASSERT_EQ(post_event(w, Role::producer, pack(w, lot, 6)).status, 201);
    // Every lot's pallets hold at most what it has on hand.
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_lots l WHERE l.on_hand < "
                       "(SELECT COALESCE(SUM(c.quantity), 0) FROM trace_pallet_contents c WHERE c.lot_id = l.id)"),
              0);
}

INSTANTIATE_TEST_SUITE_P(Backends, PalletStock, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::trace::testing
