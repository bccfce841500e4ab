#pragma once
// The real server with the catalog's and the market's routes (CatalogWorld plus ApiDeps::market), and
// a small market seeded through the services as the command line:
//   - lanes Shache → Pudong by truck (6 days, ¥1.20/kg) and by air (8 h, ¥9/kg), Bachu → Pudong by truck;
//   - own_offer: the producer's own cooperative (Shache) offers 100 kg of grade A of own_product;
//     other_offer: the Bachu cooperative offers 80 kg of grade B of other_product;
//   - own_demand: the buyer's own organisation asks for 50 kg of own_product, grade B or better, in
//     Pudong; other_demand: the other buyer asks for 30 kg of other_product;
//   - the OrderSink is a test sink: it writes market_test_orders (a table made here) and records
//     every call; `sink_fails` makes it write and then fail, to prove the rollback.

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "catalog/catalog_world.h"
#include "market/market.h"

namespace kl::market::testing {

using access::Role;
using test::Target;

struct SinkLog {
    std::mutex mutex;
    std::vector<AcceptedProposal> calls;
    std::atomic<bool> fails{false};

    size_t count() {
        std::lock_guard lock(mutex);
        return calls.size();
    }
};

inline OrderSink test_sink(std::shared_ptr<SinkLog> log) {
    return [log](store::Tx& tx, const AcceptedProposal& accepted) -> Result<std::string> {
        {
            std::lock_guard lock(log->mutex);
            log->calls.push_back(accepted);
        }
        KL_TRY_ASSIGN(store::Rows existing,
                      tx.query("SELECT id FROM market_test_orders WHERE proposal_id = $1", {accepted.proposal_id}));
        if (!existing.empty()) return existing[0].text(0);
        const std::string id = "order-" + accepted.proposal_id;
        KL_TRY(tx.execute("INSERT INTO market_test_orders (id, proposal_id, quantity_g) VALUES ($1, $2, $3)",
                          {id, accepted.proposal_id, accepted.quantity_g}));
        if (log->fails) return fail(ErrorCode::failed_precondition, "the test sink refuses after writing");
        return id;
    };
}

class MarketWorld {
public:
    explicit MarketWorld(const std::string& backend = "sqlite")
        : log_(std::make_shared<SinkLog>()),
          catalog_(backend, [this](http::ApiDeps& deps, test::AccessWorld& world) {
              market_ = &world.make<Market>(world.store(), world.clock(), world.ids(), test_sink(log_));
              deps.market = market_;
          }) {
        seed();
    }

    test::AccessWorld& world() { return catalog_.world(); }
    catalog::testing::CatalogWorld& catalog() { return catalog_; }
    Market& market() { return *market_; }
    SinkLog& sink() { return *log_; }
    const std::string& org(Role role, Target target) const { return catalog_.org(role, target); }
    kl::Date today() { return kl::today_in_shanghai(world().clock()); }
    std::string day(int offset) { return kl::format_date(kl::add_days(today(), offset)); }

    std::string truck_lane, air_lane, bachu_lane;
    std::string own_offer, other_offer, own_demand, other_demand;

    nlohmann::json offer_body(const std::string& org_id, const std::string& product) {
        return {{"org_id", org_id},       {"product_id", product},         {"grade", "A"},
                {"quantity_g", 100'000},  {"price_fen_per_kg", 2000},      {"available_from", day(0)},
                {"available_to", day(10)}, {"packed_on", day(0)},           {"origin_node_id", "origin-shache"}};
    }
    nlohmann::json demand_body(const std::string& org_id, const std::string& product) {
        return {{"org_id", org_id},          {"product_id", product},   {"min_grade", "B"},
                {"quantity_g", 50'000},      {"max_price_fen_per_kg", 3000}, {"deliver_by", day(10)},
                {"district", "pudong"},      {"min_shelf_life_days", 5}};
    }

    // Starts a run over HTTP as `role` and waits for the job to finish; returns the run's JSON.
    // With `idempotency_key`, the run is started inside the pipeline's write (see AllocationService::execute).
    nlohmann::json run_allocation(Role role = Role::admin, const std::string& body = "",
                                  const std::string& idempotency_key = "") {
        httplib::Headers headers;
        if (!idempotency_key.empty()) headers.emplace("Idempotency-Key", idempotency_key);
        const test::HttpReply started = world().call_as(role, "POST", "/api/v1/allocations", body, headers);
        if (started.status != 202) throw std::runtime_error("allocation not started: " + started.body);
        const std::string id = nlohmann::json::parse(started.body).at("id");
        return wait_for_run(role, id);
    }

    // Polls the run until its job has finished (bounded, not a timing assertion).
    nlohmann::json wait_for_run(Role role, const std::string& id) {
        // The job runs on its own thread; wait for it (bounded, not a timing assertion).
        for (int attempt = 0; attempt < 1000; ++attempt) {
            const auto run = nlohmann::json::parse(world().call_as(role, "GET", "/api/v1/allocations/" + id).body);
            if (run.at("status") == "done" || run.at("status") == "failed") return run;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        throw std::runtime_error("allocation run " + id + " did not finish");
    }

    int64_t count(const std::string& table) {
        return world().store().read([&](store::Tx& tx) -> Result<int64_t> {
            KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT COUNT(*) AS n FROM " + table));
            return rows[0].i64("n");
        }).value();
    }

private:
    template <typename T>
    static T must(Result<T> result, const std::string& what) {
        if (!result) throw std::runtime_error("seeding " + what + ": " + result.error().message);
        return std::move(result).value();
    }

    kl::Date date(int offset) { return kl::add_days(today(), offset); }

    void seed() {
        must(world().store().write([](store::Tx& tx) -> Result<bool> {
            KL_TRY(tx.execute("CREATE TABLE market_test_orders (id TEXT PRIMARY KEY, proposal_id TEXT NOT NULL UNIQUE, "
                              "quantity_g BIGINT NOT NULL)"));
            return true;
        }), "test order table");
        using catalog::ColdChain;
        truck_lane = must(market().lanes.create(std::nullopt, {"origin-shache", "dest-pudong", Mode::truck, 144, 120,
                                                                ColdChain::chilled_0_4}), "truck lane").id;
        air_lane = must(market().lanes.create(std::nullopt, {"origin-shache", "dest-pudong", Mode::air, 8, 900,
                                                              ColdChain::chilled_0_4}), "air lane").id;
        bachu_lane = must(market().lanes.create(std::nullopt, {"origin-bachu", "dest-pudong", Mode::truck, 150, 130,
                                                                ColdChain::chilled_0_4}), "bachu lane").id;
        const std::string& producer = org(Role::producer, Target::own);
        const std::string& other_producer = org(Role::producer, Target::other);
        own_offer = must(market().offers.create(std::nullopt, NewOffer{producer, {catalog_.own_product, "A", 100'000, 2000,
                                                                                   date(0), date(10), date(0), "origin-shache"}}),
                         "own offer").id;
        world().clock().advance_ms(1);
        other_offer = must(market().offers.create(std::nullopt, NewOffer{other_producer, {catalog_.other_product, "B", 80'000,
                                                                                           1500, date(0), date(10), date(0),
                                                                                           "origin-bachu"}}),
                           "other offer").id;
        world().clock().advance_ms(1);
        DemandFields wanted;
        wanted.product_id = catalog_.own_product;
        wanted.min_grade = "B";
        wanted.quantity_g = 50'000;
        wanted.max_price_fen_per_kg = 3000;
        wanted.deliver_by = date(10);
        wanted.district = "pudong";
        wanted.min_shelf_life_days = 5;
        own_demand = must(market().demands.create(std::nullopt, NewDemand{org(Role::buyer, Target::own), wanted}), "own demand").id;
        world().clock().advance_ms(1);
        wanted.product_id = catalog_.other_product;
        wanted.quantity_g = 30'000;
        other_demand = must(market().demands.create(std::nullopt, NewDemand{org(Role::buyer, Target::other), wanted}),
                            "other demand").id;
        world().clock().advance_ms(1);
    }

    std::shared_ptr<SinkLog> log_;
    Market* market_ = nullptr;  // set while catalog_ is built (declared before it)
    catalog::testing::CatalogWorld catalog_;
};

// The offers and demands sheets as the imports take them (README "Import offers and demands"), for
// the HTTP import's tests and the command line's.
inline const std::string offer_header =
    "org_id,ref,product_id,grade,quantity_g,price_fen_per_kg,available_from,available_to,packed_on,origin_node_id\r\n";
inline const std::string demand_header =
    "org_id,ref,product_id,category_id,min_grade,min_grade_rank,quantity_g,max_price_fen_per_kg,deliver_by,district,"
    "min_shelf_life_days\r\n";

struct OfferCells {
    std::string ref;
    std::string quantity = "50000";
    std::string price = "1800";
    std::string product = "";  // default: the producer's own product
    std::string from = "";     // default: today
};

// A row of grade A from Shache under offer_header; `org` defaults to the producer's own organisation.
inline std::string offer_row(MarketWorld& w, const OfferCells& cells, const std::string& org = "") {
    return (org.empty() ? w.org(Role::producer, Target::own) : org) + "," + cells.ref + "," +
           (cells.product.empty() ? w.catalog().own_product : cells.product) + ",A," + cells.quantity + "," + cells.price +
           "," + (cells.from.empty() ? w.day(0) : cells.from) + "," + w.day(20) + "," + w.day(0) + ",origin-shache\r\n";
}

}  // namespace kl::market::testing
