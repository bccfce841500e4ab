-- Sign-in throttling (src/access/login_throttle.h, README "Signing in and throttling"): failed
-- sign-ins counted per source address and per username as typed (trimmed, lower-cased), whether or
-- not such a user exists, so that an unknown username is throttled exactly like a known one. The
-- counters live in the database so that several server processes on one PostgreSQL share them.
-- A row is forgotten once its last failure is older than the lockout; the table is also capped
-- (login_throttle_rows_max), oldest failures evicted first.
-- Numbered 0015: numbers 0013 and 0014 are taken by changes made alongside this one.
CREATE TABLE login_throttle (
    throttle_key TEXT PRIMARY KEY,                 -- 'address:<ip or IPv6 /64>' or 'account:<username>'
    failures BIGINT NOT NULL CHECK (failures >= 0), -- failures since the row was last forgotten
    last_failure_ms BIGINT NOT NULL,
    locked_until_ms BIGINT NOT NULL DEFAULT 0       -- 0 or a time: refused (address) / guarded (account) until then
);

CREATE INDEX login_throttle_last_failure ON login_throttle (last_failure_ms);
