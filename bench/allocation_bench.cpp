// allocation_bench: the matching engine end to end against LEMON alone on the same graph, and GLPK.
//
// For each size (offers × demands) it makes a fresh SQLite database in a temporary directory, seeds
// producers, buyers and products with brand standards through the catalog services, the transport
// lanes (4 origins × 16 districts × 3 modes), then offers and demands (about one in ten demands asks
// for a whole category), deterministic from the seed. Then it times:
//   end to end   AllocationService::run_now: load the open market from the database, find the
//                feasible pairs, build the network, solve, store proposals and totals;
//   LEMON alone  solve_min_cost_flow on the very network that run built (SmartDigraph + NetworkSimplex);
//   GLPK         glp_simplex on the same network written as an LP (node balance rows, arc columns),
//                stopped at a time cap, which the output then names.
// Each figure is the best and the median of `--repeats` runs after one warm-up run each (printed, not
// counted: the first run in a process pays first touches of memory and caches); the end-to-end runs also print where
// their time went (AllocationService's RunPhases). It prints the ratio end-to-end / LEMON (target ≤ 1.3
// median on 5,000 × 1,000, issue 17; ≤ 2 on larger markets, issue 4)
// and checks that the objectives agree. It asserts nothing about time. `--glpk-cap-s 0` skips GLPK.
//
//   allocation_bench [--sizes 5000x1000,20000x5000] [--repeats 5] [--glpk-cap-s 60] [--seed 1]

#include <glpk.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/credit_code.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/log.h"
#include "market/allocation_model.h"
#include "market/allocation_repo.h"
#include "market/allocation_service.h"
#include "market/lane_service.h"
#include "optim/min_cost_flow.h"
#include "store/store.h"
#include "bench_support.h"

namespace {

using namespace kl;
using SteadyClock = std::chrono::steady_clock;

constexpr int producers_count = 40;
constexpr int buyers_count = 100;
constexpr int products_count = 200;
constexpr int rows_per_insert = 16;  // multi-row INSERTs for seeding (see allocation_repo.cpp on the size)

const std::vector<std::string> counties = {"shache", "zepu", "yecheng", "bachu"};
const std::vector<std::string> districts = {"huangpu", "xuhui",   "changning", "jingan", "putuo",    "hongkou",
                                            "yangpu",  "minhang", "baoshan",   "jiading", "pudong",  "jinshan",
                                            "songjiang", "qingpu", "fengxian", "chongming"};
const std::vector<std::string> categories = {"fresh_fruit", "nuts_dried_fruit", "grain_oil", "processed_food",
                                             "tea_drinks"};

struct Size {
    int offers = 0;
    int demands = 0;
};

struct Options {
    std::vector<Size> sizes = {{5000, 1000}, {20000, 5000}};
    int repeats = 5;
    int glpk_cap_s = 60;
    unsigned seed = 1;
};

double seconds_since(SteadyClock::time_point start) {
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

using kl::bench::must;

std::string credit_code(int serial, const std::string& division) {
    std::string digits = std::to_string(serial);
    return must(catalog::complete_credit_code("91" + division + std::string(9 - digits.size(), '0') + digits), "credit code");
}

catalog::BrandStandard standard_for(int64_t shelf_life_days, catalog::ColdChain cold_chain) {
    using namespace catalog;
    BrandStandard standard;
    standard.grades = {Grade{"A", "特级", "Premium", 1, {Criterion{Metric::fruit_weight_g, 250, std::nullopt}}},
                       Grade{"B", "一级", "First", 2, {Criterion{Metric::fruit_weight_g, 180, 249}}},
                       Grade{"C", "二级", "Second", 3, {Criterion{Metric::fruit_weight_g, 120, 179}}}};
    standard.packaging = Packaging{PackagingType::carton, 5000, {"corrugated board"}};
    standard.storage = Storage{0, 40, 85, 95, shelf_life_days};
    standard.logistics = Logistics{cold_chain};
    standard.channels = {SalesChannel::wholesale, SalesChannel::supermarket};
    standard.pricing.list_prices = {GradePrice{"A", 3000}, GradePrice{"B", 2400}, GradePrice{"C", 1800}};
    return standard;
}

struct Seeded {
    std::vector<std::string> producers, buyers;
    std::vector<std::string> products;        // index → id
    std::vector<int> product_producer;        // index → producer index
};

Seeded seed_parties(store::Store& store, const Clock& clock, IdGenerator& ids, std::mt19937_64& rng) {
    access::OrganisationService identities(store, clock, ids);
    catalog::Catalog catalog(store, clock, ids, identities);
    Seeded seeded;
    for (int p = 0; p < producers_count; ++p) {
        catalog::OrganisationFields fields;
        fields.name = "生产者 " + std::to_string(p);
        fields.kind = access::OrgKind::family_workshop;
        fields.county = counties[static_cast<size_t>(p) % counties.size()];
        seeded.producers.push_back(must(catalog.organisations.create(std::nullopt, fields), "producer").id);
    }
    for (int b = 0; b < buyers_count; ++b) {
        catalog::OrganisationFields fields;
        fields.name = "采购方 " + std::to_string(b);
        fields.kind = access::OrgKind::buyer;
        fields.credit_code = credit_code(b + 1, "310115");
        fields.district = districts[static_cast<size_t>(b) % districts.size()];
        fields.channel = catalog::BuyerChannel::supermarket;
        seeded.buyers.push_back(must(catalog.organisations.create(std::nullopt, fields), "buyer").id);
    }
    const std::vector<catalog::ColdChain> chains = {catalog::ColdChain::ambient, catalog::ColdChain::chilled_0_4,
                                                    catalog::ColdChain::chilled_0_10};
    for (int i = 0; i < products_count; ++i) {
        const int producer = i % producers_count;
        catalog::NewProduct product;
        product.producer_id = seeded.producers[static_cast<size_t>(producer)];
        product.fields = catalog::ProductFields{"产品 " + std::to_string(i), "Product " + std::to_string(i),
                                                categories[static_cast<size_t>(i) % categories.size()],
                                                catalog::SaleUnit{catalog::UnitKind::kg, 1000},
                                                catalog::ProductStatus::active};
        const int64_t shelf = std::uniform_int_distribution<int64_t>(8, 200)(rng);
        product.standard = standard_for(shelf, chains[static_cast<size_t>(i) % chains.size()]);
        seeded.products.push_back(must(catalog.products.create(std::nullopt, product), "product").id);
        seeded.product_producer.push_back(producer);
    }
    market::LaneService lanes(store, clock, ids);
    for (const auto& county : counties) {
        for (const auto& district : districts) {
            const int64_t jitter = std::uniform_int_distribution<int64_t>(0, 40)(rng);
            lanes.create(std::nullopt, {"origin-" + county, "dest-" + district, market::Mode::truck, 132 + jitter, 110 + jitter,
                                        catalog::ColdChain::chilled_0_4}).value();
            lanes.create(std::nullopt, {"origin-" + county, "dest-" + district, market::Mode::rail, 120 + jitter, 85 + jitter,
                                        catalog::ColdChain::chilled_0_4}).value();
            lanes.create(std::nullopt, {"origin-" + county, "dest-" + district, market::Mode::air, 10, 850 + 5 * jitter,
                                        catalog::ColdChain::chilled_0_4}).value();
        }
    }
    return seeded;
}

// Offers and demands by multi-row INSERT: the services check each one (a few queries apiece), which
// would make seeding 25,000 rows the slowest part of the benchmark.
void seed_market(store::Store& store, const Seeded& seeded, const Size& size, kl::Date today, std::mt19937_64& rng,
                 IdGenerator& ids) {
    auto pick = [&](int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng); };
    auto date = [&](int64_t offset) { return kl::format_date(kl::add_days(today, offset)); };
    const std::vector<std::string> grades = {"A", "B", "C"};
    must(store.write([&](store::Tx& tx) -> Result<void> {
        for (int start = 0; start < size.offers; start += rows_per_insert) {
            std::string sql = "INSERT INTO market_offers (id, org_id, product_id, grade, quantity_g, price_fen_per_kg, "
                              "available_from, available_to, packed_on, origin_node_id, status, created_at_ms, "
                              "updated_at_ms) VALUES ";
            store::Params params;
            for (int i = start; i < std::min(size.offers, start + rows_per_insert); ++i) {
                const auto product = static_cast<size_t>(pick(0, products_count - 1));
                const auto producer = static_cast<size_t>(seeded.product_producer[product]);
                const int64_t from = pick(-5, 10);
                sql += (i == start ? "(" : ", (");
                for (int c = 1; c <= 10; ++c) sql += "$" + std::to_string(params.size() + static_cast<size_t>(c)) + ", ";
                sql += "'open', 0, 0)";
                params.insert(params.end(), {ids.next(), seeded.producers[producer], seeded.products[product],
                                             grades[static_cast<size_t>(pick(0, 2))], pick(50, 5000) * 1000,
                                             pick(800, 3000), date(from), date(from + pick(3, 30)),
                                             date(from - pick(0, 5)), "origin-" + counties[producer % counties.size()]});
            }
            KL_TRY(tx.execute(sql, params));
        }
        for (int start = 0; start < size.demands; start += rows_per_insert) {
            std::string sql = "INSERT INTO market_demands (id, org_id, product_id, category_id, min_grade, min_grade_rank, "
                              "quantity_g, max_price_fen_per_kg, deliver_by, district_code, min_shelf_life_days, "
                              "min_aided_g, status, created_at_ms, updated_at_ms) VALUES ";
            store::Params params;
            for (int i = start; i < std::min(size.demands, start + rows_per_insert); ++i) {
                const auto buyer = static_cast<size_t>(pick(0, buyers_count - 1));
                const bool by_category = pick(0, 9) == 0;
                const int64_t rank = pick(1, 3);
                sql += (i == start ? "(" : ", (");
                for (int c = 1; c <= 12; ++c) sql += "$" + std::to_string(params.size() + static_cast<size_t>(c)) + ", ";
                sql += "'open', 0, 0)";
                const int64_t quantity = pick(100, 20000) * 1000;
                params.insert(params.end(),
                              {ids.next(), seeded.buyers[buyer],
                               by_category ? store::null() : store::Value(seeded.products[static_cast<size_t>(pick(0, products_count - 1))]),
                               by_category ? store::Value(categories[static_cast<size_t>(pick(0, 4))]) : store::null(),
                               by_category ? store::null() : store::Value(grades[static_cast<size_t>(rank - 1)]), rank,
                               quantity, pick(1500, 4500), date(pick(5, 40)), districts[buyer % districts.size()],
                               pick(0, 20), int64_t{0}});
            }
            KL_TRY(tx.execute(sql, params));
        }
        return ok();
    }), "seeding offers and demands");
}

// The network as an LP: one equality row per node (outflow − inflow = supply), one column per arc.
// Returns the objective, or nullopt when GLPK hit the time cap.
std::optional<double> glpk_solve(const optim::FlowNetwork& network, int cap_s, double& seconds) {
    glp_prob* lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_rows(lp, network.node_count);
    for (int n = 0; n < network.node_count; ++n) {
        const double supply = static_cast<double>(network.supply[static_cast<size_t>(n)]);
        glp_set_row_bnds(lp, n + 1, GLP_FX, supply, supply);
    }
    const int arcs = static_cast<int>(network.arcs.size());
    glp_add_cols(lp, arcs);
    std::vector<int> ia{0}, ja{0};
    std::vector<double> ar{0};
    ia.reserve(2 * network.arcs.size() + 1);
    ja.reserve(2 * network.arcs.size() + 1);
    ar.reserve(2 * network.arcs.size() + 1);
    for (int a = 0; a < arcs; ++a) {
        const optim::FlowArc& arc = network.arcs[static_cast<size_t>(a)];
        const double lower = static_cast<double>(arc.lower), upper = static_cast<double>(arc.upper);
        glp_set_col_bnds(lp, a + 1, lower == upper ? GLP_FX : GLP_DB, lower, upper);
        glp_set_obj_coef(lp, a + 1, static_cast<double>(arc.cost));
        ia.push_back(arc.from + 1), ja.push_back(a + 1), ar.push_back(1.0);
        ia.push_back(arc.to + 1), ja.push_back(a + 1), ar.push_back(-1.0);
    }
    glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
    glp_smcp params;
    glp_init_smcp(&params);
    params.msg_lev = GLP_MSG_OFF;
    params.presolve = GLP_ON;
    params.tm_lim = cap_s * 1000;
    const auto start = SteadyClock::now();
    const int status = glp_simplex(lp, &params);
    seconds = seconds_since(start);
    std::optional<double> objective;
    if (status == 0 && glp_get_status(lp) == GLP_OPT) objective = glp_get_obj_val(lp);
    glp_delete_prob(lp);
    return objective;
}

void run_size(const Options& options, const Size& size) {
    const std::filesystem::path dir(kl::bench::temp_dir("kl-allocation-bench"));
    store::StoreOptions store_options;
    store_options.url = (dir / "bench.sqlite").string();
    auto store = must(store::open_store(store_options), "open store");
    SystemClock clock;
    UuidV7Generator ids(clock);
    std::mt19937_64 rng(options.seed);
    const kl::Date today = kl::today_in_shanghai(clock);

    const auto seed_start = SteadyClock::now();
    const Seeded seeded = seed_parties(*store, clock, ids, rng);
    seed_market(*store, seeded, size, today, rng, ids);
    std::printf("\n== %d offers x %d demands (seeded in %.1f s)\n", size.offers, size.demands, seconds_since(seed_start));

    market::AllocationService allocations(*store, clock, ids, [](store::Tx&, const market::AcceptedProposal&) -> Result<std::string> {
        return fail(ErrorCode::unavailable, "the benchmark accepts nothing");
    });
    std::vector<double> e2e_times;
    market::Run run;
    // Run 0 warms the process up (first touches of the heap and of SQLite's page cache), as the LEMON
    // figures below are taken in a process that these runs warmed; it is printed, not counted.
    for (int r = 0; r <= options.repeats; ++r) {
        market::RunPhases phases;
        const auto start = SteadyClock::now();
        run = must(allocations.run_now(std::nullopt, today, &phases), "allocation run");
        const double took = seconds_since(start);
        if (r > 0) e2e_times.push_back(took);
        if (run.status != market::RunStatus::done) {
            std::fprintf(stderr, "allocation_bench: run failed: %s\n", run.error.value_or("?").c_str());
            std::exit(1);
        }
        std::printf("%s %d: %.3f s = claim %.3f + load %.3f + pairs %.3f + network %.3f + solve %.3f + result %.3f + "
                    "store %.3f (+ record and read back)\n",
                    r == 0 ? "warm-up" : "run", r, took, static_cast<double>(phases.claim_us) / 1e6,
                    static_cast<double>(phases.load_us) / 1e6, static_cast<double>(phases.pairs_us) / 1e6,
                    static_cast<double>(phases.network_us) / 1e6, static_cast<double>(phases.solve_us) / 1e6,
                    static_cast<double>(phases.result_us) / 1e6, static_cast<double>(phases.store_us) / 1e6);
    }
    const double e2e_best = *std::min_element(e2e_times.begin(), e2e_times.end());
    const double e2e_median = median(e2e_times);
    const market::RunTotals& t = run.totals;
    std::printf("instance: %lld feasible pairs, %lld proposals, allocated %lld of %lld kg, unmet %lld kg\n",
                static_cast<long long>(t.arc_count), static_cast<long long>(t.proposal_count),
                static_cast<long long>(t.allocated_g / 1000), static_cast<long long>(t.demanded_g / 1000),
                static_cast<long long>(t.unmet_g / 1000));

    // The same graph for LEMON alone and GLPK: load and build once more, outside the timing.
    const auto load_start = SteadyClock::now();
    const market::Instance instance = must(store->read([&](store::Tx& tx) { return market::load_instance(tx, today); }), "load");
    const double load_s = seconds_since(load_start);
    const auto build_start = SteadyClock::now();
    const market::BuiltNetwork built = must(market::build_network(instance), "build");
    const double build_s = seconds_since(build_start);
    std::vector<double> lemon_times;
    optim::FlowSolution solution;
    for (int r = 0; r <= options.repeats; ++r) {  // run 0 warms up, as above
        const auto start = SteadyClock::now();
        solution = optim::solve_min_cost_flow(built.network);
        if (r > 0) lemon_times.push_back(seconds_since(start));
    }
    const double lemon_best = *std::min_element(lemon_times.begin(), lemon_times.end());
    const double lemon_median = median(lemon_times);
    std::printf("network: %d nodes, %zu arcs (loaded in %.3f s; pairs found and network built in %.3f s)\n",
                built.network.node_count, built.network.arcs.size(), load_s, build_s);
    std::printf("end to end (load, build, solve, store): %8.3f s best, %8.3f s median\n", e2e_best, e2e_median);
    std::printf("LEMON NetworkSimplex alone, same graph:  %8.3f s best, %8.3f s median\n", lemon_best, lemon_median);
    // Targets: issue 17's ≤ 1.3 (median) on 5,000 × 1,000; issue 4's ≤ 2 on larger markets.
    const bool issue17_size = size.offers == 5000 && size.demands == 1000;
    kl::bench::print_untargeted("ratio end-to-end / LEMON, best/best", e2e_best / lemon_best);
    kl::bench::print_target("ratio end-to-end / LEMON, median/median", e2e_median / lemon_median,
                            kl::bench::at_most(issue17_size ? 1.3 : 2.0));
    if (solution.cost != t.objective_mfen) {
        std::printf("WARNING: objectives differ: run %lld, LEMON %lld\n", static_cast<long long>(t.objective_mfen),
                    static_cast<long long>(solution.cost));
    }
    double glpk_s = 0;
    const auto glpk = options.glpk_cap_s > 0 ? glpk_solve(built.network, options.glpk_cap_s, glpk_s) : std::nullopt;
    if (options.glpk_cap_s == 0) {
        std::printf("GLPK 5 primal simplex: skipped (--glpk-cap-s 0)\n");
    } else if (glpk) {
        std::printf("GLPK 5 primal simplex, same LP:          %8.3f s (%.0fx LEMON), objective %s\n", glpk_s,
                    glpk_s / lemon_best, std::llround(*glpk) == solution.cost ? "equal" : "DIFFERS");
    } else {
        std::printf("GLPK 5 primal simplex: skipped, stopped at the %d s time cap (> %.0fx LEMON)\n", options.glpk_cap_s,
                    glpk_s / lemon_best);
    }
    store.reset();
    std::filesystem::remove_all(dir);
}

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--repeats") {
            options.repeats = std::max(1, std::atoi(value.c_str()));
        } else if (flag == "--glpk-cap-s") {
            options.glpk_cap_s = std::max(0, std::atoi(value.c_str()));
        } else if (flag == "--seed") {
            options.seed = static_cast<unsigned>(std::atoi(value.c_str()));
        } else if (flag == "--sizes") {
            options.sizes.clear();
            size_t at = 0;
            while (at < value.size()) {
                size_t comma = value.find(',', at);
                if (comma == std::string::npos) comma = value.size();
                const std::string item = value.substr(at, comma - at);
                const size_t x = item.find('x');
                if (x == std::string::npos) break;
                options.sizes.push_back(Size{std::atoi(item.substr(0, x).c_str()), std::atoi(item.substr(x + 1).c_str())});
                at = comma + 1;
            }
        } else {
            std::fprintf(stderr, "usage: allocation_bench [--sizes 5000x1000,20000x5000] [--repeats 5] [--glpk-cap-s 60] [--seed 1]\n");
            std::exit(2);
        }
    }
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    kl::bench::configure_process_like_the_server();
    const Options options = parse_options(argc, argv);
    kl::init_logging("warn");
    std::printf("allocation_bench: matching engine end to end vs LEMON alone vs GLPK (best and median of %d runs after a warm-up)\n", options.repeats);
    try {
        for (const Size& size : options.sizes) run_size(options, size);
    } catch (const std::exception& error) {  // a setup step failed (must): nothing to measure
        std::fprintf(stderr, "allocation_bench: %s\n", error.what());
        return 1;
    }
    return 0;
}
