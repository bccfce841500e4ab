// epcis_capture_bench: EPCIS 2.0 capture of documents of 10,000 events (issue 16), in events per
// second, as a ratio to the raw batched insert rate of the same rows into the same database in the
// same run.
//
// For each back end (SQLite always; PostgreSQL with --pg URL or $KASHLINK_BENCH_PG):
//   raw batch   the rows capture writes for the same events (trace_events with their sequence numbers,
//               trace_event_quantities, trace_event_biz_transactions, the lineage edges a shipping
//               event makes in trace_edges, and an audit row each), 10,000 events per transaction,
//               staged and written by the trace repository's own multi-row INSERTs
//               (trace::stage_event, flush_event_rows, AuditTrail::append_many), nothing checked
//   service     epcis_json::decode_document + EpcisService::capture per document: every event
//               checked (shape, time, lot, who may), hashed (CBV 2.0) and looked up, then recorded,
//               each in its savepoint, the whole document in one transaction
//   HTTP        POST /api/v1/epcis/capture of the same documents' JSON over loopback (adds parsing,
//               session, idempotency key and the answer)
// and prints events/s with the ratios service / raw batch and HTTP / raw batch. Everything is
// durable (SQLite synchronous=FULL in WAL, PostgreSQL synchronous_commit=on). It asserts nothing
// about time.
//
//   epcis_capture_bench [--documents 3] [--pg postgresql://…]

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "access/user_service.h"
#include "bench_support.h"
#include "catalog/catalog.h"
#include "cli/app.h"
#include "core/identifier.h"
#include "core/log.h"
#include "http/routes/epcis_json.h"
#include "store/sql.h"
#include "trace/event_hash.h"
#include "trace/trace_repo.h"
#include "audit/audit_trail.h"
#include "trace/trace.h"

namespace {

using kl::bench::must;
using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;
constexpr size_t events_per_document = kl::trace::epcis_capture_events_max;
const char* const password = "epcis bench password 0123";

double seconds_since(SteadyClock::time_point start) { return std::chrono::duration<double>(SteadyClock::now() - start).count(); }

struct Scene {
    std::string producer_id;
    std::string lot_id;
    std::string lot_class;
    std::string order_id;
};

// A household producer with one product sold by the kg, one lot of 100 t and one order of a buyer
// (the shipping events of the documents name it, so capture writes a lineage edge for each).
Scene make_scene(kl::cli::App& app, kl::trace::Trace& trace) {
    Scene scene;
    kl::catalog::OrganisationFields producer;
    producer.name = "叶城核桃合作社";
    producer.kind = kl::access::OrgKind::household;
    producer.county = "yecheng";
    scene.producer_id = must(app.catalog().organisations.create(std::nullopt, producer), "producer").id;
    kl::catalog::BrandStandard standard;
    standard.grades = {kl::catalog::Grade{"A", "特级", "Premium", 1, {{kl::catalog::Metric::fruit_weight_g, 10, 20}}}};
    standard.packaging = kl::catalog::Packaging{kl::catalog::PackagingType::carton, 5000, {"board"}};
    standard.storage = kl::catalog::Storage{0, 40, 60, 90, 300};
    standard.channels = {kl::catalog::SalesChannel::canteen};
    standard.pricing.list_prices = {kl::catalog::GradePrice{"A", 3600}};
    kl::catalog::NewProduct product{scene.producer_id,
                                    {"核桃", "Walnuts", "nuts_dried_fruit", {kl::catalog::UnitKind::kg, 1000}, kl::catalog::ProductStatus::active},
                                    standard};
    const std::string product_id = must(app.catalog().products.create(std::nullopt, product), "product").id;
    kl::trace::NewLot lot;
    lot.producer_id = scene.producer_id;
    lot.product_id = product_id;
    lot.grade = "A";
    lot.lot_code = "YC-BENCH-1";
    lot.quantity = 100'000'000'000;
    scene.lot_id = must(trace.lots.record_lot(std::nullopt, lot), "lot").id;
    scene.lot_class = kl::trace::lot_class_uri(scene.producer_id, kl::identifier_key(lot.lot_code));
    const std::string buyer_id = app.ids().next();
    scene.order_id = app.ids().next();
    auto tx = must(app.store().begin(kl::store::TxMode::read_write), "begin");
    must(kl::store::exec(*tx, "INSERT INTO organisations (id, name, kind, created_at_ms) VALUES ($1, '上海市第一中学食堂', 'buyer', 0)", {buyer_id}),
         "buyer");
    must(kl::store::exec(*tx,
                         "INSERT INTO orders (id, buyer_id, seller_id, channel, status, delivery_district, delivery_date, order_date, "
                         "total_fen, created_at_ms, updated_at_ms) VALUES ($1, $2, $3, 'wholesale', 'confirmed', 'pudong', '2026-10-01', "
                         "'2026-09-25', 360000, 0, 0)",
                         {scene.order_id, buyer_id, scene.producer_id}),
         "order");
    must(tx->commit(), "commit");
    return scene;
}

// Event i of a document: ObjectEvent OBSERVE of 1 kg of the lot, an inspection (even i) or a
// shipping on the order (odd i: a po business transaction, hence a lineage edge).
bool shipping(size_t i) { return i % 2 == 1; }

// A document of 10,000 such events, one millisecond apart from `first_ms`.
json document(const Scene& scene, int64_t first_ms) {
    json events = json::array();
    for (size_t i = 0; i < events_per_document; ++i) {
        json event = {{"type", "ObjectEvent"},
                      {"eventTime", kl::trace::utc_timestamp(first_ms + static_cast<int64_t>(i))},
                      {"eventTimeZoneOffset", "+08:00"},
                      {"action", "OBSERVE"},
                      {"bizStep", shipping(i) ? "shipping" : "inspecting"},
                      {"disposition", shipping(i) ? "in_transit" : "active"},
                      {"readPoint", {{"id", kl::trace::location_uri(scene.producer_id)}}},
                      {"quantityList", {{{"epcClass", scene.lot_class}, {"quantity", 1000}, {"uom", "GRM"}}}}};
        if (shipping(i)) event["bizTransactionList"] = {{{"type", "po"}, {"bizTransaction", kl::trace::order_uri(scene.order_id)}}};
        events.push_back(std::move(event));
    }
    json out = kl::http::epcis_json::document_json({}, first_ms);
    out["epcisBody"]["eventList"] = std::move(events);
    return out;
}

// The same rows, written with no checks: 10,000 events per transaction.
double raw_batches(kl::store::Store& store, kl::audit::AuditTrail& trail, const Scene& scene, int documents, int64_t first_ms) {
    kl::SystemClock clock;
    kl::UuidV7Generator ids(clock);
    const auto start = SteadyClock::now();
    for (int d = 0; d < documents; ++d) {
        kl::trace::EventRows rows;
        std::vector<kl::audit::AuditEvent> audit;
        for (size_t i = 0; i < events_per_document; ++i) {
            kl::trace::Event event;
            event.id = ids.next();
            event.event_id = "raw:" + event.id;
            event.action = kl::trace::Action::observe;
            event.event_time_ms = event.record_time_ms = first_ms + d * 100'000 + static_cast<int64_t>(i);
            event.biz_step = shipping(i) ? kl::trace::BizStep::shipping : kl::trace::BizStep::inspecting;
            event.disposition = shipping(i) ? kl::trace::Disposition::in_transit : kl::trace::Disposition::active;
            event.read_point = scene.producer_id;
            event.quantities = {kl::trace::QuantityElement{scene.lot_id, scene.lot_class, 1000, kl::trace::QuantityUnit::grams, "", "", ""}};
            if (shipping(i)) event.biz_transactions = {kl::trace::BizTransaction{kl::trace::BizTransactionType::po, scene.order_id}};
            event.recorded_role = "system";
            kl::trace::stage_event(rows, event);
            audit.push_back(kl::audit::AuditEvent{"system", "trace_event.create", "trace_event", event.id,
                                                  "{\"event_id\":\"" + event.event_id + "\",\"type\":\"ObjectEvent\"}"});
        }
        auto tx = must(store.begin(kl::store::TxMode::read_write), "begin");
        must(kl::trace::flush_event_rows(*tx, rows), "raw rows");
        must(trail.append_many(*tx, audit), "raw audit");
        must(tx->commit(), "commit");
    }
    return static_cast<double>(documents) * static_cast<double>(events_per_document) / seconds_since(start);
}

double through_service(kl::trace::Trace& trace, const Scene& scene, int documents, int64_t first_ms) {
    std::vector<json> bodies;
    for (int d = 0; d < documents; ++d) bodies.push_back(document(scene, first_ms + d * 100'000));
    const auto start = SteadyClock::now();
    for (const auto& body : bodies) {
        auto events = must(kl::http::epcis_json::decode_document(body), "decode");
        auto outcome = must(trace.epcis.capture(std::nullopt, std::move(events)), "capture");
        if (outcome.captured != static_cast<int64_t>(events_per_document)) throw std::runtime_error("capture stored fewer events");
    }
    return static_cast<double>(documents) * static_cast<double>(events_per_document) / seconds_since(start);
}

double through_http(kl::cli::App& app, const Scene& scene, int documents, int64_t first_ms) {
    kl::SystemClock clock;
    kl::UuidV7Generator ids(clock);
    kl::access::UserService users(app.store(), clock, ids);
    must(users.add(std::nullopt, {"bench.admin", "Bench", password, kl::access::Role::admin, std::nullopt}), "user");
    httplib::Client client("127.0.0.1", app.port());
    client.set_read_timeout(300, 0);
    client.set_write_timeout(300, 0);
    auto login = client.Post("/api/v1/sessions", json{{"username", "bench.admin"}, {"password", password}}.dump(), "application/json");
    if (!login || login->status != 201) throw std::runtime_error("sign-in failed");
    client.set_bearer_token_auth(json::parse(login->body)["token"].get<std::string>());
    std::vector<std::string> bodies;
    for (int d = 0; d < documents; ++d) bodies.push_back(document(scene, first_ms + d * 100'000).dump());
    const auto start = SteadyClock::now();
    for (int d = 0; d < documents; ++d) {
        const httplib::Headers key = {{"Idempotency-Key", "epcis-bench-" + std::to_string(first_ms) + "-" + std::to_string(d)}};
        auto reply = client.Post("/api/v1/epcis/capture", key, bodies[static_cast<size_t>(d)], "application/ld+json");
        if (!reply || reply->status != 201) {
            throw std::runtime_error("capture over HTTP failed: " + (reply ? reply->body.substr(0, 300) : std::string("no answer")));
        }
    }
    return static_cast<double>(documents) * static_cast<double>(events_per_document) / seconds_since(start);
}

void run(const std::string& backend, const std::string& url, int documents) {
    kl::Config config;
    config.database_url = url;
    config.listen_host = "127.0.0.1";
    config.listen_port = 0;
    config.log_level = "warn";
    auto app = must(kl::cli::App::create(config), "server");
    kl::audit::AuditTrail trail(app->store().backend(), app->clock());
    kl::trace::Trace trace(app->store(), app->clock(), app->ids(), trail);
    const Scene scene = make_scene(*app, trace);
    // Event times in the past (at most 10 minutes ahead is accepted), each run on its own range.
    const int64_t base = kl::SystemClock().now_ms() - 86'400'000;
    const double raw = raw_batches(app->store(), trail, scene, documents, base);
    const double service = through_service(trace, scene, documents, base + 10'000'000);
    must(app->start(), "start");
    const double http = through_http(*app, scene, documents, base + 20'000'000);
    app->stop();
    std::printf("%-9s raw batch inserts %9.0f events/s\n", backend.c_str(), raw);
    std::printf("%-9s capture (service) %9.0f events/s   %.0f ms per document\n", backend.c_str(), service,
                1000.0 * static_cast<double>(events_per_document) / service);
    std::printf("%-9s capture (HTTP)    %9.0f events/s   %.0f ms per document\n", backend.c_str(), http,
                1000.0 * static_cast<double>(events_per_document) / http);
    kl::bench::print_untargeted(backend + " ratio capture (service) / raw batch", service / raw);
    kl::bench::print_untargeted(backend + " ratio capture (HTTP) / raw batch", http / raw);
}

}  // namespace

int main(int argc, char** argv) {
    kl::bench::configure_process_like_the_server();
    int documents = 3;
    std::string pg = std::getenv("KASHLINK_BENCH_PG") ? std::getenv("KASHLINK_BENCH_PG") : "";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--documents") documents = std::stoi(value);
        else if (flag == "--pg") pg = value;
    }
    kl::init_logging("warn");
    const std::string dir = kl::bench::temp_dir("epcis_capture_bench");
    std::printf("epcis_capture_bench: %d documents of %zu events per path\n", documents, events_per_document);
    try {
        run("sqlite", "sqlite:" + dir + "/epcis.sqlite", documents);
        if (!pg.empty()) {
            run("postgres", pg, documents);
        } else {
            std::printf("postgres  skipped (give --pg URL or KASHLINK_BENCH_PG)\n");
        }
    } catch (const std::exception& error) {
        std::cerr << error.what() << "\n";
        std::filesystem::remove_all(dir);
        return 1;
    }
    std::filesystem::remove_all(dir);
    return 0;
}
