#pragma once
// The scheduler's working model (internal to src/fair): the request validated and reduced to slot
// masks, caps and candidate pairs with integer values, and a Board that says who is busy when.

#include <chrono>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/field_errors.h"
#include "fair/meeting_schedule.h"
#include "optim/min_cost_flow.h"

namespace kl::fair::detail {

using SlotMask = uint64_t;

inline int32_t popcount(SlotMask mask) { return static_cast<int32_t>(__builtin_popcountll(mask)); }
inline SlotMask slot_bit(int32_t slot) { return SlotMask{1} << slot; }

// A pair that may meet: not vetoed, no one withdrawn, a positive weight or a published meeting.
// value = weight + must_priority for a must-meet or a displaced published meeting (the
// lexicographic objective in one integer).
struct Candidate {
    int32_t exhibitor = 0;
    int32_t buyer = 0;
    int64_t weight = 0;
    int64_t value = 0;
    bool must = false;        // one side rated must_meet
    bool displaced = false;   // published, but it cannot stay where it was
    int32_t fixed_slot = -1;  // published and still possible there: kept in this slot
    int32_t fixed_table = -1;
    SlotMask common = 0;      // slots both can attend
};

struct Problem {
    int32_t slot_count = 0;
    SlotMask all_slots = 0;
    int32_t tables = 0;
    std::vector<int32_t> pool_tables;            // tables no booth owns, in index order
    std::vector<SlotMask> exhibitor_slots, buyer_slots;
    std::vector<int32_t> exhibitor_cap, buyer_cap;  // min(meetings_max, available slots); 0 if withdrawn
    std::vector<int32_t> exhibitor_max, buyer_max;  // meetings_max; 0 if withdrawn
    std::vector<int32_t> exhibitor_table;        // its booth's table, or no_table_owner
    std::vector<Candidate> candidates;
    int64_t must_priority = 1;
    bool windows = false;                        // some active participant cannot attend every slot
    std::chrono::steady_clock::time_point deadline;
};

inline int64_t pair_key(int32_t exhibitor, int32_t buyer) { return (int64_t{exhibitor} << 32) | static_cast<uint32_t>(buyer); }
bool pair_in_range(const ScheduleRequest& request, int32_t exhibitor, int32_t buyer);
Candidate candidate_for(const Problem& problem, int32_t exhibitor, int32_t buyer, int64_t weight, bool must);

// Validates the request and builds the model. Published meetings that can stay become fixed
// candidates, the others displaced ones; outcomes gets one entry per published meeting (the dropped
// ones with their reason now, the others settled after solving through published_candidate, the
// candidate each became, or −1).
Result<Problem> build_problem(const ScheduleRequest& request, std::vector<PublishedOutcome>& outcomes,
                              std::vector<int32_t>& published_candidate);

// build_problem's part for the published meetings (schedule_published.cpp).
void settle_published(const ScheduleRequest& request, Problem& problem, std::unordered_map<int64_t, int32_t>& index,
                      std::vector<PublishedOutcome>& outcomes, std::vector<int32_t>& published_candidate,
                      FieldErrors& errors);

// Who is busy when, how many meetings each has, and how many shared tables each slot uses.
class Board {
public:
    explicit Board(const Problem& problem);
    bool fits(const Candidate& candidate, int32_t slot) const;
    SlotMask free_slots(const Candidate& candidate) const;  // where it could go now (caps aside)
    bool under_caps(const Candidate& candidate) const;
    void place(int32_t candidate, int32_t slot);
    void remove(int32_t candidate);
    int32_t slot_of(int32_t candidate) const { return slot_of_[static_cast<size_t>(candidate)]; }
    int32_t exhibitor_at(int32_t exhibitor, int32_t slot) const;  // candidate index or −1
    int32_t buyer_at(int32_t buyer, int32_t slot) const;
    int32_t exhibitor_count(int32_t exhibitor) const { return exhibitor_count_[static_cast<size_t>(exhibitor)]; }
    int32_t buyer_count(int32_t buyer) const { return buyer_count_[static_cast<size_t>(buyer)]; }
    int32_t shared_used(int32_t slot) const { return shared_used_[static_cast<size_t>(slot)]; }
    bool uses_shared_table(const Candidate& candidate) const;

private:
    const Problem& problem_;
    std::vector<int32_t> slot_of_;
    std::vector<int32_t> exhibitor_at_, buyer_at_;  // [participant × slot_count + slot]
    std::vector<int32_t> exhibitor_count_, buyer_count_, shared_used_;
};

struct Selection {
    std::vector<int32_t> chosen;  // candidate indexes
    int64_t value = 0;
};

// The maximum-value b-matching over the candidates that are not fixed (min-cost flow), with each
// participant's remaining cap and free-slot count, and the shared tables' remaining capacity over
// all slots. Without windows and fixed meetings it is the exact selection; otherwise its value is an
// upper bound on what any schedule adds to the fixed meetings. any_slot_count: as if the event had
// slots enough for everyone's meetings_max (to tell whether its slot count binds).
Selection select_by_flow(const Problem& problem, const Board& fixed, bool any_slot_count = false);

// select_by_flow's network (one arc per pair from first_pair_arc on, for pair_candidate[k]); the
// benchmark times LEMON on it alone.
struct SelectionNetwork {
    optim::FlowNetwork network;
    size_t first_pair_arc = 0;
    std::vector<int32_t> pair_candidate;
};
SelectionNetwork selection_network(const Problem& problem, const Board& fixed, bool any_slot_count = false);

// Places a flow selection without windows: a balanced bipartite edge colouring into the slots.
// False when the shared-table cap cannot be balanced (only possible with booth tables).
bool place_by_colouring(const Problem& problem, const Selection& selection, Board& board);

// The windowed search: greedy placement of the selection, then of every other candidate, with
// one-step repairs, until nothing improves or the deadline passes.
void place_by_search(const Problem& problem, const Selection& selection, Board& board);

// The exact MIP over x[candidate, slot] (fixed candidates as they are) handed to CBC from the
// board's schedule; replaces the board's schedule when CBC's is better. Returns CBC's bound on the
// total value and whether it proved optimality; nullopt when the model is too large or time is up.
struct MipOutcome {
    int64_t value_bound = 0;
    bool optimal = false;
};
std::optional<MipOutcome> improve_by_mip(const Problem& problem, Board& board, bool with_start, int64_t columns_max);

// Tables for the placed meetings: booth tables for their owners, shared ones in index order (a kept
// meeting keeps its table when it is still free).
std::vector<Meeting> assign_tables(const Problem& problem, const Board& board);

}  // namespace kl::fair::detail
