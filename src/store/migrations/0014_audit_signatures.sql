-- The audit chain anchored outside the database (src/audit/audit_signer.h): checkpoints and seals
-- signed with an Ed25519 key kept in a file, so a rewritten history cannot pass a checkpoint taken
-- before the rewrite. Portable SQL: the same text runs on SQLite and PostgreSQL.

-- Signed checkpoints: the chain's row `seq` had hash `head_hash` at `at_ms`. One per head: a head
-- that has not moved since its checkpoint is not signed twice.
CREATE TABLE audit_checkpoints (
    seq BIGINT PRIMARY KEY,
    head_hash TEXT NOT NULL,
    at_ms BIGINT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('appends', 'seal', 'daily', 'request')),
    public_key TEXT NOT NULL,  -- hex Ed25519 public key
    signature TEXT NOT NULL    -- hex Ed25519 signature of audit::checkpoint_message()
);

-- Seals are signed the same way; seals made before this migration keep empty values (unsigned).
ALTER TABLE audit_seals ADD COLUMN public_key TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_seals ADD COLUMN signature TEXT NOT NULL DEFAULT '';
