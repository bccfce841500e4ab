#pragma once
// The EPCIS 2.0 interface of traceability (trace/epcis_service.h, codec epcis_json.h). Both need a
// session; who may capture and what a query returns follow trace/trace_access.h.
//
//   POST /api/v1/epcis/capture   an EPCISDocument (application/ld+json or application/json) of up
//                                to 10,000 events, all or nothing; Idempotency-Key. 201 with counts
//                                {captured, alreadyPresent, declared, eventIDs}; 200 when every
//                                event was stored already. Synchronous (README says why).
//   GET  /api/v1/epcis/events    the EPCIS query parameters eventType, GE_eventTime, LT_eventTime,
//                                EQ_bizStep, EQ_disposition, MATCH_epc, MATCH_anyEPC (and their
//                                …EPCClass spellings), EQ_bizLocation, EQ_bizTransaction_<type>,
//                                perPage, nextPageToken → an EPCISQueryDocument (application/ld+json),
//                                the next page's address in a Link header (rel="next").

#include "http/router.h"
#include "trace/trace.h"

namespace kl::http {

void add_epcis_routes(Router& router, trace::Trace& trace);

}  // namespace kl::http
