#pragma once
// The SQLite half of store/snapshot.h: the online backup API, page by page under one read transaction.

#include <string>

#include "store/snapshot.h"

namespace kl::store::sqlite {

Result<void> copy_snapshot(const std::string& path, const SnapshotOptions& options);
Result<bool> database_is_empty(const std::string& path);
Result<void> restore_snapshot(const std::string& snapshot_path, const std::string& path, bool overwrite);

}  // namespace kl::store::sqlite
