-- Users, organisations' identities and sign-in sessions (src/access).
-- Portable SQL: the same text runs on SQLite and PostgreSQL. Times are UTC milliseconds since the
-- epoch (BIGINT); flags are BIGINT 0/1 so both backends return the same integer type.

-- An organisation's identity only; the catalog extends this table (credit code, county, links).
CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('enterprise', 'cooperative', 'family_workshop', 'household',
                                       'buyer', 'logistics', 'agency')),
    created_at_ms BIGINT NOT NULL
);

CREATE INDEX organisations_kind ON organisations (kind, id);

-- The CHECK on org_id repeats the service rule at the lowest level: organisation-scoped roles carry
-- an organisation, programme-wide roles (admin, fund_officer, auditor) never do.
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'fund_officer', 'county_officer', 'producer', 'buyer',
                                       'logistics', 'auditor')),
    org_id TEXT REFERENCES organisations (id),
    password_hash TEXT NOT NULL,
    disabled BIGINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    failed_logins BIGINT NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until_ms BIGINT NOT NULL DEFAULT 0,
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    CHECK ((org_id IS NULL) = (role IN ('admin', 'fund_officer', 'auditor')))
);

CREATE INDEX users_org_id ON users (org_id);

-- A session is found by the SHA-256 (hex) of its bearer token; the token itself is never stored.
-- The CSRF token is stored the same way, as its SHA-256 hex.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    csrf_token_hash TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    expires_at_ms BIGINT NOT NULL,
    revoked_at_ms BIGINT,
    remote_address TEXT NOT NULL DEFAULT ''
);

CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at_ms);
