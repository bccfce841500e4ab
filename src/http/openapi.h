#pragma once
// The OpenAPI 3.0.3 document, generated from the Router so it cannot drift from what is served
// (a test walks both ways: every route is documented, every documented operation is routable).

#include <string>

namespace kl::http {

class Router;

struct OpenApiInfo {
    std::string title = "Kashlink API";
    std::string version = "0.1.0";
    std::string description =
        "Kashlink (喀沪通): the paired-assistance platform linking Kashgar producers with Shanghai buyers.";
};

// The document as JSON text. Asserts that every schema in the router is valid JSON (a bug otherwise;
// the OpenAPI test builds the whole router, so a typo cannot ship).
std::string build_openapi(const Router& router, const OpenApiInfo& info);

}  // namespace kl::http
