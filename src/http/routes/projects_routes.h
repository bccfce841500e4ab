#pragma once
// HTTP routes of the projects module (the service book's: servicebook_routes.h). Thin handlers: decode (projects_json.h)
// → service (which checks permissions, src/projects/project_access.h) → encode. All need a session.
//
//   GET  /api/v1/projects                       county, year, status, sector; scoped by county
//   POST /api/v1/projects                       fund officer, admin, county officer (own county)
//   GET  /api/v1/projects/{id}                  with milestones, progress, inspections, attachments
//   PUT  /api/v1/projects/{id}                  while planned
//   POST /api/v1/projects/{id}/transitions      {"to": "approved", "on": "YYYY-MM-DD"}; 409 if illegal
//   POST /api/v1/projects/{id}/milestones       POST /api/v1/milestones/{id}/done
//   POST /api/v1/projects/{id}/progress         POST /api/v1/progress/{id}/verify (fund officer)
//   POST /api/v1/projects/{id}/inspections      POST /api/v1/inspections/{id}/rectify
//   POST /api/v1/projects/{id}/attachments      by reference: file name, SHA-256, size
//   GET  /api/v1/contracts   POST /api/v1/contracts   GET /api/v1/contracts/{id}
//   POST /api/v1/contracts/{id}/modifications   fund officer
//   GET  /api/v1/contracts/{id}/invoices        POST /api/v1/invoices
//   GET  /api/v1/payment-requests               status, project, contract (the approval queue)
//   POST /api/v1/payment-requests               → the request and the flags it raised
//   GET  /api/v1/payment-requests/{id}
//   POST /api/v1/payment-requests/{id}/approve | reject | pay   (pay: 422 with the reason if refused)
//   GET  /api/v1/risk/flags  GET /api/v1/risk/flags/{id}  POST /api/v1/risk/flags/{id}/review
//   POST /api/v1/risk/scan (admin)   GET|PUT /api/v1/risk/settings
//   GET  /api/v1/reports/projects               ?year=&format=json|csv|xlsx

#include "http/router.h"
#include "http/routes/route_support.h"  // ExportNames
#include "projects/projects.h"

namespace kl::http {

void add_projects_routes(Router& router, projects::Projects& projects, const ExportNames& names = {});

}  // namespace kl::http
