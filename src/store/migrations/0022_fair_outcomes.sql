-- At the event (src/fair/fair_outcome_service.h, README "Fairs: At the event"): what became of each
-- published meeting, and which orders were signed or sold at the event. The orders themselves live
-- in the orders module (created through OrderService, channels fair_intent and fair_onsite); these
-- tables only tie them to the event, its meeting or booth.

-- Every outcome recorded for a meeting, kept as a history: version 1, 2, … per (event, meeting);
-- the meeting's outcome is its highest version (the last write wins, and nothing is overwritten).
-- meeting_id is a fair_meetings id, which a meeting keeps from schedule run to run.
CREATE TABLE fair_meeting_outcomes (
    event_id TEXT NOT NULL REFERENCES fair_events (id),
    meeting_id TEXT NOT NULL,
    version BIGINT NOT NULL CHECK (version >= 1),
    outcome TEXT NOT NULL CHECK (outcome IN ('held', 'no_show', 'follow_up')),
    no_show_side TEXT CHECK (no_show_side IN ('exhibitor', 'buyer', 'both')),
    note TEXT NOT NULL DEFAULT '',
    recorded_by TEXT,
    recorded_role TEXT NOT NULL,
    recorded_at_ms BIGINT NOT NULL,
    PRIMARY KEY (event_id, meeting_id, version),
    CHECK ((outcome = 'no_show') = (no_show_side IS NOT NULL))
);

-- An order of the orders module made at the event: an intended order signed at a meeting (kind
-- intent: meeting_id and the buyer's participant set) or an on-site sale at a booth (kind onsite;
-- buyer_participant_id set when the buyer is a registered participant). The parties' organisations
-- are copied from the order (they never change) so that a list is scoped without reading orders.
CREATE TABLE fair_orders (
    order_id TEXT PRIMARY KEY REFERENCES orders (id),
    event_id TEXT NOT NULL REFERENCES fair_events (id),
    kind TEXT NOT NULL CHECK (kind IN ('intent', 'onsite')),
    meeting_id TEXT,
    exhibitor_id TEXT NOT NULL REFERENCES fair_participants (id),
    buyer_participant_id TEXT REFERENCES fair_participants (id),
    seller_org_id TEXT NOT NULL REFERENCES organisations (id),
    buyer_org_id TEXT NOT NULL REFERENCES organisations (id),
    walk_in BIGINT NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1)),
    created_at_ms BIGINT NOT NULL,
    CHECK ((kind = 'intent') = (meeting_id IS NOT NULL))
);

CREATE INDEX fair_orders_event ON fair_orders (event_id, kind, order_id);
CREATE INDEX fair_orders_meeting ON fair_orders (event_id, meeting_id);
CREATE INDEX fair_orders_seller ON fair_orders (seller_org_id, event_id);
CREATE INDEX fair_orders_buyer ON fair_orders (buyer_org_id, event_id);

-- The one buyer organisation that stands for walk-in retail customers at every event (made on the
-- first anonymous on-site sale): an order needs a buyer, and one shared "walk-in customers" buyer
-- keeps such sales out of any real buyer's figures and quota.
CREATE TABLE fair_walk_in_buyer (
    singleton BIGINT PRIMARY KEY CHECK (singleton = 1),
    org_id TEXT NOT NULL REFERENCES organisations (id)
);
