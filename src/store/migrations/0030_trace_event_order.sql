-- Events in recording order (trace/trace_repo.h, README "Traceability").
--
-- Row ids are UUIDv7: time-ordered to the millisecond, random within it, so events recorded in the
-- same millisecond (an EPCIS document of 10,000 events, a shipment's events) came back in any order.
-- seq numbers every event in the order it was recorded, from one counter row taken in the recording
-- transaction (trace_event_sequence: its row lock orders writers of two servers on one PostgreSQL
-- database too). Every list of events orders by (event_time_ms, seq): event time first, as EPCIS
-- readers expect, and recording order among events of the same time.
ALTER TABLE trace_events ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;

-- The events recorded before this migration, numbered in a stable order: by row id (recording
-- order to the millisecond, then the id's random bits, which never change).
UPDATE trace_events SET seq = numbered.n
FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM trace_events) AS numbered
WHERE numbered.id = trace_events.id;

CREATE UNIQUE INDEX trace_events_seq ON trace_events (seq);

-- The last seq handed out (one row).
CREATE TABLE trace_event_sequence (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq BIGINT NOT NULL
);
INSERT INTO trace_event_sequence (id, last_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM trace_events;

-- The orders the lists page in: every event, by time (EPCIS query without a filter, GE/LT_eventTime),
-- and by bizStep or bizLocation then time (0027's indexes ended in the row id, the old order).
DROP INDEX trace_events_time;
CREATE INDEX trace_events_time_seq ON trace_events (event_time_ms, seq);
DROP INDEX trace_events_biz_step;
CREATE INDEX trace_events_biz_step_time ON trace_events (biz_step, event_time_ms, seq);
DROP INDEX trace_events_biz_location;
CREATE INDEX trace_events_biz_location_time ON trace_events (biz_location, event_time_ms, seq);
