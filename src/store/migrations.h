#pragma once
// Versioned schema migrations: portable SQL files in src/store/migrations/, named NNNN_topic.sql,
// embedded at build time and applied in name order, each in its own transaction, recorded in
// schema_migrations. Statements are separated by lines ending in ';'. A migration that needs what
// portable SQL cannot compute (0013: Unicode identifier keys) has a C++ step, run after its SQL in the
// same transaction (migrations.cpp run_code_step).

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace kl::store {

struct Migration {
    std::string name;  // "0001_foundation"
    std::string sql;
};

const std::vector<Migration>& embedded_migrations();

// Applies the migrations not yet recorded; returns the names applied now. Each migration runs in one
// transaction. Safe when several processes start at once: SQLite's BEGIN IMMEDIATE serialises them,
// PostgreSQL's pg_advisory_xact_lock does; the loser finds the migration recorded and skips it.
// A database already up to date is only read, so a read-only file still opens.
Result<std::vector<std::string>> migrate(Store& store);

// The same for a chosen list, in its order: migrate() passes embedded_migrations(). The upgrade tests
// pass a prefix of it (the schema of an older release) or add a migration made to fail. A failing
// migration's transaction rolls back whole — its statements, its code step and its record — so the
// database stays as the migration before it left it; the error names the migration and statement.
Result<std::vector<std::string>> migrate(Store& store, const std::vector<Migration>& migrations);

// The embedded migrations up to and including `last` (an older release's schema); empty when no
// embedded migration has that name.
std::vector<Migration> embedded_migrations_through(std::string_view last);

// The newest migration recorded in the database the transaction reads ("" when none): the schema
// version a backup holds.
Result<std::string> newest_applied_migration(Tx& tx);

// Splits migration SQL into statements. Kept simple on purpose: a statement ends at a line whose last
// non-blank character is ';'; lines starting with "--" are comments and dropped. So a ';' must not
// end a line inside a string literal, and a comment must not follow a ';' on the same line.
Result<std::vector<std::string>> split_statements(const std::string& sql);

}  // namespace kl::store
