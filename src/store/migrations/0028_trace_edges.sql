-- Trace and recall (src/trace/trace_graph.h, recall.h; README "Trace and recall").
--
-- The lot-lineage graph as edges, written in the transaction that records their event
-- (trace_repo insert_event), so that a trace is a bounded breadth-first walk over two indexes
-- instead of a search through every event's lists:
--   transformed  input lot  → output lot  (TransformationEvent: every input × every output)
--   packed       child lot  → pallet SSCC (AggregationEvent ADD)
--   shipped      lot        → order       (ObjectEvent shipping with a po business transaction)
-- quantity is what the event took of the from-lot; to_quantity what it made of (or put into) the
-- to-node, both in the from-lot's and the to-node's own units.
CREATE TABLE trace_edges (
    event_pk TEXT NOT NULL REFERENCES trace_events (id),
    kind TEXT NOT NULL CHECK (kind IN ('transformed', 'packed', 'shipped')),
    from_lot TEXT NOT NULL REFERENCES trace_lots (id),
    to_kind TEXT NOT NULL CHECK (to_kind IN ('lot', 'pallet', 'order')),
    to_id TEXT NOT NULL,
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    to_quantity BIGINT NOT NULL CHECK (to_quantity > 0),
    PRIMARY KEY (event_pk, from_lot, to_kind, to_id)
);
CREATE INDEX trace_edges_from ON trace_edges (from_lot);
CREATE INDEX trace_edges_to ON trace_edges (to_id, to_kind);
-- Pallets are found by the SSCC of a lot that is itself a pallet (trace_lots_sscc); events naming
-- a pallet as parent are found by it too.
-- (trace_events_parent, the index on trace_events (parent_id) the trace walks from a pallet, is made
-- by 0027_epcis_query_indexes, which the EPCIS query needs too.)

-- The edges of the events recorded before this migration.
INSERT INTO trace_edges (event_pk, kind, from_lot, to_kind, to_id, quantity, to_quantity)
SELECT i.event_pk, 'transformed', i.lot_id, 'lot', o.lot_id, SUM(i.quantity), SUM(o.quantity)
FROM trace_event_quantities i
JOIN trace_event_quantities o ON o.event_pk = i.event_pk AND o.list = 'output'
WHERE i.list = 'input'
GROUP BY i.event_pk, i.lot_id, o.lot_id;
INSERT INTO trace_edges (event_pk, kind, from_lot, to_kind, to_id, quantity, to_quantity)
SELECT q.event_pk, 'packed', q.lot_id, 'pallet', e.parent_id, SUM(q.quantity), SUM(q.quantity)
FROM trace_event_quantities q
JOIN trace_events e ON e.id = q.event_pk
WHERE e.type = 'AggregationEvent' AND e.action = 'ADD' AND e.parent_id IS NOT NULL AND q.list = 'child'
GROUP BY q.event_pk, q.lot_id, e.parent_id;
INSERT INTO trace_edges (event_pk, kind, from_lot, to_kind, to_id, quantity, to_quantity)
SELECT q.event_pk, 'shipped', q.lot_id, 'order', b.order_id, SUM(q.quantity), SUM(q.quantity)
FROM trace_event_quantities q
JOIN trace_events e ON e.id = q.event_pk
JOIN trace_event_biz_transactions b ON b.event_pk = e.id AND b.order_id IS NOT NULL
WHERE e.biz_step = 'shipping' AND q.list = 'quantity'
GROUP BY q.event_pk, q.lot_id, b.order_id;

-- A recall: a lot named with a reason by a county officer (its county's lots), the lot's producer or
-- an admin. Everything affected is computed when it is opened (the forward trace) and kept: the
-- buyers to notify, with what each received of which affected lot (trace_recall_items) on which
-- orders (trace_recall_orders). It is closed when every buyer has acknowledged, or by its opener
-- (or an admin) with a note.
CREATE TABLE trace_recalls (
    id TEXT PRIMARY KEY,
    lot_id TEXT NOT NULL REFERENCES trace_lots (id),
    county_code TEXT,
    producer_id TEXT NOT NULL REFERENCES organisations (id),
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    affected_lots BIGINT NOT NULL,
    affected_pallets BIGINT NOT NULL,
    affected_orders BIGINT NOT NULL,
    opened_by TEXT,
    opened_role TEXT NOT NULL,
    opened_org TEXT,
    opened_at_ms BIGINT NOT NULL,
    closed_how TEXT CHECK (closed_how IN ('all_acknowledged', 'by_opener')),
    close_note TEXT,
    closed_by TEXT,
    closed_at_ms BIGINT,
    CHECK ((status = 'closed') = (closed_at_ms IS NOT NULL))
);
CREATE INDEX trace_recalls_lot ON trace_recalls (lot_id, id);
-- At most one open recall per lot (two officers racing: the second is refused).
CREATE UNIQUE INDEX trace_recalls_open_lot ON trace_recalls (lot_id) WHERE status = 'open';
CREATE INDEX trace_recalls_producer ON trace_recalls (producer_id, id);
CREATE INDEX trace_recalls_county ON trace_recalls (county_code, id);

-- Each buyer to notify and its acknowledgement (by the buyer's own user).
CREATE TABLE trace_recall_notices (
    recall_id TEXT NOT NULL REFERENCES trace_recalls (id),
    buyer_id TEXT NOT NULL REFERENCES organisations (id),
    acknowledged_at_ms BIGINT,
    acknowledged_by TEXT,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (recall_id, buyer_id)
);
CREATE INDEX trace_recall_notices_buyer ON trace_recall_notices (buyer_id, acknowledged_at_ms, recall_id);

-- What a buyer received of an affected lot (in the lot's unit) and, once acknowledged, recovered.
CREATE TABLE trace_recall_items (
    recall_id TEXT NOT NULL REFERENCES trace_recalls (id),
    buyer_id TEXT NOT NULL REFERENCES organisations (id),
    lot_id TEXT NOT NULL REFERENCES trace_lots (id),
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    recovered BIGINT CHECK (recovered >= 0 AND recovered <= quantity),
    PRIMARY KEY (recall_id, buyer_id, lot_id)
);

CREATE TABLE trace_recall_orders (
    recall_id TEXT NOT NULL REFERENCES trace_recalls (id),
    order_id TEXT NOT NULL REFERENCES orders (id),
    buyer_id TEXT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (recall_id, order_id)
);
