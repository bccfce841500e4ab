// At the event (issue 15 item 6) and its report (item 7) on SQLite and PostgreSQL: meeting outcomes
// as a history, live for both sides and closed for organisers only; intended orders made through
// the orders module from the meeting's exhibitor to its buyer; on-site sales with a walk-in buyer and
// a receipt; each organisation sees only its own orders and a county officer only its county's; bad
// input writes nothing; a reference retried is one order; the report's figures are sums of records.
#include <cstdio>
#include <fstream>
#include <memory>
#include <numeric>

#include "fair/fair_at_event_fixture.h"
#include "fair/fair_outcome_receipt.h"
#include "pdf/pdf_document.h"
#include "support/test_env.h"

namespace kl::fair {
namespace {

using testing::FairAtEventTest;
using testing::must;

class FairAtEventServiceTest : public FairAtEventTest {};


// The text poppler's pdftotext reads from the PDF (installed by scripts/install-deps.sh): the
// receipt is read back by a real reader, not by us.
std::string pdf_text(const std::string& bytes) {
    test::TempDir dir;
    const std::string path = dir.file("receipt.pdf");
    std::ofstream(path, std::ios::binary) << bytes;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(("pdftotext -enc UTF-8 '" + path + "' - 2>/dev/null").c_str(), "r"), ::pclose);
    std::string out;
    char buffer[4096];
    while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
    return out;
}

OutcomeInput outcome(Outcome kind, std::optional<NoShowSide> side = std::nullopt, std::optional<int64_t> expected = std::nullopt) {
    return OutcomeInput{kind, side, "", expected};
}

TEST_P(FairAtEventServiceTest, OutcomesAreAHistoryRecordedByBothSidesWhileLive) {
    const StoredMeeting& m = meeting(walnuts, li);
    // Published but not live yet.
    EXPECT_EQ(outcomes().record_outcome(walnut, event.id, m.id, outcome(Outcome::held)).error().problem_code(), ProblemCode::wrong_state);
    go_live();
    MeetingOutcomes first = must(outcomes().record_outcome(walnut, event.id, m.id, outcome(Outcome::held)));
    ASSERT_EQ(first.history.size(), 1u);
    EXPECT_EQ(first.history.back().version, 1);
    EXPECT_EQ(first.history.back().recorded_role, "producer");
    // The buyer's side corrects it: the last write wins, the first is kept.
    MeetingOutcomes second = must(outcomes().record_outcome(canteen, event.id, m.id, outcome(Outcome::no_show, NoShowSide::exhibitor)));
    ASSERT_EQ(second.history.size(), 2u);
    EXPECT_EQ(second.history.back().outcome, Outcome::no_show);
    EXPECT_EQ(second.history.back().no_show_side, NoShowSide::exhibitor);
    EXPECT_EQ(second.history.front().outcome, Outcome::held);
    // A writer that saw version 1 is told someone wrote since.
    auto stale = outcomes().record_outcome(walnut, event.id, m.id, outcome(Outcome::follow_up, std::nullopt, 1));
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::conflict);
    // Another exhibitor and another buyer are no side of this meeting.
    EXPECT_EQ(outcomes().record_outcome(melon, event.id, m.id, outcome(Outcome::held)).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(outcomes().record_outcome(market, event.id, m.id, outcome(Outcome::held)).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(outcomes().outcomes(market, event.id, m.id).error().code, ErrorCode::permission_denied);
    // A no-show names its side; a meeting not in the published schedule is not found.
    auto no_side = outcomes().record_outcome(walnut, event.id, m.id, outcome(Outcome::no_show));
    ASSERT_FALSE(no_side);
    EXPECT_EQ(no_side.error().fields.at(0).field, "no_show_side");
    EXPECT_EQ(outcomes().record_outcome(organiser, event.id, "no-such-meeting", outcome(Outcome::held)).error().code, ErrorCode::not_found);
    EXPECT_EQ(count_rows("fair_meeting_outcomes"), 2);
    // Closed: organisers still correct, the sides no longer.
    must(events().move_state(organiser, event.id, EventState::closed));
    EXPECT_EQ(outcomes().record_outcome(walnut, event.id, m.id, outcome(Outcome::held)).error().problem_code(), ProblemCode::wrong_state);
    MeetingOutcomes late = must(outcomes().record_outcome(organiser, event.id, m.id, outcome(Outcome::follow_up, std::nullopt, 2)));
    EXPECT_EQ(late.history.back().version, 3);
    EXPECT_EQ(must(outcomes().outcomes(auditor, event.id, m.id)).history.size(), 3u);
}

TEST_P(FairAtEventServiceTest, AnIntendedOrderIsAnOrderFromTheExhibitorToTheMeetingsBuyer) {
    go_live();
    const StoredMeeting& m = meeting(walnuts, li);
    FairOrder made = must(outcomes().record_intent(canteen, event.id, m.id, sale(walnut_product, 100, 3500)));
    EXPECT_EQ(made.kind, FairOrderKind::intent);
    EXPECT_EQ(made.meeting_id, m.id);
    EXPECT_EQ(made.order.channel, orders::SalesChannel::fair_intent);
    EXPECT_EQ(made.order.status, orders::OrderStatus::intent);
    EXPECT_EQ(made.order.seller_id, walnut_org);
    EXPECT_EQ(made.order.buyer_id, canteen_org);
    EXPECT_EQ(made.order.delivery_district, "minhang");  // the buyer's district
    EXPECT_EQ(made.order.order_date, testing::on(10, 10));
    EXPECT_EQ(made.order.lines.at(0).grade, "A");  // the best grade
    EXPECT_EQ(made.order.total_fen, 350'000);
    // The orders module has it, and the buyer confirms it through the order lifecycle.
    orders::Order confirmed = must(order_service().transition(canteen, made.order_id, orders::OrderAction::confirm, {}));
    EXPECT_EQ(confirmed.status, orders::OrderStatus::confirmed);
    EXPECT_EQ(must(outcomes().list_orders(organiser, event.id, {}, 50, std::nullopt)).items.at(0).order.status,
              orders::OrderStatus::confirmed);

    const int64_t orders_before = count_rows("orders");
    // A product of another exhibitor, a negative quantity, an unpublished meeting, another buyer.
    auto foreign = outcomes().record_intent(canteen, event.id, m.id, sale(melon_product, 1, 100));
    ASSERT_FALSE(foreign);
    EXPECT_EQ(foreign.error().fields.at(0).field, "lines/0/product_id");
    auto negative = outcomes().record_intent(canteen, event.id, m.id, sale(walnut_product, -5, 100));
    ASSERT_FALSE(negative);
    EXPECT_EQ(negative.error().fields.at(0).field, "lines/0/quantity");
    EXPECT_EQ(outcomes().record_intent(organiser, event.id, "not-published", sale(walnut_product, 1, 100)).error().code,
              ErrorCode::not_found);
    EXPECT_EQ(outcomes().record_intent(market, event.id, m.id, sale(walnut_product, 1, 100)).error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(count_rows("orders"), orders_before);
    EXPECT_EQ(count_rows("fair_orders"), 1);

    // The seeder's path: no actor, a reference; the same reference again is the same order.
    SaleInput seeded = sale(walnut_product, 10, 3000);
    seeded.reference = "seed-1";
    FairOrder once = must(outcomes().record_intent(std::nullopt, event.id, meeting(walnuts, wang).id, seeded));
    FairOrder again = must(outcomes().record_intent(std::nullopt, event.id, meeting(walnuts, wang).id, seeded));
    EXPECT_EQ(once.order_id, again.order_id);
    EXPECT_EQ(count_rows("fair_orders"), 2);
}

TEST_P(FairAtEventServiceTest, OnSiteSalesHaveAWalkInBuyerAndAReceipt) {
    go_live();
    SaleInput walk_in = sale(walnut_product, 3, 2500);
    auto no_district = outcomes().record_onsite_sale(walnut, event.id, walnuts.id, walk_in);
    ASSERT_FALSE(no_district);
    EXPECT_EQ(no_district.error().fields.at(0).field, "delivery_district");
    walk_in.delivery_district = "huangpu";
    FairOrder first = must(outcomes().record_onsite_sale(walnut, event.id, walnuts.id, walk_in));
    FairOrder second = must(outcomes().record_onsite_sale(walnut, event.id, walnuts.id, walk_in));
    EXPECT_TRUE(first.walk_in);
    EXPECT_EQ(first.order.channel, orders::SalesChannel::fair_onsite);
    EXPECT_EQ(first.order.status, orders::OrderStatus::confirmed);
    EXPECT_EQ(first.buyer_org_id, second.buyer_org_id);  // one shared walk-in buyer
    EXPECT_NE(first.order_id, second.order_id);
    // A known buyer: its district, its participant.
    SaleInput named = sale(walnut_product, 2, 2500);
    named.buyer_org_id = market_org;
    FairOrder to_market = must(outcomes().record_onsite_sale(organiser, event.id, walnuts.id, named));
    EXPECT_FALSE(to_market.walk_in);
    EXPECT_EQ(to_market.buyer_participant_id, wang.id);
    EXPECT_EQ(to_market.order.delivery_district, "putuo");
    named.buyer_org_id = walnut_org;  // not a buyer
    EXPECT_EQ(outcomes().record_onsite_sale(organiser, event.id, walnuts.id, named).error().fields.at(0).field, "buyer_org_id");
    // Only the booth's own organisation (or organisers) sells at it; a buyer is no booth.
    EXPECT_EQ(outcomes().record_onsite_sale(melon, event.id, walnuts.id, walk_in).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(outcomes().record_onsite_sale(organiser, event.id, li.id, walk_in).error().code, ErrorCode::not_found);

    Receipt zh = must(outcomes().receipt(walnut, event.id, walnuts.id, first.order_id, "zh"));
    EXPECT_EQ(zh.total_fen, 7500);
    EXPECT_TRUE(zh.walk_in);
    EXPECT_EQ(zh.lines.at(0).quantity, 3);
    EXPECT_EQ(zh.event_name, event.name_zh);
    Receipt en = must(outcomes().receipt(auditor, event.id, walnuts.id, first.order_id, "en"));
    EXPECT_EQ(en.lines.at(0).product_name, "Paper-shell walnuts");
    const std::string en_text = pdf_text(must(pdf::render(receipt_document(en))));
    EXPECT_NE(en_text.find("Paper-shell walnuts"), std::string::npos) << en_text;
    EXPECT_NE(en_text.find("¥75.00"), std::string::npos) << en_text;
    const std::string zh_text = pdf_text(must(pdf::render(receipt_document(zh))));
    EXPECT_NE(zh_text.find("现场零售散客"), std::string::npos) << zh_text;
    EXPECT_NE(zh_text.find("3 公斤"), std::string::npos) << zh_text;
    EXPECT_NE(zh_text.find("¥25.00/公斤"), std::string::npos) << zh_text;
    // Another booth's order is not this booth's receipt; another organisation may not read it.
    EXPECT_EQ(outcomes().receipt(organiser, event.id, melons.id, first.order_id, "zh").error().code, ErrorCode::not_found);
    EXPECT_EQ(outcomes().receipt(melon, event.id, walnuts.id, first.order_id, "zh").error().code, ErrorCode::permission_denied);
    EXPECT_EQ(outcomes().receipt(market, event.id, walnuts.id, first.order_id, "zh").error().code, ErrorCode::permission_denied);
    EXPECT_TRUE(outcomes().receipt(market, event.id, walnuts.id, to_market.order_id, "zh"));
}

TEST_P(FairAtEventServiceTest, EachOrganisationSeesOnlyItsOwnOrdersAndACountyOnlyItsCounty) {
    go_live();
    const std::string walnut_li = must(outcomes().record_intent(canteen, event.id, meeting(walnuts, li).id, sale(walnut_product, 1, 100))).order_id;
    const std::string melon_wang = must(outcomes().record_intent(market, event.id, meeting(melons, wang).id, sale(melon_product, 1, 100))).order_id;
    SaleInput walk_in = sale(melon_product, 1, 100);
    walk_in.delivery_district = "huangpu";
    const std::string melon_walk_in = must(outcomes().record_onsite_sale(melon, event.id, melons.id, walk_in)).order_id;
    auto ids = [&](const Actor& actor) {
        std::vector<std::string> out;
        for (const auto& f : must(outcomes().list_orders(actor, event.id, {}, 50, std::nullopt)).items) out.push_back(f.order_id);
        std::sort(out.begin(), out.end());
        return out;
    };
    auto sorted = [](std::vector<std::string> v) {
        std::sort(v.begin(), v.end());
        return v;
    };
    EXPECT_EQ(ids(auditor), sorted({walnut_li, melon_wang, melon_walk_in}));
    EXPECT_EQ(ids(organiser), sorted({walnut_li, melon_wang, melon_walk_in}));
    EXPECT_EQ(ids(walnut), sorted({walnut_li}));
    EXPECT_EQ(ids(melon), sorted({melon_wang, melon_walk_in}));
    EXPECT_EQ(ids(canteen), sorted({walnut_li}));
    EXPECT_EQ(ids(market), sorted({melon_wang}));
    EXPECT_EQ(ids(yecheng_officer), sorted({walnut_li}));
    EXPECT_EQ(outcomes().list_orders(carrier, event.id, {}, 50, std::nullopt).error().code, ErrorCode::permission_denied);
    FairOrderFilter onsite_only;
    onsite_only.kind = FairOrderKind::onsite;
    EXPECT_EQ(must(outcomes().list_orders(organiser, event.id, onsite_only, 50, std::nullopt)).items.size(), 1u);
}

// Sums of a report's rows, each against the records it was made from.
int64_t intended(const std::vector<FigureRow>& rows) {
    return std::accumulate(rows.begin(), rows.end(), int64_t{0}, [](int64_t s, const FigureRow& r) { return s + r.intended_fen; });
}
int64_t onsite(const std::vector<FigureRow>& rows) {
    return std::accumulate(rows.begin(), rows.end(), int64_t{0}, [](int64_t s, const FigureRow& r) { return s + r.onsite_fen; });
}

TEST_P(FairAtEventServiceTest, ReportFiguresAreSumsOfTheRecords) {
    go_live();
    must(events().check_in(organiser, event.id, walnuts.id));
    must(events().check_in(organiser, event.id, li.id));
    must(outcomes().record_outcome(organiser, event.id, meeting(walnuts, li).id, outcome(Outcome::held)));
    must(outcomes().record_outcome(organiser, event.id, meeting(walnuts, wang).id, outcome(Outcome::follow_up)));
    must(outcomes().record_outcome(organiser, event.id, meeting(melons, zhao).id, outcome(Outcome::no_show, NoShowSide::buyer)));
    SaleInput mixed = sale(walnut_product, 10, 3000);
    const std::string a = must(outcomes().record_intent(canteen, event.id, meeting(walnuts, li).id, mixed)).order_id;
    const std::string b = must(outcomes().record_intent(market, event.id, meeting(melons, wang).id, sale(melon_product, 20, 1500))).order_id;
    const std::string c = must(outcomes().record_intent(canteen, event.id, meeting(melons, zhao).id, sale(melon_product, 5, 1000))).order_id;
    SaleInput walk_in = sale(walnut_product, 4, 2500);
    walk_in.delivery_district = "huangpu";
    must(outcomes().record_onsite_sale(walnut, event.id, walnuts.id, walk_in));
    // a is confirmed the same week; b a week later, then shipped, delivered, accepted and paid; c cancelled.
    must(order_service().transition(canteen, a, orders::OrderAction::confirm, {}));
    stack().clock.advance_ms(7LL * 86'400'000);
    must(order_service().transition(market, b, orders::OrderAction::confirm, {}));
    must(order_service().transition(melon, b, orders::OrderAction::ship, {}));
    must(order_service().transition(melon, b, orders::OrderAction::deliver, {}));
    must(order_service().transition(market, b, orders::OrderAction::accept, {}));
    must(order_service().set_invoice(melon, b, "INV-1"));
    must(order_service().transition(market, b, orders::OrderAction::pay, {}));
    orders::TransitionInput why;
    why.reason = "changed plans";
    must(order_service().transition(canteen, c, orders::OrderAction::cancel, why));

    FairReport report = must(reports().report(auditor, event.id));
    // The records, read through the list.
    int64_t intent_sum = 0, onsite_sum = 0, intents = 0;
    for (const auto& f : must(outcomes().list_orders(organiser, event.id, {}, 50, std::nullopt)).items) {
        (f.kind == FairOrderKind::intent ? intent_sum : onsite_sum) += f.order.total_fen;
        intents += f.kind == FairOrderKind::intent ? 1 : 0;
    }
    EXPECT_EQ(intent_sum, 3000 * 10 + 1500 * 20 + 1000 * 5);
    EXPECT_EQ(report.total.intended_fen, intent_sum);
    EXPECT_EQ(report.total.intent_orders, intents);
    EXPECT_EQ(report.total.onsite_fen, onsite_sum);
    for (const auto* rows : {&report.by_county, &report.by_exhibitor, &report.by_buyer_channel, &report.by_category}) {
        EXPECT_EQ(intended(*rows), intent_sum);
        EXPECT_EQ(onsite(*rows), onsite_sum);
    }
    EXPECT_EQ(report.exhibitors, 2);
    EXPECT_EQ(report.buyers, 3);
    EXPECT_EQ(report.exhibitors_checked_in, 1);
    EXPECT_EQ(report.buyers_checked_in, 1);
    EXPECT_EQ(report.meetings_scheduled, static_cast<int64_t>(meetings.size()));
    EXPECT_EQ(report.meetings_held, 2);
    EXPECT_EQ(report.meetings_follow_up, 1);
    EXPECT_EQ(report.meetings_no_show, 1);
    EXPECT_EQ(report.meetings_unrecorded, static_cast<int64_t>(meetings.size()) - 3);
    EXPECT_EQ(report.intents_confirmed, 2);
    EXPECT_EQ(report.intents_paid, 1);
    EXPECT_EQ(report.intents_paid_fen, 30'000);
    EXPECT_EQ(report.intents_cancelled, 1);
    EXPECT_EQ(report.intents_open, 0);
    ASSERT_EQ(report.conversion_by_week.size(), 2u);
    EXPECT_EQ(report.conversion_by_week[0].confirmed_orders, 1);
    EXPECT_EQ(report.conversion_by_week[1].confirmed_orders, 1);
    EXPECT_EQ(report.conversion_by_week[1].paid_fen, 30'000);
    EXPECT_EQ(report.conversion_by_week[1].confirmed_orders_to_date, 2);
    bool walk_in_channel = false;
    for (const auto& row : report.by_buyer_channel) walk_in_channel |= row.key == "walk_in" && row.onsite_fen == 10'000;
    EXPECT_TRUE(walk_in_channel);

    // Yecheng's officer: the walnut exhibitor only, the buyers it met or sold to.
    FairReport yecheng = must(reports().report(yecheng_officer, event.id));
    EXPECT_EQ(yecheng.county, "yecheng");
    EXPECT_EQ(yecheng.exhibitors, 1);
    EXPECT_EQ(yecheng.total.intended_fen, 3000 * 10);
    EXPECT_EQ(yecheng.total.onsite_fen, onsite_sum);
    ASSERT_EQ(yecheng.by_county.size(), 1u);
    EXPECT_EQ(yecheng.by_county[0].key, "yecheng");
    EXPECT_EQ(reports().report(walnut, event.id).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(reports().report(canteen, event.id).error().code, ErrorCode::permission_denied);
    // The sheet: one row per figure, its totals the same.
    sheets::Table table = fair_report_table(report);
    int64_t sheet_intended = 0;
    for (const auto& row : table.rows) {
        if (row[0] == "county") sheet_intended += std::stoll(row[6]);
    }
    EXPECT_EQ(sheet_intended, intent_sum);
}

INSTANTIATE_TEST_SUITE_P(Backends, FairAtEventServiceTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::fair
