-- Fairs and matchmaking events (src/fair, README "Fairs"): events with their sessions, meeting slots
-- and tables; organisers; participants (exhibitors and buyer representatives) with the products they
-- show and the slots they can attend; both sides' ratings of each other; and the schedules the
-- meeting scheduler computed (src/fair/meeting_schedule.h), with their meetings and what they say
-- (must-meets unmet, minimums unmet, what became of each published meeting on a rerun).
-- Times of day are minutes after midnight, Asia/Shanghai (the event's time zone); dates YYYY-MM-DD.

CREATE TABLE fair_events (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('trade_fair', 'matchmaking')),
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    venue TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    time_zone TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    state TEXT NOT NULL CHECK (state IN ('draft', 'registration', 'scheduling', 'published', 'live', 'closed')),
    slot_minutes BIGINT NOT NULL CHECK (slot_minutes >= 5),
    break_minutes BIGINT NOT NULL CHECK (break_minutes >= 0),
    buyer_must_meet BIGINT NOT NULL CHECK (buyer_must_meet >= 0),
    buyer_meet BIGINT NOT NULL CHECK (buyer_meet >= 0),
    exhibitor_must_meet BIGINT NOT NULL CHECK (exhibitor_must_meet >= 0),
    exhibitor_meet BIGINT NOT NULL CHECK (exhibitor_meet >= 0),
    recommendation_max BIGINT NOT NULL CHECK (recommendation_max >= 0),
    published_schedule_id TEXT,
    created_by TEXT,
    created_at_ms BIGINT NOT NULL,
    CHECK (starts_on <= ends_on)
);

CREATE TABLE fair_organisers (
    event_id TEXT NOT NULL REFERENCES fair_events (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (event_id, user_id)
);

CREATE INDEX fair_organisers_user ON fair_organisers (user_id);

CREATE TABLE fair_sessions (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES fair_events (id),
    held_on TEXT NOT NULL,
    starts_min BIGINT NOT NULL CHECK (starts_min >= 0 AND starts_min < 1440),
    ends_min BIGINT NOT NULL CHECK (ends_min > starts_min AND ends_min <= 1440)
);

CREATE INDEX fair_sessions_event ON fair_sessions (event_id, held_on, starts_min);

-- Generated from the session and the event's slot length and break; position orders an event's
-- slots in time (0, 1, …), which the scheduler takes as its slot index.
CREATE TABLE fair_slots (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES fair_events (id),
    session_id TEXT NOT NULL REFERENCES fair_sessions (id),
    held_on TEXT NOT NULL,
    starts_min BIGINT NOT NULL,
    ends_min BIGINT NOT NULL,
    CHECK (ends_min > starts_min)
);

CREATE INDEX fair_slots_event ON fair_slots (event_id, held_on, starts_min);

CREATE TABLE fair_participants (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES fair_events (id),
    side TEXT NOT NULL CHECK (side IN ('exhibitor', 'buyer')),
    org_id TEXT NOT NULL REFERENCES organisations (id),
    person_name TEXT NOT NULL DEFAULT '',
    person_key TEXT NOT NULL DEFAULT '',   -- NFKC case-folded person_name (core/identifier.h)
    title TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    booth TEXT NOT NULL DEFAULT '',
    meetings_min BIGINT NOT NULL CHECK (meetings_min >= 0),
    meetings_max BIGINT NOT NULL CHECK (meetings_max >= meetings_min),
    checked_in_at_ms BIGINT,
    withdrawn BIGINT NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
    created_at_ms BIGINT NOT NULL
);

-- One exhibitor per organisation, one buyer representative per organisation and person, per event.
CREATE UNIQUE INDEX fair_participants_identity ON fair_participants (event_id, side, org_id, person_key);
CREATE INDEX fair_participants_org ON fair_participants (org_id, side);

CREATE TABLE fair_tables (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES fair_events (id),
    number BIGINT NOT NULL CHECK (number >= 1),
    owner_participant_id TEXT REFERENCES fair_participants (id),
    UNIQUE (event_id, number)
);

CREATE TABLE fair_participant_products (
    participant_id TEXT NOT NULL REFERENCES fair_participants (id),
    product_id TEXT NOT NULL REFERENCES products (id),
    PRIMARY KEY (participant_id, product_id)
);

-- No row for a participant: it can attend every slot of the event.
CREATE TABLE fair_availability (
    participant_id TEXT NOT NULL REFERENCES fair_participants (id),
    slot_id TEXT NOT NULL REFERENCES fair_slots (id),
    PRIMARY KEY (participant_id, slot_id)
);

-- Both sides' ratings of one exhibitor–buyer pair ('none': that side said nothing).
CREATE TABLE fair_preferences (
    event_id TEXT NOT NULL REFERENCES fair_events (id),
    exhibitor_id TEXT NOT NULL REFERENCES fair_participants (id),
    buyer_id TEXT NOT NULL REFERENCES fair_participants (id),
    by_exhibitor TEXT NOT NULL CHECK (by_exhibitor IN ('none', 'no_thanks', 'meet', 'must_meet')),
    exhibitor_note TEXT NOT NULL DEFAULT '',
    by_buyer TEXT NOT NULL CHECK (by_buyer IN ('none', 'no_thanks', 'meet', 'must_meet')),
    buyer_note TEXT NOT NULL DEFAULT '',
    updated_at_ms BIGINT NOT NULL,
    PRIMARY KEY (exhibitor_id, buyer_id)
);

CREATE INDEX fair_preferences_event ON fair_preferences (event_id);
CREATE INDEX fair_preferences_buyer ON fair_preferences (buyer_id);

-- One run of the scheduler. based_on: the schedule that was published when it ran (its meetings
-- were kept where still possible).
CREATE TABLE fair_schedules (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES fair_events (id),
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    based_on TEXT REFERENCES fair_schedules (id),
    requested_by TEXT NOT NULL,
    solve_time_ms BIGINT NOT NULL CHECK (solve_time_ms >= 1),
    method TEXT,
    weight BIGINT NOT NULL DEFAULT 0,
    weight_bound BIGINT NOT NULL DEFAULT 0,
    gap BIGINT NOT NULL DEFAULT 0,
    optimal BIGINT NOT NULL DEFAULT 0 CHECK (optimal IN (0, 1)),
    must_meets_met BIGINT NOT NULL DEFAULT 0,
    must_meets_bound BIGINT NOT NULL DEFAULT 0,
    meeting_count BIGINT NOT NULL DEFAULT 0,
    error TEXT,
    created_at_ms BIGINT NOT NULL,
    finished_at_ms BIGINT
);

CREATE INDEX fair_schedules_event ON fair_schedules (event_id, id);

-- A meeting keeps its id from run to run while it is kept or moved, so outcomes and intended orders
-- recorded against it survive a rerun.
CREATE TABLE fair_meetings (
    schedule_id TEXT NOT NULL REFERENCES fair_schedules (id),
    id TEXT NOT NULL,
    exhibitor_id TEXT NOT NULL REFERENCES fair_participants (id),
    buyer_id TEXT NOT NULL REFERENCES fair_participants (id),
    slot_id TEXT NOT NULL REFERENCES fair_slots (id),
    table_id TEXT NOT NULL REFERENCES fair_tables (id),
    weight BIGINT NOT NULL,
    PRIMARY KEY (schedule_id, id)
);

CREATE INDEX fair_meetings_exhibitor ON fair_meetings (schedule_id, exhibitor_id);
CREATE INDEX fair_meetings_buyer ON fair_meetings (schedule_id, buyer_id);

-- What a schedule says beside its meetings:
--   must_meet_unmet  a pair one side rated must_meet that is not scheduled (reason; vetoed: the other side said no_thanks)
--   minimum_unmet    a participant below its minimum (participant_id, reason, meetings_min, scheduled)
--   kept/moved/dropped  a meeting of the published schedule it was based on (meeting_id; moved: now in slot/table)
CREATE TABLE fair_schedule_notes (
    schedule_id TEXT NOT NULL REFERENCES fair_schedules (id),
    position BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('must_meet_unmet', 'minimum_unmet', 'kept', 'moved', 'dropped')),
    exhibitor_id TEXT,
    buyer_id TEXT,
    participant_id TEXT,
    meeting_id TEXT,
    reason TEXT,
    vetoed BIGINT NOT NULL DEFAULT 0 CHECK (vetoed IN (0, 1)),
    meetings_min BIGINT NOT NULL DEFAULT 0,
    scheduled BIGINT NOT NULL DEFAULT 0,
    before_slot_id TEXT,
    before_table_id TEXT,
    after_slot_id TEXT,
    after_table_id TEXT,
    PRIMARY KEY (schedule_id, position)
);

CREATE INDEX fair_schedule_notes_exhibitor ON fair_schedule_notes (schedule_id, exhibitor_id);
CREATE INDEX fair_schedule_notes_buyer ON fair_schedule_notes (schedule_id, buyer_id);
