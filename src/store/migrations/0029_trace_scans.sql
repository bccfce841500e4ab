-- Scans of the public trace page (src/trace/public_trace.h, README "Traceability (trace)"): how many
-- times a lot's page was looked up on each day (Beijing), and nothing else — no address, no device,
-- no time of day. lot_id '' counts the lookups of codes that name no lot (a rising count there is
-- someone trying codes), so it has no reference to trace_lots.
CREATE TABLE trace_scans (
    lot_id TEXT NOT NULL,
    day TEXT NOT NULL,
    count BIGINT NOT NULL CHECK (count > 0),
    PRIMARY KEY (lot_id, day)
);
