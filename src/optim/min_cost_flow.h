#pragma once
// The one adapter over LEMON's NetworkSimplex (its templates stay in min_cost_flow.cpp). A network is
// plain vectors: nodes 0..node_count−1 with a supply each (positive: the node sends, negative: it
// receives; the supplies sum to zero), arcs with integer lower/upper bounds and an integer cost per
// unit of flow. Integers only, so the objective is exact: the market's flow is in grams and its cost
// in fen per kg (milli-fen, allocation_model.h); the fair's flow is meetings and its cost minus their
// weight (fair/meeting_schedule.h). It lives in optim, below both, so that neither copies it.

#include <cstdint>
#include <vector>

namespace kl::optim {

struct FlowArc {
    int32_t from = 0;
    int32_t to = 0;
    int64_t lower = 0;
    int64_t upper = 0;
    int64_t cost = 0;
};

struct FlowNetwork {
    int32_t node_count = 0;
    std::vector<int64_t> supply;  // node_count entries
    std::vector<FlowArc> arcs;
};

enum class FlowStatus { optimal, infeasible, unbounded };

struct FlowSolution {
    FlowStatus status = FlowStatus::infeasible;
    std::vector<int64_t> flow;  // one per arc when optimal
    int64_t cost = 0;           // Σ flow × cost
};

// Solves exactly (NetworkSimplex, block-search pivot). The supplies must sum to zero (asserted).
FlowSolution solve_min_cost_flow(const FlowNetwork& network);

}  // namespace kl::optim
