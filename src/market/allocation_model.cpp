#include "market/allocation_model.h"

#include <algorithm>
#include <limits>

namespace kl::market {

namespace {

constexpr int64_t hours_per_day = 24;

bool product_matches(const ModelOffer& offer, const ModelDemand& demand) {
    if (demand.product_id) return *demand.product_id == offer.product_id;
    if (!demand.category_id) return false;
    return std::find(offer.category_path.begin(), offer.category_path.end(), *demand.category_id) !=
           offer.category_path.end();
}

// Demands by product and by category, so pairs are found without trying every offer × demand.
struct DemandIndex {
    std::unordered_map<std::string, std::vector<size_t>> by_product;
    std::unordered_map<std::string, std::vector<size_t>> by_category;

    explicit DemandIndex(const std::vector<ModelDemand>& demands) {
        for (size_t d = 0; d < demands.size(); ++d) {
            if (demands[d].product_id) by_product[*demands[d].product_id].push_back(d);
            if (demands[d].category_id) by_category[*demands[d].category_id].push_back(d);
        }
    }
};

}  // namespace

LaneIndex::LaneIndex(const std::vector<ModelLane>& lanes) {
    for (const ModelLane& lane : lanes) {
        nodes_.emplace(lane.origin_node_id, static_cast<int>(nodes_.size()));
        nodes_.emplace(lane.destination_node_id, static_cast<int>(nodes_.size()));
    }
    const size_t count = nodes_.size();
    by_pair_.resize(count * count);
    for (size_t i = 0; i < lanes.size(); ++i) {
        const auto origin = static_cast<size_t>(nodes_.at(lanes[i].origin_node_id));
        const auto destination = static_cast<size_t>(nodes_.at(lanes[i].destination_node_id));
        by_pair_[origin * count + destination].push_back(i);
    }
}

int LaneIndex::node(const std::string& id) const {
    auto found = nodes_.find(id);
    return found == nodes_.end() ? -1 : found->second;
}

const std::vector<size_t>& LaneIndex::between(int origin, int destination) const {
    if (origin < 0 || destination < 0) return none_;
    return by_pair_[static_cast<size_t>(origin) * nodes_.size() + static_cast<size_t>(destination)];
}

std::optional<Route> cheapest_lane(const Instance& instance, const std::vector<size_t>& lanes, const ModelOffer& offer,
                                   const ModelDemand& demand) {
    if (offer.quantity_g <= 0 || demand.quantity_g <= 0 || lanes.empty()) return std::nullopt;
    const catalog::Date departure = std::max(instance.as_of, offer.available_from);
    if (departure > offer.available_to) return std::nullopt;
    const catalog::Date best_before = catalog::add_days(offer.packed_on, offer.shelf_life_days);

    std::optional<Route> best;
    int64_t best_hours = 0;
    for (size_t index : lanes) {
        const ModelLane& lane = instance.lanes[index];
        if (!lane_carries(lane.temperature_class, offer.cold_chain)) continue;
        const int64_t price = offer.price_fen_per_kg + lane.cost_fen_per_kg;
        if (price > demand.max_price_fen_per_kg) continue;
        const int64_t days = (lane.transit_hours + hours_per_day - 1) / hours_per_day;
        const catalog::Date arrival = catalog::add_days(departure, days);
        if (arrival > demand.deliver_by) continue;
        const int64_t left = catalog::days_between(arrival, best_before);
        if (left < demand.min_shelf_life_days || left < 0) continue;
        const bool better = !best || price < best->delivered_price_fen_per_kg ||
                            (price == best->delivered_price_fen_per_kg && lane.transit_hours < best_hours);
        if (better) {
            best = Route{index, price, departure, arrival, left};
            best_hours = lane.transit_hours;
        }
    }
    return best;
}

std::optional<Route> cheapest_route(const Instance& instance, const LaneIndex& lanes, const ModelOffer& offer,
                                    const ModelDemand& demand) {
    if (!product_matches(offer, demand) || offer.grade_rank > demand.min_grade_rank) return std::nullopt;
    if ((offer.channels & channel_bit(demand.channel)) == 0) return std::nullopt;
    return cheapest_lane(instance, lanes.between(offer.origin_node_id, demand.destination_node_id), offer, demand);
}

std::vector<PairArc> feasible_pairs(const Instance& instance) {
    const LaneIndex lanes(instance.lanes);
    const DemandIndex demands(instance.demands);
    std::vector<int> destination(instance.demands.size());
    for (size_t d = 0; d < instance.demands.size(); ++d) destination[d] = lanes.node(instance.demands[d].destination_node_id);
    std::vector<PairArc> pairs;
    // A demand names a product or a category, never both; the index already holds the product rule,
    // so only grade, channel, lane and dates are checked.
    auto try_demands = [&](size_t o, int origin, const std::vector<size_t>& candidates) {
        const ModelOffer& offer = instance.offers[o];
        for (size_t d : candidates) {
            const ModelDemand& demand = instance.demands[d];
            if (offer.grade_rank > demand.min_grade_rank || (offer.channels & channel_bit(demand.channel)) == 0) continue;
            if (auto route = cheapest_lane(instance, lanes.between(origin, destination[d]), offer, demand)) {
                pairs.push_back(PairArc{o, d, *route});
            }
        }
    };
    for (size_t o = 0; o < instance.offers.size(); ++o) {
        const ModelOffer& offer = instance.offers[o];
        const int origin = lanes.node(offer.origin_node_id);
        if (origin < 0) continue;
        const size_t first = pairs.size();
        if (auto found = demands.by_product.find(offer.product_id); found != demands.by_product.end()) {
            try_demands(o, origin, found->second);
        }
        for (const std::string& category : offer.category_path) {
            if (auto found = demands.by_category.find(category); found != demands.by_category.end()) {
                try_demands(o, origin, found->second);
            }
        }
        // Demand order within the offer (the walks visit product demands before category ones).
        // A path that names a category twice must not make two arcs for one pair.
        const auto begin = pairs.begin() + static_cast<std::ptrdiff_t>(first);
        std::sort(begin, pairs.end(), [](const PairArc& a, const PairArc& b) { return a.demand < b.demand; });
        pairs.erase(std::unique(begin, pairs.end(), [](const PairArc& a, const PairArc& b) { return a.demand == b.demand; }),
                    pairs.end());
    }
    return pairs;
}

Result<BuiltNetwork> build_network(const Instance& instance, RunPhases* phases) {
    const auto start = std::chrono::steady_clock::now();
    BuiltNetwork built;
    const size_t offer_count = instance.offers.size();
    const size_t demand_count = instance.demands.size();

    // Node numbering: offers, demands, aid nodes (for demands with a minimum), U, T.
    int64_t supply_total = 0, demand_total = 0, max_price = 0;
    std::vector<int32_t> aid_node(demand_count, -1);
    int32_t next = static_cast<int32_t>(offer_count + demand_count);
    for (size_t d = 0; d < demand_count; ++d) {
        const ModelDemand& demand = instance.demands[d];
        demand_total += demand.quantity_g;
        max_price = std::max(max_price, demand.max_price_fen_per_kg);
        if (demand.min_aided_g > 0) aid_node[d] = next++;
    }
    for (const ModelOffer& offer : instance.offers) supply_total += offer.quantity_g;
    const int32_t unmet_node = next++;
    const int32_t unsold_node = next++;
    built.penalty_fen_per_kg = max_price + 1;

    // Every cost term is at most (2P) per gram over at most Σq grams; keep the sum far from overflow
    // (LEMON also adds potentials of that size).
    const __int128 bound = static_cast<__int128>(supply_total + demand_total) * 2 * built.penalty_fen_per_kg;
    if (bound > std::numeric_limits<int64_t>::max() / 8) {
        return fail(ErrorCode::resource_exhausted,
                    "the open offers and demands are too large to allocate in one run (quantities × prices "
                    "exceed the exact integer range); withdraw some or split the run");
    }

    FlowNetwork& network = built.network;
    network.node_count = next;
    network.supply.assign(static_cast<size_t>(next), 0);
    for (size_t o = 0; o < offer_count; ++o) network.supply[o] = instance.offers[o].quantity_g;
    for (size_t d = 0; d < demand_count; ++d) network.supply[offer_count + d] = -instance.demands[d].quantity_g;
    network.supply[static_cast<size_t>(unmet_node)] = demand_total;
    network.supply[static_cast<size_t>(unsold_node)] = -supply_total;

    auto add = [&](int32_t from, int32_t to, int64_t lower, int64_t upper, int64_t cost, ArcRole role, size_t subject) {
        network.arcs.push_back(FlowArc{from, to, lower, upper, cost});
        built.roles.push_back(role);
        built.subject.push_back(subject);
    };

    const auto pairs_start = std::chrono::steady_clock::now();
    built.pairs = feasible_pairs(instance);
    const int64_t pairs_us = elapsed_us(pairs_start);
    network.arcs.reserve(built.pairs.size() + 3 * demand_count + offer_count + 1);
    for (size_t p = 0; p < built.pairs.size(); ++p) {
        const PairArc& pair = built.pairs[p];
        const ModelOffer& offer = instance.offers[pair.offer];
        const ModelDemand& demand = instance.demands[pair.demand];
        const int32_t to = offer.aided && aid_node[pair.demand] >= 0 ? aid_node[pair.demand]
                                                                     : static_cast<int32_t>(offer_count + pair.demand);
        add(static_cast<int32_t>(pair.offer), to, 0, std::min(offer.quantity_g, demand.quantity_g),
            pair.route.delivered_price_fen_per_kg, ArcRole::pair, p);
    }
    for (size_t d = 0; d < demand_count; ++d) {
        const ModelDemand& demand = instance.demands[d];
        const auto demand_node = static_cast<int32_t>(offer_count + d);
        add(unmet_node, demand_node, 0, demand.quantity_g, built.penalty_fen_per_kg, ArcRole::unmet, d);
        if (aid_node[d] >= 0) {
            const int64_t minimum = std::min(demand.min_aided_g, demand.quantity_g);
            add(aid_node[d], demand_node, minimum, demand.quantity_g, 0, ArcRole::aid_bound, d);
            add(unmet_node, aid_node[d], 0, minimum, 2 * built.penalty_fen_per_kg, ArcRole::aid_shortfall, d);
        }
    }
    for (size_t o = 0; o < offer_count; ++o) {
        add(static_cast<int32_t>(o), unsold_node, 0, instance.offers[o].quantity_g, 0, ArcRole::unsold, o);
    }
    add(unmet_node, unsold_node, 0, demand_total, 0, ArcRole::balance, 0);
    if (phases != nullptr) {
        phases->pairs_us = pairs_us;
        phases->network_us = elapsed_us(start) - pairs_us;
    }
    return built;
}

Result<AllocationResult> solve_built(const Instance& instance, BuiltNetwork built, RunPhases* phases) {
    const auto solve_start = std::chrono::steady_clock::now();
    FlowSolution solution = solve_min_cost_flow(built.network);
    if (phases != nullptr) phases->solve_us = elapsed_us(solve_start);
    const auto result_start = std::chrono::steady_clock::now();
    if (solution.status != FlowStatus::optimal) {
        // The unmet arcs make every instance feasible and all costs are non-negative.
        return fail(ErrorCode::internal, "the allocation network had no optimal flow");
    }
    AllocationResult result;
    result.flow = std::move(solution.flow);
    RunTotals& totals = result.totals;
    totals.offer_count = static_cast<int64_t>(instance.offers.size());
    totals.demand_count = static_cast<int64_t>(instance.demands.size());
    totals.arc_count = static_cast<int64_t>(built.pairs.size());
    totals.penalty_fen_per_kg = built.penalty_fen_per_kg;
    totals.objective_mfen = solution.cost;
    std::vector<DemandShortfall> shortfall(instance.demands.size());
    for (size_t d = 0; d < instance.demands.size(); ++d) {
        shortfall[d].demand = d;
        totals.demanded_g += instance.demands[d].quantity_g;
    }
    for (size_t a = 0; a < built.network.arcs.size(); ++a) {
        const int64_t flow = result.flow[a];
        if (flow == 0) continue;
        switch (built.roles[a]) {
            case ArcRole::pair:
                result.allocations.push_back(Allocation{built.subject[a], flow});
                totals.allocated_g += flow;
                totals.delivered_cost_mfen += flow * built.network.arcs[a].cost;
                break;
            case ArcRole::unmet: shortfall[built.subject[a]].unmet_g += flow; break;
            case ArcRole::aid_shortfall:
                shortfall[built.subject[a]].unmet_g += flow;
                shortfall[built.subject[a]].aided_shortfall_g += flow;
                break;
            case ArcRole::aid_bound:
            case ArcRole::unsold:
            case ArcRole::balance: break;
        }
    }
    for (const DemandShortfall& s : shortfall) {
        if (s.unmet_g == 0) continue;
        result.shortfalls.push_back(s);
        totals.unmet_g += s.unmet_g;
        totals.aided_shortfall_g += s.aided_shortfall_g;
    }
    totals.proposal_count = static_cast<int64_t>(result.allocations.size());
    result.built = std::move(built);
    if (phases != nullptr) phases->result_us = elapsed_us(result_start);
    return result;
}

Result<AllocationResult> allocate(const Instance& instance, RunPhases* phases) {
    KL_TRY_ASSIGN(BuiltNetwork built, build_network(instance, phases));
    return solve_built(instance, std::move(built), phases);
}

}  // namespace kl::market
