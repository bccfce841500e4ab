-- Deleting a lane (lane_service.cpp LaneService::remove) first asks whether any proposal names it,
-- and the DELETE itself makes the database check the foreign key allocation_proposals.lane_id the
-- same way. Without an index on lane_id both read every proposal of every run (some 21,700 per run
-- of the benchmark's size, and runs accumulate). Proposals reference a lane whatever their status, so
-- unlike 0011's indexes this one cannot be partial: each stored proposal pays one more b-tree insert,
-- which we accept because a lane's key is short and deletes must stay fast as the table grows.
CREATE INDEX allocation_proposals_lane ON allocation_proposals (lane_id);
