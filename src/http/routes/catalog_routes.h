#pragma once
// HTTP routes of the catalog module. Thin handlers: decode (catalog_json.h) → service (which checks
// permissions, catalog_access.h) → encode. "open" routes need no session but use one when given
// (a producer sees its drafts); the others need a signed-in user.
//
//   GET    /api/v1/counties                              open
//   GET    /api/v1/districts                             open
//   GET    /api/v1/categories                            open: the tree, depth first
//   POST   /api/v1/categories                            admin
//   PUT    /api/v1/categories/{id}                       admin: rename, reorder, move
//   GET    /api/v1/organisations                         filters kind, county, district, channel, q;
//                                                        scoped roles see their own (a county officer
//                                                        also its county's producers)
//   POST   /api/v1/organisations                         admin (Idempotency-Key)
//   GET    /api/v1/organisations/{id}                    as the list
//   PUT    /api/v1/organisations/{id}                    admin
//   GET    /api/v1/organisations/{id}/supply-links       whoever reads the enterprise
//   PUT    /api/v1/organisations/{id}/supply-links       admin; a producer for its own
//   GET    /api/v1/products                              open: filters county, category (and below),
//                                                        channel, producer, status, certified_on, q
//   POST   /api/v1/products                              admin; a producer for itself (Idempotency-Key)
//   GET    /api/v1/products/{id}                         open (drafts: owner, county, programme-wide)
//   PUT    /api/v1/products/{id}                         admin; its producer
//   GET    /api/v1/products/{id}/standard                open
//   PUT    /api/v1/products/{id}/standard                admin; its producer
//   GET    /api/v1/products/{id}/certifications          open: history and status on ?on= (today)
//   POST   /api/v1/products/{id}/certifications          county officer of its county (Idempotency-Key)
//   POST   /api/v1/certifications/{id}/objections        signed-in users but the auditor, in notice
//   POST   /api/v1/certifications/{id}/revoke            county officer of its county
//
// The public catalogue includes list prices and quantity tiers: they are the prices the programme
// publishes ("good quality at good prices"), and buyers compare them before they ask for offers.

#include "catalog/catalog.h"
#include "http/router.h"

namespace kl::http {

void add_catalog_routes(Router& router, catalog::Catalog& catalog);

}  // namespace kl::http
