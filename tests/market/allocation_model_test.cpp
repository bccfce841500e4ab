// The matching engine against its promises: flow conservation, capacities and lower bounds, the
// pair rules, and OPTIMALITY — GLPK solves the same instance written independently as a plain LP
// (brute-force pair rules, no network) and must reach the same objective, over many random seeds.
#include <glpk.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "market/allocation_model.h"

namespace kl::market {
namespace {

using catalog::ColdChain;
using kl::Date;

Date day(int offset) { return kl::add_days(kl::date_from_civil(2026, 9, 1), offset); }

// ---- an independent LP of the same instance ---------------------------------------------------------

struct LpPair {
    size_t offer, demand;
    int64_t cost;
};

// The rules of allocation_model.h, written out again by brute force over every offer × demand × lane.
std::vector<LpPair> brute_force_pairs(const Instance& instance) {
    std::vector<LpPair> pairs;
    for (size_t o = 0; o < instance.offers.size(); ++o) {
        const ModelOffer& offer = instance.offers[o];
        for (size_t d = 0; d < instance.demands.size(); ++d) {
            const ModelDemand& demand = instance.demands[d];
            bool same = demand.product_id ? *demand.product_id == offer.product_id : false;
            for (const auto& category : offer.category_path) same = same || (demand.category_id && category == *demand.category_id);
            if (!same || offer.grade_rank > demand.min_grade_rank) continue;
            if ((offer.channels >> static_cast<unsigned>(demand.channel) & 1U) == 0) continue;
            const Date leave = std::max(instance.as_of, offer.available_from);
            if (leave > offer.available_to) continue;
            int64_t best = -1;
            for (const ModelLane& lane : instance.lanes) {
                if (lane.fields.origin_node_id != offer.origin_node_id || lane.fields.destination_node_id != demand.destination_node_id) continue;
                const bool carries = offer.cold_chain == ColdChain::ambient || lane.fields.temperature_class == offer.cold_chain ||
                                     (offer.cold_chain == ColdChain::chilled_0_10 && lane.fields.temperature_class == ColdChain::chilled_0_4);
                if (!carries) continue;
                const Date arrive = kl::add_days(leave, (lane.fields.transit_hours + 23) / 24);
                const int64_t left = offer.packed_on.days + offer.shelf_life_days - arrive.days;
                const int64_t price = offer.price_fen_per_kg + lane.fields.cost_fen_per_kg;
                if (arrive > demand.deliver_by || left < demand.min_shelf_life_days || left < 0 ||
                    price > demand.max_price_fen_per_kg) {
                    continue;
                }
                if (best < 0 || price < best) best = price;
            }
            if (best >= 0) pairs.push_back(LpPair{o, d, best});
        }
    }
    return pairs;
}

// min Σ c x + P u + 2P s  s.t.  Σ_d x ≤ q_o;  Σ_o x + u + s = q_d;  Σ_aided x + s ≥ L_d.
double glpk_objective(const Instance& instance, int64_t penalty) {
    const auto pairs = brute_force_pairs(instance);
    glp_prob* lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    const int offers = static_cast<int>(instance.offers.size());
    const int demands = static_cast<int>(instance.demands.size());
    // Rows: offers, demands, aid minimums (one per demand, free when it has none).
    glp_add_rows(lp, offers + 2 * demands);
    for (int o = 0; o < offers; ++o) glp_set_row_bnds(lp, o + 1, GLP_UP, 0, static_cast<double>(instance.offers[o].quantity_g));
    for (int d = 0; d < demands; ++d) {
        const auto& demand = instance.demands[d];
        const double q = static_cast<double>(demand.quantity_g);
        glp_set_row_bnds(lp, offers + d + 1, GLP_FX, q, q);
        const double minimum = static_cast<double>(std::min(demand.min_aided_g, demand.quantity_g));
        if (minimum > 0) glp_set_row_bnds(lp, offers + demands + d + 1, GLP_LO, minimum, 0);
        else glp_set_row_bnds(lp, offers + demands + d + 1, GLP_FR, 0, 0);
    }
    std::vector<int> ia{0}, ja{0};
    std::vector<double> ar{0};
    auto entry = [&](int row, int column) {
        ia.push_back(row);
        ja.push_back(column);
        ar.push_back(1.0);
    };
    const int columns = static_cast<int>(pairs.size()) + 2 * demands;
    glp_add_cols(lp, columns);
    for (size_t p = 0; p < pairs.size(); ++p) {
        const int column = static_cast<int>(p) + 1;
        glp_set_col_bnds(lp, column, GLP_LO, 0, 0);
        glp_set_obj_coef(lp, column, static_cast<double>(pairs[p].cost));
        entry(static_cast<int>(pairs[p].offer) + 1, column);
        entry(offers + static_cast<int>(pairs[p].demand) + 1, column);
        if (instance.offers[pairs[p].offer].aided) entry(offers + demands + static_cast<int>(pairs[p].demand) + 1, column);
    }
    for (int d = 0; d < demands; ++d) {
        const int unmet = static_cast<int>(pairs.size()) + 2 * d + 1;
        const int shortfall = unmet + 1;
        glp_set_col_bnds(lp, unmet, GLP_LO, 0, 0);
        glp_set_obj_coef(lp, unmet, static_cast<double>(penalty));
        entry(offers + d + 1, unmet);
        const double minimum = static_cast<double>(std::min(instance.demands[d].min_aided_g, instance.demands[d].quantity_g));
        if (minimum > 0) glp_set_col_bnds(lp, shortfall, GLP_DB, 0, minimum);
        else glp_set_col_bnds(lp, shortfall, GLP_FX, 0, 0);
        glp_set_obj_coef(lp, shortfall, static_cast<double>(2 * penalty));
        entry(offers + d + 1, shortfall);
        entry(offers + demands + d + 1, shortfall);
    }
    glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
    glp_smcp params;
    glp_init_smcp(&params);
    params.msg_lev = GLP_MSG_OFF;
    params.presolve = GLP_ON;
    EXPECT_EQ(glp_simplex(lp, &params), 0);
    EXPECT_EQ(glp_get_status(lp), GLP_OPT);
    const double objective = glp_get_obj_val(lp);
    glp_delete_prob(lp);
    return objective;
}

// ---- random instances ------------------------------------------------------------------------------

Instance random_instance(unsigned seed) {
    std::mt19937_64 rng(seed);
    auto pick = [&](int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng); };
    Instance instance;
    instance.as_of = day(0);
    const std::vector<std::string> origins = {"origin-shache", "origin-bachu"};
    const std::vector<std::string> districts = {"pudong", "xuhui", "jiading"};
    const std::vector<ColdChain> classes = {ColdChain::ambient, ColdChain::chilled_0_4, ColdChain::chilled_0_10};
    int lane_serial = 0;
    for (const auto& origin : origins) {
        for (const auto& district : districts) {
            for (Mode mode : all_modes()) {
                if (pick(0, 3) == 0) continue;
                const int64_t hours = mode == Mode::air ? pick(6, 48) : pick(72, 168);
                const int64_t cost = mode == Mode::air ? pick(800, 2000) : pick(80, 400);
                instance.lanes.push_back(ModelLane{"lane-" + std::to_string(lane_serial++),
                                                   {origin, "dest-" + district, mode, hours, cost,
                                                    classes[static_cast<size_t>(pick(0, 2))]}});
            }
        }
    }
    const std::vector<std::vector<std::string>> products = {
        {"fresh_fruit/pears", "fresh_fruit"}, {"fresh_fruit/melons", "fresh_fruit"}, {"nuts", "nuts"}};
    const int offers = static_cast<int>(pick(1, 9));
    for (int o = 0; o < offers; ++o) {
        ModelOffer offer;
        offer.id = "offer-" + std::to_string(o);
        offer.org_id = "seller-" + std::to_string(pick(0, 2));
        const size_t product = static_cast<size_t>(pick(0, 2));
        offer.product_id = "product-" + std::to_string(product);
        offer.category_path = products[product];
        offer.grade_rank = pick(1, 3);
        offer.grade = "G" + std::to_string(offer.grade_rank);
        offer.quantity_g = pick(1, 60) * 1000 + pick(0, 999);
        offer.price_fen_per_kg = pick(300, 3000);
        offer.available_from = day(static_cast<int>(pick(-3, 4)));
        offer.available_to = kl::add_days(offer.available_from, pick(0, 20));
        offer.packed_on = day(static_cast<int>(pick(-10, 0)));
        offer.shelf_life_days = pick(5, 40);
        offer.cold_chain = classes[static_cast<size_t>(pick(0, 2))];
        offer.origin_node_id = origins[static_cast<size_t>(pick(0, 1))];
        offer.aided = pick(0, 1) == 1;
        // Most products sell through every channel; some through a few (the low byte: the 8 channels).
        if (pick(0, 2) == 0) offer.channels = static_cast<ChannelMask>(pick(0, 255));
        instance.offers.push_back(offer);
    }
    const int demands = static_cast<int>(pick(1, 9));
    for (int d = 0; d < demands; ++d) {
        ModelDemand demand;
        demand.id = "demand-" + std::to_string(d);
        demand.org_id = "buyer-" + std::to_string(pick(0, 2));
        if (pick(0, 2) == 0) demand.category_id = pick(0, 1) == 0 ? "fresh_fruit" : "nuts";
        else demand.product_id = "product-" + std::to_string(pick(0, 2));
        demand.min_grade_rank = pick(1, 3);
        demand.quantity_g = pick(1, 80) * 1000;
        demand.max_price_fen_per_kg = pick(500, 5000);
        demand.deliver_by = day(static_cast<int>(pick(2, 25)));
        demand.district = districts[static_cast<size_t>(pick(0, 2))];
        demand.destination_node_id = "dest-" + demand.district;
        demand.min_shelf_life_days = pick(0, 15);
        demand.min_aided_g = pick(0, 2) == 0 ? pick(0, demand.quantity_g) : 0;
        demand.channel = catalog::all_sales_channels()[static_cast<size_t>(pick(0, 7))];
        instance.demands.push_back(demand);
    }
    return instance;
}

// ---- property checks -------------------------------------------------------------------------------

void expect_feasible_flow(const AllocationResult& result) {
    const FlowNetwork& network = result.built.network;
    ASSERT_EQ(result.flow.size(), network.arcs.size());
    std::vector<int64_t> balance(static_cast<size_t>(network.node_count), 0);
    int64_t cost = 0;
    for (size_t a = 0; a < network.arcs.size(); ++a) {
        const FlowArc& arc = network.arcs[a];
        EXPECT_GE(result.flow[a], arc.lower) << "arc " << a;
        EXPECT_LE(result.flow[a], arc.upper) << "arc " << a;
        balance[static_cast<size_t>(arc.from)] += result.flow[a];
        balance[static_cast<size_t>(arc.to)] -= result.flow[a];
        cost += result.flow[a] * arc.cost;
    }
    for (size_t n = 0; n < balance.size(); ++n) EXPECT_EQ(balance[n], network.supply[n]) << "node " << n;
    EXPECT_EQ(cost, result.totals.objective_mfen);
}

void expect_quantities_hold(const Instance& instance, const AllocationResult& result) {
    std::vector<int64_t> sold(instance.offers.size(), 0), bought(instance.demands.size(), 0), aided(instance.demands.size(), 0);
    for (const Allocation& allocation : result.allocations) {
        const PairArc& pair = result.built.pairs[allocation.pair];
        EXPECT_GT(allocation.quantity_g, 0);
        sold[pair.offer] += allocation.quantity_g;
        bought[pair.demand] += allocation.quantity_g;
        if (instance.offers[pair.offer].aided) aided[pair.demand] += allocation.quantity_g;
        const ModelOffer& offer = instance.offers[pair.offer];
        const ModelDemand& demand = instance.demands[pair.demand];
        EXPECT_LE(offer.grade_rank, demand.min_grade_rank);
        EXPECT_LE(pair.route.delivered_price_fen_per_kg, demand.max_price_fen_per_kg);
        EXPECT_LE(pair.route.arrival, demand.deliver_by);
        EXPECT_GE(pair.route.shelf_life_left_days, demand.min_shelf_life_days);
    }
    std::map<size_t, DemandShortfall> shortfalls;
    for (const auto& s : result.shortfalls) shortfalls[s.demand] = s;
    for (size_t o = 0; o < instance.offers.size(); ++o) EXPECT_LE(sold[o], instance.offers[o].quantity_g);
    for (size_t d = 0; d < instance.demands.size(); ++d) {
        const int64_t unmet = shortfalls.count(d) ? shortfalls[d].unmet_g : 0;
        const int64_t aid_missing = shortfalls.count(d) ? shortfalls[d].aided_shortfall_g : 0;
        EXPECT_EQ(bought[d] + unmet, instance.demands[d].quantity_g) << "demand " << d;
        EXPECT_GE(aided[d] + aid_missing, std::min(instance.demands[d].min_aided_g, instance.demands[d].quantity_g));
    }
}

TEST(AllocationModel, OptimalAgainstGlpkOnRandomInstances) {
    int with_allocations = 0, with_shortfall = 0, with_aid = 0;
    for (unsigned seed = 1; seed <= 300; ++seed) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        const Instance instance = random_instance(seed);
        auto result = allocate(instance);
        ASSERT_TRUE(result) << result.error().message;
        expect_feasible_flow(*result);
        expect_quantities_hold(instance, *result);
        EXPECT_EQ(result->built.pairs.size(), brute_force_pairs(instance).size());
        const double lp = glpk_objective(instance, result->totals.penalty_fen_per_kg);
        EXPECT_EQ(static_cast<int64_t>(std::llround(lp)), result->totals.objective_mfen);
        with_allocations += result->allocations.empty() ? 0 : 1;
        with_shortfall += result->totals.unmet_g > 0 ? 1 : 0;
        with_aid += result->totals.aided_shortfall_g > 0 ? 1 : 0;
    }
    // The seeds exercise every case: trades, shortfalls and missed aid minimums.
    EXPECT_GT(with_allocations, 100);
    EXPECT_GT(with_shortfall, 100);
    EXPECT_GT(with_aid, 5);
}

// ---- the pruned pair search against the full scan ---------------------------------------------------

// Every offer × demand through cheapest_route(): what feasible_pairs() must find, pair for pair.
std::vector<PairArc> full_scan_pairs(const Instance& instance) {
    const LaneIndex lanes(instance.lanes);
    std::vector<PairArc> pairs;
    for (size_t o = 0; o < instance.offers.size(); ++o) {
        for (size_t d = 0; d < instance.demands.size(); ++d) {
            if (auto route = cheapest_route(instance, lanes, instance.offers[o], instance.demands[d])) {
                pairs.push_back(PairArc{o, d, *route});
            }
        }
    }
    return pairs;
}

// Denser than random_instance(), with what the pruning must get right: lanes tied on freight and on
// hours (the rule's tie-breaks), several lanes per mode, nodes no lane reaches, nothing left to
// trade, category paths that repeat a category, demands that name a product and a category, and
// sales channels.
Instance crowded_instance(unsigned seed) {
    Instance instance = random_instance(seed);
    std::mt19937_64 rng(seed * 7919u);
    auto pick = [&](int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng); };
    const std::vector<std::string> origins = {"origin-shache", "origin-bachu", "origin-nowhere"};
    const std::vector<std::string> destinations = {"dest-pudong", "dest-xuhui", "dest-jiading", "dest-nowhere"};
    const std::vector<ColdChain> classes = {ColdChain::ambient, ColdChain::chilled_0_4, ColdChain::chilled_0_10,
                                            ColdChain::frozen_minus18};
    for (int l = static_cast<int>(pick(0, 20)); l > 0; --l) {
        instance.lanes.push_back(ModelLane{"extra-" + std::to_string(l),
                                           {origins[static_cast<size_t>(pick(0, 1))],
                                            destinations[static_cast<size_t>(pick(0, 2))], all_modes()[static_cast<size_t>(pick(0, 2))],
                                            pick(1, 4) * 24 - pick(0, 1) * 12, pick(1, 4) * 100,
                                            classes[static_cast<size_t>(pick(0, 3))]}});
    }
    for (int copy = 0; copy < 4; ++copy) {
        for (size_t o = 0, n = instance.offers.size(); o < n; ++o) {
            ModelOffer offer = instance.offers[o];
            offer.id += "-" + std::to_string(copy);
            offer.origin_node_id = origins[static_cast<size_t>(pick(0, 2))];
            offer.cold_chain = classes[static_cast<size_t>(pick(0, 3))];
            offer.price_fen_per_kg = pick(300, 3000);
            if (pick(0, 9) == 0) offer.quantity_g = 0;
            if (pick(0, 5) == 0) offer.category_path.push_back(offer.category_path.back());
            if (pick(0, 3) == 0) offer.channels = static_cast<ChannelMask>(pick(0, 255));
            instance.offers.push_back(offer);
        }
        for (size_t d = 0, n = instance.demands.size(); d < n; ++d) {
            ModelDemand demand = instance.demands[d];
            demand.id += "-" + std::to_string(copy);
            demand.destination_node_id = destinations[static_cast<size_t>(pick(0, 3))];
            demand.max_price_fen_per_kg = pick(500, 5000);
            if (pick(0, 9) == 0) demand.quantity_g = 0;
            if (pick(0, 7) == 0) demand.category_id = "fresh_fruit";  // beside a product, or twice
            demand.channel = catalog::all_sales_channels()[static_cast<size_t>(pick(0, 7))];
            instance.demands.push_back(demand);
        }
    }
    return instance;
}

TEST(AllocationModel, PrunedPairSearchFindsExactlyTheFullScansPairs) {
    size_t total = 0;
    for (unsigned seed = 1; seed <= 400; ++seed) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        const Instance instance = crowded_instance(seed);
        const std::vector<PairArc> expected = full_scan_pairs(instance);
        const std::vector<PairArc> found = feasible_pairs(instance);
        ASSERT_EQ(found.size(), expected.size());
        for (size_t p = 0; p < found.size(); ++p) {
            SCOPED_TRACE("pair " + std::to_string(p));
            EXPECT_EQ(found[p].offer, expected[p].offer);
            EXPECT_EQ(found[p].demand, expected[p].demand);
            EXPECT_EQ(found[p].route.lane, expected[p].route.lane);
            EXPECT_EQ(found[p].route.delivered_price_fen_per_kg, expected[p].route.delivered_price_fen_per_kg);
            EXPECT_EQ(found[p].route.departure, expected[p].route.departure);
            EXPECT_EQ(found[p].route.arrival, expected[p].route.arrival);
            EXPECT_EQ(found[p].route.shelf_life_left_days, expected[p].route.shelf_life_left_days);
        }
        total += found.size();
    }
    EXPECT_GT(total, 5000u);  // the instances trade, so the comparison means something
}

// ---- hand-made cases -------------------------------------------------------------------------------

Instance two_lane_instance() {
    Instance instance;
    instance.as_of = day(0);
    instance.lanes = {ModelLane{"truck", {"origin-shache", "dest-pudong", Mode::truck, 144, 120, ColdChain::chilled_0_4}},
                      ModelLane{"air", {"origin-shache", "dest-pudong", Mode::air, 8, 900, ColdChain::chilled_0_4}}};
    ModelOffer offer;
    offer.id = "figs";
    offer.product_id = "fig";
    offer.category_path = {"fresh_fruit"};
    offer.grade = "A";
    offer.grade_rank = 1;
    offer.quantity_g = 10'000;
    offer.price_fen_per_kg = 2000;
    offer.available_from = day(0);
    offer.available_to = day(5);
    offer.packed_on = day(0);
    offer.shelf_life_days = 10;
    offer.cold_chain = ColdChain::chilled_0_4;
    offer.origin_node_id = "origin-shache";
    instance.offers.push_back(offer);
    ModelDemand demand;
    demand.id = "hotel";
    demand.product_id = "fig";
    demand.min_grade_rank = 2;
    demand.quantity_g = 4'000;
    demand.max_price_fen_per_kg = 3500;
    demand.deliver_by = day(10);
    demand.district = "pudong";
    demand.destination_node_id = "dest-pudong";
    demand.min_shelf_life_days = 3;
    instance.demands.push_back(demand);
    return instance;
}

TEST(AllocationModel, ChoosesTheCheapestModeThatKeepsShelfLife) {
    Instance instance = two_lane_instance();
    const LaneIndex lanes(instance.lanes);
    auto route = cheapest_route(instance, lanes, instance.offers[0], instance.demands[0]);
    ASSERT_TRUE(route);
    EXPECT_EQ(instance.lanes[route->lane].fields.mode, Mode::truck);  // 6 days by truck leaves 4 ≥ 3
    EXPECT_EQ(route->delivered_price_fen_per_kg, 2120);
    EXPECT_EQ(route->arrival, day(6));
    EXPECT_EQ(route->shelf_life_left_days, 4);

    instance.demands[0].min_shelf_life_days = 5;  // only air keeps 9 days
    route = cheapest_route(instance, lanes, instance.offers[0], instance.demands[0]);
    ASSERT_TRUE(route);
    EXPECT_EQ(instance.lanes[route->lane].fields.mode, Mode::air);
    EXPECT_EQ(route->arrival, day(1));
    EXPECT_EQ(route->shelf_life_left_days, 9);

    instance.demands[0].max_price_fen_per_kg = 2899;  // air would cost 2900
    EXPECT_FALSE(cheapest_route(instance, lanes, instance.offers[0], instance.demands[0]));
}

TEST(AllocationModel, ABetterGradeFillsALowerDemandNeverTheReverse) {
    Instance instance = two_lane_instance();
    const LaneIndex lanes(instance.lanes);
    instance.offers[0].grade_rank = 2;
    instance.demands[0].min_grade_rank = 1;
    EXPECT_FALSE(cheapest_route(instance, lanes, instance.offers[0], instance.demands[0]));
    instance.demands[0].min_grade_rank = 3;
    EXPECT_TRUE(cheapest_route(instance, lanes, instance.offers[0], instance.demands[0]));
}

TEST(AllocationModel, AProductReachesOnlyBuyersOfTheChannelsItsStandardLists) {
    Instance instance = two_lane_instance();
    const LaneIndex lanes(instance.lanes);
    instance.demands[0].channel = catalog::SalesChannel::canteen;
    instance.offers[0].channels = channel_bit(catalog::SalesChannel::supermarket) | channel_bit(catalog::SalesChannel::wholesale);
    EXPECT_FALSE(cheapest_route(instance, lanes, instance.offers[0], instance.demands[0]));
    EXPECT_TRUE(feasible_pairs(instance).empty());
    instance.offers[0].channels |= channel_bit(catalog::SalesChannel::canteen);
    EXPECT_TRUE(cheapest_route(instance, lanes, instance.offers[0], instance.demands[0]));
    EXPECT_EQ(feasible_pairs(instance).size(), 1u);
    instance.offers[0].channels = 0;  // a product with no standard yet sells through nothing
    EXPECT_TRUE(feasible_pairs(instance).empty());
}

TEST(AllocationModel, DatesAndTemperatureClassesDecideArcs) {
    Instance instance = two_lane_instance();
    const LaneIndex lanes(instance.lanes);
    instance.demands[0].deliver_by = day(0);  // even air arrives on day 1
    EXPECT_FALSE(cheapest_route(instance, lanes, instance.offers[0], instance.demands[0]));
    instance.demands[0].deliver_by = day(10);
    instance.offers[0].cold_chain = ColdChain::frozen_minus18;  // no frozen lane
    EXPECT_FALSE(cheapest_route(instance, lanes, instance.offers[0], instance.demands[0]));
    instance.offers[0].cold_chain = ColdChain::chilled_0_10;  // a 0–4 °C lane will do
    EXPECT_TRUE(cheapest_route(instance, lanes, instance.offers[0], instance.demands[0]));
    instance.offers[0].available_to = day(-1);  // no longer available
    EXPECT_FALSE(cheapest_route(instance, lanes, instance.offers[0], instance.demands[0]));
}

TEST(AllocationModel, NoFeasibleArcIsACleanEmptyResult) {
    Instance instance = two_lane_instance();
    instance.demands[0].product_id = "another product";
    auto result = allocate(instance);
    ASSERT_TRUE(result);
    EXPECT_TRUE(result->allocations.empty());
    EXPECT_EQ(result->totals.arc_count, 0);
    EXPECT_EQ(result->totals.allocated_g, 0);
    EXPECT_EQ(result->totals.unmet_g, 4'000);
    ASSERT_EQ(result->shortfalls.size(), 1u);
    EXPECT_EQ(result->totals.objective_mfen, 4'000 * result->totals.penalty_fen_per_kg);

    Instance empty;
    empty.as_of = day(0);
    auto nothing = allocate(empty);
    ASSERT_TRUE(nothing);
    EXPECT_TRUE(nothing->allocations.empty());
    EXPECT_EQ(nothing->totals.objective_mfen, 0);
}

TEST(AllocationModel, AidMinimumPullsAidedSupplyEvenWhenDearer) {
    Instance instance = two_lane_instance();
    ModelOffer aided = instance.offers[0];
    aided.id = "aided figs";
    aided.aided = true;
    aided.price_fen_per_kg = 2300;  // dearer than the uncertified offer
    instance.offers.push_back(aided);
    instance.demands[0].min_aided_g = 1'500;
    auto result = allocate(instance);
    ASSERT_TRUE(result);
    expect_feasible_flow(*result);
    int64_t from_aided = 0, total = 0;
    for (const auto& allocation : result->allocations) {
        const auto& pair = result->built.pairs[allocation.pair];
        total += allocation.quantity_g;
        if (instance.offers[pair.offer].aided) from_aided += allocation.quantity_g;
    }
    EXPECT_EQ(total, 4'000);
    EXPECT_EQ(from_aided, 1'500);  // exactly the minimum: the rest goes to the cheaper offer
    EXPECT_EQ(result->totals.delivered_cost_mfen, 1'500 * 2420 + 2'500 * 2120);
}

TEST(AllocationModel, MissingAidedSupplyIsReportedAsShortfall) {
    Instance instance = two_lane_instance();
    instance.demands[0].min_aided_g = 1'000;  // no offer is aided
    auto result = allocate(instance);
    ASSERT_TRUE(result);
    expect_feasible_flow(*result);
    EXPECT_EQ(result->totals.allocated_g, 3'000);
    EXPECT_EQ(result->totals.unmet_g, 1'000);
    EXPECT_EQ(result->totals.aided_shortfall_g, 1'000);
}

TEST(AllocationModel, CategoryDemandsTakeProductsBelowTheCategory) {
    Instance instance = two_lane_instance();
    instance.offers[0].category_path = {"fresh_fruit/figs", "fresh_fruit"};
    instance.demands[0].product_id.reset();
    instance.demands[0].category_id = "fresh_fruit";
    auto result = allocate(instance);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->totals.allocated_g, 4'000);
    instance.demands[0].category_id = "nuts";
    result = allocate(instance);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->totals.allocated_g, 0);
}

TEST(AllocationModel, ScarceSupplyGoesWhereItIsCheapestToDeliver) {
    Instance instance = two_lane_instance();
    instance.lanes.push_back(ModelLane{"truck-x", {"origin-shache", "dest-xuhui", Mode::truck, 144, 60, ColdChain::chilled_0_4}});
    ModelDemand second = instance.demands[0];
    second.id = "canteen";
    second.district = "xuhui";
    second.destination_node_id = "dest-xuhui";
    second.quantity_g = 8'000;
    instance.demands.push_back(second);
    auto result = allocate(instance);
    ASSERT_TRUE(result);
    // 10 kg for 12 kg of demand: the cheaper Xuhui lane gets its full 8 kg, Pudong the remaining 2.
    std::map<std::string, int64_t> by_demand;
    for (const auto& allocation : result->allocations) {
        by_demand[instance.demands[result->built.pairs[allocation.pair].demand].id] += allocation.quantity_g;
    }
    EXPECT_EQ(by_demand["canteen"], 8'000);
    EXPECT_EQ(by_demand["hotel"], 2'000);
    EXPECT_EQ(result->totals.unmet_g, 2'000);
}

}  // namespace
}  // namespace kl::market
