// A rerun's published meetings (schedule_model.h, settle_published): each is dropped now (a veto, a
// withdrawal, no common slot left), kept fixed where it was, or displaced — still possible, but not
// where it was — and then placed by the search with the top-tier priority of a must-meet.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "fair/schedule_model.h"

namespace kl::fair::detail {
namespace {

struct FixedCounts {
    std::vector<std::vector<int32_t>> exhibitor, buyer, shared_slot;  // published indexes per participant / slot
};

void displace(Candidate& candidate, PublishedOutcome& outcome, Reason reason) {
    candidate.displaced = true;
    candidate.fixed_slot = -1;
    candidate.fixed_table = -1;
    outcome.reason = reason;
}

// Keeps at most `limit` of `held` fixed (the weightiest), displacing the rest for `reason`.
void trim(std::vector<int32_t> held, size_t limit, Reason reason, Problem& problem, std::vector<PublishedOutcome>& outcomes,
          const std::vector<int32_t>& published_candidate) {
    std::erase_if(held, [&](int32_t i) {
        return problem.candidates[static_cast<size_t>(published_candidate[static_cast<size_t>(i)])].fixed_slot < 0;
    });
    if (held.size() <= limit) return;
    auto weight_of = [&](int32_t i) { return problem.candidates[static_cast<size_t>(published_candidate[static_cast<size_t>(i)])].weight; };
    std::stable_sort(held.begin(), held.end(), [&](int32_t a, int32_t b) { return weight_of(a) > weight_of(b); });
    for (size_t k = limit; k < held.size(); ++k) {
        const auto i = static_cast<size_t>(held[k]);
        displace(problem.candidates[static_cast<size_t>(published_candidate[i])], outcomes[i], reason);
    }
}

// Where a kept meeting sits: its shared table if it is still a shared one and its exhibitor has no
// booth table now; its booth table if that is the one; otherwise −1 (the table changes).
int32_t kept_table(const ScheduleRequest& request, const Problem& problem, const Meeting& meeting) {
    const int32_t owned = problem.exhibitor_table[static_cast<size_t>(meeting.exhibitor)];
    const int32_t owner = request.tables[static_cast<size_t>(meeting.table)].owner_exhibitor;
    if (owned == no_table_owner && owner == no_table_owner) return meeting.table;
    return owned == meeting.table ? meeting.table : -1;
}

bool published_fields_ok(const ScheduleRequest& request, const Meeting& meeting, const std::string& field, FieldErrors& errors) {
    if (!pair_in_range(request, meeting.exhibitor, meeting.buyer)) {
        errors.add(field, ProblemCode::unknown_reference, "names an exhibitor or buyer that is not in the event");
        return false;
    }
    if (meeting.slot < 0 || static_cast<size_t>(meeting.slot) >= request.slots.size()) errors.add(field + "/slot", ProblemCode::unknown_reference, "is not a slot of the event");
    else if (meeting.table < 0 || static_cast<size_t>(meeting.table) >= request.tables.size())
        errors.add(field + "/table", ProblemCode::unknown_reference, "is not a table of the event");
    else return true;
    return false;
}

// The pair's weight now (nullopt: vetoed; 0: no one rates it any more) and whether it is a must-meet.
std::optional<int64_t> rated_weight(const ScheduleRequest& request, const std::unordered_map<int64_t, size_t>& preference_of,
                                    int64_t key, bool& must) {
    const auto preference = preference_of.find(key);
    if (preference == preference_of.end()) return int64_t{0};
    const PairPreference& rated = request.preferences[preference->second];
    must = rated.by_exhibitor == Rating::must_meet || rated.by_buyer == Rating::must_meet;
    return pair_weight(rated, request.weights);
}

}  // namespace

void settle_published(const ScheduleRequest& request, Problem& problem, std::unordered_map<int64_t, int32_t>& index,
                      std::vector<PublishedOutcome>& outcomes, std::vector<int32_t>& published_candidate,
                      FieldErrors& errors) {
    std::unordered_map<int64_t, size_t> preference_of;
    for (size_t p = 0; p < request.preferences.size(); ++p)
        preference_of[pair_key(request.preferences[p].exhibitor, request.preferences[p].buyer)] = p;
    outcomes.clear();
    published_candidate.assign(request.published.size(), -1);
    std::unordered_set<int64_t> seen;
    FixedCounts fixed{std::vector<std::vector<int32_t>>(problem.exhibitor_cap.size()),
                      std::vector<std::vector<int32_t>>(problem.buyer_cap.size()),
                      std::vector<std::vector<int32_t>>(static_cast<size_t>(problem.slot_count))};
    std::unordered_set<int64_t> busy;  // (participant, slot) keys already held by a kept meeting
    for (size_t i = 0; i < request.published.size(); ++i) {
        const Meeting& meeting = request.published[i];
        const std::string field = "published/" + std::to_string(i);
        outcomes.push_back(PublishedOutcome{meeting, Fate::dropped, std::nullopt, std::nullopt});
        if (!published_fields_ok(request, meeting, field, errors)) continue;
        const int64_t key = pair_key(meeting.exhibitor, meeting.buyer);
        if (!seen.insert(key).second) {
            errors.add(field, ProblemCode::repeated, "the pair is published twice");
            continue;
        }
        PublishedOutcome& outcome = outcomes.back();
        if (request.exhibitors[static_cast<size_t>(meeting.exhibitor)].withdrawn ||
            request.buyers[static_cast<size_t>(meeting.buyer)].withdrawn) {
            outcome.reason = Reason::withdrawn;
            continue;
        }
        bool must = false;
        const std::optional<int64_t> weight = rated_weight(request, preference_of, key, must);
        if (!weight) {
            outcome.reason = Reason::veto;
            continue;
        }
        auto found = index.find(key);
        if (found == index.end() || found->second < 0) {
            Candidate candidate = candidate_for(problem, meeting.exhibitor, meeting.buyer, *weight, must);
            if (candidate.common == 0) {
                outcome.reason = Reason::unavailable;
                continue;
            }
            index[key] = static_cast<int32_t>(problem.candidates.size());
            problem.candidates.push_back(candidate);
            found = index.find(key);
        }
        published_candidate[i] = found->second;
        Candidate& candidate = problem.candidates[static_cast<size_t>(found->second)];
        const int64_t exhibitor_key = pair_key(meeting.exhibitor, meeting.slot);
        const int64_t buyer_key = pair_key(-1 - meeting.buyer, meeting.slot);
        if ((candidate.common & slot_bit(meeting.slot)) == 0) displace(candidate, outcome, Reason::unavailable);
        else if (busy.contains(exhibitor_key) || busy.contains(buyer_key)) displace(candidate, outcome, Reason::slots_taken);
        else {
            busy.insert(exhibitor_key);
            busy.insert(buyer_key);
            candidate.fixed_slot = meeting.slot;
            candidate.fixed_table = kept_table(request, problem, meeting);
            fixed.exhibitor[static_cast<size_t>(meeting.exhibitor)].push_back(static_cast<int32_t>(i));
            fixed.buyer[static_cast<size_t>(meeting.buyer)].push_back(static_cast<int32_t>(i));
            if (problem.exhibitor_table[static_cast<size_t>(meeting.exhibitor)] == no_table_owner)
                fixed.shared_slot[static_cast<size_t>(meeting.slot)].push_back(static_cast<int32_t>(i));
        }
    }
    // Caps and tables may have shrunk since the last run: the weightiest kept meetings stay.
    for (size_t e = 0; e < fixed.exhibitor.size(); ++e)
        trim(fixed.exhibitor[e], static_cast<size_t>(problem.exhibitor_cap[e]), Reason::cap, problem, outcomes, published_candidate);
    for (size_t b = 0; b < fixed.buyer.size(); ++b)
        trim(fixed.buyer[b], static_cast<size_t>(problem.buyer_cap[b]), Reason::cap, problem, outcomes, published_candidate);
    for (const std::vector<int32_t>& held : fixed.shared_slot)
        trim(held, problem.pool_tables.size(), Reason::table_capacity, problem, outcomes, published_candidate);
}

}  // namespace kl::fair::detail
