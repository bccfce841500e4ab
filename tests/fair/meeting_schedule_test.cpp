// The meeting scheduler (src/fair/meeting_schedule.h): optimality against exhaustive search on small
// events, the rules as properties of random events, and the reports (vetoes, minimums, reruns).
#include "fair/meeting_schedule.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace kl::fair {
namespace {

ScheduleRequest event(int exhibitors, int buyers, int slots, int tables, int meetings_max) {
    ScheduleRequest request;
    request.exhibitors.assign(static_cast<size_t>(exhibitors), Participant{0, meetings_max, {}, false});
    request.buyers.assign(static_cast<size_t>(buyers), Participant{0, meetings_max, {}, false});
    request.slots.assign(static_cast<size_t>(slots), Slot{});
    request.tables.assign(static_cast<size_t>(tables), Table{});
    return request;
}

std::vector<int32_t> random_window(std::mt19937& rng, int slots) {
    const int first = std::uniform_int_distribution<int>(0, slots - 1)(rng);
    const int last = std::uniform_int_distribution<int>(first, slots - 1)(rng);
    std::vector<int32_t> window;
    for (int s = first; s <= last; ++s) window.push_back(s);
    return window;
}

// A random event: ratings from both sides (some vetoes and must-meets), recommendations, caps,
// optionally windows and a booth table.
ScheduleRequest random_event(std::mt19937& rng, int exhibitors, int buyers, int slots, int tables, bool windows, bool booth) {
    ScheduleRequest request = event(exhibitors, buyers, slots, tables, 0);
    std::uniform_int_distribution<int> cap(1, slots), rating(0, 3), coin(0, 1);
    for (auto* side : {&request.exhibitors, &request.buyers})
        for (Participant& person : *side) {
            person.meetings_max = cap(rng);
            if (windows && coin(rng)) person.slots = random_window(rng, slots);
        }
    if (booth) request.tables[0].owner_exhibitor = 0;
    for (int e = 0; e < exhibitors; ++e)
        for (int b = 0; b < buyers; ++b) {
            PairPreference preference{e, b, static_cast<Rating>(rating(rng)), static_cast<Rating>(rating(rng)),
                                      std::uniform_int_distribution<int64_t>(0, 12)(rng)};
            request.preferences.push_back(preference);
        }
    return request;
}

// Every rule the scheduler promises, checked on its output.
void expect_valid(const ScheduleRequest& request, const Schedule& schedule) {
    std::set<std::pair<int32_t, int32_t>> exhibitor_busy, buyer_busy, table_busy, pairs;
    std::map<int32_t, int> e_count, b_count;
    std::map<std::pair<int32_t, int32_t>, const PairPreference*> rated;
    for (const PairPreference& p : request.preferences) rated[{p.exhibitor, p.buyer}] = &p;
    int64_t weight = 0;
    auto attends = [](const Participant& person, int32_t slot) {
        return !person.withdrawn && (person.slots.empty() || std::count(person.slots.begin(), person.slots.end(), slot) > 0);
    };
    for (const Meeting& m : schedule.meetings) {
        EXPECT_TRUE(exhibitor_busy.insert({m.exhibitor, m.slot}).second) << "exhibitor in two places";
        EXPECT_TRUE(buyer_busy.insert({m.buyer, m.slot}).second) << "buyer in two places";
        EXPECT_TRUE(table_busy.insert({m.table, m.slot}).second) << "two meetings at one table";
        EXPECT_TRUE(pairs.insert({m.exhibitor, m.buyer}).second) << "a pair meets twice";
        EXPECT_TRUE(attends(request.exhibitors[static_cast<size_t>(m.exhibitor)], m.slot));
        EXPECT_TRUE(attends(request.buyers[static_cast<size_t>(m.buyer)], m.slot));
        const int32_t owner = request.tables[static_cast<size_t>(m.table)].owner_exhibitor;
        EXPECT_TRUE(owner == no_table_owner || owner == m.exhibitor) << "a booth table lent to another";
        for (size_t t = 0; t < request.tables.size(); ++t)
            if (request.tables[t].owner_exhibitor == m.exhibitor) {
                EXPECT_EQ(m.table, static_cast<int32_t>(t));
            }
        ++e_count[m.exhibitor];
        ++b_count[m.buyer];
        const auto found = rated.find({m.exhibitor, m.buyer});
        if (found != rated.end()) {
            const std::optional<int64_t> w = pair_weight(*found->second, request.weights);
            ASSERT_TRUE(w.has_value()) << "a vetoed pair was scheduled";
            weight += *w;
        }
    }
    for (auto [e, n] : e_count) EXPECT_LE(n, request.exhibitors[static_cast<size_t>(e)].meetings_max);
    for (auto [b, n] : b_count) EXPECT_LE(n, request.buyers[static_cast<size_t>(b)].meetings_max);
    EXPECT_EQ(schedule.weight, weight);
    EXPECT_GE(schedule.gap, 0);
    EXPECT_EQ(schedule.gap, schedule.weight_bound - schedule.weight);
    EXPECT_LE(schedule.must_meets_met, schedule.must_meets_bound);
}

struct Best {
    int must = -1;
    int64_t weight = -1;
};

// Exhaustive search: every pair in no slot or one of its slots, pruned by the rules as it goes.
class Exhaustive {
public:
    explicit Exhaustive(const ScheduleRequest& request) : request_(request) {
        for (const PairPreference& p : request.preferences) {
            const std::optional<int64_t> w = pair_weight(p, request.weights);
            const bool must = p.by_exhibitor == Rating::must_meet || p.by_buyer == Rating::must_meet;
            if (w && (*w > 0 || must)) pairs_.push_back({p.exhibitor, p.buyer, *w, must});
        }
        for (size_t t = 0; t < request.tables.size(); ++t)
            if (request.tables[t].owner_exhibitor == no_table_owner) ++shared_tables_;
            else booth_.insert(request.tables[t].owner_exhibitor);
    }
    Best run() {
        e_busy_.assign(request_.exhibitors.size(), 0);
        b_busy_.assign(request_.buyers.size(), 0);
        shared_.assign(request_.slots.size(), 0);
        visit(0, 0, 0);
        return best_;
    }

private:
    struct Pair {
        int32_t e, b;
        int64_t weight;
        bool must;
    };
    bool attends(const Participant& person, size_t slot) const {
        return person.slots.empty() || std::count(person.slots.begin(), person.slots.end(), static_cast<int32_t>(slot)) > 0;
    }
    void visit(size_t k, int must, int64_t weight) {
        if (k == pairs_.size()) {
            if (must > best_.must || (must == best_.must && weight > best_.weight)) best_ = Best{must, weight};
            return;
        }
        visit(k + 1, must, weight);
        const Pair& p = pairs_[k];
        const Participant& ex = request_.exhibitors[static_cast<size_t>(p.e)];
        const Participant& bu = request_.buyers[static_cast<size_t>(p.b)];
        auto& em = e_busy_[static_cast<size_t>(p.e)];
        auto& bm = b_busy_[static_cast<size_t>(p.b)];
        if (__builtin_popcount(em) >= ex.meetings_max || __builtin_popcount(bm) >= bu.meetings_max) return;
        const bool shared = !booth_.contains(p.e);
        for (size_t s = 0; s < request_.slots.size(); ++s) {
            const unsigned bit = 1u << s;
            if ((em & bit) || (bm & bit) || !attends(ex, s) || !attends(bu, s)) continue;
            if (shared && shared_[s] >= shared_tables_) continue;
            em |= bit, bm |= bit, shared_[s] += shared ? 1 : 0;
            visit(k + 1, must + (p.must ? 1 : 0), weight + p.weight);
            em &= ~bit, bm &= ~bit, shared_[s] -= shared ? 1 : 0;
        }
    }
    const ScheduleRequest& request_;
    std::vector<Pair> pairs_;
    std::set<int32_t> booth_;
    int shared_tables_ = 0;
    std::vector<unsigned> e_busy_, b_busy_;
    std::vector<int> shared_;
    Best best_;
};

TEST(MeetingSchedule, MatchesExhaustiveSearchOnSmallEvents) {
    std::mt19937 rng(7);
    for (int round = 0; round < 40; ++round) {
        const bool windows = round % 2 == 1, booth = round % 4 >= 2;
        ScheduleRequest request = random_event(rng, 3, 3, 3, 2, windows, booth);
        const Best best = Exhaustive(request).run();
        Result<Schedule> schedule = schedule_meetings(request);
        ASSERT_TRUE(schedule) << schedule.error().message;
        SCOPED_TRACE("round " + std::to_string(round));
        expect_valid(request, *schedule);
        EXPECT_EQ(schedule->must_meets_met, best.must);
        EXPECT_EQ(schedule->weight, best.weight);
        EXPECT_TRUE(schedule->optimal);
        EXPECT_EQ(schedule->gap, 0);
    }
}

TEST(MeetingSchedule, WithoutWindowsIsExactByFlowAndColouring) {
    std::mt19937 rng(11);
    for (int round = 0; round < 10; ++round) {
        ScheduleRequest request = random_event(rng, 12, 30, 8, 6, false, false);
        Result<Schedule> schedule = schedule_meetings(request);
        ASSERT_TRUE(schedule) << schedule.error().message;
        expect_valid(request, *schedule);
        EXPECT_EQ(schedule->method, SolveMethod::flow_and_colouring);
        EXPECT_TRUE(schedule->optimal);
        EXPECT_EQ(schedule->must_meets_met, schedule->must_meets_bound);
        EXPECT_LE(schedule->slots_needed, 8);
    }
}

TEST(MeetingSchedule, KeepsTheRulesOnRandomEventsWithWindowsAndBooths) {
    std::mt19937 rng(13);
    for (int round = 0; round < 10; ++round) {
        ScheduleRequest request = random_event(rng, 15, 40, 10, 8, true, true);
        request.solve_time_ms_max = 2000;
        Result<Schedule> schedule = schedule_meetings(request);
        ASSERT_TRUE(schedule) << schedule.error().message;
        expect_valid(request, *schedule);
        for (const UnmetMustMeet& unmet : schedule->must_meets_unmet)
            if (unmet.reason != Reason::veto && unmet.reason != Reason::no_common_slot) {
                EXPECT_TRUE(unmet.reason == Reason::cap || unmet.reason == Reason::slots_taken || unmet.reason == Reason::table_capacity);
            }
    }
}

TEST(MeetingSchedule, MustMeetsComeBeforeWeight) {
    // One buyer with room for one meeting: a must-meet from a quiet exhibitor beats two keen `meet`s.
    ScheduleRequest request = event(2, 1, 3, 2, 3);
    request.buyers[0].meetings_max = 1;
    request.preferences = {{0, 0, Rating::must_meet, Rating::none, 0}, {1, 0, Rating::meet, Rating::meet, 0}};
    Result<Schedule> schedule = schedule_meetings(request);
    ASSERT_TRUE(schedule);
    ASSERT_EQ(schedule->meetings.size(), 1u);
    EXPECT_EQ(schedule->meetings[0].exhibitor, 0);
    EXPECT_EQ(schedule->must_meets_met, 1);
}

TEST(MeetingSchedule, AVetoBeatsAMustMeetAndTheReportSaysSo) {
    ScheduleRequest request = event(1, 2, 2, 1, 2);
    request.preferences = {{0, 0, Rating::must_meet, Rating::no_thanks, 0}, {0, 1, Rating::meet, Rating::none, 5}};
    Result<Schedule> schedule = schedule_meetings(request);
    ASSERT_TRUE(schedule);
    ASSERT_EQ(schedule->meetings.size(), 1u);
    EXPECT_EQ(schedule->meetings[0].buyer, 1);
    ASSERT_EQ(schedule->must_meets_unmet.size(), 1u);
    EXPECT_EQ(schedule->must_meets_unmet[0].reason, Reason::veto);
    EXPECT_TRUE(schedule->must_meets_unmet[0].vetoed_must_meet);
    EXPECT_EQ(to_string(schedule->must_meets_unmet[0].reason), "veto");
}

TEST(MeetingSchedule, AnInfeasibleMinimumIsReportedNotAnError) {
    ScheduleRequest request = event(2, 2, 4, 2, 4);
    request.exhibitors[0].meetings_min = 3;  // only two buyers to meet
    request.buyers[1].meetings_min = 2;
    request.buyers[1].slots = {0};           // one slot for two meetings
    request.preferences = {{0, 0, Rating::meet, Rating::meet, 0}, {0, 1, Rating::meet, Rating::meet, 0},
                           {1, 1, Rating::meet, Rating::meet, 0}};
    Result<Schedule> schedule = schedule_meetings(request);
    ASSERT_TRUE(schedule) << schedule.error().message;
    expect_valid(request, *schedule);
    ASSERT_EQ(schedule->minimums_unmet.size(), 2u);
    EXPECT_EQ(schedule->minimums_unmet[0].side, Side::exhibitor);
    EXPECT_EQ(schedule->minimums_unmet[0].reason, ShortfallReason::too_few_partners);
    EXPECT_EQ(schedule->minimums_unmet[1].side, Side::buyer);
    EXPECT_EQ(schedule->minimums_unmet[1].reason, ShortfallReason::too_few_slots);
}

TEST(MeetingSchedule, TooFewSlotsCapsTheSelectionAndSaysSo) {
    ScheduleRequest request = event(4, 4, 2, 2, 4);
    for (int e = 0; e < 4; ++e)
        for (int b = 0; b < 4; ++b) request.preferences.push_back({e, b, Rating::meet, Rating::meet, 0});
    Result<Schedule> schedule = schedule_meetings(request);
    ASSERT_TRUE(schedule);
    expect_valid(request, *schedule);
    EXPECT_TRUE(schedule->slot_count_binding);
    EXPECT_EQ(schedule->meetings.size(), 4u);  // 2 slots × 2 tables
    EXPECT_TRUE(schedule->optimal);
}

TEST(MeetingSchedule, ARerunAfterACancellationKeepsEveryStillPossibleMeeting) {
    std::mt19937 rng(17);
    ScheduleRequest request = random_event(rng, 10, 25, 8, 6, true, true);
    Result<Schedule> first = schedule_meetings(request);
    ASSERT_TRUE(first);
    ASSERT_FALSE(first->meetings.empty());
    const int32_t gone = first->meetings.front().buyer;
    request.buyers[static_cast<size_t>(gone)].withdrawn = true;
    request.published = first->meetings;
    Result<Schedule> second = schedule_meetings(request);
    ASSERT_TRUE(second) << second.error().message;
    expect_valid(request, *second);
    ASSERT_EQ(second->published.size(), first->meetings.size());
    for (const PublishedOutcome& outcome : second->published) {
        if (outcome.before.buyer == gone) {
            EXPECT_EQ(outcome.fate, Fate::dropped);
            EXPECT_EQ(outcome.reason, Reason::withdrawn);
        } else {
            EXPECT_EQ(outcome.fate, Fate::kept);
            ASSERT_TRUE(outcome.after.has_value());
            EXPECT_EQ(*outcome.after, outcome.before);
        }
    }
}

TEST(MeetingSchedule, AMeetingWhoseSlotIsGoneMovesWithItsReason) {
    ScheduleRequest request = event(1, 1, 3, 1, 1);
    request.preferences = {{0, 0, Rating::meet, Rating::must_meet, 0}};
    request.published = {Meeting{0, 0, 0, 0}};
    request.buyers[0].slots = {1, 2};
    Result<Schedule> schedule = schedule_meetings(request);
    ASSERT_TRUE(schedule);
    ASSERT_EQ(schedule->published.size(), 1u);
    EXPECT_EQ(schedule->published[0].fate, Fate::moved);
    EXPECT_EQ(schedule->published[0].reason, Reason::unavailable);
    ASSERT_TRUE(schedule->published[0].after.has_value());
    EXPECT_NE(schedule->published[0].after->slot, 0);

    request.buyers[0].slots = {};
    request.preferences[0].by_exhibitor = Rating::no_thanks;
    Result<Schedule> vetoed = schedule_meetings(request);
    ASSERT_TRUE(vetoed);
    EXPECT_EQ(vetoed->published[0].fate, Fate::dropped);
    EXPECT_EQ(vetoed->published[0].reason, Reason::veto);
    EXPECT_TRUE(vetoed->meetings.empty());
}

TEST(MeetingSchedule, BadInputNamesTheField) {
    ScheduleRequest request = event(1, 1, 2, 1, 1);
    request.exhibitors[0].meetings_min = 2;
    request.buyers[0].slots = {5};
    Result<Schedule> schedule = schedule_meetings(request);
    ASSERT_FALSE(schedule);
    EXPECT_EQ(schedule.error().code, ErrorCode::invalid_argument);
    std::set<std::string> fields;
    for (const FieldError& field : schedule.error().fields) fields.insert(field.field);
    EXPECT_TRUE(fields.contains("exhibitors/0/meetings_min"));
    EXPECT_TRUE(fields.contains("buyers/0/slots/0"));

    request = event(1, 1, 2, 1, 1);
    request.preferences = {{0, 0, Rating::meet, Rating::meet, 0}, {0, 0, Rating::meet, Rating::none, 0}};
    request.published = {Meeting{0, 0, 0, 3}};
    Result<Schedule> twice = schedule_meetings(request);
    ASSERT_FALSE(twice);
    fields.clear();
    for (const FieldError& field : twice.error().fields) fields.insert(field.field);
    EXPECT_TRUE(fields.contains("preferences/1"));
    EXPECT_TRUE(fields.contains("published/0/table"));
}

}  // namespace
}  // namespace kl::fair

namespace kl::fair {
namespace {

TEST(MeetingSchedule, TheMatchmakingEventSizeIsProvenOptimalByColouring) {
    // 36 exhibitors × 88 buyers rating every pair, 12 slots, 40 tables (the 2024 event's shape).
    std::mt19937 rng(19);
    ScheduleRequest request = random_event(rng, 36, 88, 12, 40, false, false);
    for (Participant& person : request.exhibitors) person.meetings_max = 12;
    for (Participant& person : request.buyers) person.meetings_max = 5;
    Result<Schedule> schedule = schedule_meetings(request);
    ASSERT_TRUE(schedule);
    expect_valid(request, *schedule);
    EXPECT_EQ(schedule->method, SolveMethod::flow_and_colouring);
    EXPECT_TRUE(schedule->optimal);
}

}  // namespace
}  // namespace kl::fair
