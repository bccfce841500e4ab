#pragma once
// The allocation of open offers to open demands as a min-cost flow, with no database in sight: the
// repository (allocation_repo.h) loads an Instance, allocate() solves it, the repository stores the
// result. Tests and the benchmark build Instances directly.
//
// Which pairs may trade (cheapest_route): the same product, or the offer's product lies in the
// demand's category (or below it); the product's brand standard lists the sales channel the buyer
// orders through (catalog::sales_channel_of its kind of business: an accepted proposal becomes an
// order on that channel, which orders refuse otherwise); the offer's grade rank is at least as good (≤) as the asked rank
// (a better grade fills a lower demand, never the reverse); a lane from the offer's origin to the
// demand's district carries the product's temperature class; leaving on max(as_of, available_from)
// (and no later than available_to) it arrives by deliver_by; the shelf life left on arrival
// (packed_on + shelf_life_days − arrival) is at least the buyer's minimum; and the delivered price
// (offer price + lane freight) is within the buyer's maximum. Of the lanes that qualify, the one
// with the lowest delivered price is the pair's (ties: fewer transit hours, then lane order).
// Transit time is rounded up to whole days.
//
// The network (flow in grams, cost in fen per kg, objective therefore exact in milli-fen):
//
//   offer o  (supply q_o) ──delivered price──▶ demand d (supply −q_d)
//                         └─ if o is aided and d has an aid minimum L_d > 0: ──▶ aid node a_d
//   a_d ──[lower L_d, upper q_d], cost 0──▶ d                    (the aid quota as an arc lower bound)
//   U (supply Σq_d) ──penalty P──▶ d         unmet demand
//   U ──penalty 2P, cap L_d──▶ a_d           aid shortfall: lets the lower bound hold when aided
//                                           supply is short, dearer than plain unmet demand so
//                                           aided supply goes to the quota first
//   o ──0──▶ T (supply −Σq_o)                unsold supply
//   U ──0──▶ T                               balances the two virtual nodes
//
// P = 1 + the largest buyer maximum among the demands, so serving a kilogram always beats leaving
// it unmet. An answer therefore always exists (no arc at all: everything is unmet).
// "Aided" means the offer's product is certified as a consumption-aid product on as_of (only those
// sales count as aid, catalog certification_service.h).

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/catalog_types.h"
#include "core/civil_date.h"
#include "core/result.h"
#include "market/market_types.h"
#include "optim/min_cost_flow.h"

namespace kl::market {

// The engine's network and solution are the shared min-cost-flow adapter's (src/optim).
using optim::FlowArc;
using optim::FlowNetwork;
using optim::FlowSolution;
using optim::FlowStatus;
using optim::solve_min_cost_flow;

// Sales channels as bits (1 << SalesChannel), so the pair search tests a channel with one AND.
using ChannelMask = uint32_t;
inline constexpr ChannelMask channel_bit(catalog::SalesChannel channel) { return ChannelMask{1} << static_cast<unsigned>(channel); }
inline constexpr ChannelMask every_channel = ~ChannelMask{0};

struct ModelOffer {
    std::string id;
    std::string org_id;
    std::string product_id;
    std::vector<std::string> category_path;  // the product's category, then its ancestors
    std::string grade;
    int64_t grade_rank = 1;
    int64_t quantity_g = 0;          // still free (confirmed proposals subtracted)
    int64_t price_fen_per_kg = 0;
    kl::Date available_from;
    kl::Date available_to;
    kl::Date packed_on;
    int64_t shelf_life_days = 0;
    catalog::ColdChain cold_chain = catalog::ColdChain::ambient;
    std::string origin_node_id;
    bool aided = false;
    ChannelMask channels = every_channel;  // the product's sales channels
};

struct ModelDemand {
    std::string id;
    std::string org_id;
    std::optional<std::string> product_id;
    std::optional<std::string> category_id;
    int64_t min_grade_rank = 1;
    int64_t quantity_g = 0;          // still open
    int64_t max_price_fen_per_kg = 0;
    kl::Date deliver_by;
    std::string destination_node_id;
    std::string district;
    int64_t min_shelf_life_days = 0;
    int64_t min_aided_g = 0;
    catalog::SalesChannel channel = catalog::SalesChannel::wholesale;  // the buyer's
};

struct ModelLane {
    std::string id;
    std::string origin_node_id;
    std::string destination_node_id;
    Mode mode = Mode::truck;
    int64_t transit_hours = 1;
    int64_t cost_fen_per_kg = 0;
    catalog::ColdChain temperature_class = catalog::ColdChain::chilled_0_4;
};

struct Instance {
    kl::Date as_of;
    std::vector<ModelOffer> offers;
    std::vector<ModelDemand> demands;
    std::vector<ModelLane> lanes;
};

// How one pair would trade.
struct Route {
    size_t lane = 0;  // index into Instance::lanes
    int64_t delivered_price_fen_per_kg = 0;
    kl::Date departure;
    kl::Date arrival;
    int64_t shelf_life_left_days = 0;
};

// Lanes indexed by (origin, destination). Node ids are numbered once so the million pair checks of a
// large run look lanes up by two integers instead of hashing strings.
class LaneIndex {
public:
    explicit LaneIndex(const std::vector<ModelLane>& lanes);
    // -1 for a node no lane touches.
    int node(const std::string& id) const;
    int node_count() const { return static_cast<int>(nodes_.size()); }
    const std::vector<size_t>& between(int origin, int destination) const;
    const std::vector<size_t>& between(const std::string& origin, const std::string& destination) const {
        return between(node(origin), node(destination));
    }

private:
    std::unordered_map<std::string, int> nodes_;
    std::vector<std::vector<size_t>> by_pair_;  // origin × node count + destination
    std::vector<size_t> none_;
};

// The cheapest feasible route for this pair, or nullopt when they may not trade (rules above).
std::optional<Route> cheapest_route(const Instance& instance, const LaneIndex& lanes, const ModelOffer& offer,
                                    const ModelDemand& demand);
// The same over the lanes between the pair's nodes, when the product and grade rules are known to hold.
std::optional<Route> cheapest_lane(const Instance& instance, const std::vector<size_t>& lanes, const ModelOffer& offer,
                                   const ModelDemand& demand);

struct PairArc {
    size_t offer = 0;
    size_t demand = 0;
    Route route;
};

// Every pair that may trade, in offer order then demand order: exactly the pairs and routes
// cheapest_route() gives over every offer × demand, found without trying them all.
std::vector<PairArc> feasible_pairs(const Instance& instance);

enum class ArcRole { pair, aid_bound, unmet, aid_shortfall, unsold, balance };

// The network of an instance, and what each arc stands for (index into pairs or demands).
struct BuiltNetwork {
    FlowNetwork network;
    std::vector<ArcRole> roles;
    std::vector<size_t> subject;  // pair index for `pair`, demand index for demand arcs, offer index for `unsold`
    std::vector<PairArc> pairs;
    int64_t penalty_fen_per_kg = 0;
};

// The network over `pairs` (feasible_pairs of the instance); resource_exhausted when Σ quantities ×
// prices could overflow 64-bit milli-fen. The service finds the pairs and builds the network as two
// phases it times apart (allocation_service.h RunPhases); the one-argument form does both.
Result<BuiltNetwork> build_network(const Instance& instance, std::vector<PairArc> pairs);
Result<BuiltNetwork> build_network(const Instance& instance);

struct Allocation {
    size_t pair = 0;  // index into BuiltNetwork::pairs
    int64_t quantity_g = 0;
};

struct DemandShortfall {
    size_t demand = 0;
    int64_t unmet_g = 0;
    int64_t aided_shortfall_g = 0;
};

struct AllocationResult {
    BuiltNetwork built;
    std::vector<int64_t> flow;             // per arc of built.network
    std::vector<Allocation> allocations;   // pair arcs with flow, in pair order
    std::vector<DemandShortfall> shortfalls;  // demands with unmet_g > 0, in demand order
    RunTotals totals;                      // counts, quantities, costs (proposal_count = allocations)
};

// The phases after building: solve_min_cost_flow (min_cost_flow.h) on built.network, then
// read_solution reads the flow back as allocations and totals; internal when the solver did not
// find the optimum the model guarantees.
Result<AllocationResult> read_solution(const Instance& instance, BuiltNetwork built, FlowSolution solution);
// Solves an already built network (solve, then read_solution).
Result<AllocationResult> solve_built(const Instance& instance, BuiltNetwork built);
// Every phase: feasible_pairs, build_network, solve, read_solution.
Result<AllocationResult> allocate(const Instance& instance);

}  // namespace kl::market
