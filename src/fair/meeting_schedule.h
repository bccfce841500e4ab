#pragma once
// The meeting scheduler of fairs and matchmaking events (issue 15, item 4): which exhibitor meets
// which buyer, in which slot, at which table. A pure function of plain structs — no database, no
// clock, no ids: participants, slots and tables are indexes into the request's vectors, which the
// caller maps to its records.
//
// Rules. No one is in two places at once; each participant meets within its availability and its
// cap (meetings_max); a table holds one meeting per slot, and a table owned by an exhibitor's booth
// holds only that exhibitor's meetings (which always go there); a `no_thanks` from either side is a
// veto (never scheduled). The objective is lexicographic: as many must-meets as possible (a pair
// one side rated `must_meet`), then the largest total weight (RatingWeights; buyers weigh more; a
// recommendation stands in for a side that said nothing). Minimums (meetings_min) are targets:
// one that cannot be met is reported, not an error.
//
// Method (DESIGN). Without availability windows the problem splits exactly in two: choosing the
// meetings is a maximum-weight b-matching, solved as a min-cost flow (LEMON's NetworkSimplex behind
// src/optim/min_cost_flow.cpp, integer costs, so exact); placing them is a bipartite edge colouring
// (König: Δ slots suffice), balanced so that no slot uses more than K tables (max(Δ, ⌈m/K⌉) slots
// suffice). Capping every participant at the slot count and the meetings of shared tables at slots × K
// in the flow makes every selection placeable, so the result is proven optimal. With availability
// windows (or meetings kept from a previous run) placing is no longer free: a greedy placement of
// the flow's selection with one-step repairs (move a blocking meeting to another slot, or give up a
// cheaper one at a cap) gives a schedule, the flow relaxation (caps, windows as slot counts, no slot
// clashes) bounds it, and where the model is small enough CBC solves the exact MIP (x[pair, slot])
// from that start within the time limit (src/optim/packing_mip.cpp); the result states its bound,
// gap and whether it is proven optimal. Why these libraries: LEMON's NetworkSimplex is the fastest
// exact min-cost flow in Debian and already the market's engine; CBC is the open MIP solver Debian
// ships with a C++ API, cut generators and a time limit (coinor-libcbc-dev, in scripts/install-deps.sh).
//
// Reruns. Meetings published by a previous run are kept where they still can be (same slot, same
// table), then the rest is optimised around them; each published meeting comes back as kept, moved
// (with the reason) or dropped (with the reason) — nothing is dropped silently.

#include <cstdint>
#include <optional>
#include <vector>

#include "core/enum_names.h"
#include "core/result.h"

namespace kl::fair {

// Slots are a bit mask per participant; an event of 64 slots is eight 8-slot days, beyond any fair
// the programme runs (the 2024 event had 12).
inline constexpr int32_t slot_count_max = 64;
// The default time the windowed search and CBC may take together.
inline constexpr int64_t solve_time_ms_default = 10'000;
// CBC gets the exact model only up to this many x[pair, slot] columns: its time limit does not cover
// loading, presolve and the root LP, which on 500 × 2,000 (about 650,000 columns) took 59 s against a
// 30 s cap (bench/fair_bench), where the search is within 0.06 % of the flow bound in 0.15 s.
inline constexpr int64_t mip_columns_max = 60'000;
inline constexpr int32_t no_table_owner = -1;

enum class Rating { none, no_thanks, meet, must_meet };
constexpr auto enum_table(Rating) {
    using enum Rating;
    return enum_table_of<Rating>({{none, "none"}, {no_thanks, "no_thanks"}, {meet, "meet"}, {must_meet, "must_meet"}});
}

// Event settings: the points each side's rating gives a pair (buyers weigh more, as at Grip's
// MustMeet). A side that said nothing contributes the pair's recommendation score instead, at most
// recommendation_max (smaller than a `meet`, so that a stated wish outranks a guess).
struct RatingWeights {
    int64_t buyer_must_meet = 60;
    int64_t buyer_meet = 30;
    int64_t exhibitor_must_meet = 40;
    int64_t exhibitor_meet = 20;
    int64_t recommendation_max = 10;
};

struct Participant {
    int32_t meetings_min = 0;
    int32_t meetings_max = 0;
    std::vector<int32_t> slots;  // slots it can attend; empty: every slot
    bool withdrawn = false;      // cancelled: meets no one (a rerun drops its published meetings, saying so)
};

struct Slot {
    int32_t session = 0;  // the day's block it belongs to; carried for the caller, slots are otherwise alike
};

struct Table {
    int32_t owner_exhibitor = no_table_owner;  // a booth's table: only its exhibitor meets there
};

// Both sides' ratings of one pair (at most one entry per pair). recommendation: the platform's
// score for the pair (0 = none), used for a side that said nothing.
struct PairPreference {
    int32_t exhibitor = 0;
    int32_t buyer = 0;
    Rating by_exhibitor = Rating::none;
    Rating by_buyer = Rating::none;
    int64_t recommendation = 0;
};

struct Meeting {
    int32_t exhibitor = 0;
    int32_t buyer = 0;
    int32_t slot = 0;
    int32_t table = 0;
    friend bool operator==(const Meeting&, const Meeting&) = default;
};

// automatic: the method above. plain_mip: the whole problem handed to CBC as one MIP with no start
// and no flow bound, whatever its size (the benchmark's comparison; not for events).
enum class SolvePath { automatic, plain_mip };

struct ScheduleRequest {
    std::vector<Participant> exhibitors;
    std::vector<Participant> buyers;
    std::vector<Slot> slots;    // in time order
    std::vector<Table> tables;  // the same tables in every slot
    std::vector<PairPreference> preferences;
    RatingWeights weights;
    std::vector<Meeting> published;  // a previous run's meetings to keep; empty on a first run
    int64_t solve_time_ms_max = solve_time_ms_default;
    SolvePath path = SolvePath::automatic;
};

enum class SolveMethod { flow_and_colouring, flow_and_search, mip };
constexpr auto enum_table(SolveMethod) {
    using enum SolveMethod;
    return enum_table_of<SolveMethod>({{flow_and_colouring, "flow_and_colouring"}, {flow_and_search, "flow_and_search"},
                                       {mip, "mip"}});
}

// Why a must-meet, or a published meeting, is not (or no longer) in the schedule.
//   veto            the other side said no_thanks (the veto wins over must_meet)
//   withdrawn       a participant withdrew
//   no_common_slot  the two are never available at the same time
//   unavailable     (published) a participant is no longer available in the meeting's slot
//   cap             a participant's meetings_max (or its available slots) is used up
//   slots_taken     every slot both could use holds another meeting of one of them
//   table_capacity  every slot both could use has all its tables taken
//   table_changed   (published, moved) its table is gone or now another exhibitor's booth table
enum class Reason { veto, withdrawn, no_common_slot, unavailable, cap, slots_taken, table_capacity, table_changed };
constexpr auto enum_table(Reason) {
    using enum Reason;
    return enum_table_of<Reason>({{veto, "veto"}, {withdrawn, "withdrawn"}, {no_common_slot, "no_common_slot"},
                                  {unavailable, "unavailable"}, {cap, "cap"}, {slots_taken, "slots_taken"},
                                  {table_capacity, "table_capacity"}, {table_changed, "table_changed"}});
}

struct UnmetMustMeet {
    int32_t exhibitor = 0;
    int32_t buyer = 0;
    Reason reason = Reason::cap;
    bool vetoed_must_meet = false;  // one side said must_meet and the other no_thanks
};

enum class Side { exhibitor, buyer };
constexpr auto enum_table(Side) { return enum_table_of<Side>({{Side::exhibitor, "exhibitor"}, {Side::buyer, "buyer"}}); }

// Why a participant has fewer meetings than its minimum.
//   withdrawn          it withdrew
//   too_few_slots      it is available in fewer slots than its minimum
//   too_few_partners   fewer counterparts than its minimum are acceptable (rated, recommended, not vetoed)
//   crowded_out        its partners' caps, their slots and the tables went to weightier meetings
enum class ShortfallReason { withdrawn, too_few_slots, too_few_partners, crowded_out };
constexpr auto enum_table(ShortfallReason) {
    using enum ShortfallReason;
    return enum_table_of<ShortfallReason>({{withdrawn, "withdrawn"}, {too_few_slots, "too_few_slots"},
                                           {too_few_partners, "too_few_partners"}, {crowded_out, "crowded_out"}});
}

struct UnmetMinimum {
    Side side = Side::exhibitor;
    int32_t participant = 0;
    int32_t meetings_min = 0;
    int32_t scheduled = 0;
    ShortfallReason reason = ShortfallReason::crowded_out;
};

enum class Fate { kept, moved, dropped };
constexpr auto enum_table(Fate) {
    using enum Fate;
    return enum_table_of<Fate>({{kept, "kept"}, {moved, "moved"}, {dropped, "dropped"}});
}

// What became of one published meeting on a rerun (one entry per request.published, same order).
struct PublishedOutcome {
    Meeting before;
    Fate fate = Fate::kept;
    std::optional<Meeting> after;   // kept or moved: where it is now
    std::optional<Reason> reason;   // moved or dropped: why
};

struct Schedule {
    std::vector<Meeting> meetings;  // by slot, then table
    int64_t weight = 0;             // Σ of the meetings' pair weights
    int32_t must_meets_met = 0;
    int32_t must_meets_bound = 0;   // no schedule meets more must-meets than this
    // No schedule meeting at least must_meets_met must-meets has more weight than this.
    int64_t weight_bound = 0;
    int64_t gap = 0;                // weight_bound − weight
    bool optimal = false;           // proven: no better schedule exists
    SolveMethod method = SolveMethod::flow_and_colouring;
    // Without windows: the slots the chosen meetings need, max(Δ, ⌈m/K⌉) (K: shared tables), and
    // whether the event's slot count was binding (the selection was capped to fit it).
    int32_t slots_needed = 0;
    bool slot_count_binding = false;
    std::vector<UnmetMustMeet> must_meets_unmet;
    std::vector<UnmetMinimum> minimums_unmet;
    std::vector<PublishedOutcome> published;
};

// The weight of a pair under `weights`, or nullopt when either side vetoed it.
std::optional<int64_t> pair_weight(const PairPreference& preference, const RatingWeights& weights);

// Bad input (an index out of range, min > max, a duplicate pair, a slot count beyond
// slot_count_max…) is invalid_argument naming the field, e.g. "exhibitors/3/meetings_min".
Result<Schedule> schedule_meetings(const ScheduleRequest& request);

}  // namespace kl::fair
