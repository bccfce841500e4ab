-- System organisations: records Kashlink itself keeps so that its rules hold, not anyone's
-- organisation. No user belongs to one, nobody edits one, and they are left out of the organisation
-- lists and exports meant for people (README, "System organisations"); the importers recognise them.
--
-- The first is the walk-in buyer: the one buyer organisation that stands for walk-in retail customers
-- at every event's booths (0022_fair_outcomes.sql). It used to be made by the first anonymous
-- on-site sale, so two first sales at once raced for it (on PostgreSQL the second got 409); it is now
-- made here, once, with a fixed id. A database where a sale already made one keeps that one and marks
-- it instead.
ALTER TABLE organisations ADD COLUMN is_system BIGINT NOT NULL DEFAULT 0 CHECK (is_system IN (0, 1));

INSERT INTO organisations (id, name, name_en, kind, created_at_ms, updated_at_ms, is_system)
SELECT '00000000-0000-7000-8000-000000000001', '现场零售散客', 'Walk-in retail customers', 'buyer', 0, 0, 1
WHERE NOT EXISTS (SELECT 1 FROM fair_walk_in_buyer);

INSERT INTO fair_walk_in_buyer (singleton, org_id)
SELECT 1, '00000000-0000-7000-8000-000000000001'
WHERE NOT EXISTS (SELECT 1 FROM fair_walk_in_buyer);

UPDATE organisations SET is_system = 1 WHERE id IN (SELECT org_id FROM fair_walk_in_buyer);
