-- The backups taken of this database (src/backup/backup_runs.h, README "Backup and restore"): one row
-- per `kashlink backup` or scheduled daily backup, written after the copy is whole, so the console
-- can tell administrators when the last one was taken. The copy itself never holds its own row.
CREATE TABLE backup_runs (
    taken_at_ms BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    elapsed_ms BIGINT NOT NULL CHECK (elapsed_ms >= 0),
    bytes BIGINT NOT NULL CHECK (bytes >= 0),
    schema_version TEXT NOT NULL,
    audit_head_seq BIGINT NOT NULL CHECK (audit_head_seq >= 0),
    file TEXT NOT NULL,
    taken_by TEXT NOT NULL CHECK (taken_by IN ('command', 'schedule')),
    PRIMARY KEY (taken_at_ms, sha256)
);
