#pragma once
// HTTP routes of the market module. Thin handlers: decode (market_json.h) → service (which checks
// permissions, market/market_access.h) → encode. All need a signed-in user.
//
//   GET    /api/v1/market/nodes                                  origins (counties) and destinations (districts)
//   GET    /api/v1/lanes                                         filters origin, destination, mode
//   POST   /api/v1/lanes                                         admin
//   GET    /api/v1/lanes/{id}
//   PUT    /api/v1/lanes/{id}                                    admin
//   DELETE /api/v1/lanes/{id}                                    admin (not once a proposal names it)
//   GET    /api/v1/offers                                        filters org, product, status; scoped roles: own org
//   POST   /api/v1/offers                                        admin; a producer for itself (Idempotency-Key)
//   GET    /api/v1/offers/{id}                                   as the list (another org's: 403)
//   PUT    /api/v1/offers/{id}                                   admin; its producer
//   POST   /api/v1/offers/{id}/withdraw                          admin; its producer
//   GET|POST /api/v1/demands…                                    the same for buyers
//   POST   /api/v1/allocations                                   admin, fund_officer: 202 + the queued run
//   GET    /api/v1/allocations                                   newest first
//   GET    /api/v1/allocations/{id}                              status and totals
//   GET    /api/v1/allocations/{id}/proposals                    scoped roles: proposals their org is a side of
//   GET    /api/v1/allocations/{id}/unmet                        demand the run could not meet
//   POST   /api/v1/allocations/{id}/proposals/{proposal_id}/accept   the seller's producer or the buyer
//   POST   /api/v1/allocations/{id}/proposals/{proposal_id}/decline  (each for its own side)

#include "http/router.h"
#include "http/routes/route_support.h"  // ExportNames
#include "market/market.h"

namespace kl::http {

void add_market_routes(Router& router, market::Market& market, const ExportNames& names = {});

}  // namespace kl::http
