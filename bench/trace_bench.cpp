// trace_bench: backward and forward traces of retail lots in a generated season of N traceability
// events (default 10,000,000), on SQLite and, with --pg URL or $KASHLINK_BENCH_PG, PostgreSQL.
//
// The season, in units of 48 events per producer round (households → lots → grading transformations
// → pallets → shipments → orders), the same rows the trace service writes for each event
// (trace_events, trace_event_quantities, trace_event_biz_transactions, trace_edges, trace_lots,
// trace_lot_suppliers, trace_pallet_contents, trace_shipments, orders), loaded by the fastest path
// each database has (bench/bulk_load.h: SQLite prepared multi-row INSERTs, PostgreSQL COPY, secondary
// indexes made after the load) in transactions of 48,000 events:
//   12 farm lots (1 t each, 3 households each) commissioned      12 ObjectEvent ADD
//   12 inspections of them                                       12 ObjectEvent OBSERVE
//   3 gradings, 4 farm lots → 3 graded lots each (100 kg lost)    3 TransformationEvent (12 edges each)
//   3 pallets of 3 graded lots                                    3 AggregationEvent ADD
//   6 orders of 3 graded lots (each graded lot ships twice)      18 ObjectEvent: shipping, receiving, accepting
// over 40 producers in 4 counties, 2,000 households and 200 buyers.
//
// Then it times TraceGraphService::trace (what GET /api/v1/lots/{id}/trace runs after sign-in: the
// lot's existence and scope, the breadth-first walk, the names) for random retail (graded) lots,
// backward and forward, and forward from random farm lots (a recall's walk): median and p99 of
// --traces runs each. Target: p99 < 50 ms for a retail lot; it prints met / not met.
//
//   trace_bench [--events 10000000] [--traces 2000] [--pg postgresql://…] [--pg-events N]
// (--pg-events: a smaller season for PostgreSQL, where loading 10 M events takes longer.)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "audit/sha256.h"
#include "core/clock.h"
#include "core/ids.h"
#include "store/sql.h"
#include "store/store.h"
#include "trace/trace_graph.h"
#include "bench_support.h"
#include "bulk_load.h"

namespace {

using SteadyClock = std::chrono::steady_clock;
using kl::bench::must;
using kl::store::Params;
using kl::store::Value;

constexpr int64_t events_per_unit = 48;
constexpr int64_t units_per_tx = 1'000;  // 48,000 events per transaction
constexpr int producers = 40;
constexpr int households = 2'000;
constexpr int buyers = 200;
constexpr double target_p99_ms = 50.0;
const char* const counties[] = {"shache", "zepu", "yecheng", "bachu"};

// The rows of one batch, per table, flushed as multi-row INSERTs.
struct Batch {
    std::vector<Params> lots, suppliers, events, quantities, transactions, edges, pallets, shipments, orders;
};

class Season {
public:
    Season(kl::store::Store& store, std::string tag) : store_(store), tag_(std::move(tag)), ids_(clock_) {}

    void seed() {
        auto tx = must(store_.begin(kl::store::TxMode::read_write), "begin");
        std::vector<Params> organisations, products;
        for (int p = 0; p < producers; ++p) {
            organisations.push_back({producer(p), "合作社 " + std::to_string(p), "cooperative", int64_t{0}, std::string(counties[p % 4])});
            products.push_back({product(p), producer(p), "fresh_fruit", "香梨", "Fragrant pears", "kg", int64_t{1000}, "active", int64_t{1},
                                int64_t{60}, int64_t{0}, int64_t{0}});
        }
        for (int h = 0; h < households; ++h) {
            organisations.push_back({household(h), "农户 " + std::to_string(h), "household", int64_t{0}, std::string(counties[h % 4])});
        }
        for (int b = 0; b < buyers; ++b) organisations.push_back({buyer(b), "买家 " + std::to_string(b), "buyer", int64_t{0}, kl::store::null()});
        must(kl::store::insert_param_rows(*tx, "INSERT INTO organisations (id, name, kind, created_at_ms, county_code)", "", 5, organisations),
             "organisations");
        must(kl::store::insert_param_rows(*tx,
                                          "INSERT INTO products (id, producer_id, category_id, name_zh, name_en, unit_kind, unit_net_g, "
                                          "status, standard_version, shelf_life_days, created_at_ms, updated_at_ms)",
                                          "", 12, products),
             "products");
        must(tx->commit(), "commit");
    }

    // The last event sequence number handed out (events are numbered after it).
    void read_sequence() {
        auto tx = must(store_.begin(kl::store::TxMode::read_only), "begin");
        seq_ = must(tx->query("SELECT last_seq FROM trace_event_sequence"), "sequence")[0].i64(0);
    }

    // Loads `events` events (rounded down to whole units) through `loader` (the store closed).
    void load(kl::bench::BulkLoader& loader, int64_t events) {
        const int64_t units = std::max<int64_t>(1, events / events_per_unit);
        for (int64_t first = 0; first < units; first += units_per_tx) {
            Batch batch;
            for (int64_t u = first; u < std::min(units, first + units_per_tx); ++u) unit(batch, u);
            loader.begin();
            flush(loader, batch);
            loader.commit();
            if ((first / units_per_tx) % 10 == 0) {
                std::fprintf(stderr, "  loaded %lld of %lld events\r", static_cast<long long>(first * events_per_unit),
                             static_cast<long long>(units * events_per_unit));
            }
        }
        events_ = units * events_per_unit;
        loader.exec("UPDATE trace_event_sequence SET last_seq = " + std::to_string(seq_));
    }

    int64_t events() const { return events_; }
    const std::vector<std::string>& retail_lots() const { return retail_; }
    const std::vector<std::string>& farm_lots() const { return farm_; }

private:
    std::string producer(int p) const { return tag_ + "producer-" + std::to_string(p); }
    std::string product(int p) const { return tag_ + "product-" + std::to_string(p); }
    std::string household(int h) const { return tag_ + "household-" + std::to_string(h); }
    std::string buyer(int b) const { return tag_ + "buyer-" + std::to_string(b); }

    // An event row (the columns insert_event writes) and its eventID (a SHA-256 like the CBV hash).
    std::string event(Batch& batch, const char* type, const char* action, const char* step, const char* disposition,
                      const std::string& location, const std::optional<std::string>& parent, const char* process, int64_t loss) {
        const std::string pk = ids_.next();
        const int64_t at = time_ms_++;
        batch.events.push_back({pk, "ni:///sha-256;" + kl::audit::sha256_hex(pk) + "?ver=CBV2.0", ++seq_, std::string(type),
                                action ? Value(std::string(action)) : kl::store::null(), at, "+08:00", at, std::string(step),
                                disposition ? Value(std::string(disposition)) : kl::store::null(), location, location,
                                parent ? Value(*parent) : kl::store::null(), kl::store::null(),
                                process ? Value(std::string(process)) : kl::store::null(),
                                loss > 0 ? Value(loss) : kl::store::null(), kl::store::null(), "producer"});
        return pk;
    }
    void quantity(Batch& batch, const std::string& pk, const char* list, int64_t seq, const std::string& lot, int64_t grams) {
        batch.quantities.push_back({pk, std::string(list), seq, lot, grams});
    }
    std::string lot(Batch& batch, int p, const std::string& code, const char* unit, int64_t grams, const std::string& origin) {
        const std::string id = ids_.next();
        batch.lots.push_back({id, producer(p), product(p), "", code, code, std::string(unit), kl::store::null(), "grams", grams, grams,
                              "2026-09-20", kl::store::null(), tag_ + code, origin, kl::store::null(), time_ms_, time_ms_});
        return id;
    }

    void unit(Batch& batch, int64_t u) {
        const int p = static_cast<int>(u % producers);
        const std::string code = std::to_string(u);
        std::vector<std::string> farm, graded;
        for (int f = 0; f < 12; ++f) {
            const std::string pk = event(batch, "ObjectEvent", "ADD", "commissioning", "active", producer(p), std::nullopt, nullptr, 0);
            const std::string id = lot(batch, p, "F" + code + "-" + std::to_string(f), "loose", 1'000'000, pk);
            quantity(batch, pk, "quantity", 1, id, 1'000'000);
            for (int s = 0; s < 3; ++s) {
                batch.suppliers.push_back({id, household(static_cast<int>((u * 36 + f * 3 + s) % households)), int64_t{1'000'000 / 3}});
            }
            farm.push_back(id);
        }
        for (const auto& id : farm) {
            const std::string pk = event(batch, "ObjectEvent", "OBSERVE", "inspecting", "active", producer(p), std::nullopt, nullptr, 0);
            quantity(batch, pk, "quantity", 1, id, 1'000'000);
        }
        for (int g = 0; g < 3; ++g) {
            const std::string pk = event(batch, "TransformationEvent", nullptr, "repackaging", "active", producer(p), std::nullopt, "grade", 100'000);
            std::vector<std::string> outputs;
            for (int o = 0; o < 3; ++o) outputs.push_back(lot(batch, p, "G" + code + "-" + std::to_string(g * 3 + o), "carton", 1'300'000, pk));
            for (int i = 0; i < 4; ++i) {
                quantity(batch, pk, "input", i + 1, farm[static_cast<size_t>(g * 4 + i)], 1'000'000);
                for (const auto& out : outputs) {
                    batch.edges.push_back({pk, "transformed", farm[static_cast<size_t>(g * 4 + i)], "lot", out, int64_t{1'000'000}, int64_t{1'300'000}});
                }
            }
            for (int o = 0; o < 3; ++o) quantity(batch, pk, "output", o + 1, outputs[static_cast<size_t>(o)], 1'300'000);
            graded.insert(graded.end(), outputs.begin(), outputs.end());
        }
        for (int pallet = 0; pallet < 3; ++pallet) {
            const std::string sscc = "1" + std::to_string(100'000'000'000'000'000LL + u * 3 + pallet).substr(1);  // 18 digits
            const std::string pk = event(batch, "AggregationEvent", "ADD", "packing", "in_progress", producer(p), sscc, nullptr, 0);
            for (int c = 0; c < 3; ++c) {
                const std::string& child = graded[static_cast<size_t>(pallet * 3 + c)];
                quantity(batch, pk, "child", c + 1, child, 400'000);
                batch.edges.push_back({pk, "packed", child, "pallet", sscc, int64_t{400'000}, int64_t{400'000}});
                batch.pallets.push_back({sscc, child, int64_t{400'000}});
            }
        }
        for (int j = 0; j < 6; ++j) {
            const std::string order = ids_.next();
            const std::string buyer_id = buyer(static_cast<int>((u * 6 + j) * 7919 % buyers));
            batch.orders.push_back({order, buyer_id, producer(p), "wholesale", "accepted", "pudong", "2026-10-01", "2026-09-25",
                                    int64_t{3 * 450 * 1280}, time_ms_, time_ms_});
            std::vector<std::string> shipped;
            for (int k = 0; k < 3; ++k) shipped.push_back(graded[static_cast<size_t>((j * 3 + k) % 9)]);
            for (int k = 0; k < 3; ++k) batch.shipments.push_back({order, int64_t{1}, int64_t{k + 1}, shipped[static_cast<size_t>(k)], int64_t{450}, int64_t{450'000}});
            const char* steps[] = {"shipping", "receiving", "accepting"};
            const char* dispositions[] = {"in_transit", "in_progress", "active"};
            for (int s = 0; s < 3; ++s) {
                const std::string pk = event(batch, "ObjectEvent", "OBSERVE", steps[s], dispositions[s], s == 0 ? producer(p) : buyer_id,
                                             std::nullopt, nullptr, 0);
                batch.transactions.push_back({pk, int64_t{1}, "po", "urn:kashlink:order:" + order, order});
                for (int k = 0; k < 3; ++k) {
                    quantity(batch, pk, "quantity", k + 1, shipped[static_cast<size_t>(k)], 450'000);
                    if (s == 0) batch.edges.push_back({pk, "shipped", shipped[static_cast<size_t>(k)], "order", order, int64_t{450'000}, int64_t{450'000}});
                }
            }
        }
        // A sample of lots to trace: one graded and one farm lot of every 50th unit.
        if (u % 50 == 0) {
            retail_.push_back(graded[static_cast<size_t>(u % 9)]);
            farm_.push_back(farm[static_cast<size_t>(u % 12)]);
        }
    }

    void flush(kl::bench::BulkLoader& loader, const Batch& batch) {
        using kl::bench::BulkTable;
        static const BulkTable events{"trace_events",
                                      {"id", "event_id", "seq", "type", "action", "event_time_ms", "event_time_zone_offset", "record_time_ms",
                                       "biz_step", "disposition", "read_point", "biz_location", "parent_id", "transformation_id", "process",
                                       "loss_grams", "recorded_by", "recorded_role"}};
        static const BulkTable lots{"trace_lots",
                                    {"id", "producer_id", "product_id", "grade", "lot_code", "lot_code_key", "unit", "sscc", "quantity_unit",
                                     "quantity", "on_hand", "harvest_date", "pack_date", "trace_code", "origin_event_id", "created_by",
                                     "created_at_ms", "updated_at_ms"}};
        static const BulkTable suppliers{"trace_lot_suppliers", {"lot_id", "supplier_id", "quantity"}};
        static const BulkTable quantities{"trace_event_quantities", {"event_pk", "list", "seq", "lot_id", "quantity"}};
        static const BulkTable orders{"orders",
                                      {"id", "buyer_id", "seller_id", "channel", "status", "delivery_district", "delivery_date", "order_date",
                                       "total_fen", "created_at_ms", "updated_at_ms"}};
        static const BulkTable transactions{"trace_event_biz_transactions", {"event_pk", "seq", "type", "biz_transaction", "order_id"}};
        static const BulkTable edges{"trace_edges", {"event_pk", "kind", "from_lot", "to_kind", "to_id", "quantity", "to_quantity"}};
        static const BulkTable pallets{"trace_pallet_contents", {"sscc", "lot_id", "quantity"}};
        static const BulkTable shipments{"trace_shipments", {"order_id", "line_no", "seq", "lot_id", "quantity", "lot_quantity"}};
        loader.rows(events, batch.events);
        loader.rows(lots, batch.lots);
        loader.rows(suppliers, batch.suppliers);
        loader.rows(quantities, batch.quantities);
        loader.rows(orders, batch.orders);
        loader.rows(transactions, batch.transactions);
        loader.rows(edges, batch.edges);
        loader.rows(pallets, batch.pallets);
        loader.rows(shipments, batch.shipments);
    }

    kl::store::Store& store_;
    std::string tag_;
    kl::SystemClock clock_;
    kl::UuidV7Generator ids_;
    int64_t time_ms_ = 1'790'000'000'000;
    int64_t events_ = 0;
    int64_t seq_ = 0;
    std::vector<std::string> retail_, farm_;
};

struct Figures {
    double median_ms = 0, p99_ms = 0;
    size_t nodes = 0;  // of the last trace, to show what was walked
};

Figures time_traces(kl::trace::TraceGraphService& graph, const std::vector<std::string>& lots, kl::trace::Direction direction, int runs) {
    std::mt19937_64 random(20261207);
    std::vector<double> times;
    Figures figures;
    for (int i = 0; i < runs; ++i) {
        const std::string& lot = lots[random() % lots.size()];
        const auto start = SteadyClock::now();
        auto traced = must(graph.trace(std::nullopt, lot, direction), "trace");
        times.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count());
        figures.nodes = traced.nodes.size();
    }
    std::sort(times.begin(), times.end());
    figures.median_ms = times[times.size() / 2];
    figures.p99_ms = times[std::min(times.size() - 1, times.size() * 99 / 100)];
    return figures;
}

// The tables the season fills; their secondary indexes are made after the load.
const std::vector<std::string> loaded_tables = {"trace_events", "trace_lots", "trace_lot_suppliers", "trace_event_quantities", "orders",
                                                "trace_event_biz_transactions", "trace_edges", "trace_pallet_contents", "trace_shipments"};

void run(const char* backend, const std::string& url, int64_t events, int runs, bool synchronous_full) {
    kl::store::StoreOptions options;
    options.url = url;
    options.synchronous_full = synchronous_full;
    auto store = must(kl::store::open_store(options), "store");
    // Each run its own ids, so a PostgreSQL database used before keeps working.
    Season season(*store, "b" + std::to_string(std::chrono::system_clock::now().time_since_epoch().count()) + "-");
    const auto load_start = SteadyClock::now();
    season.seed();
    season.read_sequence();
    store.reset();  // the loader writes on its own connection, the store reopens on the loaded database
    {
        auto loader = kl::bench::bulk_loader(url);
        loader->drop_indexes(loaded_tables);
        season.load(*loader, events);
        const double rows_s = std::chrono::duration<double>(SteadyClock::now() - load_start).count();
        const auto index_start = SteadyClock::now();
        loader->restore_indexes();
        loader->analyze(loaded_tables);
        std::fprintf(stderr, "%-9s rows in %.1f s, indexes made in %.1f s\n", backend, rows_s,
                     std::chrono::duration<double>(SteadyClock::now() - index_start).count());
    }
    const double load_s = std::chrono::duration<double>(SteadyClock::now() - load_start).count();
    std::printf("%-9s %lld events loaded in %.1f s (%.0f events/s)\n", backend, static_cast<long long>(season.events()), load_s,
                static_cast<double>(season.events()) / load_s);
    store = must(kl::store::open_store(options), "store");
    kl::trace::TraceGraphService graph(*store);
    const Figures backward = time_traces(graph, season.retail_lots(), kl::trace::Direction::backward, runs);
    const Figures forward = time_traces(graph, season.retail_lots(), kl::trace::Direction::forward, runs);
    const Figures recall = time_traces(graph, season.farm_lots(), kl::trace::Direction::forward, runs);
    auto line = [&](const char* what, const Figures& figures, bool targeted) {
        std::printf("%-9s %-34s median %7.3f ms  p99 %7.3f ms  (%zu nodes)%s%s\n", backend, what, figures.median_ms, figures.p99_ms,
                    figures.nodes, targeted ? "  p99 " : "",
                    targeted ? kl::bench::verdict(figures.p99_ms, kl::bench::at_most(target_p99_ms, " ms")).c_str() : "");
    };
    line("retail lot, backward", backward, true);
    line("retail lot, forward", forward, true);
    line("farm lot, forward (a recall's walk)", recall, false);
}

}  // namespace

int main(int argc, char** argv) {
    kl::bench::configure_process_like_the_server();
    int64_t events = 10'000'000;
    int runs = 2'000;
    int64_t pg_events = 0;  // 0: as many as on SQLite
    std::string pg = std::getenv("KASHLINK_BENCH_PG") ? std::getenv("KASHLINK_BENCH_PG") : "";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--events") events = std::max<int64_t>(events_per_unit, std::atoll(value.c_str()));
        else if (flag == "--traces") runs = std::max(1, std::atoi(value.c_str()));
        else if (flag == "--pg") pg = value;
        else if (flag == "--pg-events") pg_events = std::max<int64_t>(events_per_unit, std::atoll(value.c_str()));
    }
    std::printf("Kashlink trace benchmark: a season of %lld events, %d traces of each kind (target: p99 < %.0f ms for a retail lot)\n\n",
                static_cast<long long>(events), runs, target_p99_ms);
    try {
        const std::string dir = kl::bench::temp_dir("kashlink-trace-bench");
        // Loading speed only: the traces read (the server itself runs with synchronous FULL).
        run("sqlite", dir + "/trace.sqlite", events, runs, false);
        std::filesystem::remove_all(dir);  // a season of 10 M events is gigabytes
        if (!pg.empty()) run("postgres", pg, pg_events > 0 ? pg_events : events, runs, true);
        else std::printf("postgres  skipped (give --pg URL or KASHLINK_BENCH_PG)\n");
    } catch (const std::exception& error) {
        std::fprintf(stderr, "trace_bench: %s\n", error.what());
        return 1;
    }
    return 0;
}
