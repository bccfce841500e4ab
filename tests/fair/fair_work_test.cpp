// The fair kinds of the to-do home (fair/fair_work.h) on SQLite and PostgreSQL, per role: an
// exhibitor's or buyer's organisation is asked to rate while an event it joined is in registration and
// it has rated no one, then told its agenda is out once a schedule is published; organisers (admins
// and the users an event names) are asked for the outcomes of a live event's meetings. Each count is
// over the actor's own organisation or events only, and a step taken moves the record out of it.
#include <map>

#include "fair/fair_at_event_fixture.h"
#include "fair/fair_work.h"

namespace kl::fair {
namespace {

using testing::FairAtEventTest;
using testing::FairCastTest;
using testing::must;

// The actor's fair work as kind → queue.
std::map<std::string, WorkQueue> work_of(store::Store& db, const Actor& actor) {
    std::map<std::string, WorkQueue> queues;
    for (auto& queue : must(db.read([&](store::Tx& tx) { return fair_work(tx, actor); }))) queues[queue.kind] = std::move(queue);
    return queues;
}

class FairWorkTest : public FairCastTest {};

TEST_P(FairWorkTest, AnExhibitorThatRatedNoOneIsAskedToRateUntilItDoes) {
    // The three buyers rated both exhibitors (the cast); neither exhibitor has rated anyone.
    auto walnut_work = work_of(db(), walnut);
    ASSERT_EQ(walnut_work.at("fair_preferences_to_rate").count, 1);
    const WorkItem& item = walnut_work.at("fair_preferences_to_rate").items.at(0);
    EXPECT_EQ(item.id, event.id);
    EXPECT_EQ(item.label, "2026 matchmaking");
    EXPECT_EQ(item.route, "/fairs/" + event.id + "?tab=preferences");
    EXPECT_EQ(item.due_on, testing::on(10, 10));
    EXPECT_EQ(walnut_work.at("fair_agenda_published").count, 0);
    // The buyers' organisations rated: nothing to rate.
    EXPECT_EQ(work_of(db(), canteen).at("fair_preferences_to_rate").count, 0);
    EXPECT_EQ(work_of(db(), market).at("fair_preferences_to_rate").count, 0);
    // Rating one buyer is rating: the walnut exhibitor's count drops, the melon exhibitor's stays.
    must(events().rate(walnut, event.id, walnuts.id, li.id, Rating::meet, ""));
    EXPECT_EQ(work_of(db(), walnut).at("fair_preferences_to_rate").count, 0);
    EXPECT_EQ(work_of(db(), melon).at("fair_preferences_to_rate").count, 1);
}

TEST_P(FairWorkTest, EachOrganisationCountsOnlyItsOwnEventsAndAWithdrawnOneNone) {
    // A second event where only the canteen registers a representative, who rates no one.
    Event second = open_event("2026 autumn fair", 1, 11);
    must(events().register_attendee(canteen, second.id, buyer(canteen_org, "Sun Li")));
    auto canteen_work = work_of(db(), canteen);
    ASSERT_EQ(canteen_work.at("fair_preferences_to_rate").count, 1);
    EXPECT_EQ(canteen_work.at("fair_preferences_to_rate").items.at(0).id, second.id);
    // The market's representative is not in the second event; the melon exhibitor not either.
    EXPECT_EQ(work_of(db(), market).at("fair_preferences_to_rate").count, 0);
    EXPECT_EQ(work_of(db(), melon).at("fair_preferences_to_rate").count, 1);  // the first event only
    // A withdrawn exhibitor has nothing to rate.
    must(events().withdraw(organiser, event.id, melons.id));
    EXPECT_EQ(work_of(db(), melon).at("fair_preferences_to_rate").count, 0);
}

TEST_P(FairWorkTest, RolesWithoutASideHaveNoParticipantKindsAndAuditorsNoFairWork) {
    EXPECT_FALSE(work_of(db(), admin).contains("fair_preferences_to_rate"));
    EXPECT_FALSE(work_of(db(), organiser).contains("fair_agenda_published"));
    EXPECT_TRUE(work_of(db(), auditor).empty());
    EXPECT_TRUE(work_of(db(), std::nullopt).empty());
}

class FairWorkAtEventTest : public FairAtEventTest {};

TEST_P(FairWorkAtEventTest, APublishedAgendaIsWorkForEachSideAndOutcomesForOrganisersWhileLive) {
    // Published (the fixture): both sides' organisations see their agenda; nothing to rate any more.
    auto walnut_work = work_of(db(), walnut);
    EXPECT_EQ(walnut_work.at("fair_preferences_to_rate").count, 0);
    ASSERT_EQ(walnut_work.at("fair_agenda_published").count, 1);
    EXPECT_EQ(walnut_work.at("fair_agenda_published").items.at(0).route, "/fairs/" + event.id + "?tab=agenda");
    EXPECT_EQ(work_of(db(), canteen).at("fair_agenda_published").count, 1);  // two representatives, one event
    // Not live yet: no outcome is due.
    EXPECT_EQ(work_of(db(), organiser).at("fair_outcomes_to_record").count, 0);
    go_live();
    const auto total = static_cast<int64_t>(meetings.size());
    ASSERT_GT(total, 1);
    auto admin_work = work_of(db(), admin);
    ASSERT_EQ(admin_work.at("fair_outcomes_to_record").count, total);
    const WorkItem& first = admin_work.at("fair_outcomes_to_record").items.at(0);
    EXPECT_EQ(first.route, "/fairs/" + event.id + "?tab=grid");
    EXPECT_EQ(first.party, "2026 matchmaking");
    EXPECT_NE(first.label.find(" · "), std::string::npos);  // the two organisations by name
    EXPECT_EQ(first.due_on, testing::on(10, 10));
    EXPECT_EQ(work_of(db(), organiser).at("fair_outcomes_to_record").count, total);  // named on the event
    EXPECT_EQ(work_of(db(), yecheng_officer).at("fair_outcomes_to_record").count, 0);  // organises nothing
    EXPECT_EQ(work_of(db(), walnut).at("fair_outcomes_to_record").count, 0);
    EXPECT_FALSE(work_of(db(), carrier).contains("fair_outcomes_to_record"));
    // A recorded outcome leaves the count; a second version of it does not count twice.
    must(outcomes().record_outcome(admin, event.id, first.id, OutcomeInput{Outcome::held, std::nullopt, "", std::nullopt}));
    must(outcomes().record_outcome(organiser, event.id, first.id, OutcomeInput{Outcome::follow_up, std::nullopt, "", 1}));
    auto after = work_of(db(), organiser).at("fair_outcomes_to_record");
    EXPECT_EQ(after.count, total - 1);
    for (const auto& item : after.items) EXPECT_NE(item.id, first.id);
    // Closed: the outcomes are no longer the to-do's, nor the agenda.
    must(events().move_state(organiser, event.id, EventState::closed));
    EXPECT_EQ(work_of(db(), admin).at("fair_outcomes_to_record").count, 0);
    EXPECT_EQ(work_of(db(), walnut).at("fair_agenda_published").count, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, FairWorkTest, ::testing::ValuesIn(test::backends_under_test()));
INSTANTIATE_TEST_SUITE_P(Backends, FairWorkAtEventTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::fair
