-- Traceability (src/trace, README "Traceability (trace)"): lots and events shaped on GS1 EPCIS 2.0.
-- Events are never updated or deleted: a correction is a new event plus an error declaration row
-- pointing at the event declared wrong. Quantities are integers: grams, or units of sale for
-- products sold in boxes or pieces (quantity_unit says which).

-- A lot: a quantity of one product (and grade) of one producer. lot_code_key is the code's
-- identifier key (core/identifier.h): look-alike codes of one producer are one code.
-- on_hand = quantity − shipped − transformed out − removed; never below zero.
CREATE TABLE trace_lots (
    id TEXT PRIMARY KEY,
    producer_id TEXT NOT NULL REFERENCES organisations (id),
    product_id TEXT NOT NULL REFERENCES products (id),
    grade TEXT NOT NULL DEFAULT '',
    lot_code TEXT NOT NULL,
    lot_code_key TEXT NOT NULL,
    unit TEXT NOT NULL CHECK (unit IN ('loose', 'carton', 'pallet')),
    sscc TEXT,
    quantity_unit TEXT NOT NULL CHECK (quantity_unit IN ('grams', 'units')),
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    on_hand BIGINT NOT NULL CHECK (on_hand >= 0 AND on_hand <= quantity),
    harvest_date TEXT,
    pack_date TEXT,
    trace_code TEXT NOT NULL,
    origin_event_id TEXT NOT NULL,
    created_by TEXT,
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    CHECK ((unit = 'pallet') = (sscc IS NOT NULL))
);
CREATE UNIQUE INDEX trace_lots_code ON trace_lots (producer_id, lot_code_key);
CREATE UNIQUE INDEX trace_lots_trace_code ON trace_lots (trace_code);
CREATE UNIQUE INDEX trace_lots_sscc ON trace_lots (sscc);
CREATE INDEX trace_lots_product ON trace_lots (product_id, id);
CREATE INDEX trace_lots_producer ON trace_lots (producer_id, id);

-- Where a lot came from: suppliers among the producer's supply links, with what each contributed.
CREATE TABLE trace_lot_suppliers (
    lot_id TEXT NOT NULL REFERENCES trace_lots (id),
    supplier_id TEXT NOT NULL REFERENCES organisations (id),
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (lot_id, supplier_id)
);

-- One EPCIS event. event_id is its CBV 2.0 event hash: an identical event is stored once.
CREATE TABLE trace_events (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent')),
    action TEXT CHECK (action IN ('ADD', 'OBSERVE', 'DELETE')),
    event_time_ms BIGINT NOT NULL,
    event_time_zone_offset TEXT NOT NULL,
    record_time_ms BIGINT NOT NULL,
    biz_step TEXT,
    disposition TEXT,
    read_point TEXT REFERENCES organisations (id),
    biz_location TEXT REFERENCES organisations (id),
    parent_id TEXT,
    transformation_id TEXT,
    process TEXT,
    loss_grams BIGINT CHECK (loss_grams >= 0),
    recorded_by TEXT,
    recorded_role TEXT NOT NULL,
    CHECK ((type = 'TransformationEvent') = (action IS NULL))
);
CREATE UNIQUE INDEX trace_events_event_id ON trace_events (event_id);
CREATE INDEX trace_events_time ON trace_events (event_time_ms);

-- The event's quantity lists: quantityList, childQuantityList, inputQuantityList, outputQuantityList.
CREATE TABLE trace_event_quantities (
    event_pk TEXT NOT NULL REFERENCES trace_events (id),
    list TEXT NOT NULL CHECK (list IN ('quantity', 'child', 'input', 'output')),
    seq BIGINT NOT NULL,
    lot_id TEXT NOT NULL REFERENCES trace_lots (id),
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (event_pk, list, seq)
);
CREATE INDEX trace_event_quantities_lot ON trace_event_quantities (lot_id, event_pk);

-- bizTransactionList; order_id is set for type po (an order of the orders module).
CREATE TABLE trace_event_biz_transactions (
    event_pk TEXT NOT NULL REFERENCES trace_events (id),
    seq BIGINT NOT NULL,
    type TEXT NOT NULL,
    biz_transaction TEXT NOT NULL,
    order_id TEXT REFERENCES orders (id),
    PRIMARY KEY (event_pk, seq)
);
CREATE INDEX trace_event_biz_transactions_order ON trace_event_biz_transactions (order_id);

-- errorDeclaration: an event declared wrong (a new record; the event itself is never edited), with
-- the events that correct it.
CREATE TABLE trace_error_declarations (
    id TEXT PRIMARY KEY,
    event_pk TEXT NOT NULL REFERENCES trace_events (id),
    declaration_time_ms BIGINT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('did_not_occur', 'incorrect_data')),
    recorded_by TEXT,
    recorded_at_ms BIGINT NOT NULL
);
CREATE UNIQUE INDEX trace_error_declarations_event ON trace_error_declarations (event_pk);
CREATE TABLE trace_error_corrective_ids (
    declaration_id TEXT NOT NULL REFERENCES trace_error_declarations (id),
    seq BIGINT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (declaration_id, seq)
);

-- What is on a pallet now (AggregationEvent ADD puts on, DELETE takes off).
CREATE TABLE trace_pallet_contents (
    sscc TEXT NOT NULL,
    lot_id TEXT NOT NULL REFERENCES trace_lots (id),
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (sscc, lot_id)
);

-- Which lots filled each line of a shipped order (lot_id NULL: the line shipped without lots,
-- its producer recording none for the product yet). quantity is in units of sale.
CREATE TABLE trace_shipments (
    order_id TEXT NOT NULL REFERENCES orders (id),
    line_no BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    lot_id TEXT REFERENCES trace_lots (id),
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    lot_quantity BIGINT NOT NULL CHECK (lot_quantity > 0),
    PRIMARY KEY (order_id, line_no, seq)
);
CREATE INDEX trace_shipments_lot ON trace_shipments (lot_id);

-- The next serial reference of the SSCCs the platform makes from a configured GS1 company prefix.
CREATE TABLE trace_sscc_serials (
    company_prefix TEXT PRIMARY KEY,
    next_serial BIGINT NOT NULL CHECK (next_serial >= 0)
);
