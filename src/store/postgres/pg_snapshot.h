#pragma once
// The PostgreSQL half of store/snapshot.h: pg_dump of an exported snapshot, pg_restore back.

#include <string>

#include "store/snapshot.h"

namespace kl::store::postgres {

Result<void> copy_snapshot(const SnapshotOptions& options);
Result<bool> database_is_empty(const std::string& url);
Result<void> restore_snapshot(const std::string& snapshot_path, const std::string& url, bool overwrite);

// The path of a PostgreSQL client tool (pg_dump, pg_restore): $KASHLINK_PG_BIN/tool when set, else the
// newest /usr/lib/postgresql/*/bin that has it (Debian's /usr/bin wrapper picks a registered
// cluster's version, which a server started by hand is not), else the bare name for PATH.
std::string client_tool_path(const std::string& tool);

}  // namespace kl::store::postgres
