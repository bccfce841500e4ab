#pragma once
// A consistent copy of a serving database, and putting one back: the storage half of `kashlink backup`
// and `kashlink restore` (src/backup adds the checksum, the manifest and the audit head).
//
// SQLite: the online backup API (sqlite3_backup_step) copies every page under ONE read transaction of
// a connection of its own, so writers carry on (WAL) and the copy is the database as of that
// transaction's start. PostgreSQL: a REPEATABLE READ transaction exports its snapshot
// (pg_export_snapshot) and `pg_dump --snapshot` dumps exactly that state in the custom format while the
// transaction stays open. Either way `inside` runs in that same read transaction, so what it reads (the
// audit chain's head, the schema version) is what the copy holds.

#include <cstdint>
#include <functional>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace kl::store {

struct SnapshotOptions {
    std::string url;        // the database to copy: a SQLite path/URL or postgresql://…
    std::string out_path;   // the file to write; written beside as out_path + ".partial", renamed when whole
    std::function<Result<void>(Tx&)> inside;  // runs in the snapshot's read transaction (may be empty)
};

// Writes the copy; `unavailable` when the database or the tools cannot be reached.
Result<void> copy_snapshot(const SnapshotOptions& options);

// True when the database at `url` holds no table (a fresh file, a new PostgreSQL database).
Result<bool> database_is_empty(const std::string& url);

// Puts a copy made by copy_snapshot() for the same backend into the database at `url`. With
// `overwrite`, whatever the database held is replaced; without it a database that is not empty is
// refused (failed_precondition). Does not migrate or verify: the caller does.
Result<void> restore_snapshot(const std::string& snapshot_path, const std::string& url, bool overwrite);

}  // namespace kl::store
