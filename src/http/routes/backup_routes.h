#pragma once
// GET /api/v1/system/backups (admin, auditor): the backups taken of this database, newest first, and
// whether the daily backup is scheduled (src/backup/backup_runs.h).

#include "http/router.h"

namespace kl::backup {
class BackupLog;
}

namespace kl::http {

void add_backup_routes(Router& router, backup::BackupLog& log);

}  // namespace kl::http
