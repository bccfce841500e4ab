#pragma once
// HTTP routes of fairs and matchmaking events (src/fair). Thin handlers: decode (the kit's readers)
// → FairService / ScheduleService (which check who may) → encode (fair_json.h). All need a session.
//
//   GET|POST /api/v1/fairs                                   events (admin creates)
//   GET  /api/v1/fairs/{id}                                  POST /api/v1/fairs/{id}/organisers, /state
//   GET|POST /api/v1/fairs/{id}/sessions                     a session's slots are generated
//   GET  /api/v1/fairs/{id}/slots                            GET|POST /api/v1/fairs/{id}/tables
//   GET|POST /api/v1/fairs/{id}/participants                 ?side=; POST …/participants/import (CSV)
//   GET  /api/v1/fairs/{id}/participants/{pid}               POST …/{pid}/check-in, …/{pid}/withdraw
//   GET  /api/v1/fairs/{id}/participants/{pid}/preferences   PUT …/preferences/{counterpart_id}
//   GET  /api/v1/fairs/{id}/participants/{pid}/recommendations
//   POST /api/v1/fairs/{id}/schedules (Idempotency-Key; 202) GET …/schedules, …/{sid}, …/{sid}/meetings
//   POST /api/v1/fairs/{id}/schedules/{sid}/publish
//   fair_print_routes.cpp: GET …/participants/{pid}/agenda (?format=json|pdf|ics), …/{pid}/badge,
//   GET …/badges, POST …/check-in (a badge's token), GET …/table-plan (?format=json|csv|xlsx|pdf)

#include "fair/fair.h"
#include "http/router.h"

namespace kl::http {

void add_fair_routes(Router& router, fair::Fairs& fairs);
// The printing routes (fair_print_routes.cpp), added by add_fair_routes.
void add_fair_print_routes(Router& router, fair::Fairs& fairs);

}  // namespace kl::http
