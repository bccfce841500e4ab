// `make soak` (README): the long crash soak, not part of `make test`. Three runs, each over a fresh
// demo database: kill -9 cycles on SQLite (a real file), kill -9 cycles on PostgreSQL (the server of
// scripts/test-postgres.sh, which `make soak` starts with KASHLINK_PG_DURABLE=1), and power-cut
// cycles on SQLite over the power-loss VFS. Each prints its totals; any acknowledged write lost, any
// chain or import half applied, any retry answered otherwise or any failed `kashlink verify` fails it.
//
// SOAK_CYCLES (default 100) cycles per run; SOAK_THREADS, SOAK_LOAD_MS_MAX and SOAK_SEED as in
// soak_cycles.h; GTEST_FILTER picks runs (e.g. GTEST_FILTER='*Sqlite*').
#include <gtest/gtest.h>

#include <iostream>

#include "soak/soak_cycles.h"
#include "support/test_env.h"

namespace kl::soak {
namespace {

void report(const Totals& totals, const std::string& label) {
    std::cout << "\nSOAK " << totals.text(label) << std::endl;
    EXPECT_TRUE(totals.clean()) << totals.text(label);
    EXPECT_GT(totals.acknowledged_total(), 0);
}

CycleOptions announced_options(const std::string& label) {
    CycleOptions options = options_from_environment(KL_KASHLINK_BINARY);
    std::cout << label << ": " << options.cycles << " cycles, " << options.threads << " client threads, load "
              << options.load_ms_min << "-" << options.load_ms_max << " ms, SOAK_SEED=" << options.seed << std::endl;
    return options;
}

TEST(Soak, KillNineCyclesOnSqlite) {
    test::TempDir dir;
    const std::string db = dir.file("soak.sqlite");
    const CycleOptions options = announced_options("sqlite (kill -9)");
    seed_demo_database(db);
    report(run_kill_cycles(options, db, dir.file("audit.key"), "sqlite"), "sqlite (kill -9)");
}

TEST(Soak, KillNineCyclesOnPostgres) {
    if (test::postgres_url().empty() && !test::postgres_required()) GTEST_SKIP() << "no PostgreSQL (KASHLINK_TEST_PG)";
    test::TempDir dir;
    const std::string db = test::fresh_postgres_database();
    const CycleOptions options = announced_options("postgres (kill -9)");
    seed_demo_database(db);
    report(run_kill_cycles(options, db, dir.file("audit.key"), "postgres"), "postgres (kill -9)");
}

TEST(Soak, PowerLossCyclesOnSqlite) {
    test::TempDir dir;
    const std::string db = dir.file("power.sqlite");
    const CycleOptions options = announced_options("sqlite (power loss)");
    seed_demo_database(db);
    PowerTotals power;
    const Totals totals = run_power_cycles(options, db, dir.file("audit.key"), power);
    std::cout << "SOAK sqlite (power loss): " << power.text() << std::endl;
    report(totals, "sqlite (power loss)");
}

}  // namespace
}  // namespace kl::soak
