#pragma once
// HTTP routes of the Chief Service Officer book (src/servicebook). Thin handlers: decode (the kit's
// readers) → ServiceBook (which checks roles and scopes a county officer to its county) → encode
// (servicebook_json.h). All need a session.
//
//   GET|POST /api/v1/servicebook/{enterprises,visits,requests,investments,events}   lists: county, paging
//   POST /api/v1/servicebook/requests/{id}/status   POST /api/v1/servicebook/investments/{id}/stage
//   GET  /api/v1/servicebook/counts             ?from=&to= (default: this year)&format=json|csv|xlsx

#include "http/router.h"
#include "http/routes/route_support.h"  // ExportNames
#include "servicebook/servicebook.h"

namespace kl::http {

void add_servicebook_routes(Router& router, servicebook::ServiceBook& book, const ExportNames& names = {});

}  // namespace kl::http
