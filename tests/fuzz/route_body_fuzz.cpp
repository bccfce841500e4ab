// Every route's JSON body decoder (issue 18 item 1), driven from the router: the input's first line
// names a route that reads a JSON body ("POST /api/v1/orders"; any other line picks one by its hash),
// the next lines its path parameters, the rest is the body. It goes through the pipeline as a signed-in
// admin to the real handler and service over a throwaway SQLite database (fuzz_world.h), so a route
// added to the router is fuzzed with no new code. Crash: a sanitizer report, an assert, or a 500.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_world.h"

namespace {

using kl::fuzz::FuzzWorld;

// POST, PUT and PATCH routes that document a JSON body (application/json or EPCIS's
// application/ld+json); the CSV imports have their own harness (imports_fuzz.cpp).
const std::vector<const kl::http::Route*>& body_routes() {
    static const std::vector<const kl::http::Route*> routes = [] {
        std::vector<const kl::http::Route*> out;
        for (const kl::http::Route* route : FuzzWorld::get().routes()) {
            const std::string& type = route->doc.request_content_type;
            if (!route->doc.request_schema.empty() && type.find("json") != std::string::npos) out.push_back(route);
        }
        return out;
    }();
    return routes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    FuzzWorld::get().send_input(std::string_view(reinterpret_cast<const char*>(data), size), body_routes(),
                                FuzzWorld::Payload::body);
    return 0;
}

extern "C" int KlFuzzWriteSeeds(const char* dir) {
    FuzzWorld::get().write_seeds(dir, body_routes(), FuzzWorld::Payload::body);
    return 0;
}
