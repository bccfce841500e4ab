#pragma once
// HTTP routes of import and export (src/exchange). Thin handlers: read the body or the filters →
// ExchangeService (which checks permissions) → a JSON report or a file.
//
//   POST /api/v1/imports/products             text/csv; admin any producer, a producer its own rows
//   POST /api/v1/imports/organisations        text/csv; admin
//   GET  /api/v1/exports/products.csv|.xlsx   open: what GET /products shows the caller, same filters
//   GET  /api/v1/exports/organisations.csv|.xlsx   as GET /organisations, same filters
//   GET  /api/v1/exports/counties|districts|categories.csv|.xlsx   open
//   GET  /api/v1/exports/users.csv|.xlsx      admin, auditor
//
// A rejected import answers problem+json with one entry in `errors` per problem, `field` naming the
// row and the column: "row 7/grade2_price_fen" (the header is row 1), "header/channels" for the
// header, "file" for the file as a whole (README "Import and export").

#include "exchange/exchange_service.h"
#include "http/router.h"

namespace kl::http {

void add_exchange_routes(Router& router, exchange::ExchangeService& exchange);

}  // namespace kl::http
