-- Fair badges (src/fair/fair_print.h, README "Agendas, badges and table plans"): the check-in token
-- a participant's badge carries in its QR code, issued the first time the badge is printed and never
-- changed, so a reprinted badge carries the same code. `lookup` is the token's first 8 characters
-- (found through the index); the rest is a secret the service compares in constant time. The token
-- is kept whole, not only hashed, because a badge is printed again with the same code.

CREATE TABLE fair_badges (
    participant_id TEXT PRIMARY KEY REFERENCES fair_participants (id),
    event_id TEXT NOT NULL REFERENCES fair_events (id),
    lookup TEXT NOT NULL CHECK (length(lookup) = 8),
    token TEXT NOT NULL CHECK (length(token) = 40),
    issued_at_ms BIGINT NOT NULL
);

CREATE INDEX fair_badges_lookup ON fair_badges (event_id, lookup);
