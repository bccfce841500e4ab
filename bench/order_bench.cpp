// order_bench: order placement over HTTP with durable commits, against raw SQLite in the same run.
//
// Starts the real server in process (127.0.0.1, port 0) over a fresh SQLite file with
// synchronous=FULL, seeds a buyer, a seller and a product with its standard through the services,
// signs the buyer in, then measures, each for a fixed time:
//   (a) raw SQLite, one 10-column order row per transaction (FULL): the fsync-bound floor;
//   (b) raw SQLite, 100 rows per transaction (FULL): what batching alone reaches;
//   (c) POST /api/v1/orders over HTTP from many keep-alive clients, each request a new order with
//       its own Idempotency-Key: decode, permission checks, validation against the catalogue, the
//       order, its lines and its creation event, the stored idempotent answer — group-committed;
//   (d) GET /api/v1/me from the same clients on the same server: the authenticated-request ceiling
//       of this run (a request that reads, with the same sign-in, HTTP and JSON work).
// It prints orders/s and the ratios (c)/(d) (target ≥ 0.5) and (c)/(a) (target ≥ 3, issue 17), and
// (c)/(b), each with its verdict. It asserts nothing.
//
// Orders wait for their batch's commit on a worker thread, so the workers bound the batch: --workers
// sets them (the server's default otherwise) to show how the rate follows the batch size.
//
//   order_bench [--seconds N] [--connections N] [--workers N]

#include <utility>  // before Asio (Boost 1.74 with GCC 12)

#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include "access/auth_service.h"
#include "access/organisation_service.h"
#include "access/user_service.h"
#include "catalog/catalog.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/log.h"
#include "http/api.h"
#include "http/metrics.h"
#include "http/server.h"
#include "orders/orders.h"
#include "store/store.h"
#include "bench_support.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

constexpr const char* buyer_password = "bench password 0123456789";

using kl::bench::must;

// Rows per second of raw inserts into a fresh SQLite file, `rows_per_tx` per transaction.
double raw_rate(const std::string& dir, const std::string& name, int rows_per_tx, int seconds) {
    kl::store::StoreOptions options;
    options.url = dir + "/" + name;
    auto store = must(kl::store::open_store(options), "raw store");
    {
        auto tx = must(store->begin(kl::store::TxMode::read_write), "begin");
        must(tx->execute("CREATE TABLE bench_orders (id TEXT PRIMARY KEY, buyer_id TEXT, seller_id TEXT, channel TEXT, "
                         "status TEXT, district TEXT, order_date TEXT, total_fen BIGINT, created_at_ms BIGINT, note TEXT)"),
             "create");
        must(tx->commit(), "commit");
    }
    int64_t rows = 0;
    const auto until = SteadyClock::now() + std::chrono::seconds(seconds);
    const auto start = SteadyClock::now();
    while (SteadyClock::now() < until) {
        auto tx = must(store->begin(kl::store::TxMode::read_write), "begin");
        for (int i = 0; i < rows_per_tx; ++i, ++rows) {
            must(tx->execute("INSERT INTO bench_orders VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                             {"order-" + std::to_string(rows), std::string("buyer-0001-0002-0003-000000000001"),
                              std::string("seller-0001-0002-0003-00000000001"), std::string("wholesale"),
                              std::string("confirmed"), std::string("pudong"), std::string("2026-11-24"),
                              int64_t{177000} + rows, int64_t{1790000000000} + rows,
                              std::string("bench row of about two hundred bytes, like an order header")}),
                 "insert");
        }
        must(tx->commit(), "commit");
    }
    return static_cast<double>(rows) / std::chrono::duration<double>(SteadyClock::now() - start).count();
}

struct Platform {
    std::string dir;
    std::unique_ptr<kl::store::Store> store;
    kl::SystemClock clock;
    kl::UuidV7Generator ids{clock};
    std::unique_ptr<kl::access::AuthService> auth;
    std::unique_ptr<kl::access::UserService> users;
    std::unique_ptr<kl::access::OrganisationService> organisations;
    std::unique_ptr<kl::catalog::Catalog> catalog;
    std::unique_ptr<kl::orders::Orders> orders;
    kl::http::Metrics metrics;
    kl::http::Router router;
    std::unique_ptr<kl::http::Server> server;
    std::string token;
    std::string body;
    int workers = 0;  // the server's worker threads; 0: its default

    ~Platform() {
        if (server) server->stop();
        server.reset();
        store.reset();
    }
};

void start_platform(Platform& p) {
    kl::store::StoreOptions options;
    options.url = p.dir + "/orders.sqlite";
    options.synchronous_full = true;
    p.store = must(kl::store::open_store(options), "store");
    p.auth = std::make_unique<kl::access::AuthService>(*p.store, p.clock, p.ids, kl::access::AuthOptions{});
    p.users = std::make_unique<kl::access::UserService>(*p.store, p.clock, p.ids);
    p.organisations = std::make_unique<kl::access::OrganisationService>(*p.store, p.clock, p.ids);
    p.catalog = std::make_unique<kl::catalog::Catalog>(*p.store, p.clock, p.ids, *p.organisations);
    p.orders = std::make_unique<kl::orders::Orders>(*p.store, p.clock, p.ids);

    kl::catalog::OrganisationFields seller;
    seller.name = "莎车巴旦木合作社";
    seller.kind = kl::access::OrgKind::household;  // needs no credit code
    seller.county = "shache";
    const std::string seller_id = must(p.catalog->organisations.create(std::nullopt, seller), "seller").id;
    kl::access::NewOrganisation buyer;
    buyer.name = "浦东机关食堂";
    buyer.kind = kl::access::OrgKind::buyer;
    const std::string buyer_id = must(p.organisations->create(std::nullopt, buyer), "buyer").id;
    kl::catalog::BrandStandard standard;
    standard.grades = {kl::catalog::Grade{"A", "特级", "Premium", 1, {{kl::catalog::Metric::fruit_weight_g, 10, 20}}}};
    standard.packaging = kl::catalog::Packaging{kl::catalog::PackagingType::carton, 5000, {"board"}};
    standard.storage = kl::catalog::Storage{0, 40, 60, 90, 300};
    standard.channels = {kl::catalog::SalesChannel::canteen};
    standard.pricing.list_prices = {kl::catalog::GradePrice{"A", 12800}};
    kl::catalog::NewProduct product{seller_id, {"巴旦木", "Almonds", "nuts_dried_fruit", {kl::catalog::UnitKind::kg, 1000},
                                                kl::catalog::ProductStatus::active},
                                    standard};
    const std::string product_id = must(p.catalog->products.create(std::nullopt, product), "product").id;

    kl::access::NewUser user;
    user.username = "bench.buyer";
    user.display_name = "Benchmark buyer";
    user.password = buyer_password;
    user.role = kl::access::Role::buyer;
    user.org_id = buyer_id;
    must(p.users->add(std::nullopt, user), "user");
    p.token = must(p.auth->login("bench.buyer", buyer_password, "127.0.0.1"), "login").token;
    p.body = R"({"buyer_id":")" + buyer_id + R"(","seller_id":")" + seller_id +
             R"(","channel":"canteen","delivery_district":"pudong","delivery_date":"2199-01-01","lines":[{"product_id":")" +
             product_id + R"(","grade":"A","quantity":20,"unit_price_fen":12800}]})";

    kl::http::ApiDeps deps;
    deps.store = p.store.get();
    deps.metrics = &p.metrics;
    deps.auth = p.auth.get();
    deps.users = p.users.get();
    deps.organisations = p.organisations.get();
    deps.catalog = p.catalog.get();
    deps.orders = p.orders.get();
    kl::http::register_api_routes(p.router, deps);
    kl::http::ServerOptions server_options = kl::http::server_options_from(kl::Config{});
    server_options.listen_port = 0;
    if (p.workers > 0) server_options.worker_threads = p.workers;
    server_options.stop_on_signals = false;
    p.server = std::make_unique<kl::http::Server>(
        server_options, kl::http::ServerDeps{&p.router, p.auth.get(), p.store.get(), &p.metrics, &p.clock});
    must(p.server->start(), "server");
}

struct Counts {
    std::atomic<int64_t> created{0};
    std::atomic<int64_t> failed{0};
};

// One keep-alive client sending `make()`'s requests one after another until `until`; a response with
// status `expected` counts as done.
using MakeRequest = std::function<bhttp::request<bhttp::string_body>(int64_t)>;

asio::awaitable<void> client_loop(tcp::endpoint endpoint, MakeRequest make, unsigned expected, SteadyClock::time_point until,
                                  Counts& counts) {
    try {
        beast::tcp_stream stream(co_await asio::this_coro::executor);
        co_await stream.async_connect(endpoint, asio::use_awaitable);
        stream.socket().set_option(tcp::no_delay(true));
        beast::flat_buffer buffer;
        for (int64_t n = 0; SteadyClock::now() < until; ++n) {
            bhttp::request<bhttp::string_body> request = make(n);
            co_await bhttp::async_write(stream, request, asio::use_awaitable);
            bhttp::response<bhttp::string_body> response;
            co_await bhttp::async_read(stream, buffer, response, asio::use_awaitable);
            (response.result_int() == expected ? counts.created : counts.failed)++;
        }
    } catch (const std::exception&) {
        counts.failed++;
    }
}

bhttp::request<bhttp::string_body> signed_request(const Platform& p, bhttp::verb verb, const char* target) {
    bhttp::request<bhttp::string_body> request{verb, target, 11};
    request.set(bhttp::field::host, "127.0.0.1");
    request.set(bhttp::field::authorization, "Bearer " + p.token);
    return request;
}

// (c): each request a new order with its own Idempotency-Key. (d) when `orders` is false: GET /me.
double http_rate(const Platform& p, int connections, int seconds, Counts& counts, bool orders) {
    asio::io_context io(1);
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), p.server->port());
    const auto start = SteadyClock::now();
    const auto until = start + std::chrono::seconds(seconds);
    for (int c = 0; c < connections; ++c) {
        if (orders) {
            MakeRequest make = [&p, c](int64_t n) {
                auto request = signed_request(p, bhttp::verb::post, "/api/v1/orders");
                request.set(bhttp::field::content_type, "application/json");
                request.set("Idempotency-Key", "bench-" + std::to_string(c) + "-" + std::to_string(n));
                request.body() = p.body;
                request.prepare_payload();
                return request;
            };
            asio::co_spawn(io, client_loop(endpoint, make, 201, until, counts), asio::detached);
        } else {
            MakeRequest make = [&p](int64_t) { return signed_request(p, bhttp::verb::get, "/api/v1/me"); };
            asio::co_spawn(io, client_loop(endpoint, make, 200, until, counts), asio::detached);
        }
    }
    io.run();
    return static_cast<double>(counts.created) / std::chrono::duration<double>(SteadyClock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    kl::bench::configure_process_like_the_server();
    int seconds = 5;
    int connections = 128;
    int workers = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--seconds") seconds = std::max(1, std::atoi(argv[i + 1]));
        else if (arg == "--connections") connections = std::max(1, std::atoi(argv[i + 1]));
        else if (arg == "--workers") workers = std::max(1, std::atoi(argv[i + 1]));
    }
    kl::init_logging("warn");
    const std::string dir = kl::bench::temp_dir("kashlink-order-bench");
    try {
        Platform platform;
        platform.dir = dir;
        platform.workers = workers;
        start_platform(platform);
        std::printf("Kashlink order placement benchmark: SQLite synchronous=FULL in %s, %d s per case, %u hardware "
                    "threads shared by client and server\n\n",
                    platform.dir.c_str(), seconds, std::thread::hardware_concurrency());
        const double one = raw_rate(platform.dir, "raw1.sqlite", 1, seconds);
        std::printf("(a) raw SQLite, 1 row per transaction (FULL)        %10.0f rows/s\n", one);
        const double batched = raw_rate(platform.dir, "raw100.sqlite", 100, seconds);
        std::printf("(b) raw SQLite, 100 rows per transaction (FULL)     %10.0f rows/s\n", batched);
        Counts counts;
        const double placed = http_rate(platform, connections, seconds, counts, true);
        std::printf("(c) POST /api/v1/orders, %d clients, group commit  %10.0f orders/s (%lld created, %lld failed; "
                    "%lld commits, %.1f orders per commit)\n",
                    connections, placed, static_cast<long long>(counts.created.load()),
                    static_cast<long long>(counts.failed.load()), static_cast<long long>(platform.store->stats().commits),
                    static_cast<double>(counts.created.load()) /
                        static_cast<double>(std::max<int64_t>(1, platform.store->stats().commits)));
        Counts reads;
        const double authed = http_rate(platform, connections, seconds, reads, false);
        std::printf("(d) GET /api/v1/me, %d clients, same server         %10.0f requests/s (%lld failed)\n\n", connections,
                    authed, static_cast<long long>(reads.failed.load()));
        using kl::bench::at_least;
        kl::bench::print_target("ratio (c)/(d) orders vs authenticated GET, same run", authed > 0 ? placed / authed : 0,
                                at_least(0.5));
        kl::bench::print_target("ratio (c)/(a) orders vs raw 1-row transactions", one > 0 ? placed / one : 0, at_least(3));
        kl::bench::print_untargeted("ratio (c)/(b) orders vs raw 100-row batches", batched > 0 ? placed / batched : 0);
    } catch (const std::exception& error) {
        std::cerr << "order_bench: " << error.what() << "\n";
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
        return 1;
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return 0;
}
