-- Sessions are kept in each server process's memory (src/access/session_cache.h, README "Sessions
-- from memory"). Whatever ends or narrows a session — sign-out, a password change, a user disabled or
-- given another role or organisation — advances this one counter in the same transaction; every
-- process compares it with the value its cached sessions were read under at most every
-- session_epoch_recheck_ms and drops them all when it moved, so a revocation made by another process
-- on the same database (another server, the command line) takes effect within that interval.
-- Numbered 0026: numbers 0023 to 0025 are taken by changes made alongside this one.
CREATE TABLE auth_epoch (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);

INSERT INTO auth_epoch (id, version) VALUES (1, 0);
