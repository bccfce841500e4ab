-- The to-do home (GET /api/v1/me/todo) counts the proposals awaiting one organisation's decision on
-- each side; without these, each count read every proposal of every run.
CREATE INDEX allocation_proposals_seller ON allocation_proposals (seller_org_id, status);
CREATE INDEX allocation_proposals_buyer ON allocation_proposals (buyer_org_id, status);
