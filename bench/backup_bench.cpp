// backup_bench: `kashlink backup` and `kashlink restore` (issue 18 item 4) on the demo programme and on a
// season of 1,000,000 order lines, on SQLite and, with --pg URL or $KASHLINK_BENCH_PG, PostgreSQL —
// each against the plain copy of the same data in the same run:
//   SQLite      backup (online backup API under one read transaction, then SHA-256 and manifest)
//               against copying the closed database file and fsyncing it: no copy can be faster;
//               restore (checksum, backup API into the target, open, chain head check) against the
//               same file copy.
//   PostgreSQL  backup (exported snapshot + pg_dump --snapshot, SHA-256, manifest) against pg_dump
//               alone in the same format; restore (checksum, pg_restore --single-transaction, open,
//               chain head check) against pg_restore --single-transaction alone.
// No issue sets a target yet: it prints the times, the sizes and the ratios. `kashlink verify`, which
// the restore command runs after, is timed apart (it reads every audit row and transfer).
//
//   backup_bench [--lines 1000000] [--pg postgresql://…]

#include <libpq-fe.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "audit/audit_trail.h"
#include "backup/backup.h"
#include "bench_support.h"
#include "core/clock.h"
#include "demo/demo_seed.h"
#include "ledger/ledger_verify.h"
#include "order_lines_load.h"
#include "store/postgres/pg_snapshot.h"
#include "store/store.h"

namespace {

using SteadyClock = std::chrono::steady_clock;
using kl::bench::must;

double seconds_since(SteadyClock::time_point start) {
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// A fresh, empty database on the benchmark's PostgreSQL server; returns its URL.
std::string fresh_pg_database(const std::string& server_url, const std::string& name) {
    PGconn* admin = PQconnectdb(server_url.c_str());
    PQsetNoticeProcessor(admin, [](void*, const char*) {}, nullptr);  // "does not exist, skipping"
    if (PQstatus(admin) != CONNECTION_OK) throw std::runtime_error(std::string("postgres: ") + PQerrorMessage(admin));
    for (const std::string& sql : {"DROP DATABASE IF EXISTS " + name, "CREATE DATABASE " + name}) {
        PGresult* result = PQexec(admin, sql.c_str());
        const bool done = PQresultStatus(result) == PGRES_COMMAND_OK;
        PQclear(result);
        if (!done) throw std::runtime_error(sql + ": " + PQerrorMessage(admin));
    }
    PQfinish(admin);
    const auto slash = server_url.rfind('/');
    const auto query = server_url.find('?', slash);
    return server_url.substr(0, slash + 1) + name + (query == std::string::npos ? "" : server_url.substr(query));
}

void drop_pg_database(const std::string& server_url, const std::string& name) {
    PGconn* admin = PQconnectdb(server_url.c_str());
    PQsetNoticeProcessor(admin, [](void*, const char*) {}, nullptr);
    PQclear(PQexec(admin, ("DROP DATABASE IF EXISTS " + name).c_str()));
    PQfinish(admin);
}

std::unique_ptr<kl::store::Store> open(const std::string& url) {
    kl::store::StoreOptions options;
    options.url = url;
    return must(kl::store::open_store(options), "store");
}

// Copies a file and fsyncs the copy: the floor for any copy of a SQLite database.
void copy_and_sync(const std::string& from, const std::string& to) {
    std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
    FILE* file = std::fopen(to.c_str(), "r+");
    if (file == nullptr || ::fsync(fileno(file)) != 0) throw std::runtime_error("cannot fsync " + to);
    std::fclose(file);
}

void run_tool(const std::string& tool, const std::string& arguments) {
    const std::string command = kl::store::postgres::client_tool_path(tool) + " " + arguments + " >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0) throw std::runtime_error(tool + " failed: " + command);
}

struct Figures {
    double backup_s = 0, backup_floor_s = 0, restore_s = 0, restore_floor_s = 0, verify_s = 0;
    int64_t bytes = 0;
    int64_t audit_rows = 0;
};

void print(const char* backend, const char* data, const Figures& f) {
    const double mib = static_cast<double>(f.bytes) / (1024.0 * 1024.0);
    std::printf("%-9s %-22s %8.1f MiB  backup %7.2f s (%6.1f MiB/s), floor %7.2f s  restore %7.2f s, floor %7.2f s  "
                "verify %6.2f s (%lld audit rows)\n",
                backend, data, mib, f.backup_s, f.backup_s > 0 ? mib / f.backup_s : 0, f.backup_floor_s, f.restore_s,
                f.restore_floor_s, f.verify_s, static_cast<long long>(f.audit_rows));
    const std::string label = std::string(backend) + " " + data;
    kl::bench::print_untargeted(label + ": ratio backup / plain copy", f.backup_floor_s > 0 ? f.backup_s / f.backup_floor_s : 0);
    kl::bench::print_untargeted(label + ": ratio restore / plain copy", f.restore_floor_s > 0 ? f.restore_s / f.restore_floor_s : 0);
}

// Fills a source database, backs it up, restores it into a fresh one, verifies, and times the plain copies.
template <typename Fill>
Figures measure(const std::string& source, const std::string& target, const std::string& floor_target,
                const std::string& dir, bool postgres, Fill fill) {
    kl::SystemClock clock;
    fill(source);
    Figures f;
    const std::string copy = dir + "/kashlink.backup";
    const std::string plain = dir + "/plain.copy";
    auto start = SteadyClock::now();
    auto manifest = must(kl::backup::take_backup(source, copy, clock), "backup");
    f.backup_s = seconds_since(start);
    f.bytes = manifest.bytes;
    f.audit_rows = manifest.audit_head_seq;

    start = SteadyClock::now();
    if (postgres) run_tool("pg_dump", "--format=custom --no-owner --no-privileges --file=" + plain + " --dbname='" + source + "'");
    else copy_and_sync(kl::store::sqlite_path_of(source), plain);
    f.backup_floor_s = seconds_since(start);

    start = SteadyClock::now();
    must(kl::backup::restore_backup(copy, target, false), "restore");
    f.restore_s = seconds_since(start);

    start = SteadyClock::now();
    if (postgres) {
        run_tool("pg_restore", "--no-owner --no-privileges --exit-on-error --single-transaction --dbname='" + floor_target + "' " + plain);
    } else {
        copy_and_sync(plain, kl::store::sqlite_path_of(floor_target));
    }
    f.restore_floor_s = seconds_since(start);

    start = SteadyClock::now();
    {
        kl::store::StoreOptions options;
        options.url = target;
        auto store = must(kl::store::open_store(options), "restored store");
        kl::audit::AuditTrail trail(store->backend(), clock);
        auto report = must(store->read([&](kl::store::Tx& tx) { return kl::ledger::verify_all(tx, trail, nullptr); }), "verify");
        if (!report.ok()) throw std::runtime_error("the restored copy does not verify");
    }
    f.verify_s = seconds_since(start);
    return f;
}

void run_backend(const char* backend, const std::string& pg_server, int64_t lines) {
    const bool postgres = !pg_server.empty();
    const std::string dir = kl::bench::temp_dir("kashlink-backup-bench");
    auto url = [&](const std::string& name) {
        return postgres ? fresh_pg_database(pg_server, "kl_backup_bench_" + name) : dir + "/" + name + ".sqlite";
    };
    kl::SystemClock clock;
    {
        const Figures demo = measure(url("demo_src"), url("demo_dst"), url("demo_floor"), dir, postgres, [&](const std::string& source) {
            must(kl::demo::seed_demo(*open(source), clock), "demo");
        });
        print(backend, "demo programme", demo);
    }
    std::filesystem::remove(dir + "/kashlink.backup");
    std::filesystem::remove(dir + "/plain.copy");
    {
        const auto load_start = SteadyClock::now();
        const Figures season = measure(url("lines_src"), url("lines_dst"), url("lines_floor"), dir, postgres,
                                       [&](const std::string& source) {
                                           open(source);  // the schema; the loader writes on its own connection
                                           kl::bench::load_order_lines(source, lines);
                                       });
        std::fprintf(stderr, "%s: %lld order lines loaded and measured in %.1f s\n", backend, static_cast<long long>(lines),
                     seconds_since(load_start));
        print(backend, (std::to_string(lines / 1000) + "k order lines").c_str(), season);
    }
    if (postgres) {
        for (const char* name : {"demo_src", "demo_dst", "demo_floor", "lines_src", "lines_dst", "lines_floor"}) {
            drop_pg_database(pg_server, std::string("kl_backup_bench_") + name);
        }
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
}

}  // namespace

int main(int argc, char** argv) {
    kl::bench::configure_process_like_the_server();
    int64_t lines = 1'000'000;
    std::string pg = std::getenv("KASHLINK_BENCH_PG") ? std::getenv("KASHLINK_BENCH_PG") : "";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--lines") lines = std::max<int64_t>(kl::bench::lines_per_order, std::atoll(argv[i + 1]));
        else if (flag == "--pg") pg = argv[i + 1];
    }
    std::printf("Kashlink backup benchmark: backup and restore of the demo and of %lld order lines, against plain copies\n",
                static_cast<long long>(lines));
    try {
        run_backend("sqlite", "", lines);
        if (!pg.empty()) run_backend("postgres", pg, lines);
        else std::printf("postgres  skipped (give --pg URL or KASHLINK_BENCH_PG)\n");
    } catch (const std::exception& error) {
        std::cerr << "backup_bench: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
