#pragma once
// The records of fairs and matchmaking events (issue 15, items 1–4): events with their sessions,
// slots and tables, participants, preferences and the schedules the meeting scheduler computed,
// and the names their enumerations are stored and sent as. Times of day are minutes after midnight
// in the event's time zone (Asia/Shanghai, the only one the programme's events use).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "core/enum_names.h"
#include "core/result.h"
#include "fair/meeting_schedule.h"

namespace kl::fair {

enum class EventKind { trade_fair, matchmaking };
constexpr auto enum_table(EventKind) {
    using enum EventKind;
    return enum_table_of<EventKind>({{trade_fair, "trade_fair"}, {matchmaking, "matchmaking"}});
}
// An event moves one step forward at a time; `published` is reached by publishing a schedule.
enum class EventState { draft, registration, scheduling, published, live, closed };
constexpr auto enum_table(EventState) {
    using enum EventState;
    return enum_table_of<EventState>({{draft, "draft"}, {registration, "registration"}, {scheduling, "scheduling"},
                                      {published, "published"}, {live, "live"}, {closed, "closed"}});
}
enum class ScheduleStatus { queued, running, done, failed };
constexpr auto enum_table(ScheduleStatus) {
    using enum ScheduleStatus;
    return enum_table_of<ScheduleStatus>({{queued, "queued"}, {running, "running"}, {done, "done"}, {failed, "failed"}});
}
enum class NoteKind { must_meet_unmet, minimum_unmet, kept, moved, dropped };
constexpr auto enum_table(NoteKind) {
    using enum NoteKind;
    return enum_table_of<NoteKind>({{must_meet_unmet, "must_meet_unmet"}, {minimum_unmet, "minimum_unmet"},
                                    {kept, "kept"}, {moved, "moved"}, {dropped, "dropped"}});
}
using kl::to_string;

inline constexpr std::string_view event_time_zone = "Asia/Shanghai";
inline constexpr size_t name_chars_max = 200;
inline constexpr size_t note_chars_max = 500;
inline constexpr size_t phone_chars_max = 32;
inline constexpr int64_t slot_minutes_min = 5;
inline constexpr int64_t slot_minutes_max = 240;
inline constexpr int64_t break_minutes_max = 120;
// An event lasts at most two weeks: the programme's fairs take one to three days.
inline constexpr int64_t event_days_max = 14;
inline constexpr int64_t tables_max = 1000;
inline constexpr int64_t participants_max = 5000;
inline constexpr int64_t organisers_max = 50;
inline constexpr size_t products_shown_max = 200;
inline constexpr int64_t rating_weight_max = 1000;
inline constexpr int64_t minutes_per_day = 1440;
// A solve may take at most a minute: beyond it the windowed search gains little (bench/fair_bench).
inline constexpr int64_t solve_time_ms_max = 60'000;

struct Event {
    std::string id;
    EventKind kind = EventKind::trade_fair;
    std::string name_zh, name_en, venue;
    Date starts_on, ends_on;
    EventState state = EventState::draft;
    int64_t slot_minutes = 20;
    int64_t break_minutes = 5;
    RatingWeights weights;
    std::optional<std::string> published_schedule_id;
    std::vector<std::string> organiser_ids;  // users the event names as organisers (admins always are)
    int64_t created_at_ms = 0;
};

struct Session {
    std::string id, event_id;
    Date held_on;
    int64_t starts_min = 0, ends_min = 0;
};

struct EventSlot {
    std::string id, session_id;
    Date held_on;
    int64_t starts_min = 0, ends_min = 0;
};

struct EventTable {
    std::string id;
    int64_t number = 0;
    std::optional<std::string> owner_participant_id;  // a booth's table: only that exhibitor meets there
};

struct Attendee {  // a participant of an event: an exhibitor or a buyer representative
    std::string id, event_id;
    Side side = Side::exhibitor;
    std::string org_id, org_name;
    std::string org_name_en;  // the organisation's English name ("" when it has none)
    std::string person_name, title, phone, booth;
    int64_t meetings_min = 0, meetings_max = 0;
    std::vector<std::string> product_ids;  // exhibitors: the catalogue products shown
    std::vector<std::string> slot_ids;     // empty: every slot of the event
    std::optional<int64_t> checked_in_at_ms;
    bool withdrawn = false;
};

struct Rated {  // one side's rating of one counterpart
    std::string counterpart_id;
    Rating rating = Rating::none;
    std::string note;
};

// Both sides' ratings of one pair.
struct PairRatings {
    std::string exhibitor_id, buyer_id;
    Rating by_exhibitor = Rating::none, by_buyer = Rating::none;
    std::string exhibitor_note, buyer_note;
};

struct StoredMeeting {
    std::string id, exhibitor_id, buyer_id, slot_id, table_id;
    int64_t weight = 0;
};

struct ScheduleNote {
    NoteKind kind = NoteKind::kept;
    std::optional<std::string> exhibitor_id, buyer_id, participant_id, meeting_id, reason;
    bool vetoed = false;
    int64_t meetings_min = 0, scheduled = 0;
    std::optional<std::string> before_slot_id, before_table_id, after_slot_id, after_table_id;
};

struct ScheduleRun {
    std::string id, event_id;
    ScheduleStatus status = ScheduleStatus::queued;
    std::optional<std::string> based_on;
    std::string requested_by;
    int64_t solve_time_ms = solve_time_ms_default;
    std::optional<SolveMethod> method;
    int64_t weight = 0, weight_bound = 0, gap = 0;
    bool optimal = false;
    int64_t must_meets_met = 0, must_meets_bound = 0, meeting_count = 0;
    std::optional<std::string> error;
    int64_t created_at_ms = 0;
    std::optional<int64_t> finished_at_ms;
    bool published = false;  // the event's published schedule
    std::vector<ScheduleNote> notes;
};

// One meeting of a participant's agenda, with what it shows of the counterpart.
struct AgendaMeeting {
    std::string meeting_id;
    EventSlot slot;
    int64_t table_number = 0;
    std::string counterpart_id, counterpart_org_name, counterpart_org_name_en, counterpart_person;
    std::vector<std::string> product_ids;  // the exhibitor's products shown
};

// A participant's meetings in the published schedule, in time order, and what the publishing run
// says about it: its published meetings kept, moved or dropped (with the reason), its must-meets
// not scheduled and its minimum not reached.
struct Agenda {
    Attendee participant;
    std::optional<std::string> schedule_id;  // none: nothing published yet
    std::vector<AgendaMeeting> meetings;
    std::vector<ScheduleNote> notes;
};

}  // namespace kl::fair
