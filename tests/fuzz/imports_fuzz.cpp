// The modules' CSV imports (issue 18 item 1: products, organisations, offers and demands, online sales,
// fair participants…), driven from the router: every route whose request body is text/csv. The
// input's first line names the route (another line picks one by its hash), the next lines its path
// parameters, the rest is the file, sent through the pipeline as a signed-in admin over a throwaway
// SQLite database (fuzz_world.h): CSV parsing (src/sheets), header and cell decoding, and the rows
// applied in one transaction. Crash: a sanitizer report, an assert, or a 500.
//
// XLSX is written by the platform (exports), never read: there is no XLSX importer to fuzz.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_world.h"

namespace {

using kl::fuzz::FuzzWorld;

const std::vector<const kl::http::Route*>& import_routes() {
    static const std::vector<const kl::http::Route*> routes = [] {
        std::vector<const kl::http::Route*> out;
        for (const kl::http::Route* route : FuzzWorld::get().routes()) {
            if (route->doc.request_content_type.starts_with("text/csv")) out.push_back(route);
        }
        return out;
    }();
    return routes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    FuzzWorld::get().send_input(std::string_view(reinterpret_cast<const char*>(data), size), import_routes(),
                                FuzzWorld::Payload::body);
    return 0;
}

extern "C" int KlFuzzWriteSeeds(const char* dir) {
    FuzzWorld::get().write_import_seeds(dir, import_routes());
    return 0;
}
