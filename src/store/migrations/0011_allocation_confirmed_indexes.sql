-- A run stores its proposals in one write (about 21,700 for 20,000 offers x 5,000 demands), and
-- nearly all of them stay 'proposed'. The only lookups of proposals by offer or by demand sum the
-- *confirmed* ones: what a run may still allocate (allocation_repo.cpp load_instance) and the room
-- check when both sides accept (allocation_service.cpp check_room). So these two indexes hold only
-- confirmed proposals: storing a run's proposals no longer inserts into them (they were two of the
-- four b-trees every proposal went into, and grew with every run), and the sums read the index
-- alone (quantity_g, and aided for the aid minimum, are in it). Both SQLite and PostgreSQL use a
-- partial index when the query says status = 'confirmed' in so many words.
-- Numbered 0011: main's 0009_daily_jobs.sql and 0010_listing_refs.sql come first in name order.
DROP INDEX allocation_proposals_offer;
DROP INDEX allocation_proposals_demand;
CREATE INDEX allocation_proposals_offer_confirmed ON allocation_proposals (offer_id, quantity_g)
    WHERE status = 'confirmed';
CREATE INDEX allocation_proposals_demand_confirmed ON allocation_proposals (demand_id, aided, quantity_g)
    WHERE status = 'confirmed';
