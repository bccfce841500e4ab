#pragma once
// The PostgreSQL half of store/snapshot.h: pg_dump of an exported snapshot, pg_restore back.

#include <string>

#include "store/snapshot.h"

namespace kl::store::postgres {

Result<void> copy_snapshot(const SnapshotOptions& options);
Result<bool> database_is_empty(const std::string& url);
Result<void> restore_snapshot(const std::string& snapshot_path, const std::string& url, bool overwrite);

}  // namespace kl::store::postgres
