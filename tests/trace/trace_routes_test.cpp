// Lots and events through the real server on every backend: recording a lot with its origin, the
// bad inputs of issue 16 (a transformation whose outputs exceed its inputs, an SSCC with a wrong
// check digit, an unknown bizStep, an event time in the future, the same event twice, another
// producer's lot, look-alike lot codes), pallets, error declarations, and shipping an order that
// names its lots (more than a lot holds, quantities that do not add up, without lots).
#include <gtest/gtest.h>

#include "trace/sscc.h"
#include "trace_world.h"

namespace kl::trace::testing {
namespace {

using orders::testing::count;

class TraceRoutes : public ::testing::TestWithParam<std::string> {};

TEST_P(TraceRoutes, AProducerRecordsALotWithItsOriginAndReadsItBack) {
    TraceWorld w(GetParam());
    const json body = {{"producer_id", w.org(Role::producer, Target::own)},
                       {"product_id", w.certified},
                       {"grade", "A"},
                       {"lot_code", "SC-2026-001"},
                       {"unit", "carton"},
                       {"quantity", 120},
                       {"harvest_date", kl::format_date(kl::add_days(w.today(), -3))},
                       {"pack_date", w.today_text()},
                       {"suppliers", {{{"supplier_id", w.household_a}, {"quantity", 80}}, {{"supplier_id", w.household_b}, {"quantity", 40}}}}};
    auto made = w.world().call_as(Role::producer, "POST", "/api/v1/lots", body.dump(), idempotent("lot-1"));
    ASSERT_EQ(made.status, 201) << made.body;
    const json lot = body_of(made);
    EXPECT_EQ(lot.at("quantity_unit"), "units");  // boxes of 5 kg
    EXPECT_EQ(lot.at("on_hand"), 120);
    EXPECT_EQ(lot.at("county"), "shache");
    EXPECT_EQ(lot.at("suppliers").size(), 2u);
    EXPECT_EQ(lot.at("suppliers")[0].at("supplier_name").get<std::string>().empty(), false);
    const std::string code = lot.at("trace_code");
    EXPECT_EQ(code.size(), 12u);
    // Sent again with its key: the first answer, nothing written twice.
    auto again = w.world().call_as(Role::producer, "POST", "/api/v1/lots", body.dump(), idempotent("lot-1"));
    EXPECT_EQ(again.status, 201);
    EXPECT_EQ(body_of(again).at("id"), lot.at("id"));
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_lots"), 1);
    // Its commissioning event: ObjectEvent ADD commissioning, the lot as a quantity element.
    const std::string id = lot.at("id");
    auto events = w.world().call_as(Role::producer, "GET", "/api/v1/lots/" + id + "/events");
    ASSERT_EQ(events.status, 200) << events.body;
    const json first = body_of(events).at("items").at(0);
    EXPECT_EQ(first.at("type"), "ObjectEvent");
    EXPECT_EQ(first.at("action"), "ADD");
    EXPECT_EQ(first.at("biz_step"), "commissioning");
    EXPECT_EQ(first.at("event_id"), lot.at("origin_event_id"));
    EXPECT_TRUE(first.at("event_id").get<std::string>().starts_with("ni:///sha-256;"));
    EXPECT_EQ(first.at("quantity_list")[0].at("quantity"), 120);
    EXPECT_EQ(first.at("quantity_list")[0].at("uom"), nullptr);
    // The events page like every list.
    ASSERT_EQ(w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", w.observe(id).dump()).status, 201);
    const auto paged = test::list_ids(w.world(), Role::producer, "/api/v1/lots/" + id + "/events?limit=1");
    EXPECT_EQ(paged.ids.size(), 1u);
    EXPECT_FALSE(paged.next_cursor.empty());
    const auto rest = test::list_ids(w.world(), Role::producer, "/api/v1/lots/" + id + "/events?limit=1&cursor=" + paged.next_cursor);
    ASSERT_EQ(rest.ids.size(), 1u);
    EXPECT_NE(rest.ids[0], paged.ids[0]);
    // Found by its trace code typed in lower case with hyphens, and by its lot code in another case.
    std::string typed = code.substr(0, 4) + "-" + code.substr(4, 4) + "-" + code.substr(8);
    for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(test::list_ids(w.world(), Role::producer, "/api/v1/lots?code=" + typed).ids, std::vector<std::string>{id});
    EXPECT_EQ(test::list_ids(w.world(), Role::producer, "/api/v1/lots?code=sc-2026-001").ids, std::vector<std::string>{id});
}

TEST_P(TraceRoutes, LotCodesDifferingOnlyByWidthCaseOrInvisibleCharactersAreOneCode) {
    TraceWorld w(GetParam());
    const std::string id = w.own_lot("LOT-7", 10);
    json body = {{"producer_id", w.org(Role::producer, Target::own)}, {"product_id", w.uncertified}, {"quantity", 5}};
    for (const char* look_alike : {"lot-7", "\xEF\xBC\xAC\xEF\xBC\xAF\xEF\xBC\xB4\xEF\xBC\x8D\xEF\xBC\x97" /* ＬＯＴ－７ */, " LOT-7 "}) {
        body["lot_code"] = look_alike;
        auto reply = w.world().call_as(Role::producer, "POST", "/api/v1/lots", body.dump());
        EXPECT_EQ(reply.status, 409) << look_alike << " " << reply.body;
        EXPECT_EQ(first_problem(reply), "lot_code:duplicate") << look_alike;
    }
    // An invisible character is refused in an identifier; a search with one finds the same lot.
    body["lot_code"] = "LOT\xE2\x80\x8B-7";
    auto reply = w.world().call_as(Role::producer, "POST", "/api/v1/lots", body.dump());
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(first_problem(reply), "lot_code:invisible_character");
    EXPECT_EQ(test::list_ids(w.world(), Role::producer, "/api/v1/lots?code=" + test::query_text("lot\xE2\x80\x8B-7")).ids,
              std::vector<std::string>{id});
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_lots"), 1);
    // Another producer may use the same code.
    w.lot(w.org(Role::producer, Target::other), w.other_product, "LOT-7", 3);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_lots"), 2);
}

TEST_P(TraceRoutes, BadLotsAreRefusedNamingTheFieldAndWriteNothing) {
    TraceWorld w(GetParam());
    const json base = {{"producer_id", w.org(Role::producer, Target::own)}, {"product_id", w.certified}, {"lot_code", "P-1"},
                       {"quantity", 10}};
    auto refused = [&](json body, const std::string& expected) {
        auto reply = w.world().call_as(Role::producer, "POST", "/api/v1/lots", body.dump());
        EXPECT_EQ(reply.status, 400) << body.dump() << " " << reply.body;
        EXPECT_EQ(first_problem(reply), expected) << body.dump();
    };
    json pallet = base;
    pallet["unit"] = "pallet";
    pallet["sscc"] = "106141411234567890";  // the check digit is 7
    refused(pallet, "sscc:bad_format");
    pallet.erase("sscc");
    refused(pallet, "sscc:required");
    json wrong_product = base;
    wrong_product["product_id"] = w.other_product;
    refused(wrong_product, "product_id:unknown_reference");
    json stranger = base;
    stranger["suppliers"] = {{{"supplier_id", w.org(Role::buyer, Target::own)}, {"quantity", 1}}};
    refused(stranger, "suppliers/0/supplier_id:unknown_reference");
    json too_much = base;
    too_much["suppliers"] = {{{"supplier_id", w.household_a}, {"quantity", 11}}};
    refused(too_much, "suppliers:above_max");
    json dates = base;
    dates["harvest_date"] = w.today_text();
    dates["pack_date"] = kl::format_date(kl::add_days(w.today(), -1));
    refused(dates, "pack_date:before_other_field");
    json grade = base;
    grade["grade"] = "Z";
    refused(grade, "grade:invalid_value");
    json unknown = base;
    unknown["colour"] = "red";
    refused(unknown, "colour:unknown_field");
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_lots"), 0);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_events"), 0);
    // A pallet with a valid SSCC is fine.
    pallet["sscc"] = "106141411234567897";
    EXPECT_EQ(w.world().call_as(Role::producer, "POST", "/api/v1/lots", pallet.dump()).status, 201);
}

TEST_P(TraceRoutes, EventsRefuseUnknownVocabularyAndFutureTimesAndAreStoredOnce) {
    TraceWorld w(GetParam());
    const std::string lot = w.own_lot("E-1", 10);
    json unknown_step = w.observe(lot);
    unknown_step["biz_step"] = "teleporting";
    auto reply = w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", unknown_step.dump());
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(first_problem(reply), "biz_step:not_one_of");
    json unknown_disposition = w.observe(lot);
    unknown_disposition["disposition"] = "lost_at_sea";
    EXPECT_EQ(first_problem(w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", unknown_disposition.dump())),
              "disposition:not_one_of");
    // Ten minutes ahead of the server's clock is tolerated; eleven is not.
    json future = w.observe(lot);
    future["event_time"] = utc_timestamp(w.now_ms() + 11 * 60 * 1000);
    reply = w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", future.dump());
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(first_problem(reply), "event_time:out_of_range");
    const int64_t events_before = count(w, "SELECT COUNT(*) FROM trace_events");
    json soon = w.observe(lot);
    soon["event_time"] = utc_timestamp(w.now_ms() + 9 * 60 * 1000);
    reply = w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", soon.dump());
    ASSERT_EQ(reply.status, 201) << reply.body;
    // The same event again (another offset spelling of the same instant is another statement, so
    // resend it exactly): stored once, answered with the first.
    const std::string event_id = body_of(reply).at("event_id");
    auto resent = w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", soon.dump());
    EXPECT_EQ(resent.status, 200) << resent.body;
    EXPECT_EQ(body_of(resent).at("event_id"), event_id);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_events"), events_before + 1);
    // A transformation takes no action; an ObjectEvent needs one; commissioning is POST /lots.
    json no_action = w.observe(lot);
    no_action.erase("action");
    EXPECT_EQ(first_problem(w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", no_action.dump())), "action:required");
    json commission = w.observe(lot, 1, "commissioning");
    commission["action"] = "ADD";
    EXPECT_EQ(first_problem(w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", commission.dump())), "biz_step:invalid_value");
    json ghost = w.observe("no-such-lot");
    EXPECT_EQ(first_problem(w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", ghost.dump())),
              "quantity_list/0/lot_id:unknown_reference");
}

TEST_P(TraceRoutes, AProducerRecordsOnlyOnItsOwnLots) {
    TraceWorld w(GetParam());
    const std::string theirs = w.lot(w.org(Role::producer, Target::other), w.other_product, "B-1", 10);
    auto reply = w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", w.observe(theirs).dump());
    EXPECT_EQ(reply.status, 403) << reply.body;
    EXPECT_EQ(w.world().call_as(Role::producer, "GET", "/api/v1/lots/" + theirs).status, 403);
    json lot = {{"producer_id", w.org(Role::producer, Target::other)}, {"product_id", w.other_product}, {"lot_code", "X"}, {"quantity", 1}};
    EXPECT_EQ(w.world().call_as(Role::producer, "POST", "/api/v1/lots", lot.dump()).status, 403);
    EXPECT_EQ(w.world().call_as(Role::producer, "GET", "/api/v1/lots/nope").status, 404);
}

TEST_P(TraceRoutes, TransformationsBalanceTheirGramsOrStateTheLoss) {
    TraceWorld w(GetParam());
    const std::string input = w.own_lot("RAW-1", 100);  // 100 boxes × 5 kg = 500 kg
    auto transform = [&](int64_t output_boxes, std::optional<int64_t> loss) {
        json body = {{"type", "TransformationEvent"},
                     {"event_time", w.now_text()},
                     {"biz_step", "repackaging"},
                     {"process", "grade"},
                     {"input_quantity_list", {{{"lot_id", input}, {"quantity", 40}}}},
                     {"output_quantity_list",
                      {{{"lot_code", "GR-A"}, {"product_id", w.certified}, {"grade", "A"}, {"quantity", output_boxes}},
                       {{"lot_code", "GR-B"}, {"product_id", w.uncertified}, {"grade", "B"}, {"quantity", 10}}}}};
        if (loss) body["loss_grams"] = *loss;
        return w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", body.dump());
    };
    // 40 boxes in (200 kg); 35 + 10 boxes out is 225 kg: more than went in.
    auto reply = transform(35, std::nullopt);
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(first_problem(reply), "output_quantity_list:above_max");
    // 25 + 10 boxes out is 175 kg: the 25 kg lost must be stated.
    reply = transform(25, std::nullopt);
    EXPECT_EQ(first_problem(reply), "loss_grams:invalid_value");
    EXPECT_NE(reply.body.find("25000"), std::string::npos) << reply.body;
    reply = transform(25, 10'000);
    EXPECT_EQ(first_problem(reply), "loss_grams:invalid_value");
    EXPECT_EQ(w.on_hand(input), 100);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_lots"), 1);
    reply = transform(25, 25'000);
    ASSERT_EQ(reply.status, 201) << reply.body;
    const json event = body_of(reply);
    EXPECT_EQ(event.at("action"), nullptr);
    EXPECT_EQ(event.at("loss_grams"), 25'000);
    EXPECT_EQ(event.at("output_quantity_list").size(), 2u);
    EXPECT_EQ(w.on_hand(input), 60);
    const std::string made = event.at("output_quantity_list")[0].at("lot_id");
    EXPECT_EQ(w.on_hand(made), 25);
    // The new lot's first event is the transformation; the same transformation again is a no-op.
    EXPECT_EQ(transform(25, 25'000).status, 200);
    EXPECT_EQ(w.on_hand(input), 60);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_lots"), 3);
}

TEST_P(TraceRoutes, PalletsArePackedByValidSsccAndUnpacked) {
    TraceWorld w(GetParam());
    const std::string lot = w.own_lot("PK-1", 30);
    json pack = {{"type", "AggregationEvent"}, {"action", "ADD"}, {"event_time", w.now_text()}, {"biz_step", "packing"},
                 {"parent_id", "106141411234567898"}, {"child_quantity_list", {{{"lot_id", lot}, {"quantity", 20}}}}};
    auto reply = w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", pack.dump());
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(first_problem(reply), "parent_id:bad_format");
    pack["parent_id"] = "106141411234567897";
    pack["child_quantity_list"][0]["quantity"] = 31;
    EXPECT_EQ(first_problem(w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", pack.dump())),
              "child_quantity_list/0/quantity:above_max");
    pack["child_quantity_list"][0]["quantity"] = 20;
    ASSERT_EQ(w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", pack.dump()).status, 201);
    EXPECT_EQ(count(w, "SELECT quantity FROM trace_pallet_contents"), 20);
    // What is on one pallet cannot go onto another: 10 boxes are left off pallets, not 11.
    json second = pack;
    second["parent_id"] = "069012340000000016";
    second["child_quantity_list"][0]["quantity"] = 11;
    EXPECT_EQ(first_problem(w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", second.dump())),
              "child_quantity_list/0/quantity:above_max");
    json unpack = {{"type", "AggregationEvent"}, {"action", "DELETE"}, {"event_time", w.now_text()}, {"biz_step", "unpacking"},
                   {"parent_id", "106141411234567897"}};
    w.world().clock().advance_ms(1000);
    unpack["event_time"] = w.now_text();
    ASSERT_EQ(w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", unpack.dump()).status, 201);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_pallet_contents"), 0);
    EXPECT_EQ(w.on_hand(lot), 30) << "packing moves goods, it does not take them out of the lot";
}

// A platform with a GS1 company prefix makes the next SSCC for a pallet packed without one; without
// a prefix the SSCC is required.
TEST_P(TraceRoutes, APalletPackedWithoutAnSsccGetsTheNextOneOfTheCompanyPrefix) {
    TraceWorld w(GetParam());
    const std::string lot = w.own_lot("PK-2", 30);
    Event pack;
    pack.type = EventType::aggregation;
    pack.action = Action::add;
    pack.event_time_ms = w.now_ms();
    pack.biz_step = BizStep::packing;
    QuantityElement child;
    child.lot_id = lot;
    child.quantity = 5;
    pack.child_quantities = {child};
    auto refused = w.trace().lots.record_event(std::nullopt, pack);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().fields.at(0).field, "parent_id");
    TraceService prefixed(w.world().store(), w.world().clock(), w.world().ids(), TraceOptions{"6901234", 0});
    auto first = prefixed.record_event(std::nullopt, pack);
    ASSERT_TRUE(first) << first.error().message;
    w.world().clock().advance_ms(1);
    pack.event_time_ms = w.now_ms();
    auto second = prefixed.record_event(std::nullopt, pack);
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_EQ(*first->event.parent_id, "069012340000000016");
    EXPECT_EQ(*second->event.parent_id, "069012340000000023");
    EXPECT_TRUE(validate_sscc(*second->event.parent_id));
    EXPECT_EQ(count(w, "SELECT SUM(quantity) FROM trace_pallet_contents"), 10);
}

TEST_P(TraceRoutes, ACorrectionIsANewRecordPointingAtTheEventItCorrects) {
    TraceWorld w(GetParam());
    const std::string lot = w.own_lot("C-1", 10);
    auto wrong = w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", w.observe(lot, 3).dump());
    ASSERT_EQ(wrong.status, 201) << wrong.body;
    w.world().clock().advance_ms(1000);
    auto right = w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", w.observe(lot, 2).dump());
    ASSERT_EQ(right.status, 201) << right.body;
    const json declaration = {{"error_declaration",
                               {{"event_id", body_of(wrong).at("event_id")},
                                {"reason", "incorrect_data"},
                                {"corrective_event_ids", {body_of(right).at("event_id")}}}}};
    auto declared = w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", declaration.dump());
    ASSERT_EQ(declared.status, 201) << declared.body;
    const json event = body_of(declared);
    EXPECT_EQ(event.at("event_id"), body_of(wrong).at("event_id"));
    EXPECT_EQ(event.at("quantity_list")[0].at("quantity"), 3) << "the event itself is never edited";
    EXPECT_EQ(event.at("error_declaration").at("reason"), "incorrect_data");
    EXPECT_EQ(event.at("error_declaration").at("corrective_event_ids")[0], body_of(right).at("event_id"));
    EXPECT_EQ(w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", declaration.dump()).status, 409);
    json ghost = declaration;
    ghost["error_declaration"]["corrective_event_ids"] = {"ni:///sha-256;00?ver=CBV2.0"};
    EXPECT_EQ(first_problem(w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", ghost.dump())),
              "error_declaration/corrective_event_ids/0:unknown_reference");
    json bad_reason = declaration;
    bad_reason["error_declaration"]["reason"] = "oops";
    EXPECT_EQ(first_problem(w.world().call_as(Role::producer, "POST", "/api/v1/trace/events", bad_reason.dump())),
              "error_declaration/reason:not_one_of");
}

// ---- shipping names lots ---------------------------------------------------------------------------

// A confirmed order of the own buyer from the own seller: line 1 is 10 boxes of `certified` (A),
// line 2 is 5 boxes of `uncertified` (B).
std::string confirmed_order(TraceWorld& w) { return w.order_in(orders::OrderStatus::confirmed); }

json ship_body(TraceWorld& w, json lines) {
    return {{"carrier_id", w.org(Role::logistics, Target::own)}, {"lines", std::move(lines)}};
}

TEST_P(TraceRoutes, ShippingNamesTheLotsThatFillEachLineInTheSameTransaction) {
    TraceWorld w(GetParam());
    const std::string order = confirmed_order(w);
    const std::string small = w.own_lot("S-1", 6);
    const std::string big = w.own_lot("S-2", 50);
    const std::string ship = "/api/v1/orders/" + order + "/ship";
    auto refused = [&](json lines, const std::string& expected) {
        auto reply = w.world().call_as(Role::producer, "POST", ship, ship_body(w, std::move(lines)).dump());
        EXPECT_EQ(reply.status, 400) << reply.body;
        EXPECT_EQ(first_problem(reply), expected);
    };
    // More than the lot holds (6 boxes for a line of 10, named once).
    refused({{{"line_no", 1}, {"lots", {{{"lot_id", small}, {"quantity", 10}}}}}}, "lines/0/lots/0/quantity:above_max");
    // Quantities that do not add up to the line's.
    refused({{{"line_no", 1}, {"lots", {{{"lot_id", small}, {"quantity", 4}}, {{"lot_id", big}, {"quantity", 5}}}}}}, "lines/0/lots:invalid_value");
    // A lot of another product than the line's.
    refused({{{"line_no", 2}, {"lots", {{{"lot_id", big}, {"quantity", 5}}}}}}, "lines/0/lots/0/lot_id:invalid_value");
    refused({{{"line_no", 3}, {"lots", {{{"lot_id", big}, {"quantity", 5}}}}}}, "lines/0/line_no:unknown_reference");
    // The seller records lots of `certified`: its line cannot ship without them.
    refused(json::array(), "lines:required");
    EXPECT_EQ(w.on_hand(small), 6);
    EXPECT_EQ(w.on_hand(big), 50);
    EXPECT_EQ(must(w.orders().orders.get(std::nullopt, order), "order").status, orders::OrderStatus::confirmed);
    // 4 + 6 boxes fill line 1; line 2's product has no lots yet, so it ships without them.
    auto shipped = w.world().call_as(Role::producer, "POST", ship,
                                     ship_body(w, {{{"line_no", 1}, {"lots", {{{"lot_id", small}, {"quantity", 4}}, {{"lot_id", big}, {"quantity", 6}}}}}})
                                         .dump());
    ASSERT_EQ(shipped.status, 200) << shipped.body;
    EXPECT_EQ(body_of(shipped).at("status"), "shipped");
    EXPECT_EQ(w.on_hand(small), 2);
    EXPECT_EQ(w.on_hand(big), 44);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_shipments WHERE lot_id IS NULL AND line_no = 2"), 1) << "shipped without lots";
    auto events = body_of(w.world().call_as(Role::producer, "GET", "/api/v1/lots/" + big + "/events")).at("items");
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[1].at("biz_step"), "shipping");
    EXPECT_EQ(events[1].at("disposition"), "in_transit");
    EXPECT_EQ(events[1].at("biz_transaction_list")[0].at("type"), "po");
    EXPECT_EQ(events[1].at("biz_transaction_list")[0].at("id"), order);
    // The buyer now sees the lots it bought (and not others); the carrier records what it observes.
    // (The clock moves between steps so that the events' times order them.)
    w.world().clock().advance_ms(1000);
    EXPECT_EQ(w.world().call_as(Role::buyer, "GET", "/api/v1/lots/" + big).status, 200);
    const std::string unsold = w.own_lot("S-3", 5);
    EXPECT_EQ(w.world().call_as(Role::buyer, "GET", "/api/v1/lots/" + unsold).status, 403);
    EXPECT_EQ(test::list_ids(w.world(), Role::buyer, "/api/v1/lots").ids.size(), 2u);
    auto observed = w.world().call_as(Role::logistics, "POST", "/api/v1/trace/events", w.observe(big, 6, "arriving").dump());
    EXPECT_EQ(observed.status, 201) << observed.body;
    EXPECT_EQ(w.world().call_as(Role::logistics, "POST", "/api/v1/trace/events", w.observe(unsold, 1, "arriving").dump()).status, 403);
    // Delivery and acceptance become receiving and accepting events.
    w.world().clock().advance_ms(1000);
    ASSERT_EQ(w.world().call_as(Role::logistics, "POST", "/api/v1/orders/" + order + "/deliver").status, 200);
    w.world().clock().advance_ms(1000);
    ASSERT_EQ(w.world().call_as(Role::buyer, "POST", "/api/v1/orders/" + order + "/accept").status, 200);
    events = body_of(w.world().call_as(Role::buyer, "GET", "/api/v1/lots/" + big + "/events")).at("items");
    ASSERT_EQ(events.size(), 5u);
    EXPECT_EQ(events[3].at("biz_step"), "receiving");
    EXPECT_EQ(events[3].at("disposition"), "in_progress");
    EXPECT_EQ(events[4].at("biz_step"), "accepting");
    EXPECT_EQ(events[4].at("disposition"), "active");
    EXPECT_EQ(events[4].at("read_point"), w.org(Role::buyer, Target::own));
}

TEST_P(TraceRoutes, AnOrderWhoseProductsHaveNoLotsShipsAsBefore) {
    TraceWorld w(GetParam());
    const std::string order = confirmed_order(w);
    auto shipped = w.world().call_as(Role::producer, "POST", "/api/v1/orders/" + order + "/ship",
                                     json{{"carrier_id", w.org(Role::logistics, Target::own)}}.dump());
    ASSERT_EQ(shipped.status, 200) << shipped.body;
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_shipments WHERE lot_id IS NULL"), 2);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_events"), 0);
    ASSERT_EQ(w.world().call_as(Role::logistics, "POST", "/api/v1/orders/" + order + "/deliver").status, 200);
    EXPECT_EQ(count(w, "SELECT COUNT(*) FROM trace_events"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, TraceRoutes, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::trace::testing
