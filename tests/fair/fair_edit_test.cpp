// Edits of the event layer (issue 15 item 5) on SQLite and PostgreSQL: an event's names, dates,
// weights and slot length, a participant's fields, and deleting tables and sessions — each checked
// field by field, audited, and refused in the states (or with the records) it would invalidate,
// changing nothing when refused.
#include "fair/fair_fixture.h"

namespace kl::fair {
namespace {

using testing::FairTest;
using testing::must;
using testing::on;

class FairEditTest : public FairTest {
protected:
    int64_t audited(const std::string& action) {
        auto rows = db().read([&](store::Tx& tx) { return tx.query("SELECT COUNT(*) FROM audit_events WHERE action = $1", {action}); });
        return rows ? (*rows)[0].i64(0) : -1;
    }
    std::string field_of(const Error& error) { return error.fields.empty() ? "" : error.fields.front().field; }
};

TEST_P(FairEditTest, AnEventsNamesDatesAndWeightsChangeWhileItsStateAllows) {
    Event event = open_event();  // a session on 10 October
    EventPatch rename;
    rename.name_en = "Kashgar fair 2026";
    rename.ends_on = on(10, 12);
    rename.weight_buyer_meet = 35;
    Event renamed = must(events().update_event(organiser, event.id, rename));
    EXPECT_EQ(renamed.name_en, "Kashgar fair 2026");
    EXPECT_EQ(renamed.ends_on, on(10, 12));
    EXPECT_EQ(renamed.weights.buyer_meet, 35);
    EXPECT_EQ(audited("fair_event.update"), 1);
    // The session on the 10th must stay inside the dates; slots exist, so their length stays.
    EventPatch later;
    later.starts_on = on(10, 11);
    EXPECT_EQ(field_of(events().update_event(organiser, event.id, later).error()), "starts_on");
    EventPatch slots;
    slots.slot_minutes = 30;
    EXPECT_EQ(field_of(events().update_event(organiser, event.id, slots).error()), "slot_minutes");
    EventPatch backwards;
    backwards.ends_on = on(10, 1);
    EXPECT_EQ(field_of(events().update_event(organiser, event.id, backwards).error()), "ends_on");
    // A guess never outweighs a stated wish: the recommendation weight stays at most either `meet`.
    EventPatch guess;
    guess.weight_recommendation_max = 500;
    EXPECT_EQ(field_of(events().update_event(organiser, event.id, guess).error()), "weight_recommendation_max");
    EXPECT_EQ(events().update_event(walnut, event.id, rename).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(audited("fair_event.update"), 1) << "refusals change nothing";
    EXPECT_EQ(must(events().event(admin, event.id)).ends_on, on(10, 12));
    // An event without sessions takes a new slot length.
    Event bare = draft_event("bare");
    EXPECT_EQ(must(events().update_event(organiser, bare.id, slots)).slot_minutes, 30);
}

TEST_P(FairEditTest, AParticipantsFieldsChangeByOrganisersAndByItsOwnOrganisationWhileRegistrationIsOpen) {
    Event event = open_event();
    Attendee li = must(events().register_attendee(canteen, event.id, buyer(canteen_org, "Li Ming")));
    Attendee wang = must(events().register_attendee(canteen, event.id, buyer(canteen_org, "Wang Fang")));
    Attendee walnuts = must(events().register_attendee(walnut, event.id, exhibitor(walnut_org)));
    AttendeePatch phone;
    phone.phone = "13900000000";
    phone.meetings_max = 3;
    Attendee edited = must(events().update_attendee(canteen, event.id, li.id, phone));
    EXPECT_EQ(edited.phone, "13900000000");
    EXPECT_EQ(edited.meetings_max, 3);
    EXPECT_EQ(events().update_attendee(market, event.id, li.id, phone).error().code, ErrorCode::permission_denied);
    // Field by field: the same person twice, another's products, a slot of no event, caps crossed.
    AttendeePatch same;
    same.person_name = "ＷＡＮＧ fang";  // NFKC and case folded: Wang Fang
    EXPECT_EQ(field_of(events().update_attendee(organiser, event.id, li.id, same).error()), "person_name");
    AttendeePatch theirs;
    theirs.product_ids = std::vector<std::string>{melon_product};
    EXPECT_EQ(field_of(events().update_attendee(organiser, event.id, walnuts.id, theirs).error()), "product_ids/0");
    AttendeePatch nowhere;
    nowhere.slot_ids = std::vector<std::string>{"no-such-slot"};
    EXPECT_EQ(field_of(events().update_attendee(organiser, event.id, li.id, nowhere).error()), "slot_ids/0");
    AttendeePatch crossed;
    crossed.meetings_min = 4;
    EXPECT_EQ(field_of(events().update_attendee(organiser, event.id, li.id, crossed).error()), "meetings_min");
    AttendeePatch shows;
    shows.product_ids = std::vector<std::string>{walnut_product};
    shows.booth = "B7";
    Attendee showing = must(events().update_attendee(walnut, event.id, walnuts.id, shows));
    EXPECT_EQ(showing.product_ids, std::vector<std::string>{walnut_product});
    EXPECT_EQ(showing.booth, "B7");
    EXPECT_EQ(audited("fair_participant.update"), 2);
    EXPECT_EQ(must(events().attendee(organiser, event.id, wang.id)).person_name, "Wang Fang");
    // Once scheduling starts the organisation's own user no longer edits; organisers do until live,
    // when availability and caps are refused (the schedule is in use).
    must(events().move_state(organiser, event.id, EventState::scheduling));
    EXPECT_EQ(events().update_attendee(canteen, event.id, li.id, phone).error().problem_code(), ProblemCode::wrong_state);
    must(fairs().schedules.publish(organiser, event.id, must(fairs().schedules.run_now(organiser, event.id, std::nullopt)).id));
    must(events().move_state(organiser, event.id, EventState::live));
    AttendeePatch fewer;
    fewer.meetings_max = 1;
    EXPECT_EQ(events().update_attendee(organiser, event.id, li.id, fewer).error().problem_code(), ProblemCode::wrong_state);
    AttendeePatch title;
    title.title = "Head of purchasing";
    EXPECT_EQ(must(events().update_attendee(organiser, event.id, li.id, title)).title, "Head of purchasing");
}

TEST_P(FairEditTest, TablesAndSessionsAreDeletedOnlyBeforeARunSeatsMeetingsThere) {
    Event event = open_event("deletions", 3);
    const std::vector<EventTable> tables = must(events().tables(organiser, event.id));
    ASSERT_EQ(tables.size(), 3u);
    must(events().delete_table(organiser, event.id, tables[2].id));
    EXPECT_EQ(must(events().tables(organiser, event.id)).size(), 2u);
    EXPECT_EQ(audited("fair_table.delete"), 1);
    EXPECT_EQ(events().delete_table(organiser, event.id, tables[2].id).error().code, ErrorCode::not_found);
    EXPECT_EQ(events().delete_table(canteen, event.id, tables[1].id).error().code, ErrorCode::permission_denied);
    // A second session, named in a participant's availability, stays until that participant changes.
    SessionAdded afternoon = must(events().add_session(organiser, event.id, on(10, 10), 14 * 60, 15 * 60));
    Attendee picky = buyer(canteen_org, "Li Ming");
    picky.slot_ids = {afternoon.slots[0].id};
    Attendee li = must(events().register_attendee(canteen, event.id, picky));
    EXPECT_EQ(events().delete_session(organiser, event.id, afternoon.session.id).error().code, ErrorCode::conflict);
    AttendeePatch anytime;
    anytime.slot_ids = std::vector<std::string>{};
    must(events().update_attendee(organiser, event.id, li.id, anytime));
    must(events().delete_session(organiser, event.id, afternoon.session.id));
    EXPECT_EQ(must(events().sessions(organiser, event.id)).size(), 1u);
    EXPECT_EQ(must(events().slots(organiser, event.id)).size(), 4u);
    // Once a run seats meetings at a table it stays, even while still scheduling.
    Attendee walnuts = must(events().register_attendee(walnut, event.id, exhibitor(walnut_org)));
    must(events().rate(canteen, event.id, li.id, walnuts.id, Rating::must_meet, ""));
    must(events().move_state(organiser, event.id, EventState::scheduling));
    const ScheduleRun run = must(fairs().schedules.run_now(organiser, event.id, std::nullopt));
    const auto meetings = must(fairs().schedules.meetings(organiser, event.id, run.id, 10, std::nullopt)).items;
    ASSERT_EQ(meetings.size(), 1u);
    const auto refused = events().delete_table(organiser, event.id, meetings[0].table_id);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().problem_code(), ProblemCode::refused);
    const std::vector<Session> sessions = must(events().sessions(organiser, event.id));
    EXPECT_EQ(events().delete_session(organiser, event.id, sessions[0].id).error().problem_code(), ProblemCode::refused);
    // After publication nothing is deleted.
    must(fairs().schedules.publish(organiser, event.id, run.id));
    const std::string unused = meetings[0].table_id == tables[0].id ? tables[1].id : tables[0].id;
    EXPECT_EQ(events().delete_table(organiser, event.id, unused).error().problem_code(), ProblemCode::wrong_state);
    EXPECT_EQ(audited("fair_table.delete"), 1);
    EXPECT_EQ(audited("fair_session.delete"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, FairEditTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::fair
