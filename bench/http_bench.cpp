// http_bench: load against the real server, in process, over loopback.
//
// Starts the server on 127.0.0.1 port 0 with a fresh SQLite store in a temporary directory, signs a
// user in through the real AuthService, then drives many keep-alive connections (an Asio client on
// one thread, one request in flight per connection) for a fixed time against:
//   (a) GET /bench/hello  — a trivial in-memory route answered on the I/O thread;
//   (b) GET /api/v1/me    — an authenticated JSON read: bearer token → AuthService (SQLite read) →
//                           worker pool → UserService (SQLite read) → JSON;
//   (c) GET /api/v1/public/trace/{code} — what the public trace page /t/{code} reads (issue 16): no
//                           sign-in, the rate limiter, the lot with its producer, county,
//                           suppliers, certification and journey (SQLite reads), and the scan
//                           counted per day (a write, group-committed). The codes of 16 lots are
//                           asked in turn. The per-address limit (60 at once, then 2/s) would
//                           answer 429 to a load from one loopback address, so the benchmark's
//                           server is built with the limit lifted (trace::Trace's public_limit):
//                           what is measured is the page, not the limiter refusing it.
// It prints requests/s, p50 and p99 for each, and the ratios (b)/(a) and (c)/(a) per connection count.
// Client and server share the machine's cores, so absolute figures understate a dedicated server;
// the ratio is the figure to watch. It asserts nothing about time.
//
//   http_bench [--seconds N] [--warmup N] [--connections 64,256] [--access-log]

#include <utility>  // before Asio (Boost 1.74 with GCC 12)

// GCC 12 mistakes Asio's awaitable frames for a new/delete mismatch once coroutines are inlined.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "access/auth_service.h"
#include "access/organisation_service.h"
#include "access/user_service.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/log.h"
#include "http/api.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "store/sql.h"
#include "store/store.h"
#include "audit/audit_trail.h"
#include "trace/trace.h"
#include "trace/trace_code.h"
#include "trace/trace_repo.h"
#include "bench_support.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

constexpr const char* bench_username = "bench.admin";
constexpr const char* bench_password = "bench password 0123456789";

struct Options {
    int seconds = 5;
    int warmup_seconds = 1;
    std::vector<int> connections = {64, 256};
    bool access_log = false;
};

std::optional<Options> parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--seconds" && has_value) {
            options.seconds = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "--warmup" && has_value) {
            options.warmup_seconds = std::max(0, std::atoi(argv[++i]));
        } else if (arg == "--connections" && has_value) {
            options.connections.clear();
            std::string list = argv[++i];
            for (size_t at = 0; at <= list.size();) {
                const size_t comma = std::min(list.find(',', at), list.size());
                const int count = std::atoi(list.substr(at, comma - at).c_str());
                if (count > 0) options.connections.push_back(count);
                at = comma + 1;
            }
        } else if (arg == "--access-log") {
            options.access_log = true;
        } else {
            std::cerr << "usage: http_bench [--seconds N] [--warmup N] [--connections 64,256] [--access-log]\n";
            return std::nullopt;
        }
    }
    if (options.connections.empty()) return std::nullopt;
    return options;
}

// What one run measured; latencies in microseconds.
struct RunResult {
    std::vector<uint32_t> latencies_us;
    int64_t errors = 0;  // non-200 answers and broken connections
    double seconds = 0;
};

struct ConnectionStats {
    std::vector<uint32_t> latencies_us;
    int64_t errors = 0;
};

// One connection asking `requests` in turn (from the `first`th) until `until`.
asio::awaitable<void> drive(tcp::endpoint endpoint, const std::vector<std::string>& requests, size_t first,
                            SteadyClock::time_point measure_from, SteadyClock::time_point until, ConnectionStats& stats) {
    try {
        beast::tcp_stream stream(co_await asio::this_coro::executor);
        co_await stream.async_connect(endpoint, asio::use_awaitable);
        stream.socket().set_option(tcp::no_delay(true));
        beast::flat_buffer buffer;
        for (size_t sent = first;; ++sent) {
            const auto start = SteadyClock::now();
            if (start >= until) break;
            co_await asio::async_write(stream, asio::buffer(requests[sent % requests.size()]), asio::use_awaitable);
            bhttp::response<bhttp::string_body> response;
            co_await bhttp::async_read(stream, buffer, response, asio::use_awaitable);
            if (start < measure_from) continue;
            const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - start);
            stats.latencies_us.push_back(static_cast<uint32_t>(elapsed.count()));
            if (response.result_int() != 200) ++stats.errors;
        }
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    } catch (const std::exception&) {
        ++stats.errors;
    }
}

RunResult run_load(uint16_t port, const std::vector<std::string>& requests, int connections, const Options& options) {
    asio::io_context io(1);
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
    const auto measure_from = SteadyClock::now() + std::chrono::seconds(options.warmup_seconds);
    const auto until = measure_from + std::chrono::seconds(options.seconds);
    std::vector<ConnectionStats> stats(static_cast<size_t>(connections));
    for (size_t c = 0; c < stats.size(); ++c) {
        asio::co_spawn(io, drive(endpoint, requests, c, measure_from, until, stats[c]), asio::detached);
    }
    io.run();
    RunResult result;
    result.seconds = options.seconds;
    for (auto& one : stats) {
        result.latencies_us.insert(result.latencies_us.end(), one.latencies_us.begin(), one.latencies_us.end());
        result.errors += one.errors;
    }
    std::sort(result.latencies_us.begin(), result.latencies_us.end());
    return result;
}

double percentile_ms(const std::vector<uint32_t>& sorted_us, double fraction) {
    if (sorted_us.empty()) return 0;
    const auto index = static_cast<size_t>(fraction * static_cast<double>(sorted_us.size() - 1));
    return sorted_us[index] / 1000.0;
}

double print_row(const char* name, int connections, const RunResult& result) {
    const double rate = static_cast<double>(result.latencies_us.size()) / result.seconds;
    std::printf("%-34s %6d %12.0f %10.3f %10.3f %8lld\n", name, connections, rate,
                percentile_ms(result.latencies_us, 0.50), percentile_ms(result.latencies_us, 0.99),
                static_cast<long long>(result.errors));
    std::fflush(stdout);
    return rate;
}

std::string get_request(const std::string& target, const std::string& token) {
    std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.empty()) request += "Authorization: Bearer " + token + "\r\n";
    return request + "\r\n";
}

void add_hello_route(kl::http::Router& router) {
    kl::http::Route hello;
    hello.method = kl::http::Method::get;
    hello.pattern = "/bench/hello";
    hello.access = kl::http::Access::open;
    hello.doc.summary = "Benchmark baseline: a constant JSON answer";
    hello.doc.tag = "bench";
    hello.handler = [](kl::http::Request&) {
        kl::http::Response response;
        response.body = R"({"message":"hello","service":"kashlink"})";
        return response;
    };
    hello.blocking = false;
    router.add(std::move(hello));
}

// Everything the server needs, wired the way the binary wires it, over a temporary SQLite file.
struct Platform {
    std::string dir;
    std::unique_ptr<kl::store::Store> store;
    kl::SystemClock clock;
    kl::UuidV7Generator ids{clock};
    std::unique_ptr<kl::access::AuthService> auth;
    std::unique_ptr<kl::access::UserService> users;
    std::unique_ptr<kl::access::OrganisationService> organisations;
    std::unique_ptr<kl::audit::AuditTrail> audit;
    std::unique_ptr<kl::trace::Trace> trace;
    std::vector<std::string> trace_codes;
    kl::http::Metrics metrics;
    kl::http::Router router;
    std::unique_ptr<kl::http::Server> server;
    std::string token;

    ~Platform() {
        if (server) server->stop();
        server.reset();
        trace.reset();
        store.reset();
        std::error_code ignored;
        if (!dir.empty()) std::filesystem::remove_all(dir, ignored);
    }
};

// Lots for the public page: a cooperative in Yecheng with a walnut product, 16 lots of it from two
// households, each commissioned and inspected (its journey), written as the trace module writes them.
constexpr int public_lots = 16;

kl::Result<void> seed_public_lots(Platform& p) {
    KL_TRY_ASSIGN(auto tx, p.store->begin(kl::store::TxMode::read_write));
    const int64_t now = p.clock.now_ms();
    const std::string producer = p.ids.next(), product = p.ids.next();
    std::vector<std::string> households = {p.ids.next(), p.ids.next()};
    KL_TRY(kl::store::exec(*tx, "INSERT INTO organisations (id, name, kind, created_at_ms, county_code) VALUES ($1, $2, 'cooperative', $3, 'yecheng')",
                           {producer, std::string("叶城核桃合作社"), now}));
    for (size_t h = 0; h < households.size(); ++h) {
        KL_TRY(kl::store::exec(*tx, "INSERT INTO organisations (id, name, kind, created_at_ms, county_code) VALUES ($1, $2, 'household', $3, 'yecheng')",
                               {households[h], "农户 " + std::to_string(h), now}));
    }
    KL_TRY(kl::store::exec(*tx,
                           "INSERT INTO products (id, producer_id, category_id, name_zh, name_en, unit_kind, unit_net_g, status, "
                           "standard_version, shelf_life_days, created_at_ms, updated_at_ms) VALUES ($1, $2, 'nuts_dried_fruit', '纸皮核桃', "
                           "'Paper-shell walnuts', 'kg', 1000, 'active', 1, 300, $3, $3)",
                           {product, producer, now}));
    for (int l = 0; l < public_lots; ++l) {
        const std::string lot = p.ids.next(), code = kl::trace::new_trace_code(), lot_code = "YC-" + std::to_string(l);
        kl::trace::Event commissioned;
        commissioned.id = p.ids.next();
        commissioned.event_id = "bench:" + commissioned.id;
        commissioned.action = kl::trace::Action::add;
        commissioned.biz_step = kl::trace::BizStep::commissioning;
        commissioned.disposition = kl::trace::Disposition::active;
        commissioned.event_time_ms = commissioned.record_time_ms = now - 86'400'000;
        commissioned.read_point = commissioned.biz_location = producer;
        commissioned.quantities = {kl::trace::QuantityElement{lot, "", 500'000, kl::trace::QuantityUnit::grams, "", "", ""}};
        commissioned.recorded_role = "system";
        kl::trace::Event inspected = commissioned;
        inspected.id = p.ids.next();
        inspected.event_id = "bench:" + inspected.id;
        inspected.action = kl::trace::Action::observe;
        inspected.biz_step = kl::trace::BizStep::inspecting;
        inspected.event_time_ms += 3'600'000;
        KL_TRY(kl::store::exec(*tx,
                               "INSERT INTO trace_lots (id, producer_id, product_id, grade, lot_code, lot_code_key, unit, quantity_unit, "
                               "quantity, on_hand, harvest_date, pack_date, trace_code, origin_event_id, created_at_ms, updated_at_ms) "
                               "VALUES ($1, $2, $3, '', $4, $5, 'carton', 'grams', 500000, 500000, '2026-09-20', '2026-09-28', $6, $7, $8, $8)",
                               {lot, producer, product, lot_code, lot_code, code, commissioned.event_id, now}));
        for (const auto& household : households) {
            KL_TRY(kl::store::exec(*tx, "INSERT INTO trace_lot_suppliers (lot_id, supplier_id, quantity) VALUES ($1, $2, 250000)",
                                   {lot, household}));
        }
        KL_TRY(kl::trace::insert_event(*tx, commissioned));
        KL_TRY(kl::trace::insert_event(*tx, inspected));
        p.trace_codes.push_back(code);
    }
    return tx->commit();
}

kl::Result<void> start_platform(Platform& p) {
    std::string pattern = (std::filesystem::temp_directory_path() / "kashlink-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) return kl::fail(kl::ErrorCode::unavailable, "mkdtemp failed");
    p.dir = pattern;
    kl::store::StoreOptions store_options;
    store_options.url = p.dir + "/bench.sqlite";
    KL_TRY_ASSIGN(p.store, kl::store::open_store(store_options));
    p.auth = std::make_unique<kl::access::AuthService>(*p.store, p.clock, p.ids, kl::access::AuthOptions{});
    p.users = std::make_unique<kl::access::UserService>(*p.store, p.clock, p.ids);
    p.organisations = std::make_unique<kl::access::OrganisationService>(*p.store, p.clock, p.ids);

    kl::access::NewUser admin;
    admin.username = bench_username;
    admin.display_name = "Benchmark admin";
    admin.password = bench_password;
    admin.role = kl::access::Role::admin;
    KL_TRY(p.users->add(std::nullopt, admin));
    KL_TRY_ASSIGN(kl::access::LoginResult login, p.auth->login(bench_username, bench_password, "127.0.0.1"));
    p.token = login.token;

    p.audit = std::make_unique<kl::audit::AuditTrail>(p.store->backend(), p.clock);
    // The public page's per-address limit lifted (see the file comment): every request is admitted.
    const kl::trace::RateLimit unlimited{int64_t{1} << 40, 1, 100'000};  // 2^40 at once: never reached
    p.trace = std::make_unique<kl::trace::Trace>(*p.store, p.clock, p.ids, *p.audit, kl::trace::TraceOptions{}, unlimited);
    KL_TRY(seed_public_lots(p));

    kl::http::ApiDeps deps;
    deps.store = p.store.get();
    deps.trace = p.trace.get();
    deps.metrics = &p.metrics;
    deps.auth = p.auth.get();
    deps.users = p.users.get();
    deps.organisations = p.organisations.get();
    kl::http::register_api_routes(p.router, deps);
    add_hello_route(p.router);

    kl::http::ServerOptions server_options = kl::http::server_options_from(kl::Config{});
    server_options.listen_port = 0;
    server_options.stop_on_signals = false;
    p.server = std::make_unique<kl::http::Server>(
        server_options, kl::http::ServerDeps{&p.router, p.auth.get(), p.store.get(), &p.metrics, &p.clock});
    return p.server->start();
}

}  // namespace

int main(int argc, char** argv) {
    kl::bench::configure_process_like_the_server();
    auto options = parse_options(argc, argv);
    if (!options) return 2;
    kl::init_logging(options->access_log ? "info" : "warn");

    Platform platform;
    if (auto started = start_platform(platform); !started) {
        std::cerr << "http_bench: cannot start: " << started.error().message << "\n";
        return 1;
    }
    const uint16_t port = platform.server->port();
    std::printf("Kashlink HTTP benchmark: server in process on 127.0.0.1:%u, SQLite in %s\n", port, platform.dir.c_str());
    std::printf("%d s measured after %d s warm-up per run; client: 1 Asio thread, keep-alive, 1 request in flight "
                "per connection; access log %s; %u hardware threads shared by client and server\n\n",
                options->seconds, options->warmup_seconds, options->access_log ? "on" : "off (log level warn)",
                std::thread::hardware_concurrency());
    std::printf("%-34s %6s %12s %10s %10s %8s\n", "case", "conns", "requests/s", "p50 ms", "p99 ms", "errors");

    const std::string hello = get_request("/bench/hello", "");
    const std::string me = get_request("/api/v1/me", platform.token);
    std::vector<std::string> public_pages;
    for (const auto& code : platform.trace_codes) public_pages.push_back(get_request("/api/v1/public/trace/" + code, ""));
    struct Ratios {
        int connections;
        double me, public_trace;
    };
    std::vector<Ratios> ratios;
    for (int connections : options->connections) {
        const double trivial = print_row("(a) GET /bench/hello (in memory)", connections,
                                         run_load(port, {hello}, connections, *options));
        const double authed = print_row("(b) GET /api/v1/me (auth+pool+SQL)", connections,
                                        run_load(port, {me}, connections, *options));
        const double page = print_row("(c) GET /api/v1/public/trace/{code}", connections,
                                      run_load(port, public_pages, connections, *options));
        ratios.push_back({connections, trivial > 0 ? authed / trivial : 0, trivial > 0 ? page / trivial : 0});
    }
    std::printf("\n");
    for (const auto& ratio : ratios) {
        kl::bench::print_target("ratio (b)/(a) requests/s at " + std::to_string(ratio.connections) + " connections", ratio.me,
                                kl::bench::at_least(0.6));
        std::printf("ratio (c)/(a) requests/s at %d connections: %.2f  (the public trace page against hello; no target set)\n",
                    ratio.connections, ratio.public_trace);
    }
    return 0;
}
