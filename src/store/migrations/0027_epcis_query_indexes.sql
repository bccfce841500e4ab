-- The EPCIS query interface (GET /api/v1/epcis/events, trace/epcis_repo.h): indexes for the filters
-- its parameters map to. eventTime already has trace_events_time and the lists' lots
-- trace_event_quantities_lot; EQ_bizStep, EQ_bizLocation, MATCH_anyEPC on a pallet's SSCC (parentID)
-- and EQ_bizTransaction_<type> had none. Each ends in the row id, the keyset the pages walk.
CREATE INDEX trace_events_biz_step ON trace_events (biz_step, id);
CREATE INDEX trace_events_biz_location ON trace_events (biz_location, id);
CREATE INDEX trace_events_parent ON trace_events (parent_id);
CREATE INDEX trace_event_biz_transactions_uri ON trace_event_biz_transactions (type, biz_transaction, event_pk);
