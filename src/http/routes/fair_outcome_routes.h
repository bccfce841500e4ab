#pragma once
// HTTP routes of what happens at an event (src/fair/fair_outcome_service.h) and of its report
// (src/fair/fair_report.h). Thin handlers: decode → FairOutcomeService / FairReporter (which check
// who may) → encode. All need a session.
//
//   PUT|GET /api/v1/fairs/{id}/meetings/{mid}/outcome                   a meeting's outcome and history
//   POST /api/v1/fairs/{id}/meetings/{mid}/intents                      an intended order (Idempotency-Key required)
//   POST /api/v1/fairs/{id}/participants/{pid}/onsite-sales             an on-site sale (Idempotency-Key required)
//   GET  /api/v1/fairs/{id}/orders                                      the event's orders (?kind=, ?meeting=, ?exhibitor=)
//   GET  /api/v1/fairs/{id}/participants/{pid}/onsite-sales/{oid}/receipt   JSON or ?format=pdf, ?lang=zh|en
//   GET  /api/v1/reports/fairs/{id}                                     the event's report; ?format=csv|xlsx

#include "fair/fair_outcome_service.h"
#include "http/router.h"

namespace kl::http {

void add_fair_outcome_routes(Router& router, fair::FairAtEvent& at_event);
void add_fair_report_routes(Router& router, fair::FairAtEvent& at_event);

}  // namespace kl::http
