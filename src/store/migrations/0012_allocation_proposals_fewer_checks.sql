-- Storing a run's proposals is part of every allocation run (3,700 rows for 5,000 offers x 1,000
-- demands, 21,700 for 20,000 x 5,000), and each row paid seven foreign-key look-ups. Three of them
-- checked copies: seller_org_id, buyer_org_id and product_id are taken from the proposal's offer and
-- demand (allocation_repo.cpp store_result), whose own keys the offer_id and demand_id references
-- already guarantee — a copy of a value that exists there exists. Without those three checks the
-- same rows are accepted and refused, a few ms sooner per run (all seven cost 6–7 ms of 20).
-- Neither SQLite nor portable SQL drops a column's REFERENCES in place, so the table is rebuilt
-- (the same columns and checks; run, offer, demand and lane references kept), then its indexes are
-- made again: 0005's run index and 0011's confirmed-only ones.
-- Deliberately no index on lane_id: a run's proposals would land at the end of every lane's range of
-- it, dirtying some 200 pages per run (storing a run went from 25 to 39 ms), to speed only a lane's
-- deletion, a rare admin action that may read the proposals (LaneService::remove).
CREATE TABLE allocation_proposals_rebuilt (
    id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES allocation_runs (id),
    offer_id TEXT NOT NULL REFERENCES market_offers (id),
    demand_id TEXT NOT NULL REFERENCES market_demands (id),
    seller_org_id TEXT NOT NULL,  -- the offer's org_id
    buyer_org_id TEXT NOT NULL,   -- the demand's org_id
    product_id TEXT NOT NULL,     -- the offer's product_id
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

INSERT INTO allocation_proposals_rebuilt (id, run_id, offer_id, demand_id, seller_org_id, buyer_org_id, product_id,
    grade, district_code, lane_id, mode, quantity_g, offer_price_fen_per_kg, freight_fen_per_kg,
    delivered_price_fen_per_kg, departure_date, arrival_date, shelf_life_left_days, aided, status, seller_decision,
    seller_decided_by, buyer_decision, buyer_decided_by, order_id, updated_at_ms)
SELECT id, run_id, offer_id, demand_id, seller_org_id, buyer_org_id, product_id, grade, district_code, lane_id, mode,
    quantity_g, offer_price_fen_per_kg, freight_fen_per_kg, delivered_price_fen_per_kg, departure_date, arrival_date,
    shelf_life_left_days, aided, status, seller_decision, seller_decided_by, buyer_decision, buyer_decided_by, order_id,
    updated_at_ms
FROM allocation_proposals;

DROP TABLE allocation_proposals;
ALTER TABLE allocation_proposals_rebuilt RENAME TO allocation_proposals;

CREATE INDEX allocation_proposals_run ON allocation_proposals (run_id, id);
CREATE INDEX allocation_proposals_offer_confirmed ON allocation_proposals (offer_id, quantity_g)
    WHERE status = 'confirmed';
CREATE INDEX allocation_proposals_demand_confirmed ON allocation_proposals (demand_id, aided, quantity_g)
    WHERE status = 'confirmed';
