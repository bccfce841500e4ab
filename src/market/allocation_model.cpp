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

// What the pair check reads of a demand, packed together so the million checks of a large run walk
// contiguous memory instead of hopping between ModelDemands.
struct DemandTerms {
    size_t demand = 0;
    int destination = -1;  // LaneIndex node
    int64_t min_grade_rank = 0;
    int64_t max_price_fen_per_kg = 0;
    int64_t deliver_by_days = 0;
    int64_t min_shelf_life_days = 0;
    ChannelMask channel = 0;  // channel_bit of the buyer's channel
};

// Demands with something still open, by product and by category (each list in demand order), so
// pairs are found without trying every offer × demand.
struct DemandIndex {
    std::unordered_map<std::string, std::vector<DemandTerms>> by_product;
    std::unordered_map<std::string, std::vector<DemandTerms>> by_category;

    DemandIndex(const std::vector<ModelDemand>& demands, const LaneIndex& lanes) {
        for (size_t d = 0; d < demands.size(); ++d) {
            const ModelDemand& demand = demands[d];
            if (demand.quantity_g <= 0) continue;  // cheapest_lane refuses these
            const DemandTerms terms{d, lanes.node(demand.destination_node_id), demand.min_grade_rank,
                                    demand.max_price_fen_per_kg, demand.deliver_by.days, demand.min_shelf_life_days,
                                    channel_bit(demand.channel)};
            // The product rule wins when a demand names both (product_matches), as the database never lets it.
            if (demand.product_id) by_product[*demand.product_id].push_back(terms);
            else if (demand.category_id) by_category[*demand.category_id].push_back(terms);
        }
    }
};

// The lanes between two nodes that carry one temperature class, in the order the pair rule prefers
// them: cheapest freight (so cheapest delivered price) first, then fewer transit hours, then lane
// order. The first one a pair can use is therefore the one cheapest_lane() picks, and once a lane is
// too dear for the buyer every later one is too.
struct LaneChoice {
    size_t lane = 0;
    int64_t cost_fen_per_kg = 0;
    int64_t transit_days = 0;
};

class LaneChoices {
public:
    LaneChoices(const std::vector<ModelLane>& lanes, const LaneIndex& index) : nodes_(index.node_count()) {
        by_key_.resize(static_cast<size_t>(nodes_) * static_cast<size_t>(nodes_) * classes_);
        for (int origin = 0; origin < nodes_; ++origin) {
            for (int destination = 0; destination < nodes_; ++destination) {
                const std::vector<size_t>& between = index.between(origin, destination);
                if (!between.empty()) add(lanes, between, origin, destination);
            }
        }
    }

    const std::vector<LaneChoice>& usable(int origin, int destination, catalog::ColdChain cold_chain) const {
        return by_key_[key(origin, destination, cold_chain)];
    }

private:
    static constexpr size_t classes_ = 4;  // catalog::ColdChain's values

    size_t key(int origin, int destination, catalog::ColdChain cold_chain) const {
        return (static_cast<size_t>(origin) * static_cast<size_t>(nodes_) + static_cast<size_t>(destination)) * classes_ +
               static_cast<size_t>(cold_chain);
    }

    void add(const std::vector<ModelLane>& lanes, const std::vector<size_t>& between, int origin, int destination) {
        for (catalog::ColdChain cold_chain : catalog::all_cold_chains()) {
            std::vector<LaneChoice>& choices = by_key_[key(origin, destination, cold_chain)];
            for (size_t index : between) {
                const ModelLane& lane = lanes[index];
                if (!lane_carries(lane.fields.temperature_class, cold_chain)) continue;
                choices.push_back(LaneChoice{index, lane.fields.cost_fen_per_kg,
                                             (lane.fields.transit_hours + hours_per_day - 1) / hours_per_day});
            }
            std::sort(choices.begin(), choices.end(), [&](const LaneChoice& a, const LaneChoice& b) {
                const int64_t hours_a = lanes[a.lane].fields.transit_hours, hours_b = lanes[b.lane].fields.transit_hours;
                if (a.cost_fen_per_kg != b.cost_fen_per_kg) return a.cost_fen_per_kg < b.cost_fen_per_kg;
                return hours_a != hours_b ? hours_a < hours_b : a.lane < b.lane;
            });
        }
    }

    int nodes_ = 0;
    std::vector<std::vector<LaneChoice>> by_key_;
};

// What the pair check reads of an offer, worked out once per offer.
struct OfferTerms {
    size_t offer = 0;
    int origin = -1;
    int64_t grade_rank = 0;
    int64_t price_fen_per_kg = 0;
    kl::Date departure;
    int64_t best_before_days = 0;
    ChannelMask channels = 0;
};

// The pair rule of cheapest_lane() for lanes already filtered and ordered by LaneChoices.
std::optional<Route> first_usable_lane(const OfferTerms& offer, const DemandTerms& demand,
                                       const std::vector<LaneChoice>& choices) {
    for (const LaneChoice& choice : choices) {
        const int64_t price = offer.price_fen_per_kg + choice.cost_fen_per_kg;
        if (price > demand.max_price_fen_per_kg) return std::nullopt;  // every later lane is dearer
        const int64_t arrival = offer.departure.days + choice.transit_days;
        if (arrival > demand.deliver_by_days) continue;
        const int64_t left = offer.best_before_days - arrival;
        if (left < demand.min_shelf_life_days || left < 0) continue;
        return Route{choice.lane, price, offer.departure, kl::Date{arrival}, left};
    }
    return std::nullopt;
}

}  // namespace

LaneIndex::LaneIndex(const std::vector<ModelLane>& lanes) {
    for (const ModelLane& lane : lanes) {
        nodes_.emplace(lane.fields.origin_node_id, static_cast<int>(nodes_.size()));
        nodes_.emplace(lane.fields.destination_node_id, static_cast<int>(nodes_.size()));
    }
    const size_t count = nodes_.size();
    by_pair_.resize(count * count);
    for (size_t i = 0; i < lanes.size(); ++i) {
        const auto origin = static_cast<size_t>(nodes_.at(lanes[i].fields.origin_node_id));
        const auto destination = static_cast<size_t>(nodes_.at(lanes[i].fields.destination_node_id));
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
    const kl::Date departure = std::max(instance.as_of, offer.available_from);
    if (departure > offer.available_to) return std::nullopt;
    const kl::Date best_before = kl::add_days(offer.packed_on, offer.shelf_life_days);

    std::optional<Route> best;
    int64_t best_hours = 0;
    for (size_t index : lanes) {
        const ModelLane& lane = instance.lanes[index];
        if (!lane_carries(lane.fields.temperature_class, offer.cold_chain)) continue;
        const int64_t price = offer.price_fen_per_kg + lane.fields.cost_fen_per_kg;
        if (price > demand.max_price_fen_per_kg) continue;
        const int64_t days = (lane.fields.transit_hours + hours_per_day - 1) / hours_per_day;
        const kl::Date arrival = kl::add_days(departure, days);
        if (arrival > demand.deliver_by) continue;
        const int64_t left = kl::days_between(arrival, best_before);
        if (left < demand.min_shelf_life_days || left < 0) continue;
        const bool better = !best || price < best->delivered_price_fen_per_kg ||
                            (price == best->delivered_price_fen_per_kg && lane.fields.transit_hours < best_hours);
        if (better) {
            best = Route{index, price, departure, arrival, left};
            best_hours = lane.fields.transit_hours;
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

namespace {

// The demand lists an offer's product and categories lead to. Each list is in demand order and no
// demand is in two of them (a demand names one product or one category; a path that names a
// category twice is walked once).
void candidate_lists(const ModelOffer& offer, const DemandIndex& demands,
                     std::vector<const std::vector<DemandTerms>*>& lists) {
    lists.clear();
    if (auto found = demands.by_product.find(offer.product_id); found != demands.by_product.end()) {
        lists.push_back(&found->second);
    }
    for (size_t i = 0; i < offer.category_path.size(); ++i) {
        const std::string& category = offer.category_path[i];
        const auto begin = offer.category_path.begin();
        if (std::find(begin, begin + static_cast<std::ptrdiff_t>(i), category) != begin + static_cast<std::ptrdiff_t>(i)) continue;
        if (auto found = demands.by_category.find(category); found != demands.by_category.end()) {
            lists.push_back(&found->second);
        }
    }
}

// The offer's terms, or nullopt when it cannot trade at all (nothing free, unknown origin, no longer
// available by the time it could leave).
std::optional<OfferTerms> offer_terms(const Instance& instance, const LaneIndex& lanes, size_t o) {
    const ModelOffer& offer = instance.offers[o];
    const int origin = lanes.node(offer.origin_node_id);
    if (offer.quantity_g <= 0 || origin < 0) return std::nullopt;
    const kl::Date departure = std::max(instance.as_of, offer.available_from);
    if (departure > offer.available_to) return std::nullopt;
    return OfferTerms{o, origin, offer.grade_rank, offer.price_fen_per_kg, departure,
                      offer.packed_on.days + offer.shelf_life_days, offer.channels};
}

}  // namespace

// The same pairs, in the same order and with the same routes, as cheapest_route() over every
// offer × demand (allocation_model_test.cpp compares them), found by walking only the demands of
// the offer's product and categories and, per pair, the lanes that carry its temperature class in
// price order until one arrives in time with enough shelf life or the buyer's maximum is passed.
std::vector<PairArc> feasible_pairs(const Instance& instance) {
    const LaneIndex lanes(instance.lanes);
    const LaneChoices choices(instance.lanes, lanes);
    const DemandIndex demands(instance.demands, lanes);
    std::vector<const std::vector<DemandTerms>*> lists;
    // Reserving the most pairs there can be (every candidate) avoids copying a vector of a million
    // pairs as it grows; untouched pages of the reservation cost nothing.
    size_t candidates = 0;
    for (const ModelOffer& offer : instance.offers) {
        candidate_lists(offer, demands, lists);
        for (const auto* list : lists) candidates += list->size();
    }
    std::vector<PairArc> pairs;
    pairs.reserve(candidates);
    for (size_t o = 0; o < instance.offers.size(); ++o) {
        const std::optional<OfferTerms> offer = offer_terms(instance, lanes, o);
        if (!offer) continue;
        const catalog::ColdChain cold_chain = instance.offers[o].cold_chain;
        candidate_lists(instance.offers[o], demands, lists);
        const size_t first = pairs.size();
        for (const auto* list : lists) {
            for (const DemandTerms& demand : *list) {
                if (offer->grade_rank > demand.min_grade_rank || (offer->channels & demand.channel) == 0 ||
                    demand.destination < 0) {
                    continue;
                }
                const auto& usable = choices.usable(offer->origin, demand.destination, cold_chain);
                if (auto route = first_usable_lane(*offer, demand, usable)) pairs.push_back(PairArc{o, demand.demand, *route});
            }
        }
        // Demand order within the offer: the lists are each in demand order but follow one another.
        if (lists.size() > 1) {
            std::sort(pairs.begin() + static_cast<std::ptrdiff_t>(first), pairs.end(),
                      [](const PairArc& a, const PairArc& b) { return a.demand < b.demand; });
        }
    }
    return pairs;
}

namespace {

// The network's nodes: offers, then demands, then an aid node for each demand with a minimum, then
// U (unmet) and T (unsold).
struct NodePlan {
    std::vector<int32_t> aid_node;  // per demand, -1 when it has no aid minimum
    int32_t unmet = 0;
    int32_t unsold = 0;
    int32_t count = 0;
    int64_t supply_total = 0;
    int64_t demand_total = 0;
    int64_t max_price_fen_per_kg = 0;
};

NodePlan number_nodes(const Instance& instance) {
    NodePlan plan;
    const size_t demand_count = instance.demands.size();
    plan.aid_node.assign(demand_count, -1);
    int32_t next = static_cast<int32_t>(instance.offers.size() + demand_count);
    for (size_t d = 0; d < demand_count; ++d) {
        const ModelDemand& demand = instance.demands[d];
        plan.demand_total += demand.quantity_g;
        plan.max_price_fen_per_kg = std::max(plan.max_price_fen_per_kg, demand.max_price_fen_per_kg);
        if (demand.min_aided_g > 0) plan.aid_node[d] = next++;
    }
    for (const ModelOffer& offer : instance.offers) plan.supply_total += offer.quantity_g;
    plan.unmet = next++;
    plan.unsold = next++;
    plan.count = next;
    return plan;
}

void set_supplies(FlowNetwork& network, const Instance& instance, const NodePlan& plan) {
    const size_t offer_count = instance.offers.size();
    network.node_count = plan.count;
    network.supply.assign(static_cast<size_t>(plan.count), 0);
    for (size_t o = 0; o < offer_count; ++o) network.supply[o] = instance.offers[o].quantity_g;
    for (size_t d = 0; d < instance.demands.size(); ++d) network.supply[offer_count + d] = -instance.demands[d].quantity_g;
    network.supply[static_cast<size_t>(plan.unmet)] = plan.demand_total;
    network.supply[static_cast<size_t>(plan.unsold)] = -plan.supply_total;
}

void add_arc(BuiltNetwork& built, int32_t from, int32_t to, int64_t lower, int64_t upper, int64_t cost, ArcRole role,
             size_t subject) {
    built.network.arcs.push_back(FlowArc{from, to, lower, upper, cost});
    built.roles.push_back(role);
    built.subject.push_back(subject);
}

// Offer → demand (or → the demand's aid node, for an aided offer and a demand with a minimum).
void add_pair_arcs(BuiltNetwork& built, const Instance& instance, const NodePlan& plan) {
    const size_t offer_count = instance.offers.size();
    for (size_t p = 0; p < built.pairs.size(); ++p) {
        const PairArc& pair = built.pairs[p];
        const ModelOffer& offer = instance.offers[pair.offer];
        const ModelDemand& demand = instance.demands[pair.demand];
        const int32_t to = offer.aided && plan.aid_node[pair.demand] >= 0 ? plan.aid_node[pair.demand]
                                                                          : static_cast<int32_t>(offer_count + pair.demand);
        add_arc(built, static_cast<int32_t>(pair.offer), to, 0, std::min(offer.quantity_g, demand.quantity_g),
                pair.route.delivered_price_fen_per_kg, ArcRole::pair, p);
    }
}

// U → demand at the penalty; the aid node's bound and its shortfall arc; offer → T; U → T.
void add_slack_arcs(BuiltNetwork& built, const Instance& instance, const NodePlan& plan) {
    const size_t offer_count = instance.offers.size();
    for (size_t d = 0; d < instance.demands.size(); ++d) {
        const ModelDemand& demand = instance.demands[d];
        const auto demand_node = static_cast<int32_t>(offer_count + d);
        const int32_t aid = plan.aid_node[d];
        add_arc(built, plan.unmet, demand_node, 0, demand.quantity_g, built.penalty_fen_per_kg, ArcRole::unmet, d);
        if (aid >= 0) {
            const int64_t minimum = std::min(demand.min_aided_g, demand.quantity_g);
            add_arc(built, aid, demand_node, minimum, demand.quantity_g, 0, ArcRole::aid_bound, d);
            add_arc(built, plan.unmet, aid, 0, minimum, 2 * built.penalty_fen_per_kg, ArcRole::aid_shortfall, d);
        }
    }
    for (size_t o = 0; o < offer_count; ++o) {
        add_arc(built, static_cast<int32_t>(o), plan.unsold, 0, instance.offers[o].quantity_g, 0, ArcRole::unsold, o);
    }
    add_arc(built, plan.unmet, plan.unsold, 0, plan.demand_total, 0, ArcRole::balance, 0);
}

// The solved flow read back as allocations, shortfalls and totals.
AllocationResult read_flow(const Instance& instance, BuiltNetwork built, FlowSolution solution) {
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
    return result;
}

}  // namespace

Result<BuiltNetwork> build_network(const Instance& instance, std::vector<PairArc> pairs) {
    const NodePlan plan = number_nodes(instance);
    BuiltNetwork built;
    built.penalty_fen_per_kg = plan.max_price_fen_per_kg + 1;
    // Every cost term is at most (2P) per gram over at most Σq grams; keep the sum far from overflow
    // (LEMON also adds potentials of that size).
    const __int128 bound = static_cast<__int128>(plan.supply_total + plan.demand_total) * 2 * built.penalty_fen_per_kg;
    if (bound > std::numeric_limits<int64_t>::max() / 8) {
        return fail(ErrorCode::resource_exhausted,
                    "the open offers and demands are too large to allocate in one run (quantities × prices "
                    "exceed the exact integer range); withdraw some or split the run");
    }
    set_supplies(built.network, instance, plan);
    built.pairs = std::move(pairs);
    const size_t arcs_max = built.pairs.size() + 3 * instance.demands.size() + instance.offers.size() + 1;
    built.network.arcs.reserve(arcs_max);
    built.roles.reserve(arcs_max);
    built.subject.reserve(arcs_max);
    add_pair_arcs(built, instance, plan);
    add_slack_arcs(built, instance, plan);
    return built;
}

Result<BuiltNetwork> build_network(const Instance& instance) { return build_network(instance, feasible_pairs(instance)); }

Result<AllocationResult> read_solution(const Instance& instance, BuiltNetwork built, FlowSolution solution) {
    if (solution.status != FlowStatus::optimal) {
        // The unmet arcs make every instance feasible and all costs are non-negative.
        return fail(ErrorCode::internal, "the allocation network had no optimal flow");
    }
    return read_flow(instance, std::move(built), std::move(solution));
}

Result<AllocationResult> solve_built(const Instance& instance, BuiltNetwork built) {
    FlowSolution solution = solve_min_cost_flow(built.network);
    return read_solution(instance, std::move(built), std::move(solution));
}

Result<AllocationResult> allocate(const Instance& instance) {
    KL_TRY_ASSIGN(BuiltNetwork built, build_network(instance));
    return solve_built(instance, std::move(built));
}

}  // namespace kl::market
