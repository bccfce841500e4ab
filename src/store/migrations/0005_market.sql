-- Market matching (src/market): transport nodes and lanes, supply offers, buyer demands, allocation
-- runs and their proposals. Portable SQL: the same text runs on SQLite and PostgreSQL. Mass is BIGINT
-- grams, money BIGINT fen (prices fen per kg), dates TEXT 'YYYY-MM-DD', times UTC milliseconds.

-- Where goods leave Kashgar (one origin node per aided county) and arrive in Shanghai (one destination
-- node per district). Reference data: the logistics module later adds warehouses and ports as nodes.
CREATE TABLE market_nodes (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('origin', 'destination')),
    county_code TEXT REFERENCES counties (code),
    district_code TEXT REFERENCES districts (code),
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    CHECK ((kind = 'origin') = (county_code IS NOT NULL)),
    CHECK ((kind = 'destination') = (district_code IS NOT NULL))
);

CREATE UNIQUE INDEX market_nodes_county ON market_nodes (county_code);
CREATE UNIQUE INDEX market_nodes_district ON market_nodes (district_code);

INSERT INTO market_nodes (id, kind, county_code, district_code, name_zh, name_en)
SELECT 'origin-' || code, 'origin', code, NULL, name_zh || '发运点', name_en || ' dispatch' FROM counties;

INSERT INTO market_nodes (id, kind, county_code, district_code, name_zh, name_en)
SELECT 'dest-' || code, 'destination', NULL, code, name_zh || '收货点', name_en || ' receiving' FROM districts;

-- A lane: one mode and temperature class from an origin to a destination, with its door-to-door
-- transit time and freight per kg.
CREATE TABLE market_lanes (
    id TEXT PRIMARY KEY,
    origin_node_id TEXT NOT NULL REFERENCES market_nodes (id),
    destination_node_id TEXT NOT NULL REFERENCES market_nodes (id),
    mode TEXT NOT NULL CHECK (mode IN ('truck', 'rail', 'air')),
    transit_hours BIGINT NOT NULL CHECK (transit_hours >= 1),
    cost_fen_per_kg BIGINT NOT NULL CHECK (cost_fen_per_kg >= 0),
    temperature_class TEXT NOT NULL CHECK (temperature_class IN ('ambient', 'chilled_0_4', 'chilled_0_10', 'frozen_minus18')),
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    UNIQUE (origin_node_id, destination_node_id, mode, temperature_class)
);

-- A producer's offer of one grade of one product.
CREATE TABLE market_offers (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    product_id TEXT NOT NULL,
    grade TEXT NOT NULL,
    quantity_g BIGINT NOT NULL CHECK (quantity_g >= 1),
    price_fen_per_kg BIGINT NOT NULL CHECK (price_fen_per_kg >= 1),
    available_from TEXT NOT NULL,
    available_to TEXT NOT NULL,
    packed_on TEXT NOT NULL,
    origin_node_id TEXT NOT NULL REFERENCES market_nodes (id),
    status TEXT NOT NULL CHECK (status IN ('open', 'withdrawn')),
    created_by TEXT,
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    FOREIGN KEY (product_id, grade) REFERENCES product_grades (product_id, code),
    CHECK (available_from <= available_to)
);

CREATE INDEX market_offers_org ON market_offers (org_id, id);
CREATE INDEX market_offers_status ON market_offers (status, id);

-- A buyer's demand for a product, or for any product of a category (and its subcategories).
-- min_grade_rank is what the engine compares (1 = best); min_grade names the grade for a product.
CREATE TABLE market_demands (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    product_id TEXT REFERENCES products (id),
    category_id TEXT REFERENCES categories (id),
    min_grade TEXT,
    min_grade_rank BIGINT NOT NULL CHECK (min_grade_rank >= 1),
    quantity_g BIGINT NOT NULL CHECK (quantity_g >= 1),
    max_price_fen_per_kg BIGINT NOT NULL CHECK (max_price_fen_per_kg >= 1),
    deliver_by TEXT NOT NULL,
    district_code TEXT NOT NULL REFERENCES districts (code),
    min_shelf_life_days BIGINT NOT NULL CHECK (min_shelf_life_days >= 0),
    min_aided_g BIGINT NOT NULL DEFAULT 0 CHECK (min_aided_g >= 0),
    status TEXT NOT NULL CHECK (status IN ('open', 'withdrawn')),
    created_by TEXT,
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    CHECK ((product_id IS NULL) <> (category_id IS NULL)),
    CHECK (min_aided_g <= quantity_g)
);

CREATE INDEX market_demands_org ON market_demands (org_id, id);
CREATE INDEX market_demands_status ON market_demands (status, id);

-- One run of the matching engine (a job: queued → running → done | failed).
CREATE TABLE allocation_runs (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    as_of TEXT NOT NULL,
    requested_by TEXT,
    requested_at_ms BIGINT NOT NULL,
    started_at_ms BIGINT,
    finished_at_ms BIGINT,
    error TEXT,
    offer_count BIGINT NOT NULL DEFAULT 0,
    demand_count BIGINT NOT NULL DEFAULT 0,
    arc_count BIGINT NOT NULL DEFAULT 0,
    proposal_count BIGINT NOT NULL DEFAULT 0,
    penalty_fen_per_kg BIGINT NOT NULL DEFAULT 0,
    demanded_g BIGINT NOT NULL DEFAULT 0,
    allocated_g BIGINT NOT NULL DEFAULT 0,
    unmet_g BIGINT NOT NULL DEFAULT 0,
    aided_shortfall_g BIGINT NOT NULL DEFAULT 0,
    -- Σ quantity_g × delivered fen/kg over proposals: exact in 1/1000 fen (milli-fen).
    delivered_cost_mfen BIGINT NOT NULL DEFAULT 0,
    -- the min-cost-flow objective: delivered cost plus the unmet and aid-shortfall penalties (milli-fen)
    objective_mfen BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX allocation_runs_requested ON allocation_runs (requested_at_ms, id);

-- A proposed shipment of an offer to a demand. Each side accepts or declines; when both accepted
-- the order sink makes a confirmed order and its id is kept here.
CREATE TABLE allocation_proposals (
    id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES allocation_runs (id),
    offer_id TEXT NOT NULL REFERENCES market_offers (id),
    demand_id TEXT NOT NULL REFERENCES market_demands (id),
    seller_org_id TEXT NOT NULL REFERENCES organisations (id),
    buyer_org_id TEXT NOT NULL REFERENCES organisations (id),
    product_id TEXT NOT NULL REFERENCES products (id),
    grade TEXT NOT NULL,
    district_code TEXT NOT NULL,
    lane_id TEXT NOT NULL REFERENCES market_lanes (id),
    mode TEXT NOT NULL,
    quantity_g BIGINT NOT NULL CHECK (quantity_g >= 1),
    offer_price_fen_per_kg BIGINT NOT NULL,
    freight_fen_per_kg BIGINT NOT NULL,
    delivered_price_fen_per_kg BIGINT NOT NULL,
    departure_date TEXT NOT NULL,
    arrival_date TEXT NOT NULL,
    shelf_life_left_days BIGINT NOT NULL,
    aided BIGINT NOT NULL CHECK (aided IN (0, 1)),
    status TEXT NOT NULL CHECK (status IN ('proposed', 'declined', 'confirmed')),
    seller_decision TEXT CHECK (seller_decision IN ('accepted', 'declined')),
    seller_decided_by TEXT,
    buyer_decision TEXT CHECK (buyer_decision IN ('accepted', 'declined')),
    buyer_decided_by TEXT,
    order_id TEXT,
    updated_at_ms BIGINT NOT NULL
);

CREATE INDEX allocation_proposals_run ON allocation_proposals (run_id, id);
CREATE INDEX allocation_proposals_offer ON allocation_proposals (offer_id, status);
CREATE INDEX allocation_proposals_demand ON allocation_proposals (demand_id, status);

-- Demand a run could not meet (and how much of its aided-county minimum went unmet).
CREATE TABLE allocation_unmet (
    run_id TEXT NOT NULL REFERENCES allocation_runs (id),
    demand_id TEXT NOT NULL REFERENCES market_demands (id),
    buyer_org_id TEXT NOT NULL,
    unmet_g BIGINT NOT NULL CHECK (unmet_g >= 0),
    aided_shortfall_g BIGINT NOT NULL CHECK (aided_shortfall_g >= 0),
    PRIMARY KEY (run_id, demand_id)
);
