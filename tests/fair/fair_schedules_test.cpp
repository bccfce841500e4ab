// Schedule runs (issue 15 item 4) on SQLite and PostgreSQL: a run stores its meetings and what it
// says; publishing makes it the event's schedule; a rerun keeps every published meeting still
// possible (same ids) and tells both sides what moved or dropped and why; a veto beats a must-meet
// and the run says so; an infeasible minimum is reported, not an error; agendas are private.
#include <chrono>
#include <set>
#include <thread>

#include "fair/fair_fixture.h"

namespace kl::fair {
namespace {

using testing::must;

class FairSchedulesTest : public testing::FairCastTest {
protected:
    void to_scheduling() { must(events().move_state(organiser, event.id, EventState::scheduling)); }
    ScheduleService& schedules() { return fairs().schedules; }
    std::vector<StoredMeeting> meetings_of(const ScheduleRun& run) {
        return must(schedules().meetings(organiser, event.id, run.id, 200, std::nullopt)).items;
    }
};

bool has_note(const std::vector<ScheduleNote>& notes, NoteKind kind, const std::string& reason) {
    return std::any_of(notes.begin(), notes.end(), [&](const ScheduleNote& n) { return n.kind == kind && n.reason == reason; });
}

TEST_P(FairSchedulesTest, ARunIsStoredPublishedAndReadAsAgendas) {
    // Not while registration is open, and only by organisers.
    EXPECT_EQ(schedules().run_now(organiser, event.id, std::nullopt).error().problem_code(), ProblemCode::wrong_state);
    to_scheduling();
    EXPECT_EQ(schedules().run_now(walnut, event.id, std::nullopt).error().code, ErrorCode::permission_denied);
    ScheduleRun run = must(schedules().run_now(organiser, event.id, std::nullopt));
    EXPECT_EQ(run.status, ScheduleStatus::done);
    EXPECT_EQ(run.meeting_count, 6);  // every wanted pair: 2 × 3 in four slots at two tables
    EXPECT_TRUE(run.optimal);
    EXPECT_EQ(run.gap, 0);
    EXPECT_EQ(run.weight, run.weight_bound);
    auto meetings = meetings_of(run);
    ASSERT_EQ(meetings.size(), 6u);
    // No one in two places at once, no table twice in a slot.
    std::set<std::pair<std::string, std::string>> busy, tables_used;
    for (const auto& m : meetings) {
        EXPECT_TRUE(busy.insert({m.exhibitor_id, m.slot_id}).second);
        EXPECT_TRUE(busy.insert({m.buyer_id, m.slot_id}).second);
        EXPECT_TRUE(tables_used.insert({m.table_id, m.slot_id}).second);
        EXPECT_EQ(m.weight, 30);  // a buyer's `meet`; the exhibitor said nothing and nothing is known
    }
    Agenda before = must(schedules().agenda(canteen, event.id, li.id));
    EXPECT_FALSE(before.schedule_id.has_value());
    ScheduleRun published = must(schedules().publish(organiser, event.id, run.id));
    EXPECT_TRUE(published.published);
    EXPECT_EQ(must(events().event(walnut, event.id)).state, EventState::published);
    Agenda agenda = must(schedules().agenda(canteen, event.id, li.id));
    ASSERT_EQ(agenda.meetings.size(), 2u);
    EXPECT_LT(agenda.meetings[0].slot.starts_min, agenda.meetings[1].slot.starts_min);
    EXPECT_EQ(agenda.meetings[0].counterpart_org_name == "Yecheng Walnut Co" ? agenda.meetings[0].product_ids
                                                                             : agenda.meetings[1].product_ids,
              std::vector<std::string>{walnut_product});
    // Privacy: another buyer's user reads neither this agenda nor the whole schedule.
    EXPECT_EQ(schedules().agenda(market, event.id, li.id).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(schedules().get(market, event.id, run.id).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(schedules().meetings(walnut, event.id, run.id, 50, std::nullopt).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(must(schedules().get(auditor, event.id, run.id)).meeting_count, 6);
    SchedulePage runs = must(schedules().list(auditor, event.id, 50, std::nullopt));
    ASSERT_EQ(runs.items.size(), 1u);
    EXPECT_TRUE(runs.items[0].published);
    EXPECT_EQ(schedules().list(canteen, event.id, 50, std::nullopt).error().code, ErrorCode::permission_denied);
}

TEST_P(FairSchedulesTest, ARerunKeepsPublishedMeetingsAndSaysWhatDropped) {
    to_scheduling();
    ScheduleRun first = must(schedules().run_now(organiser, event.id, std::nullopt));
    must(schedules().publish(organiser, event.id, first.id));
    const auto first_meetings = meetings_of(first);
    // A cancellation and a late registration with a new must-meet.
    must(events().withdraw(market, event.id, wang.id));
    Attendee chen = must(events().register_attendee(organiser, event.id, buyer(canteen_org, "Chen Jing")));
    must(events().rate(organiser, event.id, chen.id, melons.id, Rating::must_meet, ""));
    ScheduleRun second = must(schedules().run_now(organiser, event.id, std::nullopt));
    ASSERT_EQ(second.status, ScheduleStatus::done);
    EXPECT_EQ(second.based_on, first.id);
    int kept = 0, dropped = 0;
    for (const auto& note : second.notes) {
        if (note.kind == NoteKind::kept) ++kept;
        if (note.kind == NoteKind::dropped) {
            ++dropped;
            EXPECT_EQ(note.buyer_id, wang.id);
            EXPECT_EQ(note.reason, "withdrawn");
        }
    }
    EXPECT_EQ(kept, 4);     // every meeting of the others is still possible, and kept
    EXPECT_EQ(dropped, 2);  // Wang's two, each with its reason
    // Kept meetings keep their ids.
    const auto second_meetings = meetings_of(second);
    std::set<std::string> first_ids;
    for (const auto& m : first_meetings) first_ids.insert(m.id);
    int same_ids = 0;
    for (const auto& m : second_meetings) same_ids += first_ids.contains(m.id);
    EXPECT_EQ(same_ids, 4);
    // Chen's must-meet is scheduled.
    EXPECT_TRUE(std::any_of(second_meetings.begin(), second_meetings.end(),
                            [&](const StoredMeeting& m) { return m.buyer_id == chen.id && m.exhibitor_id == melons.id; }));
    must(schedules().publish(organiser, event.id, second.id));
    // Both sides read what dropped: the withdrawn buyer and the exhibitors it was to meet.
    Agenda wangs = must(schedules().agenda(market, event.id, wang.id));
    EXPECT_TRUE(wangs.meetings.empty());
    EXPECT_TRUE(has_note(wangs.notes, NoteKind::dropped, "withdrawn"));
    EXPECT_TRUE(has_note(must(schedules().agenda(walnut, event.id, walnuts.id)).notes, NoteKind::dropped, "withdrawn"));
    EXPECT_FALSE(has_note(must(schedules().agenda(canteen, event.id, li.id)).notes, NoteKind::dropped, "withdrawn"));
    // The first run is stale now: publishing it again would undo the second.
    EXPECT_EQ(schedules().publish(organiser, event.id, first.id).error().code, ErrorCode::conflict);
}

TEST_P(FairSchedulesTest, AVetoBeatsAMustMeetAndTheRunSaysSo) {
    must(events().rate(canteen, event.id, li.id, walnuts.id, Rating::must_meet, ""));
    must(events().rate(walnut, event.id, walnuts.id, li.id, Rating::no_thanks, "we supply them already"));
    to_scheduling();
    ScheduleRun run = must(schedules().run_now(organiser, event.id, std::nullopt));
    for (const auto& m : meetings_of(run)) EXPECT_FALSE(m.buyer_id == li.id && m.exhibitor_id == walnuts.id);
    auto vetoed = std::find_if(run.notes.begin(), run.notes.end(),
                               [](const ScheduleNote& n) { return n.kind == NoteKind::must_meet_unmet; });
    ASSERT_NE(vetoed, run.notes.end());
    EXPECT_EQ(vetoed->reason, "veto");
    EXPECT_TRUE(vetoed->vetoed);
    EXPECT_EQ(vetoed->buyer_id, li.id);
}

TEST_P(FairSchedulesTest, AnInfeasibleMinimumIsReportedNotAnError) {
    // Zhao wants four meetings, but only the two exhibitors exist.
    must(db().write([&](store::Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("UPDATE fair_participants SET meetings_min = 4 WHERE id = $1", {zhao.id}));
        return ok();
    }));
    to_scheduling();
    ScheduleRun run = must(schedules().run_now(organiser, event.id, std::nullopt));
    EXPECT_EQ(run.status, ScheduleStatus::done);
    auto shortfall = std::find_if(run.notes.begin(), run.notes.end(),
                                  [](const ScheduleNote& n) { return n.kind == NoteKind::minimum_unmet; });
    ASSERT_NE(shortfall, run.notes.end());
    EXPECT_EQ(shortfall->participant_id, zhao.id);
    EXPECT_EQ(shortfall->meetings_min, 4);
    EXPECT_EQ(shortfall->scheduled, 2);
    EXPECT_EQ(shortfall->reason, "too_few_partners");
}

TEST_P(FairSchedulesTest, AQueuedRunIsSolvedOnTheJobThread) {
    to_scheduling();
    ScheduleRun queued = must(schedules().start(organiser, event.id, 5000));
    EXPECT_EQ(queued.status, ScheduleStatus::queued);
    // Poll (no timing assertion: the job thread finishes it, however long it takes).
    ScheduleRun polled = queued;
    for (int i = 0; i < 6000 && (polled.status == ScheduleStatus::queued || polled.status == ScheduleStatus::running); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        polled = must(schedules().get(organiser, event.id, queued.id));
    }
    EXPECT_EQ(polled.status, ScheduleStatus::done);
    EXPECT_EQ(polled.solve_time_ms, 5000);
    EXPECT_EQ(schedules().start(organiser, event.id, 0).error().fields.at(0).field, "solve_time_ms");
}

INSTANTIATE_TEST_SUITE_P(Backends, FairSchedulesTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::fair
