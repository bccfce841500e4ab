// The only file that includes LEMON (the market's allocation and the fair's meeting selection both
// solve here). SmartDigraph because the graph is built once and never changes; NetworkSimplex because it beats CostScaling 3–6× on dense transportation instances
// (PERF-LIMITS.md §4).
#include "optim/min_cost_flow.h"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <numeric>

#include "core/assert.h"

namespace kl::optim {

FlowSolution solve_min_cost_flow(const FlowNetwork& network) {
    KL_ASSERT(network.supply.size() == static_cast<size_t>(network.node_count));
    KL_ASSERT(std::accumulate(network.supply.begin(), network.supply.end(), int64_t{0}) == 0);

    lemon::SmartDigraph graph;
    graph.reserveNode(network.node_count);
    graph.reserveArc(static_cast<int>(network.arcs.size()));
    for (int32_t i = 0; i < network.node_count; ++i) graph.addNode();
    for (const FlowArc& arc : network.arcs) {
        KL_ASSERT(arc.from >= 0 && arc.from < network.node_count && arc.to >= 0 && arc.to < network.node_count);
        KL_ASSERT(arc.lower <= arc.upper);
        graph.addArc(graph.nodeFromId(arc.from), graph.nodeFromId(arc.to));
    }
    // SmartDigraph numbers nodes and arcs in insertion order, so ids are our indices.
    lemon::SmartDigraph::ArcMap<int64_t> lower(graph), upper(graph), cost(graph);
    lemon::SmartDigraph::NodeMap<int64_t> supply(graph);
    for (size_t i = 0; i < network.arcs.size(); ++i) {
        const auto arc = graph.arcFromId(static_cast<int>(i));
        lower[arc] = network.arcs[i].lower;
        upper[arc] = network.arcs[i].upper;
        cost[arc] = network.arcs[i].cost;
    }
    for (int32_t i = 0; i < network.node_count; ++i) supply[graph.nodeFromId(i)] = network.supply[static_cast<size_t>(i)];

    using Solver = lemon::NetworkSimplex<lemon::SmartDigraph, int64_t, int64_t>;
    Solver solver(graph);
    solver.lowerMap(lower).upperMap(upper).costMap(cost).supplyMap(supply);
    const Solver::ProblemType outcome = solver.run();

    FlowSolution solution;
    if (outcome == Solver::INFEASIBLE) return solution;
    if (outcome == Solver::UNBOUNDED) {
        solution.status = FlowStatus::unbounded;
        return solution;
    }
    solution.status = FlowStatus::optimal;
    solution.flow.resize(network.arcs.size());
    for (size_t i = 0; i < network.arcs.size(); ++i) {
        solution.flow[i] = solver.flow(graph.arcFromId(static_cast<int>(i)));
        solution.cost += solution.flow[i] * network.arcs[i].cost;
    }
    return solution;
}

}  // namespace kl::optim
