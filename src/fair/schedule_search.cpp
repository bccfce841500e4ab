// The windowed part of the scheduler: greedy placement with one-step repairs, then CBC's exact MIP
// where the model is small enough (schedule_model.h).
#include <algorithm>
#include <numeric>

#include "fair/schedule_model.h"
#include "optim/packing_mip.h"

namespace kl::fair::detail {
namespace {

// Improvement passes over the unplaced candidates; each pass that places nothing ends the search,
// and in practice the second pass places little, so a few passes are all there is to gain.
constexpr int search_passes_max = 6;
// The deadline is read every this many candidates (a clock read costs more than a greedy step).
constexpr size_t deadline_check_every = 256;

bool past(const Problem& problem) { return std::chrono::steady_clock::now() >= problem.deadline; }

// Among free slots, the one with the most shared tables left, so that later meetings find tables.
int32_t roomiest(const Board& board, SlotMask free) {
    int32_t best = -1;
    for (SlotMask rest = free; rest != 0; rest &= rest - 1) {
        const auto slot = static_cast<int32_t>(__builtin_ctzll(rest));
        if (best < 0 || board.shared_used(slot) < board.shared_used(best)) best = slot;
    }
    return best;
}

bool movable(const Problem& problem, int32_t index) {
    return index < 0 || problem.candidates[static_cast<size_t>(index)].fixed_slot < 0;
}

// Places `index` in `slot` after moving the meetings that block it there (its exhibitor's and its
// buyer's) to other free slots of theirs; leaves the board as it was when that fails.
bool place_with_moves(const Problem& problem, Board& board, int32_t index, int32_t slot) {
    const Candidate& candidate = problem.candidates[static_cast<size_t>(index)];
    const int32_t blockers[2] = {board.exhibitor_at(candidate.exhibitor, slot), board.buyer_at(candidate.buyer, slot)};
    if (!movable(problem, blockers[0]) || !movable(problem, blockers[1])) return false;
    for (int32_t blocker : blockers)
        if (blocker >= 0) board.remove(blocker);
    bool ok = board.fits(candidate, slot);
    if (ok) board.place(index, slot);
    int32_t moved[2] = {-1, -1};
    for (int k = 0; k < 2 && ok; ++k) {
        if (blockers[k] < 0) continue;
        const int32_t target = roomiest(board, board.free_slots(problem.candidates[static_cast<size_t>(blockers[k])]));
        if (target < 0) ok = false;
        else board.place(blockers[k], moved[k] = target);
    }
    if (ok) return true;
    for (int k = 0; k < 2; ++k)
        if (moved[k] >= 0) board.remove(blockers[k]);
    if (board.slot_of(index) >= 0) board.remove(index);
    for (int32_t blocker : blockers)
        if (blocker >= 0) board.place(blocker, slot);
    return false;
}

bool try_insert(const Problem& problem, Board& board, int32_t index) {
    const Candidate& candidate = problem.candidates[static_cast<size_t>(index)];
    if (!board.under_caps(candidate)) return false;
    const int32_t slot = roomiest(board, board.free_slots(candidate));
    if (slot >= 0) {
        board.place(index, slot);
        return true;
    }
    for (SlotMask rest = candidate.common; rest != 0; rest &= rest - 1)
        if (place_with_moves(problem, board, index, static_cast<int32_t>(__builtin_ctzll(rest)))) return true;
    return false;
}

// The least valuable movable meeting of a participant at its cap, or −1.
int32_t weakest(const Problem& problem, const Board& board, bool exhibitor_side, int32_t who) {
    int32_t found = -1;
    for (int32_t slot = 0; slot < problem.slot_count; ++slot) {
        const int32_t held = exhibitor_side ? board.exhibitor_at(who, slot) : board.buyer_at(who, slot);
        if (held < 0 || !movable(problem, held)) continue;
        if (found < 0 || problem.candidates[static_cast<size_t>(held)].value < problem.candidates[static_cast<size_t>(found)].value)
            found = held;
    }
    return found;
}

// Gives up the weakest meeting of whichever side is at its cap when the candidate is worth more.
bool try_replace(const Problem& problem, Board& board, int32_t index) {
    const Candidate& candidate = problem.candidates[static_cast<size_t>(index)];
    std::vector<std::pair<int32_t, int32_t>> removed;  // candidate, slot
    int64_t given_up = 0;
    const bool e_full = board.exhibitor_count(candidate.exhibitor) >= problem.exhibitor_cap[static_cast<size_t>(candidate.exhibitor)];
    const bool b_full = board.buyer_count(candidate.buyer) >= problem.buyer_cap[static_cast<size_t>(candidate.buyer)];
    for (auto [full, side, who] : {std::tuple{e_full, true, candidate.exhibitor}, std::tuple{b_full, false, candidate.buyer}}) {
        if (!full) continue;
        const int32_t victim = weakest(problem, board, side, who);
        if (victim < 0) break;
        given_up += problem.candidates[static_cast<size_t>(victim)].value;
        removed.emplace_back(victim, board.slot_of(victim));
        board.remove(victim);
    }
    if (given_up < candidate.value && board.under_caps(candidate) && try_insert(problem, board, index)) return true;
    for (auto [victim, slot] : removed) board.place(victim, slot);
    return false;
}

std::vector<int32_t> search_order(const Problem& problem, const Selection& selection) {
    std::vector<uint8_t> chosen(problem.candidates.size(), 0);
    for (int32_t c : selection.chosen) chosen[static_cast<size_t>(c)] = 1;
    std::vector<int32_t> order(problem.candidates.size());
    std::iota(order.begin(), order.end(), 0);
    std::erase_if(order, [&](int32_t c) { return problem.candidates[static_cast<size_t>(c)].fixed_slot >= 0; });
    // The flow's choice first, then the rest; each by value, most valuable first.
    std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
        const auto& ca = problem.candidates[static_cast<size_t>(a)];
        const auto& cb = problem.candidates[static_cast<size_t>(b)];
        if (chosen[static_cast<size_t>(a)] != chosen[static_cast<size_t>(b)]) return chosen[static_cast<size_t>(a)] > chosen[static_cast<size_t>(b)];
        return ca.value > cb.value;
    });
    return order;
}

}  // namespace

void place_by_search(const Problem& problem, const Selection& selection, Board& board) {
    const std::vector<int32_t> order = search_order(problem, selection);
    for (size_t k = 0; k < order.size(); ++k) {
        if (k % deadline_check_every == 0 && past(problem)) return;
        if (board.slot_of(order[k]) < 0) (void)try_insert(problem, board, order[k]);
    }
    for (int pass = 0; pass < search_passes_max; ++pass) {
        bool improved = false;
        for (size_t k = 0; k < order.size(); ++k) {
            if (k % deadline_check_every == 0 && past(problem)) return;
            if (board.slot_of(order[k]) >= 0) continue;
            improved = try_insert(problem, board, order[k]) || try_replace(problem, board, order[k]) || improved;
        }
        if (!improved) return;
    }
}

namespace {

struct MipModel {
    optim::PackingProgram program;
    std::vector<std::pair<int32_t, int32_t>> columns;  // candidate, slot
};

// x[candidate, slot] for each movable candidate and each common slot the fixed meetings leave open;
// rows: one meeting per participant per slot, per pair, caps, shared tables per slot.
std::optional<MipModel> build_mip(const Problem& problem, const Board& fixed, int64_t columns_max) {
    MipModel model;
    const auto slots = static_cast<size_t>(problem.slot_count);
    std::vector<optim::PackingRow> e_slot(problem.exhibitor_cap.size() * slots), b_slot(problem.buyer_cap.size() * slots);
    std::vector<optim::PackingRow> e_cap(problem.exhibitor_cap.size()), b_cap(problem.buyer_cap.size()), shared(slots);
    for (size_t c = 0; c < problem.candidates.size(); ++c) {
        const Candidate& candidate = problem.candidates[c];
        if (candidate.fixed_slot >= 0) continue;
        optim::PackingRow pair{{}, 1};
        for (SlotMask rest = candidate.common; rest != 0; rest &= rest - 1) {
            const auto slot = static_cast<int32_t>(__builtin_ctzll(rest));
            if (!fixed.fits(candidate, slot)) continue;
            if (static_cast<int64_t>(model.columns.size()) >= columns_max) return std::nullopt;
            const auto column = static_cast<int32_t>(model.columns.size());
            model.columns.emplace_back(static_cast<int32_t>(c), slot);
            model.program.weight.push_back(candidate.value);
            pair.columns.push_back(column);
            e_slot[static_cast<size_t>(candidate.exhibitor) * slots + static_cast<size_t>(slot)].columns.push_back(column);
            b_slot[static_cast<size_t>(candidate.buyer) * slots + static_cast<size_t>(slot)].columns.push_back(column);
            e_cap[static_cast<size_t>(candidate.exhibitor)].columns.push_back(column);
            b_cap[static_cast<size_t>(candidate.buyer)].columns.push_back(column);
            if (fixed.uses_shared_table(candidate)) shared[static_cast<size_t>(slot)].columns.push_back(column);
        }
        if (pair.columns.size() > 1) model.program.rows.push_back(std::move(pair));
    }
    auto keep = [&](std::vector<optim::PackingRow>& rows, auto upper_of) {
        for (size_t r = 0; r < rows.size(); ++r) {
            rows[r].upper = upper_of(r);
            if (static_cast<int64_t>(rows[r].columns.size()) > rows[r].upper) model.program.rows.push_back(std::move(rows[r]));
        }
    };
    keep(e_slot, [](size_t) { return int64_t{1}; });
    keep(b_slot, [](size_t) { return int64_t{1}; });
    keep(e_cap, [&](size_t e) { return int64_t{problem.exhibitor_cap[e] - fixed.exhibitor_count(static_cast<int32_t>(e))}; });
    keep(b_cap, [&](size_t b) { return int64_t{problem.buyer_cap[b] - fixed.buyer_count(static_cast<int32_t>(b))}; });
    keep(shared, [&](size_t s) {
        return static_cast<int64_t>(problem.pool_tables.size()) - fixed.shared_used(static_cast<int32_t>(s));
    });
    return model;
}

}  // namespace

std::optional<MipOutcome> improve_by_mip(const Problem& problem, Board& board, bool with_start, int64_t columns_max) {
    const auto left_ms = std::chrono::duration_cast<std::chrono::milliseconds>(problem.deadline - std::chrono::steady_clock::now()).count();
    if (left_ms <= 0) return std::nullopt;
    // The model is built against the fixed meetings only: lift the search's meetings off the board.
    std::vector<std::pair<int32_t, int32_t>> searched;
    int64_t fixed_value = 0, searched_value = 0;
    for (size_t c = 0; c < problem.candidates.size(); ++c) {
        const int32_t slot = board.slot_of(static_cast<int32_t>(c));
        if (slot < 0) continue;
        if (problem.candidates[c].fixed_slot >= 0) fixed_value += problem.candidates[c].value;
        else {
            searched.emplace_back(static_cast<int32_t>(c), slot);
            searched_value += problem.candidates[c].value;
        }
    }
    for (auto [c, slot] : searched) board.remove(c);
    std::optional<MipModel> model = build_mip(problem, board, columns_max);
    std::optional<MipOutcome> outcome;
    std::vector<std::pair<int32_t, int32_t>> best = searched;
    if (model) {
        std::vector<uint8_t> start;
        if (with_start) {
            std::vector<int32_t> placed_slot(problem.candidates.size(), -1);
            for (auto [c, slot] : searched) placed_slot[static_cast<size_t>(c)] = slot;
            start.assign(model->columns.size(), 0);
            for (size_t k = 0; k < model->columns.size(); ++k)
                start[k] = placed_slot[static_cast<size_t>(model->columns[k].first)] == model->columns[k].second ? 1 : 0;
        }
        const optim::MipSolution solved = optim::solve_packing_mip(model->program, start, left_ms);
        outcome = MipOutcome{fixed_value + solved.bound, solved.status == optim::MipStatus::optimal};
        if (solved.status != optim::MipStatus::unsolved && (solved.objective > searched_value || searched.empty())) {
            best.clear();
            for (size_t k = 0; k < model->columns.size(); ++k)
                if (solved.chosen[k]) best.push_back(model->columns[k]);
        }
    }
    for (auto [c, slot] : best) board.place(c, slot);
    return outcome;
}

}  // namespace kl::fair::detail
