// Validation and the working model of the scheduler (schedule_model.h).
#include "fair/schedule_model.h"

#include <algorithm>
#include <limits>
#include <string>
#include <unordered_map>

#include "core/field_errors.h"

namespace kl::fair {

std::optional<int64_t> pair_weight(const PairPreference& preference, const RatingWeights& weights) {
    if (preference.by_exhibitor == Rating::no_thanks || preference.by_buyer == Rating::no_thanks) return std::nullopt;
    const int64_t recommended = std::clamp(preference.recommendation, int64_t{0}, weights.recommendation_max);
    auto part = [&](Rating rating, int64_t must_meet, int64_t meet) {
        return rating == Rating::must_meet ? must_meet : rating == Rating::meet ? meet : recommended;
    };
    // Two silent sides are one guess, not two.
    if (preference.by_exhibitor == Rating::none && preference.by_buyer == Rating::none) return recommended;
    return part(preference.by_exhibitor, weights.exhibitor_must_meet, weights.exhibitor_meet) +
           part(preference.by_buyer, weights.buyer_must_meet, weights.buyer_meet);
}

namespace detail {
namespace {

// Weights are points per pair; beyond this the lexicographic value could leave 64 bits.
constexpr int64_t rating_weight_max = 1'000'000;

void check_participants(const std::vector<Participant>& people, const std::string& name, int32_t slot_count,
                        FieldErrors& errors) {
    for (size_t i = 0; i < people.size(); ++i) {
        const std::string field = name + "/" + std::to_string(i);
        const Participant& person = people[i];
        if (person.meetings_min < 0) errors.add(field + "/meetings_min", ProblemCode::below_min, "must not be negative", {{"min", 0}});
        if (person.meetings_max < 0) errors.add(field + "/meetings_max", ProblemCode::below_min, "must not be negative", {{"min", 0}});
        if (person.meetings_min > person.meetings_max) errors.add(field + "/meetings_min", ProblemCode::above_max, "must not exceed meetings_max");
        for (size_t k = 0; k < person.slots.size(); ++k) {
            if (person.slots[k] < 0 || person.slots[k] >= slot_count)
                errors.add(field + "/slots/" + std::to_string(k), ProblemCode::unknown_reference, "is not a slot of the event");
        }
    }
}

void check_request(const ScheduleRequest& request, FieldErrors& errors) {
    const auto slot_count = static_cast<int32_t>(request.slots.size());
    if (request.slots.empty() || slot_count > slot_count_max)
        errors.add("slots", ProblemCode::invalid_value, "an event has 1 to " + std::to_string(slot_count_max) + " slots");
    if (request.tables.empty()) errors.add("tables", ProblemCode::below_min, "an event needs at least one table");
    check_participants(request.exhibitors, "exhibitors", slot_count, errors);
    check_participants(request.buyers, "buyers", slot_count, errors);
    std::vector<int> tables_owned(request.exhibitors.size(), 0);
    for (size_t t = 0; t < request.tables.size(); ++t) {
        const int32_t owner = request.tables[t].owner_exhibitor;
        if (owner == no_table_owner) continue;
        const std::string field = "tables/" + std::to_string(t) + "/owner_exhibitor";
        if (owner < 0 || static_cast<size_t>(owner) >= request.exhibitors.size()) errors.add(field, ProblemCode::unknown_reference, "is not an exhibitor");
        else if (++tables_owned[static_cast<size_t>(owner)] > 1) errors.add(field, ProblemCode::invalid_value, "already owns another table");
    }
    const RatingWeights& w = request.weights;
    for (int64_t weight : {w.buyer_must_meet, w.buyer_meet, w.exhibitor_must_meet, w.exhibitor_meet, w.recommendation_max}) {
        if (weight < 0 || weight > rating_weight_max)
            errors.add("weights", ProblemCode::invalid_value, "each weight is 0 to " + std::to_string(rating_weight_max));
    }
    if (request.solve_time_ms_max <= 0) errors.add("solve_time_ms_max", ProblemCode::not_positive, "must be positive");
}

SlotMask mask_of(const Participant& person, SlotMask all_slots) {
    if (person.withdrawn) return 0;
    if (person.slots.empty()) return all_slots;
    SlotMask mask = 0;
    for (int32_t slot : person.slots) mask |= slot_bit(slot);
    return mask;
}

void size_side(const std::vector<Participant>& people, Problem& problem, std::vector<SlotMask>& slots,
               std::vector<int32_t>& caps, std::vector<int32_t>& maxima) {
    for (const Participant& person : people) {
        slots.push_back(mask_of(person, problem.all_slots));
        caps.push_back(std::min(person.meetings_max, popcount(slots.back())));
        maxima.push_back(person.withdrawn ? 0 : person.meetings_max);
        if (!person.withdrawn && !person.slots.empty() && slots.back() != problem.all_slots) problem.windows = true;
    }
}

void size_participants(const ScheduleRequest& request, Problem& problem) {
    size_side(request.exhibitors, problem, problem.exhibitor_slots, problem.exhibitor_cap, problem.exhibitor_max);
    size_side(request.buyers, problem, problem.buyer_slots, problem.buyer_cap, problem.buyer_max);
    problem.exhibitor_table.assign(request.exhibitors.size(), no_table_owner);
    for (size_t t = 0; t < request.tables.size(); ++t) {
        const int32_t owner = request.tables[t].owner_exhibitor;
        if (owner == no_table_owner) problem.pool_tables.push_back(static_cast<int32_t>(t));
        else problem.exhibitor_table[static_cast<size_t>(owner)] = static_cast<int32_t>(t);
    }
}

// Candidates from the preferences: every pair not vetoed, with someone to meet and a reason to.
void add_preferred(const ScheduleRequest& request, Problem& problem, std::unordered_map<int64_t, int32_t>& index,
                   FieldErrors& errors) {
    for (size_t p = 0; p < request.preferences.size(); ++p) {
        const PairPreference& preference = request.preferences[p];
        const std::string field = "preferences/" + std::to_string(p);
        if (!pair_in_range(request, preference.exhibitor, preference.buyer)) {
            errors.add(field, ProblemCode::unknown_reference, "names an exhibitor or buyer that is not in the event");
            continue;
        }
        if (preference.recommendation < 0) errors.add(field + "/recommendation", ProblemCode::below_min, "must not be negative", {{"min", 0}});
        const int64_t key = pair_key(preference.exhibitor, preference.buyer);
        if (index.contains(key)) {
            errors.add(field, ProblemCode::repeated, "the pair is rated twice");
            continue;
        }
        index[key] = -1;  // seen; a candidate index below when it qualifies
        const std::optional<int64_t> weight = pair_weight(preference, request.weights);
        const bool must = preference.by_exhibitor == Rating::must_meet || preference.by_buyer == Rating::must_meet;
        Candidate candidate = candidate_for(problem, preference.exhibitor, preference.buyer, weight.value_or(0), must);
        if (!weight || candidate.common == 0 || (*weight <= 0 && !must)) continue;
        index[key] = static_cast<int32_t>(problem.candidates.size());
        problem.candidates.push_back(candidate);
    }
}

}  // namespace

bool pair_in_range(const ScheduleRequest& request, int32_t exhibitor, int32_t buyer) {
    return exhibitor >= 0 && static_cast<size_t>(exhibitor) < request.exhibitors.size() && buyer >= 0 &&
           static_cast<size_t>(buyer) < request.buyers.size();
}

Candidate candidate_for(const Problem& problem, int32_t exhibitor, int32_t buyer, int64_t weight, bool must) {
    Candidate candidate;
    candidate.exhibitor = exhibitor;
    candidate.buyer = buyer;
    candidate.weight = weight;
    candidate.must = must;
    candidate.common = problem.exhibitor_slots[static_cast<size_t>(exhibitor)] & problem.buyer_slots[static_cast<size_t>(buyer)];
    return candidate;
}

Result<Problem> build_problem(const ScheduleRequest& request, std::vector<PublishedOutcome>& outcomes,
                              std::vector<int32_t>& published_candidate) {
    FieldErrors errors;
    check_request(request, errors);
    if (Result<void> checked = errors.finish(); !checked) return fail(checked.error());
    Problem problem;
    problem.slot_count = static_cast<int32_t>(request.slots.size());
    problem.all_slots = problem.slot_count == 64 ? ~SlotMask{0} : slot_bit(problem.slot_count) - 1;
    problem.tables = static_cast<int32_t>(request.tables.size());
    problem.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(request.solve_time_ms_max);
    size_participants(request, problem);
    std::unordered_map<int64_t, int32_t> index;
    add_preferred(request, problem, index, errors);
    settle_published(request, problem, index, outcomes, published_candidate, errors);
    if (Result<void> checked = errors.finish(); !checked) return fail(checked.error());

    // The lexicographic objective: one top-tier meeting outweighs every lesser meeting together.
    int64_t meetings_max = int64_t{problem.slot_count} * problem.tables, weight_max = 0, top_tier = 0;
    int64_t exhibitor_caps = 0, buyer_caps = 0;
    for (int32_t cap : problem.exhibitor_cap) exhibitor_caps += cap;
    for (int32_t cap : problem.buyer_cap) buyer_caps += cap;
    meetings_max = std::min({meetings_max, exhibitor_caps, buyer_caps});
    for (const Candidate& candidate : problem.candidates) {
        weight_max = std::max(weight_max, candidate.weight);
        top_tier += candidate.must || candidate.displaced ? 1 : 0;
    }
    problem.must_priority = 1 + meetings_max * weight_max;
    if (problem.must_priority > std::numeric_limits<int64_t>::max() / 4 / std::max<int64_t>(top_tier + 1, meetings_max + 1))
        return fail(ErrorCode::resource_exhausted, "the event is too large to weigh exactly in 64 bits");
    for (Candidate& candidate : problem.candidates)
        candidate.value = candidate.weight + (candidate.must || candidate.displaced ? problem.must_priority : 0);
    return problem;
}

Board::Board(const Problem& problem)
    : problem_(problem),
      slot_of_(problem.candidates.size(), -1),
      exhibitor_at_(problem.exhibitor_cap.size() * static_cast<size_t>(problem.slot_count), -1),
      buyer_at_(problem.buyer_cap.size() * static_cast<size_t>(problem.slot_count), -1),
      exhibitor_count_(problem.exhibitor_cap.size(), 0),
      buyer_count_(problem.buyer_cap.size(), 0),
      shared_used_(static_cast<size_t>(problem.slot_count), 0) {}

bool Board::uses_shared_table(const Candidate& candidate) const {
    return problem_.exhibitor_table[static_cast<size_t>(candidate.exhibitor)] == no_table_owner;
}

int32_t Board::exhibitor_at(int32_t exhibitor, int32_t slot) const {
    return exhibitor_at_[static_cast<size_t>(exhibitor) * static_cast<size_t>(problem_.slot_count) + static_cast<size_t>(slot)];
}

int32_t Board::buyer_at(int32_t buyer, int32_t slot) const {
    return buyer_at_[static_cast<size_t>(buyer) * static_cast<size_t>(problem_.slot_count) + static_cast<size_t>(slot)];
}

SlotMask Board::free_slots(const Candidate& candidate) const {
    SlotMask mask = 0;
    for (SlotMask rest = candidate.common; rest != 0; rest &= rest - 1) {
        const auto slot = static_cast<int32_t>(__builtin_ctzll(rest));
        if (fits(candidate, slot)) mask |= slot_bit(slot);
    }
    return mask;
}

bool Board::fits(const Candidate& candidate, int32_t slot) const {
    if ((candidate.common & slot_bit(slot)) == 0) return false;
    if (exhibitor_at(candidate.exhibitor, slot) >= 0 || buyer_at(candidate.buyer, slot) >= 0) return false;
    return !uses_shared_table(candidate) ||
           shared_used_[static_cast<size_t>(slot)] < static_cast<int32_t>(problem_.pool_tables.size());
}

bool Board::under_caps(const Candidate& candidate) const {
    return exhibitor_count(candidate.exhibitor) < problem_.exhibitor_cap[static_cast<size_t>(candidate.exhibitor)] &&
           buyer_count(candidate.buyer) < problem_.buyer_cap[static_cast<size_t>(candidate.buyer)];
}

void Board::place(int32_t index, int32_t slot) {
    const Candidate& candidate = problem_.candidates[static_cast<size_t>(index)];
    KL_ASSERT(slot_of(index) < 0 && fits(candidate, slot));
    const auto s = static_cast<size_t>(problem_.slot_count);
    slot_of_[static_cast<size_t>(index)] = slot;
    exhibitor_at_[static_cast<size_t>(candidate.exhibitor) * s + static_cast<size_t>(slot)] = index;
    buyer_at_[static_cast<size_t>(candidate.buyer) * s + static_cast<size_t>(slot)] = index;
    ++exhibitor_count_[static_cast<size_t>(candidate.exhibitor)];
    ++buyer_count_[static_cast<size_t>(candidate.buyer)];
    if (uses_shared_table(candidate)) ++shared_used_[static_cast<size_t>(slot)];
}

void Board::remove(int32_t index) {
    const Candidate& candidate = problem_.candidates[static_cast<size_t>(index)];
    const int32_t slot = slot_of(index);
    KL_ASSERT(slot >= 0);
    const auto s = static_cast<size_t>(problem_.slot_count);
    slot_of_[static_cast<size_t>(index)] = -1;
    exhibitor_at_[static_cast<size_t>(candidate.exhibitor) * s + static_cast<size_t>(slot)] = -1;
    buyer_at_[static_cast<size_t>(candidate.buyer) * s + static_cast<size_t>(slot)] = -1;
    --exhibitor_count_[static_cast<size_t>(candidate.exhibitor)];
    --buyer_count_[static_cast<size_t>(candidate.buyer)];
    if (uses_shared_table(candidate)) --shared_used_[static_cast<size_t>(slot)];
}

std::vector<Meeting> assign_tables(const Problem& problem, const Board& board) {
    std::vector<std::vector<int32_t>> by_slot(static_cast<size_t>(problem.slot_count));
    for (size_t c = 0; c < problem.candidates.size(); ++c) {
        const int32_t slot = board.slot_of(static_cast<int32_t>(c));
        if (slot >= 0) by_slot[static_cast<size_t>(slot)].push_back(static_cast<int32_t>(c));
    }
    std::vector<Meeting> meetings;
    std::vector<int32_t> table_user(static_cast<size_t>(problem.tables), -1);
    for (int32_t slot = 0; slot < problem.slot_count; ++slot) {
        std::fill(table_user.begin(), table_user.end(), -1);
        std::vector<int32_t> waiting;
        for (int32_t c : by_slot[static_cast<size_t>(slot)]) {
            const Candidate& candidate = problem.candidates[static_cast<size_t>(c)];
            int32_t table = problem.exhibitor_table[static_cast<size_t>(candidate.exhibitor)];
            // A kept meeting keeps its shared table (build_problem checked it is still a shared one).
            if (table == no_table_owner && candidate.fixed_slot == slot) table = candidate.fixed_table;
            if (table < 0 || table_user[static_cast<size_t>(table)] >= 0) {
                waiting.push_back(c);
                continue;
            }
            table_user[static_cast<size_t>(table)] = c;
        }
        auto next_free = problem.pool_tables.begin();
        for (int32_t c : waiting) {
            while (next_free != problem.pool_tables.end() && table_user[static_cast<size_t>(*next_free)] >= 0) ++next_free;
            KL_ASSERT(next_free != problem.pool_tables.end());  // the board counted the shared tables
            table_user[static_cast<size_t>(*next_free)] = c;
        }
        for (int32_t table = 0; table < problem.tables; ++table) {
            const int32_t c = table_user[static_cast<size_t>(table)];
            if (c < 0) continue;
            const Candidate& candidate = problem.candidates[static_cast<size_t>(c)];
            meetings.push_back(Meeting{candidate.exhibitor, candidate.buyer, slot, table});
        }
    }
    return meetings;
}

}  // namespace detail
}  // namespace kl::fair
