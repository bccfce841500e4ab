// ledger_bench: durable ledger transfers per second through the real server, as a ratio to raw
// inserts of the same rows into the same database in the same run.
//
// For each back end (SQLite always; PostgreSQL with --pg URL or $KASHLINK_BENCH_PG):
//   raw batch    the transfer rows inserted with a prepared statement, 8,000 per transaction; on
//                PostgreSQL also the bulk paths — multi-row INSERT (500 rows a statement) and COPY
//                — and the best of the three is the limit the batch API is measured against
//   raw single   one row per transaction, one client (the fsync floor)
//   batch API    POST /api/v1/ledger/transfers with 8,000 transfers per request (one transaction
//                each: validation in memory, multi-row writes, one audit row per transfer)
//   single API   POST /api/v1/ledger/transfers with one transfer per request from --clients
//                concurrent keep-alive clients (requests arriving together share one engine batch
//                and one write job, and group commit shares the fsync)
// and prints transfers/s with the ratios batch API / raw batch (targets: ≥ 0.25 on SQLite, ≥ 0.3 of
// PostgreSQL's best bulk path) and single API / raw single (target ≥ 2 on both), with verdicts.
// Everything is durable: SQLite synchronous=FULL (WAL), PostgreSQL synchronous_commit=on.
// It asserts nothing about time.
//
//   ledger_bench [--transfers 80000] [--seconds 5] [--clients 8] [--pg postgresql://…]

#include <httplib.h>
#include <libpq-fe.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "access/user_service.h"
#include "cli/app.h"
#include "core/log.h"
#include "bench_support.h"

namespace {

using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;
constexpr size_t batch_transfers = 8000;
constexpr int accounts = 16;
const char* const password = "ledger bench password 0123";

double seconds_since(SteadyClock::time_point start) {
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

std::string hex_id(uint64_t n) {
    char text[33];
    std::snprintf(text, sizeof text, "%032llx", static_cast<unsigned long long>(n));
    return text;
}

const char* const create_table =
    "CREATE TABLE raw_transfers (id TEXT PRIMARY KEY, seq BIGINT NOT NULL UNIQUE, debit_account_id TEXT NOT NULL, "
    "credit_account_id TEXT NOT NULL, amount BIGINT NOT NULL, pending_id TEXT NOT NULL, ledger TEXT NOT NULL, "
    "code BIGINT NOT NULL, flags BIGINT NOT NULL, timeout_s BIGINT NOT NULL, user_data TEXT NOT NULL, created_ms BIGINT NOT NULL)";
const char* const insert_row =
    "INSERT INTO raw_transfers VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

// ---- raw SQLite ---------------------------------------------------------------------------------

struct RawResult {
    double batch_per_s = 0;      // the best bulk path
    std::string batch_path = "prepared statement, 8,000 rows per transaction";
    double single_per_s = 0;
    std::vector<std::pair<std::string, double>> bulk_paths;  // PostgreSQL: every bulk path measured
};

RawResult raw_sqlite(const std::string& path, size_t rows, double seconds) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", nullptr, nullptr, nullptr);
    sqlite3_exec(db, create_table, nullptr, nullptr, nullptr);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, insert_row, -1, &stmt, nullptr);
    uint64_t next = 1;
    auto insert = [&] {
        const std::string id = hex_id(next), debit = hex_id(next % accounts + 1), credit = hex_id((next + 1) % accounts + 1);
        sqlite3_bind_text(stmt, 1, id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(stmt, 2, static_cast<sqlite3_int64>(next));
        sqlite3_bind_text(stmt, 3, debit.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 4, credit.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(stmt, 5, 100);
        sqlite3_bind_text(stmt, 6, "00000000000000000000000000000000", -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 7, "cash", -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 8, 1);
        sqlite3_bind_int64(stmt, 9, 0);
        sqlite3_bind_int64(stmt, 10, 0);
        sqlite3_bind_text(stmt, 11, "", -1, SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 12, 1'790'000'000'000);
        sqlite3_step(stmt);
        sqlite3_reset(stmt);
        ++next;
    };
    RawResult out;
    auto start = SteadyClock::now();
    for (size_t done = 0; done < rows;) {
        sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
        for (size_t k = 0; k < batch_transfers && done < rows; ++k, ++done) insert();
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    out.batch_per_s = static_cast<double>(rows) / seconds_since(start);
    start = SteadyClock::now();
    size_t singles = 0;
    while (seconds_since(start) < seconds) {
        sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
        insert();
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
        ++singles;
    }
    out.single_per_s = static_cast<double>(singles) / seconds_since(start);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

// ---- raw PostgreSQL ------------------------------------------------------------------------------

RawResult raw_postgres(const std::string& url, size_t rows, double seconds) {
    PGconn* conn = PQconnectdb(url.c_str());
    RawResult out;
    if (PQstatus(conn) != CONNECTION_OK) {
        std::cerr << "raw PostgreSQL: " << PQerrorMessage(conn);
        PQfinish(conn);
        return out;
    }
    PQclear(PQexec(conn, "DROP TABLE IF EXISTS raw_transfers"));
    PQclear(PQexec(conn, create_table));
    PQclear(PQprepare(conn, "ins", insert_row, 12, nullptr));
    uint64_t next = 1;
    auto insert = [&] {
        const std::string id = hex_id(next), seq = std::to_string(next), debit = hex_id(next % accounts + 1),
                          credit = hex_id((next + 1) % accounts + 1);
        const char* values[12] = {id.c_str(), seq.c_str(), debit.c_str(), credit.c_str(), "100",
                                  "00000000000000000000000000000000", "cash", "1", "0", "0", "", "1790000000000"};
        PQclear(PQexecPrepared(conn, "ins", 12, values, nullptr, nullptr, 0));
        ++next;
    };
    auto start = SteadyClock::now();
    for (size_t done = 0; done < rows;) {
        PQclear(PQexec(conn, "BEGIN"));
        for (size_t k = 0; k < batch_transfers && done < rows; ++k, ++done) insert();
        PQclear(PQexec(conn, "COMMIT"));
    }
    out.bulk_paths.emplace_back("prepared statement, row at a time", static_cast<double>(rows) / seconds_since(start));

    // Multi-row INSERT: 500 rows (6,000 parameters) a statement, 8,000 rows a transaction.
    constexpr size_t rows_per_statement = 500;
    std::string multi = "INSERT INTO raw_transfers VALUES ";
    for (size_t r = 0; r < rows_per_statement; ++r) {
        multi += r ? ",(" : "(";
        for (size_t c = 1; c <= 12; ++c) multi += (c > 1 ? ",$" : "$") + std::to_string(r * 12 + c);
        multi += ")";
    }
    PQclear(PQprepare(conn, "multi", multi.c_str(), static_cast<int>(rows_per_statement * 12), nullptr));
    start = SteadyClock::now();
    for (size_t done = 0; done < rows;) {
        PQclear(PQexec(conn, "BEGIN"));
        for (size_t k = 0; k < batch_transfers && done < rows; k += rows_per_statement, done += rows_per_statement) {
            std::vector<std::string> texts;
            texts.reserve(rows_per_statement * 12);
            for (size_t r = 0; r < rows_per_statement; ++r, ++next) {
                for (std::string v : {hex_id(next), std::to_string(next), hex_id(next % accounts + 1), hex_id((next + 1) % accounts + 1),
                                      std::string("100"), std::string("00000000000000000000000000000000"), std::string("cash"),
                                      std::string("1"), std::string("0"), std::string("0"), std::string(""), std::string("1790000000000")}) {
                    texts.push_back(std::move(v));
                }
            }
            std::vector<const char*> values;
            values.reserve(texts.size());
            for (const auto& text : texts) values.push_back(text.c_str());
            PGresult* result = PQexecPrepared(conn, "multi", static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0);
            if (PQresultStatus(result) != PGRES_COMMAND_OK) std::cerr << "multi-row INSERT: " << PQerrorMessage(conn);
            PQclear(result);
        }
        PQclear(PQexec(conn, "COMMIT"));
    }
    out.bulk_paths.emplace_back("multi-row INSERT, 500 rows a statement", static_cast<double>(rows) / seconds_since(start));

    // COPY FROM STDIN in text format, 8,000 rows a transaction.
    start = SteadyClock::now();
    for (size_t done = 0; done < rows;) {
        PQclear(PQexec(conn, "BEGIN"));
        PQclear(PQexec(conn, "COPY raw_transfers FROM STDIN"));
        std::string data;
        for (size_t k = 0; k < batch_transfers && done < rows; ++k, ++done, ++next) {
            data += hex_id(next) + "\t" + std::to_string(next) + "\t" + hex_id(next % accounts + 1) + "\t" +
                    hex_id((next + 1) % accounts + 1) + "\t100\t00000000000000000000000000000000\tcash\t1\t0\t0\t\t1790000000000\n";
        }
        PQputCopyData(conn, data.data(), static_cast<int>(data.size()));
        PQputCopyEnd(conn, nullptr);
        while (PGresult* result = PQgetResult(conn)) {
            if (PQresultStatus(result) != PGRES_COMMAND_OK) std::cerr << "COPY: " << PQerrorMessage(conn);
            PQclear(result);
        }
        PQclear(PQexec(conn, "COMMIT"));
    }
    out.bulk_paths.emplace_back("COPY, 8,000 rows a transaction", static_cast<double>(rows) / seconds_since(start));
    for (const auto& [path, rate] : out.bulk_paths) {
        if (rate > out.batch_per_s) {
            out.batch_per_s = rate;
            out.batch_path = path;
        }
    }

    start = SteadyClock::now();
    size_t singles = 0;
    while (seconds_since(start) < seconds) {
        insert();  // autocommit: one transaction, one WAL flush per row
        ++singles;
    }
    out.single_per_s = static_cast<double>(singles) / seconds_since(start);
    PQclear(PQexec(conn, "DROP TABLE raw_transfers"));
    PQfinish(conn);
    return out;
}

// ---- through the server --------------------------------------------------------------------------

std::unique_ptr<httplib::Client> signed_in(uint16_t port) {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", port);
    client->set_tcp_nodelay(true);
    client->set_read_timeout(120, 0);
    client->set_write_timeout(120, 0);
    auto login = client->Post("/api/v1/sessions", json{{"username", "bench.fund"}, {"password", password}}.dump(), "application/json");
    if (!login || login->status != 201) {
        std::cerr << "sign-in failed\n";
        std::exit(1);
    }
    client->set_bearer_token_auth(json::parse(login->body)["token"].get<std::string>());
    return client;
}

json transfer(uint64_t id) {
    return {{"id", hex_id(id)}, {"debit_account_id", hex_id(id % accounts + 1)}, {"credit_account_id", hex_id((id + 1) % accounts + 1)},
            {"amount", 100}, {"ledger", "cash"}, {"code", 1}};
}

struct ApiResult {
    double batch_per_s = 0;
    double single_per_s = 0;
    double requests_per_job = 0;  // single requests per combined write job
};

ApiResult through_api(const std::string& database_url, size_t rows, double seconds, int clients) {
    kl::Config config;
    config.database_url = database_url;
    config.listen_port = 0;
    config.log_level = "warn";
    auto app = kl::cli::App::create(config);
    if (!app) {
        std::cerr << "server: " << app.error().message << "\n";
        std::exit(1);
    }
    kl::SystemClock clock;
    kl::UuidV7Generator ids(clock);
    kl::access::UserService users((*app)->store(), clock, ids);
    auto added = users.add(std::nullopt, {"bench.fund", "Bench", password, kl::access::Role::fund_officer, std::nullopt});
    if (!added) {
        std::cerr << "user: " << added.error().message << "\n";
        std::exit(1);
    }
    if (!(*app)->start()) std::exit(1);
    auto client = signed_in((*app)->port());
    json made = {{"accounts", json::array()}};
    for (int a = 1; a <= accounts; ++a) {
        made["accounts"].push_back({{"id", hex_id(static_cast<uint64_t>(a))}, {"ledger", "cash"}, {"code", 1}, {"name", "bench " + std::to_string(a)}});
    }
    client->Post("/api/v1/ledger/accounts", made.dump(), "application/json");
    ApiResult out;
    uint64_t next = 1'000'000;
    auto start = SteadyClock::now();
    for (size_t done = 0; done < rows; done += batch_transfers) {
        json body = {{"transfers", json::array()}};
        for (size_t k = 0; k < batch_transfers; ++k) body["transfers"].push_back(transfer(next++));
        auto reply = client->Post("/api/v1/ledger/transfers", body.dump(), "application/json");
        if (!reply || reply->status != 200 || json::parse(reply->body)["failed"] != 0) {
            std::cerr << "batch failed: " << (reply ? reply->body.substr(0, 300) : "no answer") << "\n";
            std::exit(1);
        }
    }
    out.batch_per_s = static_cast<double>(rows) / seconds_since(start);
    std::atomic<uint64_t> done{0};
    std::atomic<uint64_t> id_source{100'000'000};
    const auto combined_before = (*app)->ledger().combined_stats();
    // Every client signs in before the clock starts (a sign-in hashes a password: not what is measured).
    std::vector<std::unique_ptr<httplib::Client>> own_clients;
    for (int c = 0; c < clients; ++c) own_clients.push_back(signed_in((*app)->port()));
    start = SteadyClock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            auto& own = own_clients[static_cast<size_t>(c)];
            while (seconds_since(start) < seconds) {
                json body = {{"transfers", {transfer(id_source++)}}};
                auto reply = own->Post("/api/v1/ledger/transfers", body.dump(), "application/json");
                if (reply && reply->status == 200) ++done;
            }
        });
    }
    for (auto& t : threads) t.join();
    out.single_per_s = static_cast<double>(done) / seconds_since(start);
    const auto combined_after = (*app)->ledger().combined_stats();
    out.requests_per_job = static_cast<double>(combined_after.items - combined_before.items) /
                           static_cast<double>(std::max<int64_t>(1, combined_after.jobs - combined_before.jobs));
    (*app)->stop();
    return out;
}

void report(const std::string& backend, const RawResult& raw, const ApiResult& api, double batch_target) {
    using kl::bench::at_least;
    for (const auto& [path, rate] : raw.bulk_paths) {
        std::printf("%-10s raw bulk: %-40s %10.0f rows/s\n", backend.c_str(), path.c_str(), rate);
    }
    std::printf("%-10s raw batch inserts   %10.0f rows/s (best path: %s)\n", backend.c_str(), raw.batch_per_s, raw.batch_path.c_str());
    std::printf("%-10s batch API           %10.0f transfers/s\n", backend.c_str(), api.batch_per_s);
    kl::bench::print_target(backend + " ratio batch API / best raw batch", api.batch_per_s / raw.batch_per_s, at_least(batch_target));
    std::printf("%-10s raw single commits  %10.0f rows/s\n", backend.c_str(), raw.single_per_s);
    std::printf("%-10s single-transfer API %10.0f transfers/s (%.1f requests per engine batch)\n", backend.c_str(),
                api.single_per_s, api.requests_per_job);
    kl::bench::print_target(backend + " ratio single API / raw single", api.single_per_s / raw.single_per_s, at_least(2));
}

}  // namespace

int main(int argc, char** argv) {
    kl::bench::configure_process_like_the_server();
    size_t rows = 80'000;
    double seconds = 5;
    int clients = 8;
    std::string pg = std::getenv("KASHLINK_BENCH_PG") ? std::getenv("KASHLINK_BENCH_PG") : "";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--transfers") rows = std::stoul(value);
        else if (flag == "--seconds") seconds = std::stod(value);
        else if (flag == "--clients") clients = std::stoi(value);
        else if (flag == "--pg") pg = value;
    }
    kl::init_logging("warn");
    const auto dir = std::filesystem::temp_directory_path() / ("ledger_bench_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::printf("ledger_bench: %zu transfers in batches of %zu, single requests for %.0f s from %d clients\n", rows,
                batch_transfers, seconds, clients);
    const RawResult raw = raw_sqlite((dir / "raw.sqlite").string(), rows, seconds);
    const ApiResult api = through_api("sqlite:" + (dir / "ledger.sqlite").string(), rows, seconds, clients);
    report("sqlite", raw, api, 0.25);
    if (!pg.empty()) {
        const RawResult raw_pg = raw_postgres(pg, rows, seconds);
        const ApiResult api_pg = through_api(pg, rows, seconds, clients);
        report("postgres", raw_pg, api_pg, 0.3);
    } else {
        std::printf("postgres   skipped (give --pg URL or KASHLINK_BENCH_PG)\n");
    }
    std::filesystem::remove_all(dir);
    return 0;
}
