// schedule_meetings: the model, the exact or windowed path, then the report (meeting_schedule.h).
#include "fair/meeting_schedule.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "fair/schedule_model.h"

namespace kl::fair {
namespace {

using namespace detail;

struct Solved {
    int64_t value_bound = 0;
    bool optimal = false;
    SolveMethod method = SolveMethod::flow_and_colouring;
};

Solved solve(const ScheduleRequest& request, const Problem& problem, Board& board, Schedule& schedule) {
    if (request.path == SolvePath::plain_mip) {
        const std::optional<MipOutcome> mip = improve_by_mip(problem, board, false, std::numeric_limits<int64_t>::max());
        return Solved{mip ? mip->value_bound : std::numeric_limits<int64_t>::max() / 2, mip && mip->optimal, SolveMethod::mip};
    }
    int64_t fixed_value = 0;
    for (const Candidate& candidate : problem.candidates) fixed_value += candidate.fixed_slot >= 0 ? candidate.value : 0;
    const Selection selection = select_by_flow(problem, board);
    Solved solved{fixed_value + selection.value, false, SolveMethod::flow_and_colouring};
    if (!problem.windows && request.published.empty()) {
        const Selection unlimited = select_by_flow(problem, board, true);
        schedule.slot_count_binding = unlimited.value > selection.value;
        if (place_by_colouring(problem, selection, board)) {
            solved.optimal = true;
            return solved;
        }
    }
    solved.method = SolveMethod::flow_and_search;
    place_by_search(problem, selection, board);
    int64_t value = 0;
    for (size_t c = 0; c < problem.candidates.size(); ++c)
        value += board.slot_of(static_cast<int32_t>(c)) >= 0 ? problem.candidates[c].value : 0;
    if (value == solved.value_bound) {
        solved.optimal = true;
        return solved;
    }
    if (const std::optional<MipOutcome> mip = improve_by_mip(problem, board, true, mip_columns_max)) {
        solved.value_bound = std::min(solved.value_bound, mip->value_bound);
        if (mip->optimal) solved = Solved{mip->value_bound, true, SolveMethod::mip};
    }
    return solved;
}

Reason unmet_reason(const Problem& problem, const Board& board, const Candidate& candidate) {
    if (board.exhibitor_count(candidate.exhibitor) >= problem.exhibitor_cap[static_cast<size_t>(candidate.exhibitor)] ||
        board.buyer_count(candidate.buyer) >= problem.buyer_cap[static_cast<size_t>(candidate.buyer)])
        return Reason::cap;
    for (SlotMask rest = candidate.common; rest != 0; rest &= rest - 1) {
        const auto slot = static_cast<int32_t>(__builtin_ctzll(rest));
        if (board.exhibitor_at(candidate.exhibitor, slot) < 0 && board.buyer_at(candidate.buyer, slot) < 0)
            return Reason::table_capacity;  // both free, so the tables were full
    }
    return Reason::slots_taken;
}

void report_must_meets(const ScheduleRequest& request, const Problem& problem, const Board& board,
                       const std::unordered_map<int64_t, int32_t>& candidate_of, Schedule& schedule) {
    for (const PairPreference& preference : request.preferences) {
        if (preference.by_exhibitor != Rating::must_meet && preference.by_buyer != Rating::must_meet) continue;
        UnmetMustMeet unmet{preference.exhibitor, preference.buyer, Reason::cap, false};
        const auto found = candidate_of.find(pair_key(preference.exhibitor, preference.buyer));
        if (!pair_weight(preference, request.weights)) {
            unmet.reason = Reason::veto;
            unmet.vetoed_must_meet = true;
        } else if (request.exhibitors[static_cast<size_t>(preference.exhibitor)].withdrawn ||
                   request.buyers[static_cast<size_t>(preference.buyer)].withdrawn) {
            unmet.reason = Reason::withdrawn;
        } else if (found == candidate_of.end()) {
            unmet.reason = Reason::no_common_slot;
        } else if (board.slot_of(found->second) >= 0) {
            ++schedule.must_meets_met;
            continue;
        } else {
            unmet.reason = unmet_reason(problem, board, problem.candidates[static_cast<size_t>(found->second)]);
        }
        schedule.must_meets_unmet.push_back(unmet);
    }
}

void report_minimums(const std::vector<Participant>& people, Side side, const std::vector<SlotMask>& slots,
                     const std::vector<int32_t>& partners, const std::vector<int32_t>& scheduled, Schedule& schedule) {
    for (size_t i = 0; i < people.size(); ++i) {
        if (scheduled[i] >= people[i].meetings_min) continue;
        ShortfallReason reason = ShortfallReason::crowded_out;
        if (people[i].withdrawn) reason = ShortfallReason::withdrawn;
        else if (popcount(slots[i]) < people[i].meetings_min) reason = ShortfallReason::too_few_slots;
        else if (partners[i] < people[i].meetings_min) reason = ShortfallReason::too_few_partners;
        schedule.minimums_unmet.push_back(UnmetMinimum{side, static_cast<int32_t>(i), people[i].meetings_min, scheduled[i], reason});
    }
}

void report_published(const Problem& problem, const Board& board, const std::vector<Meeting>& meetings,
                      const std::vector<int32_t>& published_candidate, std::vector<PublishedOutcome>& outcomes) {
    std::unordered_map<int64_t, const Meeting*> meeting_of;
    for (const Meeting& meeting : meetings) meeting_of[pair_key(meeting.exhibitor, meeting.buyer)] = &meeting;
    for (size_t i = 0; i < outcomes.size(); ++i) {
        PublishedOutcome& outcome = outcomes[i];
        const int32_t c = published_candidate[i];
        if (c < 0) continue;  // dropped while building, with its reason
        const Candidate& candidate = problem.candidates[static_cast<size_t>(c)];
        if (board.slot_of(c) < 0) {
            outcome.fate = Fate::dropped;
            if (!outcome.reason) outcome.reason = unmet_reason(problem, board, candidate);
            continue;
        }
        outcome.after = *meeting_of.at(pair_key(candidate.exhibitor, candidate.buyer));
        outcome.fate = *outcome.after == outcome.before ? Fate::kept : Fate::moved;
        if (outcome.fate == Fate::kept) outcome.reason.reset();
        else if (!outcome.reason) outcome.reason = Reason::table_changed;
    }
}

void report(const ScheduleRequest& request, const Problem& problem, const Board& board, const Solved& solved, Schedule& schedule) {
    std::unordered_map<int64_t, int32_t> candidate_of;
    std::vector<int32_t> e_partners(request.exhibitors.size(), 0), b_partners(request.buyers.size(), 0);
    int32_t top_tier_met = 0, musts = 0, degree_max = 0, shared_meetings = 0;
    for (size_t c = 0; c < problem.candidates.size(); ++c) {
        const Candidate& candidate = problem.candidates[c];
        candidate_of[pair_key(candidate.exhibitor, candidate.buyer)] = static_cast<int32_t>(c);
        ++e_partners[static_cast<size_t>(candidate.exhibitor)];
        ++b_partners[static_cast<size_t>(candidate.buyer)];
        musts += candidate.must ? 1 : 0;
        if (board.slot_of(static_cast<int32_t>(c)) < 0) continue;
        schedule.weight += candidate.weight;
        top_tier_met += candidate.must || candidate.displaced ? 1 : 0;
        shared_meetings += board.uses_shared_table(candidate) ? 1 : 0;
    }
    std::vector<int32_t> e_count, b_count;
    for (size_t e = 0; e < request.exhibitors.size(); ++e) e_count.push_back(board.exhibitor_count(static_cast<int32_t>(e)));
    for (size_t b = 0; b < request.buyers.size(); ++b) b_count.push_back(board.buyer_count(static_cast<int32_t>(b)));
    for (int32_t count : e_count) degree_max = std::max(degree_max, count);
    for (int32_t count : b_count) degree_max = std::max(degree_max, count);
    const auto shared_tables = static_cast<int32_t>(problem.pool_tables.size());
    schedule.slots_needed = std::max(degree_max, shared_tables == 0 ? 0 : (shared_meetings + shared_tables - 1) / shared_tables);
    schedule.optimal = solved.optimal;
    schedule.method = solved.method;
    schedule.must_meets_bound = static_cast<int32_t>(std::min<int64_t>(musts, solved.value_bound / problem.must_priority));
    schedule.weight_bound = solved.optimal ? schedule.weight : solved.value_bound - int64_t{top_tier_met} * problem.must_priority;
    schedule.gap = schedule.weight_bound - schedule.weight;
    report_must_meets(request, problem, board, candidate_of, schedule);
    schedule.must_meets_bound = std::max(schedule.must_meets_bound, schedule.must_meets_met);
    report_minimums(request.exhibitors, Side::exhibitor, problem.exhibitor_slots, e_partners, e_count, schedule);
    report_minimums(request.buyers, Side::buyer, problem.buyer_slots, b_partners, b_count, schedule);
}

}  // namespace

Result<Schedule> schedule_meetings(const ScheduleRequest& request) {
    Schedule schedule;
    std::vector<int32_t> published_candidate;
    Result<Problem> built = build_problem(request, schedule.published, published_candidate);
    if (!built) return fail(built.error());
    const Problem& problem = *built;
    Board board(problem);
    for (size_t c = 0; c < problem.candidates.size(); ++c)
        if (problem.candidates[c].fixed_slot >= 0) board.place(static_cast<int32_t>(c), problem.candidates[c].fixed_slot);
    const Solved solved = solve(request, problem, board, schedule);
    schedule.meetings = assign_tables(problem, board);
    report(request, problem, board, solved, schedule);
    report_published(problem, board, schedule.meetings, published_candidate, schedule.published);
    return schedule;
}

}  // namespace kl::fair
