// Events (issue 15 item 1) and participants (item 2) on SQLite and PostgreSQL: sessions generate
// slots, state moves one step and only for organisers, registration rules (own organisation only,
// caps, products of the exhibitor's own catalogue, slots of the event, the same person in two
// events at overlapping times), CSV import all-or-nothing, check-in and what others may see.
#include "fair/fair_fixture.h"

namespace kl::fair {
namespace {

using testing::FairTest;
using testing::must;
using testing::on;

class FairEventsTest : public FairTest {};

TEST_P(FairEventsTest, SessionsGenerateSlotsWithBreaks) {
    Event event = draft_event();
    // 09:00–10:40 with 20-minute slots and 5-minute breaks: 09:00, 09:25, 09:50, 10:15 (ends 10:35).
    SessionAdded added = must(events().add_session(organiser, event.id, on(10, 10), 540, 640));
    ASSERT_EQ(added.slots.size(), 4u);
    EXPECT_EQ(added.slots[1].starts_min, 565);
    EXPECT_EQ(added.slots[3].ends_min, 635);
    must(events().add_session(organiser, event.id, on(10, 11), 540, 600));
    auto slots = must(events().slots(walnut, event.id));
    ASSERT_EQ(slots.size(), 6u);
    EXPECT_EQ(slots[4].held_on, on(10, 11));  // time order across days
    // A day outside the event, a block overlapping another, one shorter than a slot: refused by field.
    auto outside = events().add_session(organiser, event.id, on(10, 12), 540, 640);
    ASSERT_FALSE(outside);
    EXPECT_EQ(outside.error().fields.at(0).field, "held_on");
    EXPECT_EQ(outside.error().fields.at(0).code, ProblemCode::outside_event_dates);
    EXPECT_EQ(events().add_session(organiser, event.id, on(10, 10), 600, 700).error().fields.at(0).field, "starts_min");
    EXPECT_EQ(events().add_session(organiser, event.id, on(10, 10), 700, 710).error().fields.at(0).field, "ends_min");
    EXPECT_EQ(events().add_session(organiser, event.id, on(10, 10), 700, 690).error().fields.at(0).field, "ends_min");
    EXPECT_EQ(events().add_session(walnut, event.id, on(10, 10), 700, 800).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(count_rows("fair_slots"), 6);
}

TEST_P(FairEventsTest, StateMovesOneStepForOrganisersOnly) {
    Event event = draft_event();
    EXPECT_EQ(events().move_state(walnut, event.id, EventState::registration).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(events().move_state(auditor, event.id, EventState::registration).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(events().move_state(organiser, event.id, EventState::scheduling).error().code, ErrorCode::conflict);
    EXPECT_EQ(must(events().move_state(organiser, event.id, EventState::registration)).state, EventState::registration);
    EXPECT_EQ(must(events().move_state(admin, event.id, EventState::scheduling)).state, EventState::scheduling);
    // Published comes from publishing a schedule, never from this route.
    auto skip = events().move_state(organiser, event.id, EventState::published);
    ASSERT_FALSE(skip);
    EXPECT_EQ(skip.error().problem_code(), ProblemCode::wrong_state);
    // Only admins create events and name organisers.
    EXPECT_EQ(events().create_event(organiser, event).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(events().add_organiser(organiser, event.id, organiser_user.id).error().code, ErrorCode::permission_denied);
}

TEST_P(FairEventsTest, BadEventInputIsNamedAndWritesNothing) {
    Event input = draft_event();
    input.name_zh = "";
    input.ends_on = on(10, 1);
    input.slot_minutes = 2;
    input.weights.recommendation_max = 500;  // more than a `meet`
    input.organiser_ids.clear();
    auto refused = events().create_event(admin, input);
    ASSERT_FALSE(refused);
    std::vector<std::string> fields;
    for (const auto& f : refused.error().fields) fields.push_back(f.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"name_zh", "ends_on", "slot_minutes", "weight_recommendation_max"}));
    Event unknown = draft_event("other");
    unknown.organiser_ids = {"no-such-user"};
    EXPECT_EQ(events().create_event(admin, unknown).error().fields.at(0).field, "organiser_ids/0");
    EXPECT_EQ(count_rows("fair_events"), 2);
}

TEST_P(FairEventsTest, RegistrationByOrganiserOrOwnOrganisation) {
    Event event = open_event();
    Attendee walnuts = must(events().register_attendee(walnut, event.id, exhibitor(walnut_org, {walnut_product})));
    EXPECT_EQ(walnuts.product_ids, std::vector<std::string>{walnut_product});
    EXPECT_EQ(walnuts.org_name, "Yecheng Walnut Co");
    // Another organisation's user, or a producer registering a buyer: 403.
    EXPECT_EQ(events().register_attendee(walnut, event.id, exhibitor(melon_org)).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(events().register_attendee(walnut, event.id, buyer(canteen_org, "Li")).error().code, ErrorCode::permission_denied);
    must(events().register_attendee(canteen, event.id, buyer(canteen_org, "Li Ming")));
    must(events().register_attendee(organiser, event.id, buyer(market_org, "Wang Fang")));
    // The same person again (full-width letters and other case are the same name): refused.
    auto twice = events().register_attendee(canteen, event.id, buyer(canteen_org, "ＬＩ ming"));
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().fields.at(0).code, ProblemCode::duplicate);
    // Once registration closes, only organisers register (late registrations).
    must(events().move_state(organiser, event.id, EventState::scheduling));
    EXPECT_EQ(events().register_attendee(melon, event.id, exhibitor(melon_org)).error().problem_code(), ProblemCode::wrong_state);
    must(events().register_attendee(organiser, event.id, exhibitor(melon_org)));
    EXPECT_EQ(count_rows("fair_participants"), 4);
}

TEST_P(FairEventsTest, BadRegistrationsAreRefusedByField) {
    Event event = open_event();
    auto slots = must(events().slots(organiser, event.id));
    Attendee caps = buyer(canteen_org, "Li");
    caps.meetings_min = 5;
    caps.meetings_max = 3;
    auto refused = events().register_attendee(organiser, event.id, caps);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(refused.error().fields.at(0).field, "meetings_min");
    // Another organisation's product; a buyer organisation as an exhibitor; an unknown organisation.
    EXPECT_EQ(events().register_attendee(organiser, event.id, exhibitor(walnut_org, {melon_product})).error().fields.at(0).field,
              "product_ids/0");
    EXPECT_EQ(events().register_attendee(organiser, event.id, exhibitor(canteen_org)).error().fields.at(0).code,
              ProblemCode::wrong_kind);
    EXPECT_EQ(events().register_attendee(organiser, event.id, exhibitor("nope")).error().fields.at(0).field, "org_id");
    // A slot of another event (outside this event's days) and a slot named twice.
    Event other = open_event("2026 autumn fair", 1, 11);
    auto other_slots = must(events().slots(organiser, other.id));
    Attendee elsewhere = buyer(canteen_org, "Li");
    elsewhere.slot_ids = {other_slots[0].id};
    EXPECT_EQ(events().register_attendee(organiser, event.id, elsewhere).error().fields.at(0).field, "slot_ids/0");
    Attendee repeated = buyer(canteen_org, "Li");
    repeated.slot_ids = {slots[0].id, slots[0].id};
    EXPECT_EQ(events().register_attendee(organiser, event.id, repeated).error().fields.at(0).code, ProblemCode::repeated);
    EXPECT_EQ(count_rows("fair_participants"), 0);
}

TEST_P(FairEventsTest, TheSamePersonCannotBeInTwoEventsAtOnce) {
    Event first = open_event("first");
    Event second = open_event("second", 1, 10, 10 * 60);  // 10:00–11:40, overlapping 10:15–10:35 of the first
    Event third = open_event("third", 1, 11);             // the next day
    auto first_slots = must(events().slots(organiser, first.id));
    Attendee li = buyer(canteen_org, "Li Ming");
    li.slot_ids = {first_slots[0].id, first_slots[3].id};  // 09:00 and 10:15
    must(events().register_attendee(canteen, first.id, li));
    auto clash = events().register_attendee(canteen, second.id, buyer(canteen_org, "li ming"));
    ASSERT_FALSE(clash);
    EXPECT_EQ(clash.error().fields.at(0).code, ProblemCode::time_clash);
    // In the second event's later slots only (10:50 on), or the next day, or another person: fine.
    auto second_slots = must(events().slots(organiser, second.id));
    Attendee later = buyer(canteen_org, "Li Ming");
    later.slot_ids = {second_slots[2].id, second_slots[3].id};
    must(events().register_attendee(canteen, second.id, later));
    must(events().register_attendee(canteen, third.id, buyer(canteen_org, "Li Ming")));
    must(events().register_attendee(canteen, second.id, buyer(canteen_org, "Zhao Lei")));
    // An exhibitor is its organisation: the same organisation in overlapping events is refused too.
    must(events().register_attendee(walnut, first.id, exhibitor(walnut_org)));
    EXPECT_EQ(events().register_attendee(walnut, second.id, exhibitor(walnut_org)).error().fields.at(0).code,
              ProblemCode::time_clash);
}

TEST_P(FairEventsTest, CsvImportIsAllOrNothingWithRowsNamed) {
    Event event = open_event();
    const std::string header = "side,org,person_name,title,phone,booth,products,meetings_min,meetings_max,slots\r\n";
    const std::string good = header + "exhibitor," + walnut_org + ",,,,B2," + walnut_product + ",1,4,\r\n" +
                             "buyer," + canteen_org + ",Li Ming,Buyer,138,,,0,3,\r\n";
    const std::string unknown = good + "buyer,91310000MA1FL0000X,Chen,,,,,0,2,\r\nbuyer,nobody,Wu,,,,,0,2,\r\n";
    auto refused = events().import_csv(organiser, event.id, unknown);
    ASSERT_FALSE(refused);
    ASSERT_EQ(refused.error().fields.size(), 2u);
    EXPECT_EQ(refused.error().fields[0].field, "row 4/org");
    EXPECT_EQ(refused.error().fields[1].field, "row 5/org");
    EXPECT_EQ(count_rows("fair_participants"), 0);
    // A row the registration rules refuse (caps) rejects the file too, naming its cell.
    auto caps = events().import_csv(organiser, event.id, good + "buyer," + market_org + ",Wang,,,,,5,2,\r\n");
    ASSERT_FALSE(caps);
    EXPECT_EQ(caps.error().fields.at(0).field, "row 4/meetings_min");
    EXPECT_EQ(count_rows("fair_participants"), 0);
    EXPECT_EQ(events().import_csv(walnut, event.id, good).error().code, ErrorCode::permission_denied);
    ImportSummary done = must(events().import_csv(organiser, event.id, good));
    EXPECT_EQ(done.rows, 2);
    EXPECT_EQ(count_rows("fair_participants"), 2);
}

TEST_P(FairEventsTest, CheckInAndWhatOthersSee) {
    Event event = open_event();
    Attendee li = must(events().register_attendee(canteen, event.id, buyer(canteen_org, "Li Ming")));
    // Another buyer's user and a producer see the directory without the phone; the organiser and
    // the buyer's own organisation see it.
    EXPECT_EQ(must(events().attendee(market, event.id, li.id)).phone, "");
    EXPECT_EQ(must(events().attendee(walnut, event.id, li.id)).phone, "");
    EXPECT_EQ(must(events().attendee(canteen, event.id, li.id)).phone, "13800000000");
    EXPECT_EQ(must(events().attendee(organiser, event.id, li.id)).phone, "13800000000");
    // Check-in is at the event (published or live), by organisers, once.
    EXPECT_EQ(events().check_in(organiser, event.id, li.id).error().problem_code(), ProblemCode::wrong_state);
    must(db().write([&](store::Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("UPDATE fair_events SET state = 'live' WHERE id = $1", {event.id}));
        return ok();
    }));
    EXPECT_EQ(events().check_in(canteen, event.id, li.id).error().code, ErrorCode::permission_denied);
    Attendee in = must(events().check_in(organiser, event.id, li.id));
    ASSERT_TRUE(in.checked_in_at_ms.has_value());
    EXPECT_EQ(must(events().check_in(organiser, event.id, li.id)).checked_in_at_ms, in.checked_in_at_ms);
    // A participant is not found through another event.
    Event other = open_event("other", 1, 11);
    EXPECT_EQ(events().attendee(organiser, other.id, li.id).error().code, ErrorCode::not_found);
}

INSTANTIATE_TEST_SUITE_P(Backends, FairEventsTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::fair
