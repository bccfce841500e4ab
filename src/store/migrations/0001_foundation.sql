-- Foundation: what the store itself needs (src/store).
-- Portable SQL: the same text runs on SQLite and PostgreSQL. Times are UTC milliseconds since the
-- epoch (BIGINT). Statements end with a line ending in a semicolon (see migrations.h).

-- Stored first answers to requests carrying an Idempotency-Key (src/store/idempotency.h).
-- scope says who and where ("<user id> POST /api/v1/orders"); request_hash is the SHA-256 hex of the
-- request body, so a retry with another body is told apart from a true retry.
CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status BIGINT NOT NULL CHECK (status >= 100 AND status <= 599),
    content_type TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    PRIMARY KEY (scope, key)
);

-- Lets a housekeeping job delete old entries by age without scanning the table.
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at_ms);
