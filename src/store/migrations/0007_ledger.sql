-- Ledger (src/ledger), funds structure (src/funds) and audit trail (src/audit).
-- Portable SQL (SQLite and PostgreSQL). Money is BIGINT fen; times are UTC ms since the epoch.
-- Ledger ids are 128-bit numbers written as 32 lowercase hex digits (TigerBeetle's u128 ids).

-- An account: which ledger it is on (cash | quota | commitment), a code (its kind), flags (bit mask,
-- ledger/ledger_types.h) and its four running totals. The totals are a cache of the transfers:
-- `kashlink verify` recomputes them and reports any difference.
CREATE TABLE ledger_accounts (
    id TEXT PRIMARY KEY,
    ledger TEXT NOT NULL,
    code BIGINT NOT NULL,
    flags BIGINT NOT NULL,
    name TEXT NOT NULL,
    user_data TEXT NOT NULL,
    debits_pending BIGINT NOT NULL,
    debits_posted BIGINT NOT NULL,
    credits_pending BIGINT NOT NULL,
    credits_posted BIGINT NOT NULL,
    created_ms BIGINT NOT NULL
);

-- Immutable transfers; the id is the client's idempotency key. seq is the ledger's own order (every
-- transfer gets the next number, so history by time is stable even within one millisecond).
CREATE TABLE ledger_transfers (
    id TEXT PRIMARY KEY,
    seq BIGINT NOT NULL UNIQUE,
    debit_account_id TEXT NOT NULL,
    credit_account_id TEXT NOT NULL,
    amount BIGINT NOT NULL,
    pending_id TEXT NOT NULL,
    ledger TEXT NOT NULL,
    code BIGINT NOT NULL,
    flags BIGINT NOT NULL,
    timeout_s BIGINT NOT NULL,
    user_data TEXT NOT NULL,
    created_ms BIGINT NOT NULL
);
CREATE INDEX ledger_transfers_debit ON ledger_transfers (debit_account_id, created_ms, seq);
CREATE INDEX ledger_transfers_credit ON ledger_transfers (credit_account_id, created_ms, seq);

-- The state of each pending (two-phase) transfer: pending until posted, voided or expired (at
-- expires_ms on the ledger's clock; 0 = never).
CREATE TABLE ledger_pending (
    transfer_id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    expires_ms BIGINT NOT NULL,
    resolved_by TEXT NOT NULL,
    resolved_ms BIGINT NOT NULL
);
CREATE INDEX ledger_pending_due ON ledger_pending (state, expires_ms);

-- Ids whose transfer failed: a retry with the same id gets the same failure (TigerBeetle's
-- id_already_failed), so a retry can never turn a refused payment into an accepted one.
CREATE TABLE ledger_failed_transfers (
    id TEXT PRIMARY KEY,
    body_hash TEXT NOT NULL,
    result TEXT NOT NULL,
    created_ms BIGINT NOT NULL
);

-- The ledger's monotonic counters (next transfer seq).
CREATE TABLE ledger_counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO ledger_counters (name, value) VALUES ('transfer_seq', 0);

-- The programme's account structure over the ledger: which ledger account plays which role for
-- which node (master, front command, county, project, payee).
CREATE TABLE funds_accounts (
    account_id TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    level TEXT NOT NULL,
    county_code TEXT NOT NULL,
    project_id TEXT NOT NULL,
    payee_org_id TEXT NOT NULL,
    UNIQUE (level, county_code, project_id, payee_org_id, role)
);
CREATE INDEX funds_accounts_project ON funds_accounts (project_id);

-- The hash-chained audit trail: each row's hash covers the previous row's hash and its own fields.
CREATE TABLE audit_events (
    seq BIGINT PRIMARY KEY,
    at_ms BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    body TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_events_record ON audit_events (record_type, record_id, seq);

-- Sealed months: the hash of the last row of the month, so a sealed period cannot be rewritten.
CREATE TABLE audit_seals (
    month TEXT PRIMARY KEY,
    last_seq BIGINT NOT NULL,
    last_hash TEXT NOT NULL,
    seal_hash TEXT NOT NULL,
    sealed_ms BIGINT NOT NULL,
    actor TEXT NOT NULL
);
