-- A listing's own reference (src/market, README "Import offers and demands"): the producer's or
-- buyer's name for an offer or demand in its spreadsheet, unique within the organisation, so that a
-- sheet imported twice creates each listing once. Optional: NULLs are distinct in a unique index on
-- both SQLite and PostgreSQL, so listings without a reference never collide.
-- Numbered 0010: main's 0009_daily_jobs.sql comes first in name order.
ALTER TABLE market_offers ADD COLUMN ref TEXT;
ALTER TABLE market_demands ADD COLUMN ref TEXT;
CREATE UNIQUE INDEX market_offers_ref ON market_offers (org_id, ref);
CREATE UNIQUE INDEX market_demands_ref ON market_demands (org_id, ref);
