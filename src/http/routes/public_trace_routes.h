#pragma once
// The public trace page's routes (src/trace/public_trace.h), open to anyone, each limited per client
// address (the address without its port, an IPv6 client by its /64: access/login_throttle.h's
// address key) by the in-memory token bucket of trace/public_trace_limiter.h — over it, 429 with
// Retry-After:
//
//   GET /api/v1/public/trace/{code}   the page's data (no prices, buyers, orders or people); an
//                                     unknown code 404 after the same work; counts one scan
//   GET /t/{code}.svg, /t/{code}.png  a QR code of the page's own address (public_base_url + /t/<code>,
//                                     else http://<Host>/t/<code>); 404 for an unknown code
//   GET /api/v1/lots/{id}/scans       the lot's scans per Beijing day (signed in, scoped as the lot)
//
// The console's page /t/<code> itself is the console's (index.html; the router never matches it, since
// these image routes only match a segment ending in .svg or .png).

#include <string>

#include "http/router.h"
#include "trace/trace.h"

namespace kl::http {

struct PublicTraceRouteOptions {
    // The address the printed codes lead to, such as https://kashlink.example (no trailing slash);
    // empty: the request's Host over http.
    std::string public_base_url;
};

void add_public_trace_routes(Router& router, trace::Trace& trace, PublicTraceRouteOptions options = {});

}  // namespace kl::http
