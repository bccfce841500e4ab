#include "store/migrations.h"

#include <algorithm>
#include <set>

#include "core/clock.h"
#include "core/log.h"
#include "store/identifier_keys.h"
#include "store/sql.h"

namespace kl::store {

namespace {

// Any constant will do, as long as no other code of ours takes the same advisory lock.
constexpr int64_t migration_advisory_lock_key = 0x6b6c6d6967;  // "klmig"

const char* const create_schema_migrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at_ms BIGINT NOT NULL)";

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

std::string trim_right(std::string line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.pop_back();
    return line;
}

// What a migration needs that portable SQL cannot do, run after its SQL in its transaction.
Result<void> run_code_step(Tx& tx, const Migration& migration) {
    if (migration.name == "0013_identifier_keys") {
        // NFKC and Unicode case folding exist only in C++ (core/identifier.h).
        KL_TRY_ASSIGN(int64_t left_without, backfill_identifier_keys(tx));
        if (left_without > 0) spdlog::warn("{} look-alike identifiers left without a key (see above)", left_without);
    }
    return ok();
}

// Names already recorded, read without writing anything: a read-only database that is up to date
// must still open (writes then fail as `unavailable`, reads keep working).
Result<std::set<std::string>> applied_names(Store& store) {
    std::set<std::string> names;
    auto read = store.read([&](Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(Rows rows, tx.query("SELECT name FROM schema_migrations"));
        for (const auto& row : rows) names.insert(row.text(0));
        return ok();
    });
    if (!read) return fail(std::move(read).error());
    return names;
}

// Applies one migration in its own transaction, unless another process applied it meanwhile.
// Returns whether it ran here.
Result<bool> apply_one(Store& store, const Migration& migration) {
    KL_TRY_ASSIGN(auto statements, split_statements(migration.sql));
    // SQLite: BEGIN IMMEDIATE already holds the database's write lock. PostgreSQL: concurrent
    // starters queue on this lock, so `CREATE TABLE IF NOT EXISTS` and the check below never race.
    KL_TRY_ASSIGN(auto tx, store.begin(TxMode::read_write));
    KL_TRY(lock_until_commit(*tx, store.backend(), migration_advisory_lock_key));
    KL_TRY(tx->execute(create_schema_migrations));
    KL_TRY_ASSIGN(Rows done, tx->query("SELECT name FROM schema_migrations WHERE name = $1", {migration.name}));
    if (!done.empty()) return false;
    for (size_t index = 0; index < statements.size(); ++index) {
        auto executed = tx->execute(statements[index]);
        if (!executed) {
            Error error = std::move(executed).error();
            error.message = "migration " + migration.name + ", statement " + std::to_string(index + 1) + ": " +
                            error.message;
            return fail(std::move(error));
        }
    }
    KL_TRY(run_code_step(*tx, migration));
    KL_TRY(tx->execute("INSERT INTO schema_migrations (name, applied_at_ms) VALUES ($1, $2)",
                       {migration.name, SystemClock().now_ms()}));
    KL_TRY(tx->commit());
    return true;
}

}  // namespace

Result<std::vector<std::string>> split_statements(const std::string& sql) {
    std::vector<std::string> statements;
    std::string current;
    size_t start = 0;
    while (start < sql.size()) {
        size_t end = sql.find('\n', start);
        if (end == std::string::npos) end = sql.size();
        std::string line = trim_right(sql.substr(start, end - start));
        start = end + 1;
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line.compare(first, 2, "--") == 0) continue;  // blank or comment line
        const bool last_line = !line.empty() && line.back() == ';';
        if (last_line) line.pop_back();
        current += line;
        current += '\n';
        if (last_line) {
            if (!blank(current)) statements.push_back(current);
            current.clear();
        }
    }
    if (!blank(current)) {
        return fail(ErrorCode::internal, "migration SQL ends without ';' after: " + current.substr(0, 80));
    }
    return statements;
}

Result<std::vector<std::string>> migrate(Store& store) { return migrate(store, embedded_migrations()); }

std::vector<Migration> embedded_migrations_through(std::string_view last) {
    const auto& all = embedded_migrations();
    auto end = std::find_if(all.begin(), all.end(), [&](const Migration& migration) { return migration.name == last; });
    if (end == all.end()) return {};
    return std::vector<Migration>(all.begin(), end + 1);
}

Result<std::vector<std::string>> migrate(Store& store, const std::vector<Migration>& migrations) {
    std::set<std::string> applied;
    if (auto names = applied_names(store)) {
        applied = std::move(*names);
    }  // else: no schema_migrations table yet (a new database); apply_one creates it.
    std::vector<std::string> ran;
    for (const auto& migration : migrations) {
        if (applied.count(migration.name) != 0) continue;
        KL_TRY_ASSIGN(bool applied_here, apply_one(store, migration));
        if (applied_here) {
            spdlog::info("applied migration {}", migration.name);
            ran.push_back(migration.name);
        }
    }
    return ran;
}

Result<std::string> newest_applied_migration(Tx& tx) {
    KL_TRY_ASSIGN(Rows rows, tx.query("SELECT max(name) FROM schema_migrations"));
    return rows.empty() || rows[0].is_null(0) ? std::string() : rows[0].text(0);
}

}  // namespace kl::store
