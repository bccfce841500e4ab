-- Aid projects (src/projects): projects and their milestones, progress, inspections and attachments;
-- contracts and modifications, invoices, payment requests; risk flags, overrides and risk settings;
-- and the Chief Service Officer book (src/servicebook).
-- Portable SQL: the same text runs on SQLite and PostgreSQL. Times are UTC milliseconds (BIGINT);
-- calendar dates TEXT 'YYYY-MM-DD'; money BIGINT fen; percentages of money in basis points (BIGINT).

CREATE TABLE projects (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    county_code TEXT NOT NULL REFERENCES counties (code),
    sector TEXT NOT NULL CHECK (sector IN ('industry', 'agriculture', 'education', 'medical', 'housing',
                                           'culture', 'infrastructure', 'other')),
    year BIGINT NOT NULL,
    budget_fen BIGINT NOT NULL CHECK (budget_fen > 0),
    status TEXT NOT NULL CHECK (status IN ('planned', 'approved', 'started', 'completed', 'accepted', 'closed')),
    progress_pct BIGINT NOT NULL DEFAULT 0 CHECK (progress_pct BETWEEN 0 AND 100),
    progress_basis TEXT,
    approved_on TEXT,
    started_on TEXT,
    completed_on TEXT,
    accepted_on TEXT,
    closed_on TEXT,
    created_by TEXT,
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL
);
CREATE INDEX projects_county_year ON projects (county_code, year, id);

CREATE TABLE project_milestones (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id),
    name TEXT NOT NULL,
    due_on TEXT NOT NULL,
    done_on TEXT,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX project_milestones_project ON project_milestones (project_id, due_on);

-- A progress report names its basis; only a verified report may be cited by a payment request.
CREATE TABLE project_progress (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id),
    as_of TEXT NOT NULL,
    pct BIGINT NOT NULL CHECK (pct BETWEEN 0 AND 100),
    basis TEXT NOT NULL CHECK (basis IN ('cost', 'physical', 'duration')),
    note TEXT NOT NULL DEFAULT '',
    reported_by TEXT,
    verified_by TEXT,
    verified_at_ms BIGINT,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX project_progress_project ON project_progress (project_id, as_of);

CREATE TABLE project_inspections (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id),
    kind TEXT NOT NULL CHECK (kind IN ('quality', 'safety')),
    inspected_on TEXT NOT NULL,
    inspector TEXT NOT NULL,
    findings TEXT NOT NULL,
    passed BIGINT NOT NULL CHECK (passed IN (0, 1)),
    rectify_by TEXT,
    rectified_on TEXT,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX project_inspections_project ON project_inspections (project_id, inspected_on);

-- Files are kept elsewhere; the record holds what identifies them.
CREATE TABLE project_attachments (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id),
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL CHECK (size_bytes > 0),
    added_by TEXT,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX project_attachments_project ON project_attachments (project_id, id);

CREATE TABLE contracts (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id),
    counterparty_org_id TEXT NOT NULL REFERENCES organisations (id),
    title TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('construction', 'goods', 'services')),
    value_fen BIGINT NOT NULL CHECK (value_fen > 0),
    retention_bp BIGINT NOT NULL CHECK (retention_bp BETWEEN 0 AND 300),
    award_date TEXT NOT NULL,
    procurement_method TEXT NOT NULL CHECK (procurement_method IN ('open_tender', 'invited_tender',
        'competitive_negotiation', 'inquiry', 'single_source', 'direct')),
    bid_count BIGINT NOT NULL CHECK (bid_count >= 0),
    tender_days BIGINT,
    created_by TEXT,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX contracts_project ON contracts (project_id, id);
CREATE INDEX contracts_counterparty ON contracts (counterparty_org_id, id);

CREATE TABLE contract_modifications (
    id TEXT PRIMARY KEY,
    contract_id TEXT NOT NULL REFERENCES contracts (id),
    kind TEXT NOT NULL CHECK (kind IN ('value', 'duration', 'scope')),
    delta_fen BIGINT NOT NULL,
    approved_on TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_by TEXT,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX contract_modifications_contract ON contract_modifications (contract_id, approved_on);

CREATE TABLE invoices (
    id TEXT PRIMARY KEY,
    contract_id TEXT NOT NULL REFERENCES contracts (id),
    payee_org_id TEXT NOT NULL REFERENCES organisations (id),
    invoice_no TEXT NOT NULL,
    amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
    issued_on TEXT NOT NULL,
    created_by TEXT,
    created_at_ms BIGINT NOT NULL,
    UNIQUE (payee_org_id, invoice_no)
);
CREATE INDEX invoices_contract ON invoices (contract_id, id);

-- status: submitted → approved → paid, or rejected. A refused payment stays approved with the
-- reason in refusal_reason; attempts numbers the payment orders tried (each gets a fresh id).
CREATE TABLE payment_requests (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects (id),
    county_code TEXT NOT NULL,
    contract_id TEXT NOT NULL REFERENCES contracts (id),
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    progress_id TEXT NOT NULL REFERENCES project_progress (id),
    payee_org_id TEXT NOT NULL REFERENCES organisations (id),
    amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
    method TEXT NOT NULL CHECK (method IN ('bank_transfer', 'cash')),
    requested_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'approved', 'paid', 'rejected')),
    requested_by TEXT,
    approved_by TEXT,
    approved_at_ms BIGINT,
    decision_reason TEXT NOT NULL DEFAULT '',
    attempts BIGINT NOT NULL DEFAULT 0,
    payment_id TEXT,
    chain_id TEXT,
    paid_on TEXT,
    paid_at_ms BIGINT,
    refusal_reason TEXT NOT NULL DEFAULT '',
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX payment_requests_status ON payment_requests (status, id);
CREATE INDEX payment_requests_contract ON payment_requests (contract_id, status);
CREATE INDEX payment_requests_county ON payment_requests (county_code, requested_on);
CREATE INDEX payment_requests_payee ON payment_requests (payee_org_id, requested_on);

-- A flag means "look", not "guilty". fingerprint (rule + the records that tripped it) keeps the
-- nightly scan from raising the same flag twice.
CREATE TABLE risk_flags (
    id TEXT PRIMARY KEY,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
    fingerprint TEXT NOT NULL UNIQUE,
    county_code TEXT,
    project_id TEXT,
    contract_id TEXT,
    payment_request_id TEXT,
    summary TEXT NOT NULL,
    evidence_json TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'confirmed', 'dismissed')),
    reviewed_by TEXT,
    review_reason TEXT NOT NULL DEFAULT '',
    reviewed_at_ms BIGINT,
    raised_at_ms BIGINT NOT NULL
);
CREATE INDEX risk_flags_status ON risk_flags (status, id);
CREATE INDEX risk_flags_request ON risk_flags (payment_request_id);
CREATE INDEX risk_flags_contract ON risk_flags (contract_id);

CREATE TABLE payment_overrides (
    id TEXT PRIMARY KEY,
    payment_request_id TEXT NOT NULL REFERENCES payment_requests (id),
    actor TEXT NOT NULL,
    reason TEXT NOT NULL,
    flag_ids TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL
);

-- Thresholds of the risk rules; the defaults are the rules' published values (funds-anchors.md §4).
CREATE TABLE risk_settings (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO risk_settings (name, value) VALUES
    ('tender_threshold_construction_fen', 400000000),
    ('tender_threshold_goods_fen', 200000000),
    ('tender_threshold_services_fen', 100000000),
    ('split_window_days', 90),
    ('near_threshold_bp', 9000),
    ('duplicate_invoice_window_days', 7),
    ('round_amount_fen', 1000000),
    ('idle_days', 90),
    ('december_share_bp', 3000),
    ('modification_share_bp', 1000),
    ('modification_after_award_days', 30),
    ('tender_days_min', 15),
    ('approval_limit_fen', 100000000),
    ('approval_margin_bp', 500),
    ('retention_cap_bp', 300);

-- Chief Service Officer book (src/servicebook).
CREATE TABLE service_enterprises (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL UNIQUE REFERENCES organisations (id),
    county_code TEXT NOT NULL REFERENCES counties (code),
    officer TEXT NOT NULL,
    is_leading BIGINT NOT NULL DEFAULT 0 CHECK (is_leading IN (0, 1)),
    since_on TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX service_enterprises_county ON service_enterprises (county_code, id);

CREATE TABLE service_visits (
    id TEXT PRIMARY KEY,
    enterprise_id TEXT NOT NULL REFERENCES service_enterprises (id),
    county_code TEXT NOT NULL,
    visited_on TEXT NOT NULL,
    officer TEXT NOT NULL,
    topics TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX service_visits_county ON service_visits (county_code, visited_on);

CREATE TABLE service_requests (
    id TEXT PRIMARY KEY,
    enterprise_id TEXT NOT NULL REFERENCES service_enterprises (id),
    county_code TEXT NOT NULL,
    subject TEXT NOT NULL,
    raised_on TEXT NOT NULL,
    deadline TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
    resolved_on TEXT,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX service_requests_county ON service_requests (county_code, raised_on);

CREATE TABLE investment_projects (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    county_code TEXT NOT NULL REFERENCES counties (code),
    investor TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('lead', 'negotiating', 'signed', 'started')),
    amount_fen BIGINT NOT NULL CHECK (amount_fen >= 0),
    listed_company BIGINT NOT NULL CHECK (listed_company IN (0, 1)),
    first_contact_on TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX investment_projects_county ON investment_projects (county_code, first_contact_on);

CREATE TABLE promotion_events (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    county_code TEXT REFERENCES counties (code),
    held_on TEXT NOT NULL,
    city TEXT NOT NULL,
    attendees BIGINT NOT NULL CHECK (attendees >= 0),
    created_at_ms BIGINT NOT NULL
);
CREATE INDEX promotion_events_held ON promotion_events (held_on, id);
