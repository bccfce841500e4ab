// The exact part of the scheduler: selection as a maximum-value b-matching (a min-cost flow on
// LEMON through src/optim) and placement as a balanced bipartite edge colouring.
#include <algorithm>
#include <limits>
#include <numeric>

#include "fair/schedule_model.h"
#include "optim/min_cost_flow.h"

namespace kl::fair::detail {
namespace {

// Slots where the fixed meetings leave a participant free.
SlotMask exhibitor_free(const Problem& problem, const Board& board, int32_t exhibitor) {
    SlotMask mask = problem.exhibitor_slots[static_cast<size_t>(exhibitor)];
    for (int32_t slot = 0; slot < problem.slot_count; ++slot)
        if (board.exhibitor_at(exhibitor, slot) >= 0) mask &= ~slot_bit(slot);
    return mask;
}

SlotMask buyer_free(const Problem& problem, const Board& board, int32_t buyer) {
    SlotMask mask = problem.buyer_slots[static_cast<size_t>(buyer)];
    for (int32_t slot = 0; slot < problem.slot_count; ++slot)
        if (board.buyer_at(buyer, slot) >= 0) mask &= ~slot_bit(slot);
    return mask;
}

}  // namespace

// Nodes: 0 source, 1 sink, 2 the shared tables' hub, then exhibitors, then buyers. The source feeds
// booth-table exhibitors directly and the others through the hub, whose arc carries the shared
// tables' capacity over all slots; a free source→sink arc lets the flow leave meetings unchosen.
SelectionNetwork selection_network(const Problem& problem, const Board& fixed, bool any_slot_count) {
    const auto exhibitors = static_cast<int32_t>(problem.exhibitor_cap.size());
    const auto buyers = static_cast<int32_t>(problem.buyer_cap.size());
    std::vector<SlotMask> e_free(static_cast<size_t>(exhibitors)), b_free(static_cast<size_t>(buyers));
    SelectionNetwork built;
    optim::FlowNetwork& network = built.network;
    network.node_count = 3 + exhibitors + buyers;
    network.supply.assign(static_cast<size_t>(network.node_count), 0);
    int64_t shared_left = 0, sent = 0;
    for (int32_t slot = 0; slot < problem.slot_count; ++slot)
        shared_left += static_cast<int64_t>(problem.pool_tables.size()) - fixed.shared_used(slot);
    // Unlimited slots: every participant's meetings_max, and tables enough for all of them.
    if (any_slot_count) shared_left = std::numeric_limits<int32_t>::max();
    network.arcs.push_back(optim::FlowArc{0, 2, 0, shared_left, 0});
    for (int32_t e = 0; e < exhibitors; ++e) {
        e_free[static_cast<size_t>(e)] = exhibitor_free(problem, fixed, e);
        const int64_t left = any_slot_count ? problem.exhibitor_max[static_cast<size_t>(e)]
                                            : std::min<int64_t>(problem.exhibitor_cap[static_cast<size_t>(e)] - fixed.exhibitor_count(e),
                                                                popcount(e_free[static_cast<size_t>(e)]));
        const int32_t feeder = problem.exhibitor_table[static_cast<size_t>(e)] == no_table_owner ? 2 : 0;
        network.arcs.push_back(optim::FlowArc{feeder, 3 + e, 0, std::max<int64_t>(left, 0), 0});
        sent += std::max<int64_t>(left, 0);
    }
    for (int32_t b = 0; b < buyers; ++b) {
        b_free[static_cast<size_t>(b)] = buyer_free(problem, fixed, b);
        const int64_t left = any_slot_count ? problem.buyer_max[static_cast<size_t>(b)]
                                            : std::min<int64_t>(problem.buyer_cap[static_cast<size_t>(b)] - fixed.buyer_count(b),
                                                                popcount(b_free[static_cast<size_t>(b)]));
        network.arcs.push_back(optim::FlowArc{3 + exhibitors + b, 1, 0, std::max<int64_t>(left, 0), 0});
    }
    network.arcs.push_back(optim::FlowArc{0, 1, 0, sent, 0});
    built.first_pair_arc = network.arcs.size();
    for (size_t c = 0; c < problem.candidates.size(); ++c) {
        const Candidate& candidate = problem.candidates[c];
        if (candidate.fixed_slot >= 0) continue;
        const auto e = static_cast<size_t>(candidate.exhibitor), b = static_cast<size_t>(candidate.buyer);
        if ((candidate.common & e_free[e] & b_free[b]) == 0) continue;
        network.arcs.push_back(optim::FlowArc{3 + candidate.exhibitor, 3 + exhibitors + candidate.buyer, 0, 1, -candidate.value});
        built.pair_candidate.push_back(static_cast<int32_t>(c));
    }
    network.supply[0] = sent;
    network.supply[1] = -sent;
    return built;
}

Selection select_by_flow(const Problem& problem, const Board& fixed, bool any_slot_count) {
    const SelectionNetwork built = selection_network(problem, fixed, any_slot_count);
    const optim::FlowSolution solution = optim::solve_min_cost_flow(built.network);
    KL_ASSERT(solution.status == optim::FlowStatus::optimal);  // the bypass arc makes every instance feasible
    Selection selection;
    for (size_t k = 0; k < built.pair_candidate.size(); ++k) {
        if (solution.flow[built.first_pair_arc + k] == 0) continue;
        selection.chosen.push_back(built.pair_candidate[k]);
        selection.value += problem.candidates[static_cast<size_t>(built.pair_candidate[k])].value;
    }
    return selection;
}

namespace {

// A proper edge colouring of the chosen meetings (colour = slot), built edge by edge with Kempe
// chains, then balanced so that no colour holds more shared-table meetings than there are shared tables.
class Colouring {
public:
    Colouring(const Problem& problem, const Selection& selection)
        : problem_(problem), edges_(selection.chosen), colour_(edges_.size(), -1),
          at_e_(problem.exhibitor_cap.size() * static_cast<size_t>(problem.slot_count), -1),
          at_b_(problem.buyer_cap.size() * static_cast<size_t>(problem.slot_count), -1) {}

    void colour_all() {
        for (size_t edge = 0; edge < edges_.size(); ++edge) colour_edge(static_cast<int32_t>(edge));
    }
    bool balance();
    int32_t colour_of(size_t edge) const { return colour_[edge]; }

private:
    int32_t& at(bool exhibitor_side, int32_t vertex, int32_t colour) {
        auto& table = exhibitor_side ? at_e_ : at_b_;
        return table[static_cast<size_t>(vertex) * static_cast<size_t>(problem_.slot_count) + static_cast<size_t>(colour)];
    }
    const Candidate& candidate(int32_t edge) const { return problem_.candidates[static_cast<size_t>(edges_[static_cast<size_t>(edge)])]; }
    bool shared(int32_t edge) const { return problem_.exhibitor_table[static_cast<size_t>(candidate(edge).exhibitor)] == no_table_owner; }
    void set(int32_t edge, int32_t colour) {
        colour_[static_cast<size_t>(edge)] = colour;
        if (colour >= 0) {
            at(true, candidate(edge).exhibitor, colour) = edge;
            at(false, candidate(edge).buyer, colour) = edge;
        }
    }
    void unset(int32_t edge) {
        const int32_t colour = colour_[static_cast<size_t>(edge)];
        at(true, candidate(edge).exhibitor, colour) = -1;
        at(false, candidate(edge).buyer, colour) = -1;
        colour_[static_cast<size_t>(edge)] = -1;
    }
    int32_t free_colour(bool exhibitor_side, int32_t vertex) {
        for (int32_t colour = 0; colour < problem_.slot_count; ++colour)
            if (at(exhibitor_side, vertex, colour) < 0) return colour;
        KL_ASSERT(false);  // the flow capped every participant at the slot count
        return -1;
    }
    // The maximal path alternating colours `first`, `second` from `vertex` (on the given side).
    std::vector<int32_t> chain(bool exhibitor_side, int32_t vertex, int32_t first, int32_t second, int32_t stop_edge);
    void swap_colours(const std::vector<int32_t>& path, int32_t a, int32_t b);
    void colour_edge(int32_t edge);

    const Problem& problem_;
    std::vector<int32_t> edges_;
    std::vector<int32_t> colour_;
    std::vector<int32_t> at_e_, at_b_;
};

std::vector<int32_t> Colouring::chain(bool exhibitor_side, int32_t vertex, int32_t first, int32_t second, int32_t stop_edge) {
    std::vector<int32_t> path;
    int32_t colour = first;
    while (true) {
        const int32_t edge = at(exhibitor_side, vertex, colour);
        if (edge < 0 || edge == stop_edge) break;
        path.push_back(edge);
        vertex = exhibitor_side ? candidate(edge).buyer : candidate(edge).exhibitor;
        exhibitor_side = !exhibitor_side;
        colour = colour == first ? second : first;
    }
    return path;
}

void Colouring::swap_colours(const std::vector<int32_t>& path, int32_t a, int32_t b) {
    std::vector<int32_t> colours;
    for (int32_t edge : path) colours.push_back(colour_[static_cast<size_t>(edge)]);
    for (int32_t edge : path) unset(edge);
    for (size_t k = 0; k < path.size(); ++k) set(path[k], colours[k] == a ? b : a);
}

// König's argument: take a colour free at the exhibitor; if the buyer uses it, swap the two
// colours along the buyer's alternating chain, which (the graph being bipartite) never reaches
// the exhibitor, so the colour becomes free at both.
void Colouring::colour_edge(int32_t edge) {
    const int32_t e = candidate(edge).exhibitor, b = candidate(edge).buyer;
    const int32_t a = free_colour(true, e), beta = free_colour(false, b);
    if (at(false, b, a) >= 0) {
        if (at(true, e, beta) < 0) {
            set(edge, beta);
            return;
        }
        swap_colours(chain(false, b, a, beta, -1), a, beta);
    }
    set(edge, a);
}

// While a colour holds more shared-table meetings than there are shared tables, swap the two
// colours on one component (a path or an even cycle) of it and the emptiest colour that moves some
// meetings across without overshooting; Σ load² falls at every swap, so this ends. Without booth
// tables every component differs by at most one, so it always succeeds (the balanced-colouring
// theorem); with them it may not, and the caller falls back to the search.
bool Colouring::balance() {
    const auto capacity = static_cast<int32_t>(problem_.pool_tables.size());
    std::vector<int32_t> load(static_cast<size_t>(problem_.slot_count), 0);
    for (size_t edge = 0; edge < edges_.size(); ++edge)
        if (shared(static_cast<int32_t>(edge))) ++load[static_cast<size_t>(colour_[edge])];
    while (true) {
        const auto heavy = static_cast<int32_t>(std::max_element(load.begin(), load.end()) - load.begin());
        if (load[static_cast<size_t>(heavy)] <= capacity) return true;
        bool moved = false;
        for (int32_t light = 0; light < problem_.slot_count && !moved; ++light) {
            const int32_t excess = load[static_cast<size_t>(heavy)] - load[static_cast<size_t>(light)];
            if (excess < 2) continue;
            for (size_t start = 0; start < edges_.size() && !moved; ++start) {
                if (colour_[start] != heavy) continue;
                const auto edge = static_cast<int32_t>(start);
                // The component through `edge`: onward from each end along the other colour (a cycle
                // comes round to `edge` from both sides, hence the stop and the dedup).
                std::vector<int32_t> part = chain(false, candidate(edge).buyer, light, heavy, edge);
                std::vector<int32_t> other = chain(true, candidate(edge).exhibitor, light, heavy, edge);
                part.insert(part.end(), other.begin(), other.end());
                part.push_back(edge);
                std::sort(part.begin(), part.end());
                part.erase(std::unique(part.begin(), part.end()), part.end());
                int32_t shift = 0;
                for (int32_t member : part)
                    if (shared(member)) shift += colour_[static_cast<size_t>(member)] == heavy ? 1 : -1;
                if (shift <= 0 || shift >= excess) continue;
                swap_colours(part, heavy, light);
                load[static_cast<size_t>(heavy)] -= shift;
                load[static_cast<size_t>(light)] += shift;
                moved = true;
            }
        }
        if (!moved) return false;
    }
}

}  // namespace

bool place_by_colouring(const Problem& problem, const Selection& selection, Board& board) {
    Colouring colouring(problem, selection);
    colouring.colour_all();
    if (!colouring.balance()) return false;
    for (size_t edge = 0; edge < selection.chosen.size(); ++edge) board.place(selection.chosen[edge], colouring.colour_of(edge));
    return true;
}

}  // namespace kl::fair::detail
